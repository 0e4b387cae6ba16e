// Bad input to lib/networks/pinn: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PINN, trainPinn, relativeL2 } from './pinn';
import { buildMlp } from './train';
import { tanhAct } from '../core/activations';

const cases: [string, () => unknown, RegExp][] = [
];

test('pinn: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('pinn: bad input gets a clear error naming the argument and the value', async () => {
  await assert.rejects(trainPinn(tanhAct(), () => 1, () => 0, { ...DEFAULT_PINN, seed: 1, steps: 1e9 }), /trainPinn for 1000000000 steps: estimated cost 1.00e\+9 optimizer steps exceeds the limit/);
  await assert.rejects(trainPinn(tanhAct(), () => NaN, () => 0, { ...DEFAULT_PINN, seed: 1, steps: 2 }), /trainPinn: f and uExact must be finite on \[0, 1\], but f\(0.5\)=NaN/);
  const mlp = buildMlp({ inputDim: 1, widths: [2], outputDim: 1, activation: tanhAct(), seed: 1 });
  assert.throws(() => relativeL2(mlp, () => 0), /relativeL2: uExact must be finite and not identically zero on \[0, 1\], but Σ uExact² = 0/);
  mlp.dispose();
});

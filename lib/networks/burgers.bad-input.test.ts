// Bad input to lib/networks/burgers: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burgersFiniteDifference, burgersPoints, relativeL2Error, trainBurgersPinn } from './burgers';
import { tanhAct } from '../core/activations';

const cases: [string, () => unknown, RegExp][] = [
  ["FD nx 1e9", () => burgersFiniteDifference(1e9, 1), /burgersFiniteDifference with nx=1000000000: estimated cost 1.00e\+9 cells exceeds the limit/],
  ["FD tEnd 1e9", () => burgersFiniteDifference(1001, 1e9), /burgersFiniteDifference with nx=1001 to tEnd=1000000000 .*: estimated cost .* cell updates exceeds the limit/],
  ["burgersPoints 1e12", () => burgersPoints(1e12, 10, 1), /burgersPoints with 1000000000000 \+ 10 points: estimated cost/],
  ["relativeL2Error zero ref", () => relativeL2Error([1], [0]), /relativeL2Error: ref is all zero \(1 values\), so the relative error is undefined/],
  ["relativeL2Error NaN ref", () => relativeL2Error([1, 2], [1, NaN]), /ref\[1\] must be finite, but got NaN/],
];

test('burgers: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('trainBurgersPinn: absurd steps fail before any work; a sane run is not flagged exploded', async () => {
  const base = { widths: [4], nColloc: 16, nData: 8, lr: 1e-3, cw: 1, cb: 0, seed: 1, reportEvery: 1 };
  await assert.rejects(trainBurgersPinn(tanhAct(), { ...base, steps: 1e9 }), /trainBurgersPinn for 1000000000 steps: estimated cost 1.00e\+9 optimizer steps exceeds the limit/);
  const r = await trainBurgersPinn(tanhAct(), { ...base, steps: 2 });
  assert.equal(r.exploded, false);
  r.mlp.dispose();
  assert.equal(relativeL2Error([1, 1], [1, 1]), 0);
});

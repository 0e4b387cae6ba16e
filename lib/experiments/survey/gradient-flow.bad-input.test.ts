// Bad input to lib/experiments/survey/gradient-flow: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepNetLoss, initDeepNet, layerGradientNorms, layersUntilVanished } from './gradient-flow';
import { tanhAct } from '../../core/activations';

const net = initDeepNet({ activation: tanhAct(), inputDim: 1, width: 3, depth: 2, cw: 1, cb: 0, seed: 1 });

const cases: [string, () => unknown, RegExp][] = [
  ["initDeepNet huge", () => initDeepNet({ activation: tanhAct(), inputDim: 1, width: 1e4, depth: 1e3, cw: 1, cb: 0, seed: 1 }), /initDeepNet with depth 1000 × width 10000: estimated cost/],
  ["layersUntilVanished empty", () => layersUntilVanished([]), /layersUntilVanished: norms must hold at least one layer norm, but got none/],
  ["layersUntilVanished NaN", () => layersUntilVanished([1, NaN]), /layersUntilVanished: norms\[1\] must be a norm >= 0 \(∞ = exploded\), but got NaN/],
  ["deepNetLoss empty", () => deepNetLoss(net, [], []), /deepNetLoss: x must hold at least one input row, but got 0/],
  ["layerGradientNorms wrong width", () => layerGradientNorms(net, [[1, 2]], [0]), /layerGradientNorms: x\[0\] has 2 entries, expected inputDim = 1/],
  ["deepNetLoss y NaN", () => deepNetLoss(net, [[1]], [NaN]), /y\[0\] must be finite, but got NaN/],
];

test('gradient-flow: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('gradient flow: the good path is unchanged', () => {
  assert.equal(layersUntilVanished([1e-8, 1e-5, 1e-3, 1]), 4);
  assert.equal(layersUntilVanished([1, Infinity]), null);
  assert.ok(Number.isFinite(deepNetLoss(net, [[1]], [0])));
});

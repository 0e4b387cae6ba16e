import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initDeepNet, layerGradientNorms, deepNetLoss, layersUntilVanished } from './gradient-flow';
import { tanhAct, sigmoidAct, relu } from '../../core/activations';
import { makeRng } from '../../core/rng';

test('backprop gradient norms equal finite-difference gradients (second route), every layer', () => {
  const rng = makeRng(3);
  const x = Array.from({ length: 5 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const y = x.map(() => rng.normal());
  for (const act of [tanhAct(), sigmoidAct()]) {
    const net = initDeepNet({ activation: act, inputDim: 3, width: 4, depth: 3, cw: 1.5, cb: 0.1, seed: 1 });
    const norms = layerGradientNorms(net, x, y);
    net.W.forEach((w, l) => {
      let s = 0;
      for (let k = 0; k < w.length; k++) {
        const h = 1e-6, keep = w[k];
        w[k] = keep + h; const lp = deepNetLoss(net, x, y);
        w[k] = keep - h; const lm = deepNetLoss(net, x, y);
        w[k] = keep;
        s += ((lp - lm) / (2 * h)) ** 2;
      }
      assert.ok(Math.abs(Math.sqrt(s) - norms[l]) < 1e-6 * (1 + norms[l]), `${act.label} layer ${l + 1}: ${Math.sqrt(s)} vs ${norms[l]}`);
    });
  }
});

test('init variance: W has variance cw/fan_in', () => {
  const net = initDeepNet({ activation: relu(), inputDim: 100, width: 200, depth: 2, cw: 2, cb: 0, seed: 4 });
  let s = 0;
  for (const v of net.W[1]) s += v * v;
  assert.ok(Math.abs(s / net.W[1].length - 2 / 200) < 0.001);
});

test('layersUntilVanished counts from the output', () => {
  assert.equal(layersUntilVanished([1e-8, 1e-5, 1e-3, 1]), 4);
  assert.equal(layersUntilVanished([1e-8, 1e-7, 1e-3, 1]), 3);
  assert.equal(layersUntilVanished([1, 1]), null);
});

test('bad sizes are refused', () => {
  assert.throws(() => initDeepNet({ activation: relu(), inputDim: 2, width: -4, depth: 3, cw: 1, cb: 0, seed: 1 }), /width must be an integer >= 1, but got -4/);
  assert.throws(() => initDeepNet({ activation: relu(), inputDim: 2, width: 4, depth: 3, cw: NaN, cb: 0, seed: 1 }), /cw must be a finite number, but got NaN/);
});

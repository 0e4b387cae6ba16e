import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neuronLoss, neuronGradient, neuronHessian, eig2, neuronDescent } from './single-neuron';
import { tanhAct, softplusAct, relu, heaviside, swish } from '../../core/activations';

const d = { x: [-1.5, -0.3, 0.4, 1.1, 2.0], y: [0.1, -0.2, 0.5, 0.7, 1.4] };

test('gradient and Hessian equal finite differences of the loss (second route)', () => {
  for (const act of [tanhAct(), softplusAct(), swish(1.7)]) {
    const [w, b] = [0.7, -0.2], h = 1e-5;
    const g = neuronGradient(act, w, b, d);
    const fw = (neuronLoss(act, w + h, b, d) - neuronLoss(act, w - h, b, d)) / (2 * h);
    const fb = (neuronLoss(act, w, b + h, d) - neuronLoss(act, w, b - h, d)) / (2 * h);
    assert.ok(Math.abs(g[0] - fw) < 1e-8 && Math.abs(g[1] - fb) < 1e-8, act.label);
    const H = neuronHessian(act, w, b, d);
    const gp = neuronGradient(act, w + h, b, d), gm = neuronGradient(act, w - h, b, d);
    assert.ok(Math.abs(H[0][0] - (gp[0] - gm[0]) / (2 * h)) < 1e-7, act.label);
    assert.ok(Math.abs(H[1][0] - (gp[1] - gm[1]) / (2 * h)) < 1e-7, act.label);
  }
});

test('Heaviside: zero gradient everywhere off the kinks, so descent cannot move', () => {
  const g = neuronGradient(heaviside(), 0.5, 0.1, d);
  assert.deepEqual(g.map(Math.abs), [0, 0]);
  const r = neuronDescent(heaviside(), d, { w0: 0.5, b0: 0.1, lr: 0.5, steps: 20 });
  assert.equal(r.path.at(-1)!.w, 0.5);
});

test('ReLU: the Hessian is the Gauss–Newton term on active points only (f″ = 0)', () => {
  const H = neuronHessian(relu(), 1, 0, d);
  const active = d.x.filter((x) => x > 0);
  assert.ok(Math.abs(H[0][0] - active.reduce((s, x) => s + x * x, 0) / d.x.length) < 1e-12);
});

test('eig2 against the characteristic polynomial; descent stops on divergence without NaN', () => {
  const [a, b] = eig2([[2, 1], [1, 3]]);
  for (const l of [a, b]) assert.ok(Math.abs((2 - l) * (3 - l) - 1) < 1e-12);
  const big = { x: [1e3, -2e3, 5e3], y: [1e3, -2e3, 5e3] };
  const r = neuronDescent(relu(), big, { w0: 2, b0: 0, lr: 1, steps: 50 });
  assert.notEqual(r.divergedAt, null);
  assert.ok(r.path.every((p) => Number.isFinite(p.loss)));
  assert.throws(() => neuronDescent(relu(), { x: [1, NaN], y: [0, 0] }, { w0: 0, b0: 0, lr: 1, steps: 1 }), /x\[1\] must be finite, but got NaN/);
});

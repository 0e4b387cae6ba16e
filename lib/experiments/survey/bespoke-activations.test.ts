import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { tanhAct } from '../../core/activations';
import { bsplineActivation, gtoActivation, fromZoo, fitOneHidden, netDeriv, derivativeJump } from './bespoke-activations';

before(async () => { await tf.setBackend('cpu'); });

test('B-splines: partition of unity Σ_j B_k(x − j) = 1 and unit integral (independent identities)', () => {
  for (const k of [1, 2, 3, 4]) {
    const B = bsplineActivation(k);
    for (const x of [0.13, 0.5, 0.77]) {
      let s = 0;
      for (let j = -6; j <= 6; j++) s += B.f(x - j);
      assert.ok(Math.abs(s - 1) < 1e-12, `k=${k}: ${s}`);
    }
    let integral = 0;
    const h = 1e-3;
    for (let x = -4; x < 4; x += h) integral += B.f(x + h / 2) * h;
    assert.ok(Math.abs(integral - 1) < 1e-6);
  }
});

test('analytic derivatives equal finite differences; TF ops equal float64 f; nested tf.grad equals f″', () => {
  for (const act of [bsplineActivation(3), gtoActivation(0, 1.3), gtoActivation(1), gtoActivation(2)]) {
    const xs = [-0.73, 0.21, 0.94];
    const h = 1e-5;
    for (const x of xs) {
      for (const m of [0, 1]) {
        const fd = (act.deriv(x + h, m) - act.deriv(x - h, m)) / (2 * h);
        assert.ok(Math.abs(fd - act.deriv(x, m + 1)) < 1e-6, `${act.label} m=${m + 1} at ${x}`);
      }
    }
    const X = tf.tensor1d(xs);
    const v = act.op(X).dataSync();
    const d2 = tf.grad((t: tf.Tensor) => tf.grad((s: tf.Tensor) => act.op(s).sum())(t).sum())(X).dataSync();
    xs.forEach((x, i) => {
      assert.ok(Math.abs(v[i] - act.f(x)) < 1e-6);
      assert.ok(Math.abs(d2[i] - act.deriv(x, 2)) < 1e-4, `${act.label} f″(${x}): tf ${d2[i]} vs ${act.deriv(x, 2)}`);
    });
  }
});

test('a fitted spline net is C^{k−1}: derivative jumps vanish below order k and not at k', async () => {
  const xs = Array.from({ length: 32 }, (_, i) => -3 + (6 * i) / 31), ys = xs.map(Math.sin);
  for (const k of [1, 2]) {
    const act = bsplineActivation(k);
    const { net, loss } = await fitOneHidden(act, xs, ys, { width: 8, epochs: 60, lr: 0.02, seed: 2 });
    assert.ok(loss[loss.length - 1] < loss[0]);
    for (let m = 0; m < k; m++) assert.ok(derivativeJump(net, act, m) < 1e-4, `k=${k} m=${m}`);
    assert.ok(derivativeJump(net, act, k) > 1e-3, `k=${k} m=${k}`);
    // netDeriv(m=1) equals finite differences of netDeriv(m=0) away from knots
    const x = 0.3123, h = 1e-6;
    assert.ok(Math.abs((netDeriv(net, act, x + h) - netDeriv(net, act, x - h)) / (2 * h) - netDeriv(net, act, x, 1)) < 1e-5);
  }
  const tanhNet = await fitOneHidden(fromZoo(tanhAct()), xs, ys, { width: 4, epochs: 5, lr: 0.01, seed: 1 });
  assert.equal(derivativeJump(tanhNet.net, fromZoo(tanhAct()), 2), 0);
});

test('bad input throws naming the argument', async () => {
  assert.throws(() => bsplineActivation(0), /degree k/);
  assert.throws(() => gtoActivation(3), /l must be 0, 1 or 2, but got 3/);
  assert.throws(() => gtoActivation(0, -1), /alpha/);
  assert.throws(() => fromZoo(tanhAct()).deriv(0, 3), /up to order 2/);
  await assert.rejects(fitOneHidden(gtoActivation(0), [1, 2], [1], { width: 2, epochs: 1, lr: 0.1, seed: 1 }), /equal length/);
});

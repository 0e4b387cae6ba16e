import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildMlp, predictRows } from './train';
import { tanhAct, relu } from '../core/activations';
import { toMlp64, forward64, valueAndGrad64 } from './mlp-float64';

before(async () => { await tf.setBackend('cpu'); });

test('float64 forward pass equals the TF.js prediction (float32 tolerance)', () => {
  for (const act of [tanhAct(), relu()]) {
    const mlp = buildMlp({ inputDim: 2, widths: [8, 6], outputDim: 1, activation: act, cb: 0.1, seed: 4 });
    const net = toMlp64(mlp);
    const xs = [[0.3, -0.7], [1.2, 0.4], [-2, 1]];
    const tfOut = predictRows(mlp, xs);
    xs.forEach((x, i) => assert.ok(Math.abs(forward64(net, x, act.f)[0] - tfOut[i][0]) < 1e-5));
    mlp.dispose();
  }
});

test('reverse-mode input gradient equals tf.grad and central finite differences', () => {
  const act = tanhAct();
  const mlp = buildMlp({ inputDim: 2, widths: [8, 6], outputDim: 1, activation: act, cb: 0.1, seed: 5 });
  const net = toMlp64(mlp);
  const x = [0.4, -0.3];
  const { value, grad } = valueAndGrad64(net, x, act.f, act.df);
  const g = tf.grad((t: tf.Tensor) => mlp.predict(t as tf.Tensor2D).sum())(tf.tensor2d([x])).dataSync();
  const h = 1e-6;
  for (let i = 0; i < 2; i++) {
    const xp = x.slice(), xm = x.slice();
    xp[i] += h; xm[i] -= h;
    const fd = (forward64(net, xp, act.f)[0] - forward64(net, xm, act.f)[0]) / (2 * h);
    assert.ok(Math.abs(fd - grad[i]) < 1e-7, `FD ${fd} vs ${grad[i]}`);
    assert.ok(Math.abs(g[i] - grad[i]) < 1e-4, `tf.grad ${g[i]} vs ${grad[i]}`);
  }
  assert.equal(value, forward64(net, x, act.f)[0]);
  assert.throws(() => forward64(net, [1], act.f), /x has 1 entries/);
  assert.throws(() => valueAndGrad64(net, [NaN, 0], act.f, act.df), /x/);
  mlp.dispose();
});

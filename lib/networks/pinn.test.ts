import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildMlp } from './train';
import { tanhAct, relu, gelu } from '../core/activations';
import { toMlp64, forward64 } from './mlp-float64';
import { derivatives, pinnLoss, trainPinn, POISSON_SINE, relativeL2 } from './pinn';

before(async () => { await tf.setBackend('cpu'); });

test("u″ by nested tf.grad equals float64 finite differences of the same network (tanh, GELU)", () => {
  for (const act of [tanhAct(), gelu()]) {
    const mlp = buildMlp({ inputDim: 1, widths: [16, 8], outputDim: 1, activation: act, cb: 1, seed: 3 });
    const net = toMlp64(mlp);
    const xs = [0.1, 0.45, 0.8];
    const { d2u, du } = derivatives(mlp, tf.tensor2d(xs, [3, 1]));
    const d2 = d2u.dataSync(), d1 = du.dataSync();
    const h = 1e-4;
    const u = (x: number) => forward64(net, [x], act.f)[0];
    xs.forEach((x, i) => {
      const fd2 = (u(x + h) - 2 * u(x) + u(x - h)) / (h * h);
      const fd1 = (u(x + h) - u(x - h)) / (2 * h);
      assert.ok(Math.abs(fd2 - d2[i]) < 2e-3 * (1 + Math.abs(fd2)), `${act.name} u″ ${d2[i]} vs FD ${fd2}`);
      assert.ok(Math.abs(fd1 - d1[i]) < 1e-4 * (1 + Math.abs(fd1)));
    });
    mlp.dispose();
  }
});

test('a ReLU network has u″ ≡ 0 at generic points, so the residual gives no parameter gradient', () => {
  const mlp = buildMlp({ inputDim: 1, widths: [16], outputDim: 1, activation: relu(), cb: 1, seed: 3 });
  const xs = tf.tensor2d([0.13, 0.37, 0.61, 0.93], [4, 1]);
  assert.deepEqual(Array.from(derivatives(mlp, xs).d2u.dataSync()), [0, 0, 0, 0]);
  // with the BC weight tiny, the gradient of the loss w.r.t. the first-layer weights is (near) zero
  const fc = tf.tensor2d([1, 2, 3, 4], [4, 1]);
  const { grads } = tf.variableGrads(() => pinnLoss(mlp, xs, fc, 1e-9), mlp.params);
  const gW1 = Math.max(...Array.from(grads[mlp.params[0].name].abs().dataSync()));
  assert.ok(gW1 < 1e-6, `|∂L/∂W1| = ${gW1}`);
  mlp.dispose();
});

test('a short tanh PINN run lowers the loss and the error; bad options throw', async () => {
  const r = await trainPinn(tanhAct(), POISSON_SINE.f, POISSON_SINE.u, { widths: [16], nColloc: 16, steps: 150, lr: 0.02, bcWeight: 10, seed: 1, reportEvery: 50 });
  assert.ok(r.history[r.history.length - 1].loss < r.history[0].loss);
  assert.ok(r.relL2 < 0.5, `relL2 ${r.relL2}`);
  assert.equal(relativeL2(r.mlp, POISSON_SINE.u), r.relL2);
  r.mlp.dispose();
  await assert.rejects(trainPinn(tanhAct(), POISSON_SINE.f, POISSON_SINE.u, { widths: [4], nColloc: 1, steps: 1, lr: 0.1, bcWeight: 1, seed: 1 }), /nColloc/);
  await assert.rejects(trainPinn(tanhAct(), POISSON_SINE.f, POISSON_SINE.u, { widths: [4], nColloc: 8, steps: 1, lr: -1, bcWeight: 1, seed: 1 }), /lr/);
});

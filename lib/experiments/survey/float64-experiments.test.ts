import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../../core/activations';
import { resolveTasks } from '../../runtime/experiment';
import { PROFILES } from '../../report/profile';
import { FLOAT64_EXPERIMENTS, flowTask, criticalInit, outlierTask, outlierData, smallNetLossGrad, lbfgs, lbfgsTask } from './float64-experiments';

test('every float64 experiment resolves at every profile', () => {
  for (const e of FLOAT64_EXPERIMENTS) for (const p of PROFILES) assert.ok(resolveTasks(e, p).length > 0, `${e.name} at ${p}`);
});

test('flowTask: deep sigmoid gradients vanish, ReLU at He init keeps them (tiny)', () => {
  const sig = flowTask({ activation: 'sigmoid', cw: 1, cb: 0, init: 'LeCun', depth: 12, width: 16, batch: 4 }, 0);
  const relu = flowTask({ activation: 'relu', cw: 2, cb: 0, init: 'He', depth: 12, width: 16, batch: 4 }, 0);
  assert.equal(sig.norms.length, 13);
  assert.ok(sig.logRatio < relu.logRatio - 2, `sigmoid ${sig.logRatio}, relu ${relu.logRatio}`);
  assert.throws(() => flowTask({ activation: 'relu', cw: -1, cb: 0, init: 'He', depth: 2, width: 4, batch: 2 }, 0), /cw/);
});

test('criticalInit: SiLU and GELU critical points are near C_W ≈ 2 with 0 < C_b < 1', () => {
  for (const a of ['swish', 'gelu'] as const) {
    const c = criticalInit(a);
    assert.ok(c.cw > 1.8 && c.cw < 2.2 && c.cb > 0 && c.cb < 1, `${a}: ${JSON.stringify(c)}`);
  }
});

test('outlierTask: divergence is a 0/1 record, never NaN', () => {
  const r = outlierTask({ tail: 'cauchy', activation: 'relu', n: 200, steps: 50 }, 0);
  assert.ok(r.diverged === 0 || r.diverged === 1);
  assert.ok(r.pathLoss!.every(Number.isFinite));
  assert.equal(outlierData('normal', 10, 3).x.length, 10);
  assert.throws(() => outlierData('levy' as 'normal', 10, 3), /tail/);
});

test('smallNetLossGrad matches central finite differences; L-BFGS decreases the loss', () => {
  const act = activation('tanh');
  const x = [-1, -0.3, 0.4, 1.2], y = x.map(Math.sin);
  const t = [0.3, -0.7, 0.2, 0.1, -0.4, 0.5, 0.6, -0.2, 0.05, 0.3];
  const { grad } = smallNetLossGrad(t, act, x, y);
  for (let i = 0; i < t.length; i++) {
    const h = 1e-6, tp = t.slice(), tm = t.slice();
    tp[i] += h; tm[i] -= h;
    const fd = (smallNetLossGrad(tp, act, x, y).loss - smallNetLossGrad(tm, act, x, y).loss) / (2 * h);
    assert.ok(Math.abs(fd - grad[i]) < 1e-7, `component ${i}: ${fd} vs ${grad[i]}`);
  }
  const r = lbfgs((q) => smallNetLossGrad(q, act, x, y), t, { iters: 30 });
  assert.ok(r.loss[r.loss.length - 1] < r.loss[0]);
  assert.ok(r.loss.every((l, i) => i === 0 || l <= r.loss[i - 1] + 1e-15), 'monotone (Armijo)');
  const task = lbfgsTask({ activation: 'relu', width: 4, iters: 10 }, 0);
  assert.ok(task.finalLoss <= task.loss[0]);
  assert.throws(() => smallNetLossGrad([1, 2], act, x, y), /theta/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDigitsNet, initDigits, digitsPass, digitsHessian, digitsHessianStructured, digitsAccuracy, loadDigits, targetIndex, storedDigitsSpectrum } from './digits';
import { loadStoredRun } from '../../data/milletari-runs';
import { makeRng } from '../../core/rng';

const small = (act: 'relu' | 'sigmoid' | 'esp') => {
  const net = makeDigitsNet(act, 4, 3, 3), rng = makeRng(7);
  const th = initDigits(net, 3, 0.5);
  const X = Float64Array.from({ length: 5 * 4 }, () => rng.uniform());
  return { net, th, X, labels: [0, 1, 2, 3, 1] };
};

test('digitsPass: gradient and H·v match central differences (ReLU, sigmoid, ESP)', () => {
  for (const act of ['relu', 'sigmoid', 'esp'] as const) {
    const { net, th, X, labels } = small(act);
    const { grad } = digitsPass(net, th, X, labels, null);
    const h = 1e-6;
    for (let i = 0; i < net.nParams; i++) {
      const p = Float64Array.from(th), q = Float64Array.from(th);
      p[i] += h; q[i] -= h;
      const fd = (digitsPass(net, p, X, labels, null).loss - digitsPass(net, q, X, labels, null).loss) / (2 * h);
      assert.ok(Math.abs(fd - grad[i]) < 1e-7, `${act} grad[${i}]: ${fd} vs ${grad[i]}`);
      const fdh = digitsPass(net, p, X, labels, null).grad.map((g, k) => (g - digitsPass(net, q, X, labels, null).grad[k]) / (2 * h));
      const e = new Float64Array(net.nParams); e[i] = 1;
      const hv = digitsPass(net, th, X, labels, e).hv!;
      for (let k = 0; k < net.nParams; k++) assert.ok(Math.abs(fdh[k] - hv[k]) < 1e-5, `${act} H[${k},${i}]: ${fdh[k]} vs ${hv[k]}`);
    }
    assert.ok(digitsHessian(net, th, X, labels).asymmetry < 1e-12);
  }
});

test('the authors\' stored digits run (ReLU): their final parameters give their stored accuracies and loss', () => {
  const d = loadDigits();
  assert.equal(d.labelsTrain.length, 1437);
  const run = loadStoredRun('digits', [25], 'relu');
  const net = makeDigitsNet('relu');
  assert.equal(net.nParams, run.nParams);
  const last = run.params[run.records - 1];
  assert.ok(Math.abs(digitsAccuracy(net, last, d.xTrain, d.labelsTrain) - run.accuracyTrain[run.records - 1]) < 1e-6);
  const loss = digitsPass(net, last, d.xTrain, d.labelsTrain, null).loss;
  assert.ok(Math.abs(loss - run.cost[run.records - 1]) < 1e-3 * run.cost[run.records - 1], `${loss} vs ${run.cost[run.records - 1]}`);
  assert.equal(targetIndex(0), -1);
  assert.throws(() => targetIndex(10), /label/);
  assert.throws(() => makeDigitsNet('tanh' as never), /activation/);
});

test('structural zero rows reproduce the authors\' stored γ of all three digits runs; the tasks run at tiny size', async () => {
  const { digitsStoredTask, digitsTask } = await import('./digits');
  for (const act of ['relu', 'sigmoid', 'esp'] as const) {
    const r = digitsStoredTask({ activation: act, hessian: false }, 0) as { gammaStructural: number; gammaTheirs: number; trainAcc: number; trainAccTheirs: number };
    assert.ok(Math.abs(r.gammaStructural - r.gammaTheirs) < 1e-12, `${act}: ${r.gammaStructural} vs ${r.gammaTheirs}`);
    assert.ok(Math.abs(r.trainAcc - r.trainAccTheirs) < 1e-6);
  }
  const t = digitsTask({ activation: 'relu', epochs: 3, spectraAt: [], seedBase: 1 }, 0) as { diverged: boolean; loss: number; losses: { epoch: number }[] };
  assert.equal(t.diverged, false);
  assert.ok(Number.isFinite(t.loss));
  assert.deepEqual(t.losses.map((l) => l.epoch), [0]);
  assert.throws(() => digitsTask({ activation: 'relu', epochs: 3, spectraAt: [2], seedBase: 1 }, 0), /spectraAt must hold recorded epochs.*got 2/);
  assert.throws(() => digitsStoredTask({ activation: 'relu', hessian: false }, 2), /seed/);
});

test('digitsHessianStructured equals the N-product Hessian (ReLU, sigmoid, ESP; zero pixels included)', () => {
  for (const act of ['relu', 'sigmoid', 'esp'] as const) {
    const net = makeDigitsNet(act, 4, 3, 3), rng = makeRng(11);
    const th = initDigits(net, 5, 0.5);
    const X = Float64Array.from({ length: 6 * 4 }, (_, i) => (i % 3 === 0 ? 0 : rng.uniform()));
    const labels = [0, 1, 2, 3, 1, 2];
    const A = digitsHessian(net, th, X, labels), B = digitsHessianStructured(net, th, X, labels);
    let worst = 0, scale = 0;
    for (let i = 0; i < A.data.length; i++) { worst = Math.max(worst, Math.abs(A.data[i] - B.data[i])); scale = Math.max(scale, Math.abs(A.data[i])); }
    assert.ok(worst < 1e-13 * scale, `${act}: ${worst} vs scale ${scale}`);
  }
  assert.throws(() => digitsHessianStructured(makeDigitsNet('relu', 4, 3, 3), new Float64Array(5), new Float64Array(8), [1, 2]), /theta must have/);
});

test('storedDigitsSpectrum: the authors\' last record is epoch 1961, eigenvalues ascending; bad record index rejected', () => {
  const s = storedDigitsSpectrum('relu', -1);
  assert.equal(s.epoch, 1961);
  assert.equal(s.values.length, 1885);
  assert.ok(s.values.every((v, i) => i === 0 || v >= s.values[i - 1]));
  assert.throws(() => storedDigitsSpectrum('relu', 56), /record index must be below 56, but got 56/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseRates, phaseSeed, Float64Net, lrTask, phaseTask, timingTask, experimentData, timingSeries,
  chinaeLrSelection, chinaePhases, chinaeTiming, phaseTasks, DATASETS, CHINAE_SIZES,
} from './chinae-experiments';
import { resolveTasks } from '../../runtime/experiment';

test('phaseSeed: injective over the paper grid, shared by the units, guarded', () => {
  const seen = new Set<number>();
  for (const d of DATASETS) for (const N of [16, 128, 512, 5000, 10000, 50000]) for (let p = 0; p < 1000; p++) seen.add(phaseSeed(d, N, p));
  assert.equal(seen.size, 3 * 6 * 1000);
  // the old rule seed + 1000·phase + N collided: (phase 5, N = 5 000) and (phase 0, N = 10 000)
  assert.notEqual(phaseSeed('phoneme', 5000, 5), phaseSeed('phoneme', 10000, 0));
  assert.throws(() => phaseSeed('phoneme', 70000, 0), /N must lie in \[1, 65535\], but got 70000/);
  assert.throws(() => phaseSeed('phoneme', 16, -1), /phase must be an integer >= 0/);
  assert.throws(() => phaseSeed('iris' as never, 16, 0), /data/);
});

test('chooseRates: lowest validation error per (data, unit), ties to the smaller rate', () => {
  const r = chooseRates([
    { data: 'a', unit: 'ReLU', lr: 0.2, valError: 0.1 }, { data: 'a', unit: 'ReLU', lr: 0.05, valError: 0.1 },
    { data: 'a', unit: 'tanh', lr: 1, valError: 0.05 }, { data: 'a', unit: 'tanh', lr: 0.05, valError: 0.3 },
  ]);
  assert.deepEqual(r, { a: { ReLU: 0.05, tanh: 1 } });
  assert.throws(() => chooseRates([]), /at least one row/);
  assert.throws(() => chooseRates([{ data: 'a', unit: 'ReLU', lr: 0.1, valError: NaN }]), /valError of a\/ReLU at lr 0.1 must be finite, but got NaN/);
});

test('task grids: sizes per profile; the paper grid is 1 000 phases × 3 widths × 3 units × 3 datasets with distinct keys', () => {
  assert.equal(resolveTasks(chinaePhases, 'paper').length, 1000 * 3 * 3 * 3);
  assert.equal(resolveTasks(chinaePhases, 'default').length, CHINAE_SIZES.default.phases * 3 * 3 * 3);
  assert.equal(resolveTasks(chinaeLrSelection, 'default').length, 3 * 3 * 3);
  assert.equal(resolveTasks(chinaeTiming, 'default').length, 3 * (CHINAE_SIZES.default.timing.widths.length + CHINAE_SIZES.default.timing.float64Widths.length));
  assert.deepEqual(CHINAE_SIZES.default.timing.widths, [5000, 10000, 50000]);
  const t = phaseTasks('quick', { phoneme: { ReLU: 0.5 } });
  assert.equal(t.find((x) => x.config.data === 'phoneme' && x.config.unit === 'ReLU')!.config.lr, 0.5);
  assert.equal(t.find((x) => x.config.data === 'phoneme' && x.config.unit === 'tanh')!.config.lr, CHINAE_SIZES.quick.lrGrid[0]);
});

test('Float64Net: the SGD step is the exact BCE gradient (finite differences), and training lowers the loss', () => {
  const g0 = 3, N = 5, rows = 4;
  const x = Float64Array.from({ length: rows * g0 }, (_, i) => Math.sin(i + 1));
  const y = Float64Array.from([0, 1, 1, 0]);
  for (const unit of ['ReLU', 'sigmoid', 'tanh'] as const) {
    const loss = (n: Float64Net) => { const z = n.logits(x, rows); let s = 0; for (let r = 0; r < rows; r++) { const p = 1 / (1 + Math.exp(-z[r])); s += -(y[r] * Math.log(p + 1e-12) + (1 - y[r]) * Math.log(1 - p + 1e-12)); } return s / rows; };
    const a = new Float64Net(g0, N, unit, 7), b = new Float64Net(g0, N, unit, 7);
    const k = 4, h = 1e-6, w0 = b.W1[k];
    b.W1[k] = w0 + h; const lp = loss(b); b.W1[k] = w0 - h; const lm = loss(b); b.W1[k] = w0;
    const before = a.W1[k], lr = 1e-3;
    a.step(x, y, rows, lr);
    assert.ok(Math.abs((before - a.W1[k]) / lr - (lp - lm) / (2 * h)) < 1e-6, `${unit}: step ${(before - a.W1[k]) / lr} vs fd ${(lp - lm) / (2 * h)}`);
    const c = new Float64Net(g0, N, unit, 3);
    const l0 = loss(c);
    for (let s = 0; s < 200; s++) c.step(x, y, rows, 0.5);
    assert.ok(loss(c) < l0, `${unit}: ${loss(c)} ≥ ${l0}`);
  }
  assert.throws(() => new Float64Net(0, 4, 'ReLU', 1), /g0 must be an integer >= 1, but got 0/);
  assert.throws(() => new Float64Net(2, 4, 'gelu' as never, 1), /unit/);
});

test('tasks at tiny size: lrTask, phaseTask (deterministic, paired seeds), timingTask on both engines', async () => {
  const lr = await lrTask({ data: 'Gauss8D', perClass: 60, unit: 'ReLU', lr: 0.1, width: 4, epochs: 1, batchSize: 16 }, 5);
  assert.ok(lr.valError >= 0 && lr.valError <= 1);
  const c = { data: 'Gauss8D' as const, perClass: 60, unit: 'tanh' as const, N: 4, lr: 0.1, epochs: 2, batchSize: 16 };
  const p1 = await phaseTask(c, 1), p1b = await phaseTask(c, 1);
  assert.equal(p1.testErrors.length, 2);
  assert.deepEqual(p1.testErrors, p1b.testErrors);
  assert.ok(Math.abs(p1.auc - (p1.testErrors[0] + p1.testErrors[1]) / 2) < 1e-12);
  assert.equal(experimentData('Gauss8D', 60).train.x.length + experimentData('Gauss8D', 60).test.x.length, 120);
  for (const engine of ['tfjs', 'float64'] as const) {
    const r = await timingTask({ engine, data: 'clouds-substitute', perClass: 60, N: 8, rounds: 2, steps: 1, batchSize: 16, recallRows: 10, bestOf: 2 }, 3);
    for (const u of ['ReLU', 'sigmoid', 'tanh']) for (const f of ['trainCpu', 'trainWall', 'recallCpu', 'recallWall']) {
      const v = r[`${f}_${u}`] as number[];
      assert.equal(v.length, 2, `${engine} ${f}_${u}`);
      assert.ok(v.every((t) => Number.isFinite(t) && t >= 0), `${engine} ${f}_${u}: ${v}`);
    }
    const s = timingSeries([{ config: { engine, data: 'clouds-substitute', N: 8 }, record: r }], engine, 'clouds-substitute', 'trainCpu_ReLU');
    assert.deepEqual(Object.keys(s), ['8']);
  }
  await assert.rejects(timingTask({ engine: 'gpu' as never, data: 'phoneme', perClass: 60, N: 8, rounds: 2, steps: 1, batchSize: 16, recallRows: 10 }, 3), /engine/);
});

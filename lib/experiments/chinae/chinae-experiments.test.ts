import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseRates, phaseSeed, Float64Net, lrTask, phaseTask, timingTask, experimentData, timingSeries,
  chinaeLrSelection, chinaePhases, chinaeTiming, phaseTasks, DATASETS, CHINAE_SIZES, sessionDeadZone, timingStepsAt,
} from './chinae-experiments';
import { bookRuntimeClaims } from './chinae-timing-claims';
import { Ledger } from '../../report/claims';
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
  const T = CHINAE_SIZES.default.timing;
  const timing = resolveTasks(chinaeTiming, 'default');
  assert.equal(timing.length, T.sessions * 3 * (T.widths.length + T.float64Widths.length));
  // session-major: every task of the first session before any of the second
  assert.ok(timing.slice(0, timing.length / 2).every((t) => t.seed === timing[0].seed) && timing[timing.length - 1].seed !== timing[0].seed);
  // a narrower network takes proportionally more steps per sample (TF.js: 4 at N = 5 000, 1 at 50 000)
  assert.deepEqual(timing.filter((t) => t.config.engine === 'tfjs' && t.config.data === 'phoneme' && t.seed === timing[0].seed).map((t) => t.config.steps), [4, 2, 1]);
  assert.ok(resolveTasks(chinaeTiming, 'paper').every((t) => (t.cost ?? 0) > 0));
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

test('timingStepsAt: steps scale inversely with the width below stepsWidth; guarded', () => {
  assert.equal(timingStepsAt(5000, 1, 50000), 10);
  assert.equal(timingStepsAt(50000, 2, 50000), 2);
  assert.equal(timingStepsAt(80000, 1, 50000), 1);
  assert.throws(() => timingStepsAt(0, 1, 5), /N must be an integer >= 1, but got 0/);
  assert.throws(() => timingStepsAt(5, 1, 2.5), /stepsWidth must be an integer >= 1, but got 2.5/);
});

/** A fake timing record: ReLU at `r`× the others' time (per round jitter j). */
const fakeRecord = (r: number, j: number[], scale = 1) => Object.fromEntries(['train', 'recall'].flatMap((arm) => ['ReLU', 'sigmoid', 'tanh'].map((u) =>
  [`${arm}Cpu_${u}`, j.map((x) => (u === 'ReLU' ? r : 1) * 100 * scale * (1 + x))])));

test('timingSeries concatenates the sessions in seed order; sessionDeadZone measures the spread between sessions', () => {
  const cfg = { engine: 'tfjs', data: 'phoneme', N: 5000 };
  const e = [{ config: cfg, record: fakeRecord(0.8, [0, 0.01, 0]), seed: 11 }, { config: cfg, record: fakeRecord(0.7, [0, 0, 0.02]), seed: 10 }];
  const s = timingSeries(e, 'tfjs', 'phoneme', 'trainCpu_ReLU');
  assert.deepEqual(s[5000].map((x) => Math.round(x)), [70, 70, 71, 80, 81, 80]);
  const dz = sessionDeadZone(e, 'tfjs')!;
  // ln-ratio differs by ln(0.7/0.8) between the sessions in every case (jitter is the same on both arms)
  assert.equal(dz.cases, 4);
  assert.ok(Math.abs(dz.rms - Math.log(0.8 / 0.7)) < 1e-12);
  assert.ok(Math.abs(dz.deadZone - 1.5 * Math.log(0.8 / 0.7)) < 1e-12);
  assert.equal(sessionDeadZone([e[0]], 'tfjs'), null);
  assert.equal(sessionDeadZone(e, 'float64'), null);
  // identical sessions: the floor ln 1.02
  assert.ok(Math.abs(sessionDeadZone([e[0], { ...e[0], seed: 12 }], 'tfjs')!.deadZone - Math.log(1.02)) < 1e-12);
  assert.throws(() => sessionDeadZone(e, 'tfjs', { z: 0 }), /z must be/);
  assert.throws(() => sessionDeadZone(e, 'tfjs', { floor: -1 }), /floor must be a finite number >= 0, but got -1/);
});

test('bookRuntimeClaims: decided by the paired ln-ratio with the measured dead zone; can come out either way', () => {
  const sizes = { ...CHINAE_SIZES.default, timing: { ...CHINAE_SIZES.default.timing, rounds: 6, sessions: 2 } };
  const entries = (ratio: number) => ['tfjs', 'float64'].flatMap((engine) => DATASETS.flatMap((data) =>
    (engine === 'tfjs' ? sizes.timing.widths : sizes.timing.float64Widths).flatMap((N) => [10, 11].map((seed) => ({
      config: { engine, data, N }, seed, record: fakeRecord(ratio, [0, 0.01, -0.01, 0.02, 0, -0.02].map((x) => x * (seed - 9)), N / 5000),
    })))));
  const run = (ratio: number) => {
    const L = new Ledger('t', 't', 'default');
    const dz = bookRuntimeClaims(L, entries(ratio), sizes, { level: 0.99, fallbackDeadZone: Math.log(1.1), minReplicates: 10,
      engineLabel: { tfjs: 'TF.js', float64: 'float64' }, cloudsNote: '' });
    return { v: Object.fromEntries(L.rows().map((c) => [c.id, c.verdict])), dz, L };
  };
  const slow = run(1.5), fast = run(0.5);
  assert.equal(slow.v.E4, 'reproduced');
  assert.equal(fast.v.E4, 'not reproduced');
  assert.equal(fast.v.E5, 'reproduced');
  assert.equal(slow.v.E5, 'not reproduced');
  assert.equal(fast.v.C6, 'reproduced');
  // equal slopes' ratio = the time ratio: ReLU escalates faster exactly when it is slower
  assert.equal(slow.v.E3, 'reproduced');
  assert.equal(fast.v.E3b, 'not reproduced');
  // a 1 % difference is inside the dead zone: inconclusive either way
  assert.equal(run(1.01).v.E4, 'inconclusive');
  assert.equal(slow.L.rows().length, 3 * 2 * 5 + 2);
  assert.equal(fast.v.E5f, 'reproduced');
  assert.equal(slow.v.C5bf, 'not reproduced');
  assert.ok(slow.dz.tfjs.deadZone >= Math.log(1.02));
  assert.match(slow.L.rows().find((c) => c.id === 'E4')!.note!, /ratio t\(ReLU\)\/t\(other\) /);
});

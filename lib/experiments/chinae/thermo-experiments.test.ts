import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMeanCI, slope, epochsToTarget, learningPhases, phaseReplicates, selectLearningRates, runtimeProbe, slopesPerRound, type EpochRow, type TimingRow } from './thermo-experiments';
import { gaussElena, trainTestSplit } from '../../data/elena';
import { makeRng, normals } from '../../core/rng';
import { relu, sigmoidAct } from '../../core/activations';
import { initBackend } from '../../core/backend';

test('bootstrapMeanCI: covers the mean; width shrinks like 1/√n; matches the normal interval', () => {
  const rng = makeRng(11);
  const xs = Array.from(normals(rng, 400, 2)).map((v) => v + 5);
  const ci = bootstrapMeanCI(xs, makeRng(3), 4000);
  assert.ok(ci.lo < ci.mean && ci.mean < ci.hi);
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - ci.mean) ** 2, 0) / (xs.length - 1));
  const halfNormal = 1.96 * sd / Math.sqrt(xs.length);
  assert.ok(Math.abs((ci.hi - ci.lo) / 2 - halfNormal) < 0.12 * halfNormal, `${(ci.hi - ci.lo) / 2} vs ${halfNormal}`);
  assert.deepEqual(bootstrapMeanCI([2, 2, 2], makeRng(1), 50), { mean: 2, lo: 2, hi: 2 });
  assert.throws(() => bootstrapMeanCI([], makeRng(1)), /empty array/);
  assert.throws(() => bootstrapMeanCI([1, NaN], makeRng(1)), /xs\[1\] must be finite, but got NaN/);
});

test('slope and epochsToTarget', () => {
  assert.equal(slope([1, 2, 3], [2, 4, 6]), 2);
  assert.throws(() => slope([1], [1]), /length ≥ 2/);
  assert.equal(epochsToTarget([0.5, 0.3, 0.2], 0.3), 2);
  assert.equal(epochsToTarget([0.5], 0.1), Infinity);
});

test('learningPhases: a tiny run gives one row per epoch and per (phase, N, unit); paired units see the same data', async () => {
  await initBackend();
  const d = gaussElena(2, 60, 5);
  const { train, test: te } = trainTestSplit(d, 0.25, makeRng(2));
  const r = await learningPhases(train, te, {
    widths: [3, 5], units: [{ label: 'ReLU', act: relu() }, { label: 'sigmoid', act: sigmoidAct() }],
    phases: 2, epochs: 2, batchSize: 16, lr: 0.1, seed: 1, recallRepeats: 2,
  });
  assert.equal(r.epochs.length, 2 * 2 * 2 * 2);
  assert.equal(r.timings.length, 2 * 2 * 2);
  assert.ok(r.epochs.every((e) => e.testError >= 0 && e.testError <= 1 && Number.isFinite(e.trainLoss)));
  assert.ok(r.timings.every((t) => t.trainMsPerEpoch > 0 && t.recallMs >= 0));
  await assert.rejects(() => learningPhases(train, te, { widths: [0], units: [], phases: 1, epochs: 1, batchSize: 8, lr: 0.1, seed: 1, recallRepeats: 1 }), /widths\[0\] must be an integer >= 1, but got 0/);
  await assert.rejects(() => learningPhases(train, te, { widths: [2], units: [], phases: 1, epochs: 1, batchSize: 8, lr: -1, seed: 1, recallRepeats: 1 }), /lr must be > 0, but got -1/);
});

test('learningPhases: a diverging run is recorded as data (flag, Infinity loss, the diverged network’s error), not thrown', async () => {
  await initBackend();
  const d = gaussElena(2, 40, 6);
  const { train, test: te } = trainTestSplit(d, 0.25, makeRng(3));
  const r = await learningPhases(train, te, { widths: [4], units: [{ label: 'ReLU', act: relu() }], phases: 1, epochs: 3, batchSize: 8, lr: 1e38, seed: 2, recallRepeats: 1, warmupBatches: 0 });
  assert.equal(r.timings.length, 1);
  assert.equal(r.timings[0].diverged, true);
  assert.equal(r.epochs.length, 3, 'one row per epoch even after the divergence');
  assert.ok(r.epochs.some((e) => e.trainLoss === Infinity));
  assert.ok(r.epochs.every((e) => e.testError >= 0 && e.testError <= 1));
});

test('phaseReplicates: per-phase means over widths of the final error and of the learning-curve area, by hand', () => {
  // two units, two phases, two widths, two epochs; errors chosen so every mean is exact in binary
  const err = (u: number, ph: number, N: number, ep: number) => 0.5 - 0.125 * u - 0.0625 * ph + (N === 4 ? 0.25 : 0) - 0.125 * (ep - 1);
  const epochs: EpochRow[] = [], timings: TimingRow[] = [];
  for (const [u, name] of [[0, 'a'], [1, 'b']] as const) for (const ph of [0, 1]) for (const N of [2, 4]) {
    for (const ep of [1, 2]) epochs.push({ unit: name, N, phase: ph, epoch: ep, trainLoss: 1, testError: err(u, ph, N, ep) });
    timings.push({ unit: name, N, phase: ph, trainMsPerEpoch: 1, recallMs: 1, finalTestError: err(u, ph, N, 2), diverged: name === 'b' && ph === 1 && N === 4 });
  }
  const r = phaseReplicates({ epochs, timings });
  // unit a, phase 0: final errors 0.375 (N=2) and 0.625 (N=4) → 0.5; curve areas (0.5+0.375)/2 and (0.75+0.625)/2 → 0.5625
  assert.deepEqual(r.a.finalError, [0.5, 0.4375]);
  assert.deepEqual(r.a.auc, [0.5625, 0.5]);
  assert.deepEqual(r.b.finalError, [0.375, 0.3125]);
  assert.equal(r.a.diverged, 0);
  assert.equal(r.b.diverged, 1);
  assert.throws(() => phaseReplicates({ epochs, timings: timings.filter((t) => !(t.unit === 'a' && t.phase === 1 && t.N === 4)) }), /no run for unit a, phase 1, N = 4/);
});

test('slopesPerRound: one least-squares slope per round, equal to slope() on that round', () => {
  const widths = [10, 100, 1000];
  const samples = { 10: [1, 2, 3], 100: [2, 4, 3], 1000: [11, 22, 3] };
  const s = slopesPerRound(widths, samples);
  assert.equal(s.length, 3);
  s.forEach((v, r) => assert.equal(v, slope(widths, widths.map((N) => samples[N as 10][r]))));
  // a + bN exactly: the slope is b (second route: closed form)
  const lin = slopesPerRound([1, 3, 7], { 1: [2.5], 3: [3.5], 7: [5.5] });
  assert.ok(Math.abs(lin[0] - 0.5) < 1e-12, String(lin[0]));
  assert.equal(s[2], 0);
  assert.throws(() => slopesPerRound([10], samples), /≥ 2 widths/);
  assert.throws(() => slopesPerRound([10, 100], { 10: [1, 2], 100: [1] }), /width 100 has 1 samples, expected 2/);
});

test('runtimeProbe: repeats samples per unit and width, positive; a 512× wider network takes longer to train and to recall', async () => {
  await initBackend();
  const d = gaussElena(4, 200, 8);
  const { train, test: te } = trainTestSplit(d, 0.5, makeRng(4));
  const p = await runtimeProbe(train, te, { widths: [2, 1024], units: [{ label: 'ReLU', act: relu() }, { label: 'sigmoid', act: sigmoidAct() }], repeats: 5, steps: 3, batchSize: 64, lr: 0.01, seed: 9 });
  assert.equal(p.stepsPerEpoch, Math.ceil(train.x.length / 64));
  for (const u of ['ReLU', 'sigmoid']) for (const N of [2, 1024]) {
    assert.equal(p.train[u][N].length, 5);
    assert.equal(p.recall[u][N].length, 5);
    assert.ok(p.train[u][N].every((x) => x > 0 && Number.isFinite(x)));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
  assert.ok(med(p.train.sigmoid[1024]) > med(p.train.sigmoid[2]), `${p.train.sigmoid[1024]} vs ${p.train.sigmoid[2]}`);
  assert.ok(med(p.recall.sigmoid[1024]) > med(p.recall.sigmoid[2]), `${p.recall.sigmoid[1024]} vs ${p.recall.sigmoid[2]}`);
  await assert.rejects(() => runtimeProbe(train, te, { widths: [2], units: [], repeats: 2, steps: 1, batchSize: 8, lr: 0.1, seed: 1 }), /at least one unit/);
  await assert.rejects(() => runtimeProbe(train, te, { widths: [2], units: [{ label: 'ReLU', act: relu() }], repeats: 0, steps: 1, batchSize: 8, lr: 0.1, seed: 1 }), /repeats must be an integer >= 1, but got 0/);
});

test('selectLearningRates: picks the rate with the lowest validation error (a rate too small to learn loses); one-rate grid is returned as is; per-unit lr is used', async () => {
  await initBackend();
  // linearly separable: y = [x0 > 0]
  const rng = makeRng(21);
  const x = Array.from({ length: 400 }, () => [2 * rng.uniform() - 1, 2 * rng.uniform() - 1]);
  const d = { name: 'separable', x, y: x.map((r) => [r[0] > 0 ? 1 : 0]) };
  const units = [{ label: 'ReLU', act: relu() }, { label: 'sigmoid', act: sigmoidAct() }];
  const s = await selectLearningRates(d, { grid: [1, 1e-6], units, width: 8, epochs: 4, batchSize: 16, seed: 3 });
  assert.deepEqual(s.rates, { ReLU: 1, sigmoid: 1 });
  assert.equal(s.table.length, 4);
  for (const u of ['ReLU', 'sigmoid']) {
    const rows = s.table.filter((r) => r.unit === u);
    const chosen = rows.find((r) => r.lr === s.rates[u])!;
    assert.equal(chosen.valError, Math.min(...rows.map((r) => r.valError)), 'second route: the chosen rate has the minimum error of its rows');
    assert.ok(chosen.valError < 0.2, `${u}: ${chosen.valError}`);
  }
  const one = await selectLearningRates(d, { grid: [0.05], units, width: 8, epochs: 1, batchSize: 16, seed: 3 });
  assert.deepEqual(one, { rates: { ReLU: 0.05, sigmoid: 0.05 }, table: [] });
  await assert.rejects(() => selectLearningRates(d, { grid: [], units, width: 8, epochs: 1, batchSize: 16, seed: 3 }), /non-empty grid/);
  await assert.rejects(() => selectLearningRates(d, { grid: [0.1, -1], units, width: 8, epochs: 1, batchSize: 16, seed: 3 }), /grid\[1\] must be > 0, but got -1/);
  const { train, test: te } = trainTestSplit(d, 0.25, makeRng(2));
  await assert.rejects(() => learningPhases(train, te, { widths: [2], units: [{ label: 'ReLU', act: relu(), lr: 0 }], phases: 1, epochs: 1, batchSize: 8, lr: 0.1, seed: 1, recallRepeats: 1 }), /lr of unit ReLU must be > 0, but got 0/);
});

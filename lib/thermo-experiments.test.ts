import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMeanCI, slope, epochsToTarget, learningPhases } from './thermo-experiments';
import { gaussElena, trainTestSplit } from './elena';
import { makeRng, normals } from './rng';
import { relu, sigmoidAct } from './activations';
import { initBackend } from './backend';

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

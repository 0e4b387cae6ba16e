import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spectralSummary, runExperiment, authorsEpochs, archLabel, epochsTo, epochsToCensored, pairRuns, liveEigenvalueCount, isPlateau, ROBUST_TOLERANCES } from './milletari-experiment';
import { fromRows } from '../../analysis/hessian';
import { loadMilletari } from '../../data/milletari-data';

test('spectralSummary: zero rows are γ as coded; tolerances move tiny eigenvalues into γ', () => {
  // diag(2, −1, 1e-9, −1e-12) ⊕ a zero row/column
  const H = fromRows([[2, 0, 0, 0, 0], [0, -1, 0, 0, 0], [0, 0, 1e-9, 0, 0], [0, 0, 0, -1e-12, 0], [0, 0, 0, 0, 0]]);
  const s = spectralSummary(H);
  assert.equal(s.gammaCoded, 1 / 5);
  assert.equal(s.alphaCoded, 2 / 5); // −1 and −1e-12 count as negative with no tolerance
  assert.deepEqual(s.alphaRobust, [1 / 5, 1 / 5, 1 / 5]);
  assert.deepEqual(s.gammaRobust, [3 / 5, 3 / 5, 3 / 5]);
  assert.equal(s.lambdaMin, -1);
  assert.equal(s.lambdaMax, 2);
  assert.equal(s.bulkRatio, (1e-9 + 1) / 2 / 2); // live |λ|: 1e-12, 1e-9, 1, 2 (the zero row dropped)
  assert.equal(ROBUST_TOLERANCES.length, s.alphaRobust.length);
  // the eigenvectors of a diagonal matrix are coordinate vectors: IPR 1
  assert.ok(Math.abs(s.ipr - 1) < 1e-12);
});

test('authors\' epochs and labels; epochsTo', () => {
  assert.equal(authorsEpochs('linear', 2), 1000);
  assert.equal(authorsEpochs('nonlinear', 1), 2300);
  assert.equal(authorsEpochs('nonlinear', 2), 2500);
  assert.throws(() => authorsEpochs('spiral' as never, 1), /task/);
  assert.equal(archLabel([2, 8, 2, 1]), '8-2');
  assert.equal(epochsTo([1, 0.5, 0.1], 0.2), 2);
  assert.equal(epochsTo([1, 0.5], 0.2), null);
});

test('runExperiment: rows per record, Hessian indices where asked, spectra at the ends, initial ESP loss ln 2', () => {
  const d = loadMilletari('linear');
  const r = runExperiment({ ...d, task: 'linear', sizes: [2, 8, 2, 1], activation: 'relu', seed: 3, epochs: 60, hessianEvery: 2 });
  assert.deepEqual(r.rows.map((row) => row.epoch), [0, 11, 21, 31, 41, 51]);
  assert.ok(r.rows.every((row, i) => (i % 2 === 0) === (row.alphaCoded !== null)));
  assert.ok(r.rows.every((row) => Number.isFinite(row.loss)));
  assert.ok(r.last.asymmetry < 1e-12);
  const esp = runExperiment({ ...d, task: 'linear', sizes: [2, 10, 1], activation: 'esp', seed: 3, epochs: 30, hessianEvery: 1 });
  assert.equal(esp.net.nParams, 52);
  assert.ok(Math.abs(esp.rows[0].loss - Math.LN2) < 0.05, `initial ESP loss ${esp.rows[0].loss} ≈ ln 2`);
  assert.equal(esp.first.gammaCoded, 0);
});

test('epochsToCensored: first epoch below the threshold, or the run length when never reached', () => {
  const L = Float64Array.from([1, 0.5, 0.2, 0.04, 0.01]);
  assert.deepEqual(epochsToCensored(L, 0.05), { epochs: 3, censored: false });
  assert.deepEqual(epochsToCensored(L, 0.001), { epochs: 5, censored: true });
  assert.throws(() => epochsToCensored([], 0.1), /empty/);
});

test('pairRuns: matches on (task, arch, seed), counts the unmatched, refuses duplicates', () => {
  const a = [{ task: 'linear', arch: '10', seed: 1, v: 1 }, { task: 'linear', arch: '10', seed: 2, v: 2 }, { task: 'nonlinear', arch: '10', seed: 1, v: 3 }];
  const b = [{ task: 'linear', arch: '10', seed: 2, v: 20 }, { task: 'nonlinear', arch: '10', seed: 1, v: 30 }, { task: 'linear', arch: '8-2', seed: 1, v: 40 }];
  const { pairs, unmatched } = pairRuns(a, b);
  assert.deepEqual(pairs.map(([x, y]) => [x.v, y.v]), [[2, 20], [3, 30]]);
  assert.equal(unmatched, 2);
  assert.throws(() => pairRuns(a, [...b, b[0]]), /twice/);
});

test('liveEigenvalueCount: relative tolerance, all-zero spectrum, NaN refused', () => {
  assert.equal(liveEigenvalueCount([0, 0, 1e-12, -0.5, 2]), 2);
  assert.equal(liveEigenvalueCount([0, 1e-12, 2], 1e-14), 2);
  assert.equal(liveEigenvalueCount([0, 0]), 0);
  assert.throws(() => liveEigenvalueCount([1, NaN]), /values\[1\]/);
});

test('isPlateau: flat second half and below the reference; a falling loss or a good accuracy is not a plateau', () => {
  const flatCurve = Float64Array.from({ length: 100 }, (_, i) => 0.67 - 0.0001 * i);
  const falling = Float64Array.from({ length: 100 }, (_, i) => 0.67 * Math.exp(-i / 20));
  assert.equal(isPlateau(flatCurve, 0.6, 0.95), true);
  assert.equal(isPlateau(falling, 0.6, 0.95), false);
  assert.equal(isPlateau(flatCurve, 0.93, 0.95), false);
  assert.throws(() => isPlateau([1], 0.5, 0.9), /at least 2/);
  assert.throws(() => isPlateau(flatCurve, NaN, 0.9), /finalTrainAcc/);
});

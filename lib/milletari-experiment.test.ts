import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spectralSummary, runExperiment, authorsEpochs, archLabel, epochsTo, ROBUST_TOLERANCES } from './milletari-experiment';
import { fromRows } from './hessian';
import { loadMilletari } from './milletari-data';

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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareStoredRun, percentileOf, relativeMatrixDifference, storedTask, storedComparisons } from './stored-runs';
import { resolveTasks } from '../../runtime/experiment';

test('the stored linear 10 ReLU run: our Hessian at their parameters agrees to ~1e-8, α and γ as coded match theirs', () => {
  const c = compareStoredRun('linear', [10], 'relu');
  assert.ok(c.hessianRelDiffLast < 2e-8 && c.hessianRelDiffLast > 1e-10, String(c.hessianRelDiffLast));
  assert.equal(c.gammaCoded, c.gammaTheirs);
  assert.equal(c.alphaCoded, c.alphaTheirs);
  assert.equal(c.trainAccOurs, c.trainAccTheirs);
  assert.equal(resolveTasks(storedComparisons, 'quick').length, 12);
  assert.throws(() => storedTask({ task: 'linear', hidden: [10], activation: 'relu' }, 1), /seed/);
});

test('percentileOf and relativeMatrixDifference', () => {
  assert.deepEqual(percentileOf(2, [1, 2, 3, 4]), { below: 0.25, equal: 0.25, midRank: 0.375, n: 4 });
  assert.throws(() => percentileOf(NaN, [1]), /value/);
  assert.throws(() => percentileOf(1, []), /at least one/);
  assert.equal(relativeMatrixDifference([1, 2], [1, 4]), 0.5);
  assert.throws(() => relativeMatrixDifference([1], [1, 2]), /equal size/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcPoint, toMcResult, isingCurve, isingBinder, isingFss, isingExactCheck, curveTemperatures, binderTemperatures } from './mc-experiments';
import { exactObservables } from '../../theory/ising-mc';
import { resolveTasks } from '../../runtime/experiment';

test('mcPoint at tiny size agrees with the exact L = 4 lattice and round-trips to McResult', () => {
  const config = { L: 4, T: 2.4, sweeps: 4000, thermalize: 200, bins: 20, algorithm: 'wolff' as const };
  const rec = mcPoint(config, 5);
  const ex = exactObservables(4, 2.4);
  assert.ok(Math.abs(rec.absM - ex.absM) < 5 * rec.errAbsM + 1e-3, `${rec.absM} vs ${ex.absM}`);
  const r = toMcResult(config, rec);
  assert.equal(r.err.absM, rec.errAbsM);
  assert.equal(r.L, 4);
  assert.deepEqual(mcPoint(config, 5), rec);
  assert.throws(() => mcPoint({ ...config, algorithm: 'heatbath' as never }, 1), /algorithm/);
});

test('MC experiments: grids and seeds by profile', () => {
  assert.equal(resolveTasks(isingExactCheck, 'quick').length, 6);
  assert.equal(resolveTasks(isingCurve, 'quick').length, 2 * 9);
  assert.ok(resolveTasks(isingBinder, 'default').length > resolveTasks(isingBinder, 'quick').length);
  assert.equal(resolveTasks(isingFss, 'quick').length, 3);
  assert.equal(curveTemperatures(3)[2], 3.5);
  assert.equal(binderTemperatures(2)[1], 2.4);
  assert.throws(() => curveTemperatures(1), /nT/);
});

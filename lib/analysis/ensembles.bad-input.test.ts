// Bad input to lib/analysis/ensembles: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapVertex, choleskyPsd, ensembleVertex, ksTwoSample, memberPowerSums, stratifiedBootstrap } from './ensembles';

const cases: [string, () => unknown, RegExp][] = [
  ["ksTwoSample NaN", () => ksTwoSample([1, NaN, 2], [1, 2, 3]), /a\[1\] must be finite, but got NaN/],
  ["ksTwoSample Infinity", () => ksTwoSample([1, 2], [Infinity, 1]), /b\[0\] must be finite, but got Infinity/],
  ["choleskyPsd not PSD", () => choleskyPsd([1, 2, 2, 1], 2), /choleskyPsd: A is not positive semi-definite \(pivot 1 is -3.00 < 0\)/],
  ["choleskyPsd NaN", () => choleskyPsd([1, NaN, NaN, 1], 2), /choleskyPsd: A\[1\] must be finite, but got NaN/],
  ["choleskyPsd size", () => choleskyPsd([1, 0, 0], 2), /choleskyPsd: A must hold k·k = 4 entries, but has 3/],
  ["ensembleVertex overflow", () => ensembleVertex(memberPowerSums(new Float64Array(8).fill(1e100), 2, 2, 2), 2), /ensembleVertex: the power sums of member 0, input 0 overflowed \(s4 = Infinity; 4 of 4 overflowed\)/],
  ["ensembleVertex weights NaN", () => ensembleVertex(memberPowerSums(new Float64Array(8).fill(1), 2, 2, 2), 2, [1, NaN]), /weights\[1\] must be a finite number >= 0, but got NaN/],
  ["ensembleVertex weights zero", () => ensembleVertex(memberPowerSums(new Float64Array(8).fill(1), 2, 2, 2), 2, [0, 0]), /weights must give at least one member a weight > 0/],
  ["bootstrapVertex reps 1e12", () => bootstrapVertex(memberPowerSums(new Float64Array(8).fill(1), 2, 2, 2), 2, 1e12, 1), /bootstrapVertex with reps=1000000000000: estimated cost/],
  ["stratifiedBootstrap B 1e12", () => stratifiedBootstrap([3, 3], (idx) => idx.length, { B: 1e12 }), /stratifiedBootstrap with B=1000000000000: estimated cost/],
  ["stratifiedBootstrap unknown option", () => stratifiedBootstrap([3, 3], (idx) => idx.length, { reps: 10 } as never), /stratifiedBootstrap options: unknown option 'reps'/],
];

test('ensembles: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('ensembles: overflow is counted as data; the good path gives the same numbers', () => {
  assert.equal(memberPowerSums(new Float64Array(8).fill(1e100), 2, 2, 2).overflowed, 4);
  const ps = memberPowerSums(Float64Array.from([1, -1, 2, -2, 0.5, 1.5, -1, 3]), 2, 2, 2);
  assert.equal(ps.overflowed, 0);
  const v = ensembleVertex(ps, 4);
  assert.ok([v.K, v.V, v.R].every(Number.isFinite));
  assert.deepEqual(ksTwoSample([1, 2, 3], [1, 2, 3]).D, 0);
  assert.deepEqual(Array.from(choleskyPsd([4, 2, 2, 2], 2)), [2, 0, 1, 1]);
});

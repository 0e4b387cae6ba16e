// Bad input to lib/experiments/survey/value-function: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SAVINGS, goldenMax, interp, marginalUtility, pchip, solveVfi, utility } from './value-function';

const cases: [string, () => unknown, RegExp][] = [
  ["goldenMax tol 0", () => goldenMax((x) => -x * x, -1, 1, 0), /goldenMax: tol must be > 0, but got 0/],
  ["goldenMax tol NaN", () => goldenMax((x) => -x * x, -1, 1, NaN), /goldenMax: tol must be a finite number, but got NaN/],
  ["goldenMax lo -Infinity", () => goldenMax((x) => -x * x, -Infinity, 1), /goldenMax: lo must be a finite number, but got -Infinity/],
  ["utility c < 0", () => utility(-1, 2), /utility: consumption c must be >= 0, but got -1/],
  ["utility gamma NaN", () => utility(1, NaN), /gamma must be a finite number, but got NaN/],
  ["marginalUtility c < 0", () => marginalUtility(-1, 2), /marginalUtility: consumption c must be >= 0, but got -1/],
  ["interp one point", () => interp([1], [1], 0.5), /interp: grid needs at least 2 points, but got 1/],
  ["interp unsorted", () => interp([2, 1, 3], [1, 2, 3], 1.5), /interp: grid must be finite and strictly increasing, but grid\[0\]=2, grid\[1\]=1/],
  ["interp lengths", () => interp([1, 2], [1], 1.5), /interp: grid has 2 entries but v has 1/],
  ["interp x NaN", () => interp([1, 2], [1, 2], NaN), /x must be a finite number, but got NaN/],
  ["pchip one point", () => pchip([1], [1]), /pchip: grid needs at least 2 points, but got 1/],
  ["pchip unsorted", () => pchip([2, 1, 3], [1, 2, 3]), /pchip: grid must be strictly increasing, but pchip: grid\[0\]=2 ≥ pchip: grid\[1\]=1/],
  ["pchip v NaN", () => pchip([1, 2], [1, NaN]), /pchip: v\[1\] must be finite, but got NaN/],
  ["solveVfi unknown option", () => solveVfi(DEFAULT_SAVINGS, { grid: [0.5, 1, 2], bogus: 1 } as never), /solveVfi options: unknown option 'bogus'/],
  ["solveVfi huge grid", () => solveVfi(DEFAULT_SAVINGS, { grid: Array.from({ length: 1e6 }, (_, i) => 0.5 + i) }), /solveVfi on a 1000000-point grid with 2 income states: estimated cost/],
];

test('value-function: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('value function: the good path gives the same numbers', () => {
  assert.equal(utility(2, 1), Math.log(2));
  assert.equal(utility(2, 2), -0.5);
  assert.equal(interp([0, 1, 2], [0, 10, 20], 1.5), 15);
  assert.ok(Math.abs(goldenMax((x) => -((x - 0.3) ** 2), 0, 1) - 0.3) < 1e-8);
});

// Bad input to lib/runtime/experiment: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grid, seeds, tasksOf } from './experiment';

const cases: [string, () => unknown, RegExp][] = [
  ["grid too large", () => grid({ a: Array.from({ length: 1000 }, (_, i) => i), b: Array.from({ length: 1000 }, (_, i) => i), c: [1, 2] }), /grid: a \(1000\) × b \(1000\) × c \(2\) = 2000000 configs exceeds 1000000/],
  ["tasksOf too many", () => tasksOf(Array.from({ length: 2000 }, () => ({})), seeds(1000)), /tasksOf: 2000 configs × 1000 seeds = 2000000 tasks exceeds 1000000/],
  ["seeds NaN", () => seeds(NaN), /seeds: n must be an integer in \[1, 1000000\], but got NaN/],
];

test('experiment: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('experiment: grid and tasksOf are unchanged on good input', () => {
  assert.equal(grid({ a: [1, 2], b: ['x', 'y', 'z'] }).length, 6);
  assert.equal(tasksOf([{ a: 1 }], seeds(3)).length, 3);
});

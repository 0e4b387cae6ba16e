// Bad input to lib/data/datasets: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracy, sine1d, spirals } from './datasets';

const cases: [string, () => unknown, RegExp][] = [
  ["sine1d n 1e12", () => sine1d(1e12), /sine1d: estimated cost 1.00e\+12 points exceeds the limit/],
  ["sine1d k NaN", () => sine1d(10, NaN), /k must be a finite number, but got NaN/],
  ["accuracy label 0.5", () => accuracy([[1]], [[0.5]]), /accuracy: y\[0\]\[0\] must be a 0\/1 label, but got 0.5/],
  ["spirals negative noise", () => spirals(100, 1.5, -0.1), /noise must be >= 0, but got -0.1/],
  ["accuracy empty", () => accuracy([], []), /accuracy needs at least one row/],
];

test('datasets: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

// Bad input to lib/core/guards: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertIterations, assertNumber, assertSameLength, assertSortedFinite } from './guards';

const cases: [string, () => unknown, RegExp][] = [
  ["assertNumber null", () => assertNumber(null, 'x'), /x must be a number, but got null/],
  ["assertSortedFinite short", () => assertSortedFinite([1], 'grid'), /grid needs at least 2 points, but got 1/],
  ["assertSortedFinite unsorted", () => assertSortedFinite([2, 1], 'grid'), /grid must be strictly increasing, but grid\[0\]=2 ≥ grid\[1\]=1/],
  ["assertSortedFinite NaN", () => assertSortedFinite([1, NaN], 'grid'), /grid\[1\] must be finite, but got NaN/],
  ["assertSameLength", () => assertSameLength([1, 2], 'a', [1], 'b'), /a has 2 entries but b has 1/],
  ["assertIterations", () => assertIterations(11, 10, 'loop'), /loop did not finish within 10 iterations/],
];

test('guards: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

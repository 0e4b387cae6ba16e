// Bad input to lib/core/derivative-checks: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kinkAvoidingGrid } from './derivative-checks';

const cases: [string, () => unknown, RegExp][] = [
  ["n 1e10", () => kinkAvoidingGrid([0], -4, 4, 1e10), /kinkAvoidingGrid with n=10000000000: estimated cost/],
  ["hi < lo", () => kinkAvoidingGrid([0], 4, -4, 10), /kinkAvoidingGrid: need hi > lo, but got lo=4, hi=-4/],
  ["n NaN", () => kinkAvoidingGrid([0], -4, 4, NaN), /kinkAvoidingGrid: n must be an integer >= 2, but got NaN/],
  ["gap 0", () => kinkAvoidingGrid([0], -4, 4, 9, 0), /kinkAvoidingGrid: gap must be > 0, but got 0/],
  ["kink NaN", () => kinkAvoidingGrid([NaN]), /kinks\[0\] must be finite, but got NaN/],
];

test('derivative-checks: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

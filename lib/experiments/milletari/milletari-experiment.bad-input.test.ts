// Bad input to lib/experiments/milletari/milletari-experiment: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveEigenvalueCount } from './milletari-experiment';

const cases: [string, () => unknown, RegExp][] = [
  ["liveEigenvalueCount relTol -1", () => liveEigenvalueCount([1, 2], -1), /relTol must lie in \[0, 1\), but got -1/],
];

test('milletari-experiment: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

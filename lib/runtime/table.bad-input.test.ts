// Bad input to lib/runtime/table: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tablePath } from './table';

const cases: [string, () => unknown, RegExp][] = [
  ["tablePath empty name", () => tablePath('/tmp', '', 1), /tablePath: name must be a non-empty experiment name, but got ""/],
  ["tablePath NaN version", () => tablePath('/tmp', 'exp', NaN), /tablePath: version must be a finite number or a non-empty string, but got NaN/],
];

test('table: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

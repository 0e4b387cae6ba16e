// Bad input to lib/runtime/estimate: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extrapolate } from './estimate';

const cases: [string, () => unknown, RegExp][] = [
  ["extrapolate rate NaN", () => extrapolate([{ cost: 1 }], NaN), /rate must be a finite number of seconds per cost unit >= 0, but got NaN/],
  ["extrapolate cost -1", () => extrapolate([{ cost: -1 }], 1), /tasks\[0\].cost must be a finite number >= 0, but got -1/],
  ["extrapolate overhead Infinity", () => extrapolate([{ cost: 1 }], 1, Infinity), /overheadSeconds must be a finite number >= 0, but got Infinity/],
];

test('estimate: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('estimate: extrapolate is unchanged on good input', () => {
  assert.equal(extrapolate([{ cost: 1800 }, {}], 2, 0), (3600 + 2) / 3600);
});

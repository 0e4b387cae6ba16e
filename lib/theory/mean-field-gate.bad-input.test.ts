// Bad input to lib/theory/mean-field-gate: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { propagateScale, reluGapOnGrid } from './mean-field-gate';

const cases: [string, () => unknown, RegExp][] = [
  ["reluGapOnGrid n 1e12", () => reluGapOnGrid(1, 5, 1e12), /reluGapOnGrid with n=1000000000000: estimated cost/],
  ["propagateScale weight size", () => propagateScale(Math.tanh, [new Float64Array(3)], [2, 2], [new Float64Array(2)], 1), /propagateScale: weights\[0\] has 3 entries, expected widths\[0\]·widths\[1\] = 4/],
];

test('mean-field-gate: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

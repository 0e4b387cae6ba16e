// Bad input to lib/report/claims: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verdictFromInterval } from './claims';
import type { Interval } from '../core/statistics';

const cases: [string, () => unknown, RegExp][] = [
  ["interval lo > hi", () => verdictFromInterval({ lo: 1, hi: 0 } as Interval, 'above', 0), /interval must have lo <= hi \(no NaN\), but got lo=1, hi=0/],
  ["interval NaN", () => verdictFromInterval({ lo: NaN, hi: 1 } as Interval, 'above', 0), /interval must have lo <= hi \(no NaN\), but got lo=NaN, hi=1/],
  ["side sideways", () => verdictFromInterval({ lo: 0, hi: 1 } as Interval, 'sideways' as never, 0), /side must be 'above' or 'below', but got 'sideways'/],
  ["bound NaN", () => verdictFromInterval({ lo: 0, hi: 1 } as Interval, 'above', NaN), /bound must be a finite number, but got NaN/],
];

test('claims: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('claims: verdictFromInterval is unchanged on good input', () => {
  assert.equal(verdictFromInterval({ lo: 1, hi: 2 } as Interval, 'above', 0), 'reproduced');
  assert.equal(verdictFromInterval({ lo: -1, hi: 2 } as Interval, 'above', 0), 'inconclusive');
  assert.equal(verdictFromInterval({ lo: -Infinity, hi: -1 } as Interval, 'above', 0), 'not reproduced');
});

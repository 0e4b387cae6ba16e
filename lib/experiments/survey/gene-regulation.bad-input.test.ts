// Bad input to lib/experiments/survey/gene-regulation: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOGGLE, fitHill, toggleBasins, toggleEndpoint, toggleFixedPoints } from './gene-regulation';

const cases: [string, () => unknown, RegExp][] = [
  ["fitHill maxIter NaN", () => fitHill([1, 2, 3], [0.1, 0.5, 0.9], NaN), /maxIter must be an integer >= 0, but got NaN/],
  ["toggleFixedPoints n 1e10", () => toggleFixedPoints(DEFAULT_TOGGLE, 1e10), /toggleFixedPoints on 10000000000 points: estimated cost/],
  ["toggle unknown parameter", () => toggleFixedPoints({ ...DEFAULT_TOGGLE, bogus: 1 } as never), /toggle parameters: unknown option 'bogus'/],
  ["toggleEndpoint u0 NaN", () => toggleEndpoint(DEFAULT_TOGGLE, NaN, 1), /u0 must be a finite number, but got NaN/],
  ["toggleEndpoint tEnd 1e9", () => toggleEndpoint(DEFAULT_TOGGLE, 1, 1, 1e9, 1e-3), /rk4 for 1000000000000 steps of a 2-dimensional state: estimated cost/],
  ["toggleBasins huge", () => toggleBasins(DEFAULT_TOGGLE, 4, 4, 1e5), /toggleBasins on a 100000² grid to tEnd=30 with dt=0.05: estimated cost/],
];

test('gene-regulation: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

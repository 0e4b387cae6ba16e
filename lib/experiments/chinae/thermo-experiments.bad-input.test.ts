// Bad input to lib/experiments/chinae/thermo-experiments: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMeanCI, epochsToTarget } from './thermo-experiments';
import { makeRng } from '../../core/rng';

const cases: [string, () => unknown, RegExp][] = [
  ["bootstrapMeanCI B 1e12", () => bootstrapMeanCI([1, 2], makeRng(1), 1e12), /bootstrapMeanCI with B=1000000000000 on 2 values: estimated cost/],
  ["epochsToTarget NaN", () => epochsToTarget([0.5, 0.3], NaN), /target must be a finite number, but got NaN/],
];

test('thermo-experiments: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

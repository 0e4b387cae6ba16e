// Bad input to lib/core/rng: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRng, normals, permutation } from './rng';

const cases: [string, () => unknown, RegExp][] = [
  ["normals 1e12", () => normals(makeRng(1), 1e12), /normals\(n=1000000000000\): estimated cost 1.00e\+12 numbers .* exceeds the limit .*WORK_BUDGET/],
  ["permutation 1e12", () => permutation(makeRng(1), 1e12), /permutation\(n=1000000000000\): estimated cost/],
  ["normals -1", () => normals(makeRng(1), -1), /n must be an integer >= 0, but got -1/],
];

test('rng: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

// Bad input to lib/analysis/ising-fss: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossingInterval } from './ising-fss';

const cases: [string, () => unknown, RegExp][] = [
  ["crossingInterval B 1e12", () => crossingInterval([1, 2], [{ value: 1, err: 0.1 }, { value: 2, err: 0.1 }], [{ value: 2, err: 0.1 }, { value: 1, err: 0.1 }], { B: 1e12 }), /crossingInterval with B=1000000000000 on 2 temperatures: estimated cost/],
];

test('ising-fss: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

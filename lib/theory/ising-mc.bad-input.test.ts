// Bad input to lib/theory/ising-mc: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossing, simulateIsing } from './ising-mc';

const cases: [string, () => unknown, RegExp][] = [
  ["sweeps 1e9", () => simulateIsing({ L: 4, T: 2, sweeps: 1e9 }), /simulateIsing L=4 for 200\+1000000000 sweeps: estimated cost 1.60e\+10 spin updates exceeds the limit/],
  ["L 1e6", () => simulateIsing({ L: 1e6, T: 2, sweeps: 20 }), /simulateIsing L=1000000 .*estimated cost/],
  ["thermalize 1e10", () => simulateIsing({ L: 4, T: 2, thermalize: 1e10 }), /for 10000000000\+2000 sweeps: estimated cost/],
  ["start warm", () => simulateIsing({ L: 4, T: 2, start: 'warm' as never }), /start must be one of 'cold', 'hot', but got 'warm'/],
  ["unknown option", () => simulateIsing({ L: 4, T: 2, bogus: 1 } as never), /simulateIsing options: unknown option 'bogus'/],
  ["crossing unsorted", () => crossing([2, 1, 0], [0, 1, 2], [2, 1, 0]), /crossing: ts must be strictly increasing, but crossing: ts\[0\]=2 ≥ crossing: ts\[1\]=1/],
  ["crossing NaN", () => crossing([0, 1], [0, NaN], [1, 0]), /y1\[1\] must be finite, but got NaN/],
];

test('ising-mc: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

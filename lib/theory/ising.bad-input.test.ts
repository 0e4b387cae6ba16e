// Bad input to lib/theory/ising: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanFieldTc } from './ising';

const cases: [string, () => unknown, RegExp][] = [
  ["unknown parameter", () => meanFieldTc({ bogus: 1 } as never), /mean-field parameters: unknown option 'bogus'; allowed: J, z, h/],
  ["J NaN", () => meanFieldTc({ J: NaN }), /J must be a finite number, but got NaN/],
];

test('ising: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

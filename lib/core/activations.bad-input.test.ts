// Bad input to lib/core/activations: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation, erf, erfc, normalCdf, normalPdf, sigmoid, softplus } from './activations';

const cases: [string, () => unknown, RegExp][] = [
  ["sigmoid(null)", () => sigmoid(null as unknown as number), /sigmoid: x must be a number, but got null/],
  ["softplus(undefined)", () => softplus(undefined as unknown as number), /softplus: x must be a number, but got undefined/],
  ["erf('a')", () => erf('a' as unknown as number), /erf: x must be a number, but got 'a'/],
  ["erfc(null)", () => erfc(null as unknown as number), /erfc: x must be a number, but got null/],
  ["normalPdf({})", () => normalPdf({} as unknown as number), /normalPdf: x must be a number/],
  ["normalCdf(null)", () => normalCdf(null as unknown as number), /normalCdf: x must be a number, but got null/],
  ["leaky-relu beta", () => activation('leaky-relu', { beta: 0.5 }), /unknown option 'beta'; allowed: alpha/],
  ["swish p", () => activation('swish', { p: 3 }), /unknown option 'p'; allowed: beta/],
  ["repu p NaN", () => activation('repu', { p: NaN }), /p must be a finite number, but got NaN/],
];

test('activations: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('activations: the scalar functions keep their values (NaN still propagates)', () => {
  assert.equal(sigmoid(0), 0.5);
  assert.ok(Math.abs(sigmoid(2) - 1 / (1 + Math.exp(-2))) < 1e-16);
  assert.ok(Number.isNaN(sigmoid(NaN)));
  assert.equal(normalCdf(0), 0.5);
});

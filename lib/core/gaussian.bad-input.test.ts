// Bad input to lib/core/gaussian: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussExpect, gaussExpect2, gaussLegendre, truncatedMoments } from './gaussian';

const cases: [string, () => unknown, RegExp][] = [
  ["halfWidth 1e9", () => gaussExpect((z) => z * z, 1, { halfWidth: 1e9 }), /gaussExpect with halfWidth=1000000000, order=16: estimated cost .* integrand evaluations exceeds the limit .*WORK_BUDGET/],
  ["order 1e9", () => gaussExpect((z) => z * z, 1, { order: 1e9 }), /order=1000000000: estimated cost/],
  ["halfWidth -1", () => gaussExpect((z) => z * z, 1, { halfWidth: -1 }), /gaussExpect: halfWidth must be > 0, but got -1/],
  ["order 2.5", () => gaussExpect((z) => z * z, 1, { order: 2.5 }), /gaussExpect: order must be an integer >= 1, but got 2.5/],
  ["unknown option", () => gaussExpect((z) => z * z, 1, { bogus: 1 } as never), /gaussExpect options: unknown option 'bogus'/],
  ["2-D unknown option", () => gaussExpect2((a, b) => a * b, { k11: 1, k12: 0, k22: 1 }, { width: 3 } as never), /gaussExpect2 options: unknown option 'width'/],
  ["gaussLegendre 1e9", () => gaussLegendre(1e9), /gaussLegendre with n=1000000000 nodes: estimated cost 1.00e\+9 nodes exceeds the limit/],
  ["truncatedMoments 1e9", () => truncatedMoments(1e9, 1, 0), /truncatedMoments up to kmax=1000000000: estimated cost/],
  ["K NaN", () => gaussExpect((z) => z, NaN), /K must be a finite number, but got NaN/],
];

test('gaussian: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('gaussian: the good path gives the same numbers', () => {
  assert.ok(Math.abs(gaussExpect((z) => z * z, 2) - 2) < 1e-12);
  assert.ok(Math.abs(gaussExpect((z) => z ** 4, 1, { halfWidth: 12, order: 20 }) - 3) < 1e-12);
});

test('gaussian: doubleFactorial overflows to a documented Infinity at once, exact below', async () => {
  const { doubleFactorial } = await import('./gaussian');
  assert.equal(doubleFactorial(7), 105);
  assert.equal(doubleFactorial(1e9), Infinity);
});

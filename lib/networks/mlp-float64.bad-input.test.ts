// Bad input to lib/networks/mlp-float64: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forward64, valueAndGrad64, type Mlp64 } from './mlp-float64';

const net: Mlp64 = { weights: [[[1, -1]], [[1], [1]]], biases: [[0, 0], [0]] };

const cases: [string, () => unknown, RegExp][] = [
  ["forward64 x NaN", () => forward64(net, [NaN], Math.tanh), /x\[0\] must be finite, but got NaN/],
  ["valueAndGrad64 length", () => valueAndGrad64(net, [1, 2], Math.tanh, (z) => 1 - Math.tanh(z) ** 2), /x has 2 entries, expected 1/],
];

test('mlp-float64: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

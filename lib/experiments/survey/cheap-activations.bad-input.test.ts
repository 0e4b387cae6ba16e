// Bad input to lib/experiments/survey/cheap-activations: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxAbsError, nsPerEval, oddLeastSquares, pwlTanh } from './cheap-activations';

const cases: [string, () => unknown, RegExp][] = [
  ["pwlTanh 1e9", () => pwlTanh(1e9), /pwlTanh with 1000000000 segments: estimated cost/],
  ["maxAbsError n 1e12", () => maxAbsError((x) => x, (x) => x, -1, 1, 1e12), /maxAbsError on 1000000000000 points: estimated cost/],
  ["maxAbsError lo NaN", () => maxAbsError((x) => x, (x) => x, NaN, 1), /lo must be a finite number, but got NaN/],
  ["nsPerEval n 1e12", () => nsPerEval((x) => x, 1e12), /nsPerEval with n=1000000000000, reps=5: estimated cost/],
  ["oddLeastSquares n NaN", () => oddLeastSquares(Math.tanh, 3, 2, NaN), /n must be an integer >= 1, but got NaN/],
];

test('cheap-activations: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

// Bad input to lib/theory/mrepu-approx: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalNetwork, evalPolynomial, solveLinear, theorem8 } from './mrepu-approx';

const cases: [string, () => unknown, RegExp][] = [
  ["solveLinear NaN", () => solveLinear([[1, NaN], [0, 1]], [1, 1]), /A\[0\]\[1\] must be finite, but got NaN/],
  ["evalNetwork wrong x", () => evalNetwork(theorem8({ vars: 2, terms: [{ coeff: 1, exps: [1, 1] }] }), [1]), /evalNetwork: x has 1 entries, but the first layer takes 2/],
  ["evalPolynomial wrong x", () => evalPolynomial({ vars: 2, terms: [{ coeff: 1, exps: [1, 1] }] }, [1]), /evalPolynomial: x has 1 entries, but the polynomial has vars = 2/],
  ["theorem8 huge degree", () => theorem8({ vars: 1, terms: [{ coeff: 1, exps: [1e9] }] }), /theorem8: terms\[0\] of total degree 1000000000: estimated cost/],
];

test('mrepu-approx: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('mrepu-approx: the good path is unchanged', () => {
  const P = { vars: 2, terms: [{ coeff: 1, exps: [1, 1] }] };
  assert.ok(Math.abs(evalNetwork(theorem8(P), [0.3, -0.5]).y[0] - evalPolynomial(P, [0.3, -0.5])) < 1e-9);
  assert.deepEqual(solveLinear([[2, 0], [0, 4]], [2, 2]), [1, 0.5]);
});

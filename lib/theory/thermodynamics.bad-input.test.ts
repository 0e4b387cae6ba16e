// Bad input to lib/theory/thermodynamics: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomBig, compositions, compositionsByConvolution, compositionsFloat64, enumerateMicrostates, generatingFunction, lambda1, netParams, thermoFromPolynomial, thermodynamics } from './thermodynamics';

const cases: [string, () => unknown, RegExp][] = [
  ["maxStates NaN", () => enumerateMicrostates(netParams({ g0: 2 }), NaN), /maxStates must be an integer >= 1, but got NaN/],
  ["maxStates Infinity", () => enumerateMicrostates(netParams({ g0: 2 }), Infinity), /maxStates must be an integer >= 1, but got Infinity/],
  ["enumeration budget", () => enumerateMicrostates(netParams({ g0: 30 }), 1e300), /enumerateMicrostates over K\^\(g0·g1\+g1\) = .* states: estimated cost .* exceeds the limit/],
  ["hand-built g1 = -1", () => thermodynamics({ ...netParams({ g0: 2 }), g1: -1 }, 1), /P.g1 \(hidden units\) must be an integer >= 1, but got -1/],
  ["hand-built hidden", () => enumerateMicrostates({ ...netParams({ g0: 2 }), hidden: 'softmax' as never }), /P.hidden must be one of 'relu', 'sigmoid', 'tanh', but got 'softmax'/],
  ["hand-built delta1", () => generatingFunction({ ...netParams({ g0: 2 }), delta1: 99 }), /P.delta1 must be an integer in \[g\+1, g·K\] = \[3, 4\].*but got 99/],
  ["compositions(2000, 2000)", () => compositions(2000, 2000), /compositions\(g=2000, K=2000\): estimated cost .* word operations exceeds the limit/],
  ["compositionsByConvolution(2000, 2000)", () => compositionsByConvolution(2000, 2000), /compositionsByConvolution\(g=2000, K=2000\): estimated cost/],
  ["compositionsFloat64(1e5, 1e5)", () => compositionsFloat64(1e5, 1e5), /compositionsFloat64\(g=100000, K=100000\): estimated cost/],
  ["binomBig(1e9, 5e8)", () => binomBig(1e9, 5e8), /binomBig\(1000000000, 500000000\): estimated cost/],
  ["lambda1 budget", () => lambda1(1e6, 1e6, 5e11), /lambda1\(g=1000000, K=1000000\): estimated cost/],
  ["netParams unknown option", () => netParams({ g0: 2, bogus: 1 } as never), /netParams: unknown option 'bogus'/],
  ["thermoFromPolynomial empty", () => thermoFromPolynomial([], 1), /thermoFromPolynomial: M must be an array of BigInt coefficients with at least one > 0, but got \[\] \(0 entries\)/],
];

test('thermodynamics: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('thermodynamics: the good path gives the same numbers', () => {
  const P = netParams({ g0: 2 });
  assert.deepEqual(compositions(3, 2), [0n, 0n, 0n, 1n, 3n, 3n, 1n]);
  assert.deepEqual(enumerateMicrostates(P), generatingFunction(P));
  const t = thermodynamics(P, 0.5), u = thermoFromPolynomial(generatingFunction(P), 0.5);
  assert.ok(Math.abs(t.lnZ - u.lnZ) < 1e-12 && Math.abs(t.U - u.U) < 1e-12);
});

// Bad input to lib/analysis/hessian: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, hutchinsonTrace, jacobiEigen, lanczos, powerIteration, stochasticLanczosQuadrature } from './hessian';
import { makeRng } from '../core/rng';

const cases: [string, () => unknown, RegExp][] = [
  ["fromRows NaN", () => fromRows([[NaN]]), /fromRows: A\[0,0\] must be finite, but got NaN \(rows\[0\]\[0\]\)/],
  ["fromRows empty", () => fromRows([]), /fromRows: rows must hold at least one row, but got none/],
  ["jacobiEigen maxSweeps NaN", () => jacobiEigen(fromRows([[1, 0], [0, 1]]), 1e-10, NaN), /maxSweeps must be an integer >= 1, but got NaN/],
  ["powerIteration maxIter Infinity", () => powerIteration((v) => v, 3, { rng: makeRng(1), maxIter: Infinity }), /maxIter must be an integer >= 1, but got Infinity/],
  ["powerIteration maxIter 1e12", () => powerIteration((v) => v, 3, { rng: makeRng(1), maxIter: 1e12 }), /powerIteration with maxIter=1000000000000: estimated cost/],
  ["lanczos memory", () => lanczos((v) => v, 1e6, 1e6, makeRng(1)), /lanczos with 1000000 steps in dimension 1000000: estimated cost 1.00e\+12 stored numbers/],
  ["SLQ probes 1e9", () => stochasticLanczosQuadrature((v) => v, 3, { steps: 2, probes: 1e9, rng: makeRng(1) }), /stochasticLanczosQuadrature with 1000000000 probes × 2 steps: estimated cost/],
  ["hutchinson probes 1e12", () => hutchinsonTrace((v) => v, 3, { probes: 1e12, rng: makeRng(1) }), /hutchinsonTrace with 1000000000000 probes: estimated cost/],
];

test('hessian: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('hessian: one Hutchinson probe has stderr Infinity (no estimate), never NaN', () => {
  const r = hutchinsonTrace((v) => v, 3, { probes: 1, rng: makeRng(1) });
  assert.equal(r.estimate, 3);
  assert.equal(r.stderr, Infinity);
  assert.equal(hutchinsonTrace((v) => v, 3, { probes: 4, rng: makeRng(1) }).stderr, 0);
});

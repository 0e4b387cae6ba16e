// Bad input to lib/core/statistics: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapDifference, bootstrapInterval, lnGamma } from './statistics';

const cases: [string, () => unknown, RegExp][] = [
  ["lnGamma pole -1", () => lnGamma(-1), /lnGamma: x must not be NaN or a pole \(0, −1, −2, …\), but got -1/],
  ["lnGamma pole 0", () => lnGamma(0), /pole .*but got 0/],
  ["lnGamma NaN", () => lnGamma(NaN), /but got NaN/],
  ["bootstrapInterval B 1e12", () => bootstrapInterval([1, 2, 3], (s) => s[0], { B: 1e12, seed: 1 }), /bootstrapInterval with B=1000000000000 on 3 samples: estimated cost 3.00e\+12 resampled values exceeds the limit/],
  ["bootstrapDifference B 1e12", () => bootstrapDifference([1, 2, 3], [1, 2], { B: 1e12 }), /bootstrapDifference with B=1000000000000/],
];

test('statistics: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('statistics: lnGamma keeps its values off the poles', () => {
  assert.ok(Math.abs(lnGamma(5) - Math.log(24)) < 1e-12);
  assert.ok(Math.abs(lnGamma(-0.5) - Math.log(2 * Math.sqrt(Math.PI))) < 1e-12);
});

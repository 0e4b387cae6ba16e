// Bad input to lib/experiments/survey/bespoke-activations: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bsplineActivation, derivativeJump, fitOneHidden, netDeriv } from './bespoke-activations';

const cases: [string, () => unknown, RegExp][] = [
  ["bsplineActivation 1e6", () => bsplineActivation(1e6), /degree k must be <= 20 .*but got 1000000/],
  ["derivativeJump m NaN", () => derivativeJump({ w: [1], b: [0], v: [1], c: 0 }, bsplineActivation(2), NaN), /m \(derivative order\) must be an integer >= 0, but got NaN/],
  ["derivativeJump bad net", () => derivativeJump({ a: [1], w: [1], b: [0], c: 0 } as never, bsplineActivation(2), 1), /derivativeJump: net must have w, b, v of equal length, but got 1, 1, undefined/],
  ["netDeriv x NaN", () => netDeriv({ w: [1], b: [0], v: [1], c: 0 }, bsplineActivation(2), NaN), /x must be a finite number, but got NaN/],
];

test('bespoke-activations: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('fitOneHidden: absurd epochs fail before any work', async () => {
  await assert.rejects(fitOneHidden(bsplineActivation(2), [0, 1], [0, 1], { width: 4, epochs: 1e9, lr: 0.01, seed: 1 }), /fitOneHidden for 1000000000 epochs: estimated cost/);
});

// Bad input to lib/experiments/survey/potentials: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxForceJump, morse, morseGrad, mullerBrown, mullerBrownGrad, velocityVerlet } from './potentials';

const cases: [string, () => unknown, RegExp][] = [
  ["maxForceJump lo -Infinity", () => maxForceJump((x) => x, -Infinity, 1, 0.1), /maxForceJump: lo must be a finite number, but got -Infinity/],
  ["maxForceJump hi Infinity", () => maxForceJump((x) => x, 0, Infinity, 0.1), /maxForceJump: hi must be a finite number, but got Infinity/],
  ["maxForceJump h 1e-15", () => maxForceJump((x) => x, 0, 1, 1e-15), /maxForceJump on \[0, 1\] with h=1e-15: estimated cost 1.00e\+15 force evaluations exceeds the limit/],
  ["maxForceJump h below resolution", () => maxForceJump((x) => x, 1e20, 1e20 + 2 ** 20, 1), /maxForceJump: h=1 is below the float64 resolution at lo=100000000000000000000/],
  ["morse D -1", () => morse(1, { D: -1, a: 1, re: 1 }), /Morse D \(well depth\) must be > 0, but got -1/],
  ["morse a NaN", () => morseGrad(1, { D: 1, a: NaN, re: 1 }), /Morse a \(inverse width\) must be a finite number, but got NaN/],
  ["mullerBrown scale NaN", () => mullerBrown(0, 0, NaN), /scale must be a finite number, but got NaN/],
  ["mullerBrownGrad scale 0", () => mullerBrownGrad(0, 0, 0), /scale must be > 0, but got 0/],
  ["velocityVerlet steps 1e12", () => velocityVerlet((q) => ({ value: 0, grad: q.map(() => 0) }), [1], [0], { dt: 0.1, steps: 1e12 }), /velocityVerlet for 1000000000000 steps: estimated cost/],
  ["velocityVerlet NaN force", () => velocityVerlet(() => ({ value: NaN, grad: [NaN] }), [1], [0], { dt: 0.1, steps: 10 }), /velocity Verlet diverged at once: energyAndGrad\(q0\) must return a finite value and a finite grad of length 1, but got value=NaN, grad=\[NaN\]/],
  ["velocityVerlet unknown option", () => velocityVerlet((q) => ({ value: 0, grad: q.map(() => 0) }), [1], [0], { dt: 0.1, steps: 10, bogus: 1 } as never), /velocityVerlet options: unknown option 'bogus'/],
];

test('potentials: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('potentials: the good path gives the same numbers', () => {
  assert.equal(morse(1), 0);
  assert.equal(morse(2, { D: 2, a: 1, re: 1 }), 2 * (1 - Math.exp(-1)) ** 2);
  assert.ok(Math.abs(maxForceJump(Math.sin, 0, 1, 0.1) - 0.1) < 1e-3);
});

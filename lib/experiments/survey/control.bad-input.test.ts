// Bad input to lib/experiments/survey/control: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ARM, DEFAULT_STEP, linearLoop, rk4, stepMetrics, stepResponse } from './control';

const cases: [string, () => unknown, RegExp][] = [
  ["rk4 NaN rhs", () => rk4(() => [NaN], [1], 0.1, 10), /rk4 diverged at once: f\(0, y0\) must return 1 finite numbers, but got \[NaN\] \(check the right-hand side f\)/],
  ["rk4 wrong length", () => rk4(() => [1, 2], [1], 0.1, 2), /rk4 diverged at once: f\(0, y0\) must return 1 finite numbers, but got \[1, 2\]/],
  ["rk4 y0 NaN", () => rk4((t, y) => [y[0]], [NaN], 0.1, 10), /y0\[0\] must be finite, but got NaN/],
  ["rk4 steps 1e12", () => rk4((t, y) => [y[0]], [1], 0.1, 1e12), /rk4 for 1000000000000 steps of a 1-dimensional state: estimated cost/],
  ["stepMetrics empty", () => stepMetrics([], [], 1), /stepMetrics: t must be non-empty, but got 0 samples/],
  ["stepMetrics lengths", () => stepMetrics([0, 1], [0], 1), /stepMetrics: t has 2 entries but theta has 1/],
  ["stepMetrics target 0", () => stepMetrics([0, 1], [0, 1], 0), /stepMetrics: target must be non-zero, but got 0/],
  ["stepMetrics band", () => stepMetrics([0, 1], [0, 1], 1, -0.1), /band must be > 0, but got -0.1/],
  ["stepResponse NaN phi", () => stepResponse(() => NaN, DEFAULT_ARM, DEFAULT_STEP), /stepResponse: phi must return finite values, but phi\(0\)=NaN/],
  ["stepResponse tEnd 1e9", () => stepResponse(Math.tanh, DEFAULT_ARM, { target: 0.2, tEnd: 1e9, dt: 1e-3 }), /rk4 for 1000000000000 steps of a 2-dimensional state: estimated cost/],
  ["linearLoop inertia", () => linearLoop(1, { ...DEFAULT_ARM, inertia: -1 }), /inertia must be > 0, but got -1/],
];

test('control: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

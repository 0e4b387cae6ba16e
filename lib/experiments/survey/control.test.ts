import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rk4, stepResponse, stepMetrics, linearStepClosedForm, linearLoop, DEFAULT_ARM, DEFAULT_STEP } from './control';

test('RK4 on y′ = −y has fourth-order error', () => {
  const err = (dt: number) => Math.abs(rk4((_t, y) => [-y[0]], [1], dt, Math.round(1 / dt)).pop()![0] - Math.exp(-1));
  const order = Math.log2(err(0.1) / err(0.05));
  assert.ok(Math.abs(order - 4) < 0.2, `order ${order}`);
});

test('a linear neuron (φ = identity) gives the closed-form damped-oscillator step response', () => {
  const { t, theta } = stepResponse((z) => z, DEFAULT_ARM, { target: 0.2, tEnd: 10, dt: 1e-3 });
  const cf = linearStepClosedForm(DEFAULT_ARM.torque * DEFAULT_ARM.k, DEFAULT_ARM, 0.2);
  const maxErr = t.reduce((m, ti, i) => Math.max(m, Math.abs(theta[i] - cf(ti))), 0);
  assert.ok(maxErr < 1e-9, `max error ${maxErr}`);
  // and the measured overshoot equals the textbook e^{−πζ/√(1−ζ²)}
  const m = stepMetrics(t, theta, 0.2);
  const lin = linearLoop(DEFAULT_ARM.torque * DEFAULT_ARM.k, DEFAULT_ARM);
  assert.ok(Math.abs(m.overshoot - lin.overshoot) < 1e-4, `${m.overshoot} vs ${lin.overshoot}`);
});

test('step metrics of a first-order response 1 − e^{−t}: rise ln 9, no overshoot, 2 % settling at ln 50', () => {
  const t = Array.from({ length: 20001 }, (_, i) => i * 1e-3);
  const y = t.map((s) => 1 - Math.exp(-s));
  const m = stepMetrics(t, y, 1);
  assert.ok(Math.abs(m.riseTime - Math.log(9)) < 2e-3);
  assert.equal(m.overshoot, 0);
  assert.ok(Math.abs(m.settlingTime - Math.log(50)) < 2e-3);
  assert.equal(stepMetrics(t, t.map(() => 0), 1).riseTime, Infinity);
});

test('bad input throws naming the argument', () => {
  assert.throws(() => stepResponse(Math.tanh, { ...DEFAULT_ARM, inertia: 0 }), /inertia/);
  assert.throws(() => stepResponse(Math.tanh, DEFAULT_ARM, { ...DEFAULT_STEP, target: 0 }), /target must be non-zero/);
  assert.throws(() => linearStepClosedForm(0.01, DEFAULT_ARM, 1), /underdamped/);
  assert.throws(() => rk4(() => [NaN], [1], 0.1, 3), /diverged/);
});

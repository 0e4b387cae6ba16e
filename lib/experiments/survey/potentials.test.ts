import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  morse, morseGrad, mullerBrown, mullerBrownGrad, MB_MINIMA, velocityVerlet, energyError, maxForceJump, DEFAULT_MORSE,
} from './potentials';

const FD_TOL = 1e-6;

test('Morse gradient equals central finite differences; V(r_e) = 0, V(∞) → D', () => {
  for (const r of [0.6, 0.9, 1, 1.3, 2.5]) {
    const h = 1e-6, fd = (morse(r + h) - morse(r - h)) / (2 * h);
    assert.ok(Math.abs(fd - morseGrad(r)) < FD_TOL, `r=${r}`);
  }
  assert.equal(morse(DEFAULT_MORSE.re), 0);
  assert.ok(Math.abs(morse(40) - DEFAULT_MORSE.D) < 1e-12);
});

test('Müller–Brown gradient equals finite differences and vanishes at the literature minima', () => {
  for (const [x, y] of [[-0.5, 1.2], [0.3, 0.4], [-1, 0.2], [0.7, -0.2]]) {
    const h = 1e-6;
    const [gx, gy] = mullerBrownGrad(x, y);
    const fx = (mullerBrown(x + h, y) - mullerBrown(x - h, y)) / (2 * h);
    const fy = (mullerBrown(x, y + h) - mullerBrown(x, y - h)) / (2 * h);
    assert.ok(Math.abs(fx - gx) < 1e-4 * (1 + Math.abs(gx)) && Math.abs(fy - gy) < 1e-4 * (1 + Math.abs(gy)));
  }
  for (const [x, y] of MB_MINIMA) {
    const [gx, gy] = mullerBrownGrad(x, y);
    assert.ok(Math.hypot(gx, gy) < 2, `|∇E| at (${x},${y}) = ${Math.hypot(gx, gy)} (minima given to 3 decimals)`);
  }
  assert.ok(Math.abs(mullerBrown(-0.558, 1.442) - -146.70) < 0.01);
});

test('velocity Verlet on a harmonic well matches the closed form x(t) = cos t and conserves energy to O(dt²)', () => {
  const harm = (q: number[]) => ({ value: 0.5 * q[0] * q[0], grad: [q[0]] });
  const errs = [0.02, 0.01].map((dt) => {
    const tr = velocityVerlet(harm, [1], [0], { dt, steps: Math.round(10 / dt) });
    const xErr = Math.abs(tr.q[tr.q.length - 1][0] - Math.cos(10));
    assert.ok(xErr < 5 * dt * dt * 10, `x error ${xErr}`);
    return energyError(tr).maxAbs;
  });
  const order = Math.log2(errs[0] / errs[1]);
  assert.ok(Math.abs(order - 2) < 0.1, `energy error order ${order}`);
});

test('velocity Verlet in the Morse well: bounded energy error, no drift', () => {
  const tr = velocityVerlet((q) => ({ value: morse(q[0]), grad: [morseGrad(q[0])] }), [1], [Math.sqrt(0.6)], { dt: 0.01, steps: 5000 });
  const { maxAbs, slope } = energyError(tr);
  assert.ok(maxAbs < 1e-3 && Math.abs(slope) < 1e-6, `max ${maxAbs}, slope ${slope}`);
});

test('maxForceJump: shrinks with h for a smooth force, not for a step', () => {
  const smooth = maxForceJump(Math.sin, -3, 3, 1e-3);
  const step = maxForceJump((x) => (x > 0.1234 ? 1 : 0), -3, 3, 1e-3);
  assert.ok(smooth < 1.1e-3 && step === 1);
});

test('bad input throws naming the argument', () => {
  assert.throws(() => morse(NaN), /r must be a finite/);
  assert.throws(() => velocityVerlet(() => ({ value: 0, grad: [0] }), [0], [0], { dt: -1, steps: 3 }), /dt/);
  assert.throws(() => velocityVerlet(() => ({ value: 0, grad: [0] }), [0], [0, 1], { dt: 1, steps: 3 }), /v0 has 2/);
  assert.throws(() => velocityVerlet(() => ({ value: NaN, grad: [NaN] }), [0], [0], { dt: 1, steps: 3 }), /diverged/);
  assert.throws(() => maxForceJump(Math.sin, 1, 0, 0.1), /hi > lo/);
});

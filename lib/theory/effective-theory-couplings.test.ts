import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quarticActionMoments, quarticCouplings } from './effective-theory';

test('quarticActionMoments: v = 0 is the Gaussian (K = 1/g, V = 0)', () => {
  const m = quarticActionMoments(2, 0, 8);
  assert.ok(Math.abs(m.K - 0.5) < 1e-9 && Math.abs(m.V) < 1e-7, JSON.stringify(m));
});

test('quarticCouplings invert the action to second order: halving V quarters the error in K and V', () => {
  for (const n of [8, 32]) {
    const err = (V: number) => { const c = quarticCouplings(1, V, n), m = quarticActionMoments(c.g, c.v, n); return [Math.abs(m.K - 1), Math.abs(m.V - V) / Math.abs(V)]; };
    const [a, b] = [err(-0.4), err(-0.2)];
    assert.ok(a[0] / b[0] > 3 && a[0] / b[0] < 5, `n=${n}: K error ratio ${a[0] / b[0]}`);
    assert.ok(a[1] / b[1] > 1.5 && a[1] / b[1] < 2.5, `n=${n}: relative V error ratio ${a[1] / b[1]}`);
  }
});

test('guards name the argument', () => {
  assert.throws(() => quarticCouplings(0, 1, 4), /K/);
  assert.throws(() => quarticCouplings(1, NaN, 4), /V/);
  assert.throws(() => quarticCouplings(1, 1, 0), /n/);
  assert.throws(() => quarticActionMoments(1, 0.1, 4), /v must be <= 0/);
  assert.throws(() => quarticActionMoments(-1, 0, 4), /g/);
});

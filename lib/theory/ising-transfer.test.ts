import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transferObservables, magnetisationDistribution } from './ising-transfer';
import { exactObservables } from './ising-mc';

test('transfer matrix equals exact enumeration at L = 4 (and L = 3, odd)', () => {
  for (const L of [3, 4]) for (const T of [1.5, 2.269, 3.2]) {
    const a = transferObservables(L, T), b = exactObservables(L, T);
    for (const k of ['absM', 'm2', 'm4', 'e', 'chi', 'binder'] as const) assert.ok(Math.abs(a[k] - b[k]) < 1e-10, `${k} at L = ${L}, T = ${T}: ${a[k]} vs ${b[k]}`);
    assert.ok(Math.abs(a.c - b.c) < 1e-6, `c at L = ${L}, T = ${T}`);
  }
});

test('magnetisation distribution: normalised, symmetric, non-negative (L = 6)', () => {
  const W = magnetisationDistribution(6, 2.5);
  assert.equal(W.length, 37);
  assert.ok(Math.abs(W.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  for (let k = 0; k < W.length; k++) { assert.ok(W[k] >= 0); assert.ok(Math.abs(W[k] - W[W.length - 1 - k]) < 1e-12); }
  // the two ground states dominate at low T
  assert.ok(magnetisationDistribution(4, 0.5)[16] > 0.49);
});

test('transfer matrix: bad input', () => {
  assert.throws(() => transferObservables(9, 2), /L must be ≤ 8/);
  assert.throws(() => transferObservables(1, 2), /L/);
  assert.throws(() => transferObservables(4, -1), /T/);
});

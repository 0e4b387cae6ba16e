import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRng, normals, permutation } from './rng';

test('same seed, same stream; different seeds and split streams differ', () => {
  const a = makeRng(42), b = makeRng(42), c = makeRng(43);
  const xs = Array.from({ length: 5 }, () => a.uniform());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.uniform()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.uniform()));
  const p = makeRng(42);
  const s1 = p.split(), s2 = p.split();
  assert.notEqual(s1.uniform(), s2.uniform());
});

test('uniform moments and a chi-square test of 10 bins (second route: theory of U(0,1))', () => {
  const r = makeRng(1), n = 200_000, bins = new Array(10).fill(0);
  let m = 0, m2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    m += u; m2 += u * u; bins[Math.floor(u * 10)]++;
  }
  assert.ok(Math.abs(m / n - 0.5) < 4 * Math.sqrt(1 / 12 / n));
  assert.ok(Math.abs(m2 / n - 1 / 3) < 0.005);
  const chi2 = bins.reduce((s, k) => s + (k - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi2 < 27.9, `chi2 ${chi2} (9 dof, p=0.001 cut 27.9)`);
});

test('normals: mean 0, variance std², kurtosis 3 within sampling bands', () => {
  const n = 200_000, z = normals(makeRng(7), n, 2);
  let m = 0, m2 = 0, m4 = 0;
  for (const v of z) { m += v; m2 += v * v; m4 += v ** 4; }
  m /= n; m2 /= n; m4 /= n;
  assert.ok(Math.abs(m) < 4 * 2 / Math.sqrt(n));
  assert.ok(Math.abs(m2 - 4) < 4 * 4 * Math.sqrt(2 / n));
  assert.ok(Math.abs(m4 / (m2 * m2) - 3) < 0.05);
});

test('permutation is a permutation, and int() covers its range uniformly', () => {
  const p = Array.from(permutation(makeRng(3), 1000));
  assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
  const r = makeRng(5), counts = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) counts[r.int(3)]++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400);
});

test('bad seeds and sizes are refused', () => {
  assert.throws(() => makeRng(NaN), /seed must be a finite number, but got NaN/);
  assert.throws(() => makeRng(1.5), /seed must be an integer, but got 1.5/);
  assert.throws(() => normals(makeRng(1), -1), /n must be an integer >= 0, but got -1/);
  assert.throws(() => makeRng(1).int(0), /n must be an integer >= 1, but got 0/);
});

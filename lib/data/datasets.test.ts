import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xor, twoMoons, spirals, sine1d, studentT, accuracy } from './datasets';
import { makeRng } from '../core/rng';

test('datasets: shapes, balanced labels, determinism by seed', () => {
  for (const d of [xor(10), twoMoons(100), spirals(100)]) {
    assert.equal(d.x.length, d.y.length);
    const ones = d.y.filter((r) => r[0] === 1).length;
    assert.equal(ones, d.y.length / 2);
  }
  assert.deepEqual(twoMoons(50, 0.1, 3), twoMoons(50, 0.1, 3));
  assert.notDeepEqual(twoMoons(50, 0.1, 3), twoMoons(50, 0.1, 4));
  const s = sine1d(20);
  s.x.forEach(([x], i) => assert.equal(s.y[i][0], Math.sin(x)));
});

test('XOR labels: sign of x₁x₂ (noise-free)', () => {
  const d = xor(2, 0);
  d.x.forEach(([a, b], i) => assert.equal(d.y[i][0], a * b < 0 ? 1 : 0));
});

test('Student-t: ν = 5 variance ν/(ν−2) = 5/3; Cauchy (ν = 1) median |t| = 1', () => {
  const rng = makeRng(2), n = 100_000;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += studentT(rng, 5) ** 2;
  assert.ok(Math.abs(s2 / n - 5 / 3) < 0.08, `var ${s2 / n}`);
  const c = Array.from({ length: 20_001 }, () => Math.abs(studentT(rng, 1))).sort((a, b) => a - b);
  assert.ok(Math.abs(c[10_000] - 1) < 0.04, `median ${c[10_000]}`);
  assert.throws(() => studentT(rng, 0), /nu must be > 0, but got 0/);
});

test('accuracy and bad sizes', () => {
  assert.equal(accuracy([[0.9], [0.2], [0.6]], [[1], [0], [0]]), 2 / 3);
  assert.throws(() => twoMoons(-5), /n must be an integer >= 2, but got -5/);
  assert.throws(() => accuracy([[1]], [[1], [0]]), /pred has 1 rows but y has 2/);
});

test('bad input: empty accuracy, negative spiral noise, absurd sizes', async () => {
  const { accuracy, spirals, twoMoons, xor } = await import('./datasets');
  assert.throws(() => accuracy([], []), /accuracy needs at least one row/);
  assert.throws(() => spirals(100, 1.5, -0.1), /noise must be >= 0, but got -0.1/);
  assert.throws(() => spirals(1e9), /spirals: estimated cost 1.00e\+9 points exceeds the limit/);
  assert.throws(() => twoMoons(1e9), /twoMoons: estimated cost/);
  assert.throws(() => xor(1e9), /xor: estimated cost/);
});

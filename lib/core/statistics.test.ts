import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapDifference, bootstrapInterval, erfc, incompleteBeta, lnGamma, mean, median, normalQuantile, pairedDifference, studentTCdf, studentTQuantile, tIntervalMean, variance, welchDifference, wilsonInterval } from './statistics';
import { makeRng } from './rng';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

test('lnGamma against factorials and Γ(1/2) = √π', () => {
  for (let n = 1; n < 20; n++) {
    let f = 1;
    for (let k = 2; k < n; k++) f *= k;
    close(lnGamma(n), Math.log(f), 1e-12, `lnΓ(${n})`);
  }
  close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
});

test('incomplete beta: closed forms I_x(1, b) = 1 − (1−x)^b and I_x(a, 1) = x^a, and symmetry', () => {
  for (const x of [0.01, 0.3, 0.7, 0.99]) {
    close(incompleteBeta(x, 1, 3.5), 1 - (1 - x) ** 3.5, 1e-13);
    close(incompleteBeta(x, 2.5, 1), x ** 2.5, 1e-13);
    close(incompleteBeta(x, 2.2, 3.1) + incompleteBeta(1 - x, 3.1, 2.2), 1, 1e-13);
  }
});

test('Student t: CDF of ν = 1 is the Cauchy CDF, ν = 2 closed form; quantiles match printed tables', () => {
  for (const t of [-3, -0.5, 0.2, 1, 4]) {
    close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13, `Cauchy ${t}`);
    close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13, `ν=2 ${t}`);
  }
  // Fisher & Yates / any textbook table, two-sided 95 %
  close(studentTQuantile(0.975, 1), 12.7062, 1e-4);
  close(studentTQuantile(0.975, 2), 4.3027, 1e-4);
  close(studentTQuantile(0.975, 5), 2.5706, 1e-4);
  close(studentTQuantile(0.975, 30), 2.0423, 1e-4);
  close(studentTQuantile(0.975, 1e7), normalQuantile(0.975), 1e-5);
  close(studentTQuantile(0.025, 5), -2.5706, 1e-4);
  assert.throws(() => studentTQuantile(1, 3), /p must lie in \(0, 1\)/);
  assert.throws(() => studentTCdf(1, 0), /nu \(degrees of freedom\) must be > 0/);
});

test('normal quantile and erfc: table values and the Φ(Φ⁻¹(p)) round trip', () => {
  close(normalQuantile(0.975), 1.959963984540054, 1e-13);
  close(normalQuantile(0.5), 0, 1e-15);
  close(erfc(0), 1, 1e-15);
  close(erfc(1), 0.15729920705028513, 1e-14);
  close(erfc(3), 2.209049699858544e-5, 1e-17);
  for (const p of [1e-6, 0.01, 0.3, 0.9, 0.999]) close(0.5 * erfc(-normalQuantile(p) / Math.SQRT2), p, 1e-13 * Math.max(1, p));
});

test('t interval of a mean: hand-worked example and coverage on simulated normals', () => {
  const xs = [1, 2, 3, 4, 5];
  const iv = tIntervalMean(xs);
  close(mean(xs), 3, 0);
  close(variance(xs), 2.5, 1e-15);
  close(iv.hi - 3, 2.7764451 * Math.sqrt(2.5 / 5), 1e-6);
  const rng = makeRng(3);
  let covered = 0;
  const R = 2000;
  for (let r = 0; r < R; r++) {
    const s = Array.from({ length: 6 }, () => 10 + 2 * rng.normal());
    const v = tIntervalMean(s, 0.9);
    if (v.lo <= 10 && 10 <= v.hi) covered++;
  }
  close(covered / R, 0.9, 0.02, 'coverage');
});

test('paired and Welch differences; bootstrap agrees with t on normal data and is deterministic', () => {
  const a = [5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.1, 5.0], b = a.map((x, i) => x - 1 + 0.05 * ((i % 3) - 1));
  const p = pairedDifference(a, b);
  assert.ok(p.lo > 0.9 && p.hi < 1.1 && p.method === 'paired t');
  const w = welchDifference(a, b);
  assert.ok(w.lo < p.lo && w.hi > p.hi, 'ignoring the pairing widens the interval');
  const rng = makeRng(11);
  const xs = Array.from({ length: 40 }, () => rng.normal());
  const t = tIntervalMean(xs), bs = bootstrapInterval(xs);
  close(bs.lo, t.lo, 0.08);
  close(bs.hi, t.hi, 0.08);
  assert.deepEqual(bootstrapInterval(xs), bs, 'same data → same interval');
  const ys = xs.map((x) => x + 0.5), bd = bootstrapDifference(ys, xs), wd = welchDifference(ys, xs);
  close(bd.lo, wd.lo, 0.1);
  close(bd.hi, wd.hi, 0.1);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.throws(() => tIntervalMean([1]), /samples needs at least 2 values, but got 1/);
  assert.throws(() => tIntervalMean([1, NaN]), /samples\[1\] must be finite, but got NaN/);
  assert.throws(() => pairedDifference([1, 2], [1, 2, 3]), /paired samples need equal lengths/);
});

test('Wilson interval: Wilson 1927 / Newcombe 1998 worked values and bounds', () => {
  // Newcombe (1998), Table I: 81/263 → 0.2553–0.3662
  const w = wilsonInterval(81, 263);
  close(w.lo, 0.2553, 5e-4);
  close(w.hi, 0.3662, 5e-4);
  const z = wilsonInterval(0, 10);
  assert.ok(z.lo <= z.estimate && wilsonInterval(0, 2).lo <= 0, 'lo ≤ estimate at k = 0');
  const all = wilsonInterval(7, 7);
  assert.ok(all.hi >= all.estimate && all.hi === 1, 'hi ≥ estimate at k = n');
  close(z.hi, 0.2775, 5e-4);
  assert.throws(() => wilsonInterval(11, 10), /k must be ≤ n/);
});

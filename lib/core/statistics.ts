/**
 * Interval estimates over replicates (seeds, repeated timings), for the claims ledger:
 * Student-t intervals of a mean, of a paired difference and of a difference of means (Welch),
 * a seeded percentile bootstrap, and the Wilson interval of a proportion. Float64, no TF.js.
 */
import { assertInRange, assertInteger, assertWithinBudget } from './guards';
import { makeRng } from './rng';

/** An estimate with a two-sided interval at `level`, from `n` replicates by `method`. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  n: number;
  level: number;
  method: string;
}

function finiteSamples(xs: readonly number[], name: string, min = 1): void {
  if (!Array.isArray(xs) && !(xs instanceof Float64Array) && !(xs instanceof Float32Array)) {
    throw new TypeError(`${name} must be an array of numbers, but got ${typeof xs}`);
  }
  if (xs.length < min) throw new RangeError(`${name} needs at least ${min} values, but got ${xs.length}`);
  for (let i = 0; i < xs.length; i++) {
    if (typeof xs[i] !== 'number' || !Number.isFinite(xs[i])) throw new RangeError(`${name}[${i}] must be finite, but got ${String(xs[i])}`);
  }
}

export function mean(xs: readonly number[]): number {
  finiteSamples(xs, 'xs');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance with the n − 1 denominator (two-pass). */
export function variance(xs: readonly number[]): number {
  finiteSamples(xs, 'xs', 2);
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error < 1e-15). */
export function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (Number.isNaN(x) || (x <= 0 && Number.isInteger(x))) throw new RangeError(`lnGamma: x must not be NaN or a pole (0, −1, −2, …), but got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz; Numerical Recipes §6.4). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) return h;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b) (Abramowitz & Stegun 26.5.8 with the symmetry 26.5.2). */
export function incompleteBeta(x: number, a: number, b: number): number {
  assertInRange(x, 'x', 0, 1);
  if (x === 0 || x === 1) return x;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student-t CDF with ν degrees of freedom (A&S 26.7.1 via the incomplete beta). */
export function studentTCdf(t: number, nu: number): number {
  if (!(nu > 0)) throw new RangeError(`nu (degrees of freedom) must be > 0, but got ${nu}`);
  if (!Number.isFinite(t)) { if (Number.isNaN(t)) throw new RangeError('t must be a number, but got NaN'); return t > 0 ? 1 : 0; }
  const p = 0.5 * incompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t > 0 ? 1 - p : p;
}

/** Student-t quantile: the t with CDF(t) = p (bisection on the CDF to 1e-12). */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie in (0, 1), but got ${p}`);
  if (!(nu > 0)) throw new RangeError(`nu (degrees of freedom) must be > 0, but got ${nu}`);
  if (p === 0.5) return 0;
  let lo = -1, hi = 1;
  while (studentTCdf(lo, nu) > p) lo *= 2;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, nu) < p) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), but got ${level}`);
}

/** Student-t interval of a mean: x̄ ± t_{(1+level)/2, n−1} s/√n. Needs n ≥ 2. */
export function tIntervalMean(xs: readonly number[], level = 0.95): Interval {
  finiteSamples(xs, 'samples', 2);
  checkLevel(level);
  const n = xs.length, m = mean(xs), se = Math.sqrt(variance(xs) / n);
  const q = studentTQuantile((1 + level) / 2, n - 1);
  return { estimate: m, lo: m - q * se, hi: m + q * se, n, level, method: 't' };
}

/** Paired difference a − b (same seeds and data in both arms): t interval of the mean difference. */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  finiteSamples(a, 'a', 2);
  finiteSamples(b, 'b', 2);
  if (a.length !== b.length) throw new RangeError(`paired samples need equal lengths, but got a: ${a.length}, b: ${b.length}`);
  const d = a.map((x, i) => x - b[i]);
  return { ...tIntervalMean(d, level), method: 'paired t' };
}

/** Difference of means a − b for independent samples: Welch's t interval (Welch–Satterthwaite ν). */
export function welchDifference(a: readonly number[], b: readonly number[], level = 0.95): Interval {
  finiteSamples(a, 'a', 2);
  finiteSamples(b, 'b', 2);
  checkLevel(level);
  const va = variance(a) / a.length, vb = variance(b) / b.length;
  const est = mean(a) - mean(b);
  const se = Math.sqrt(va + vb);
  if (se === 0) return { estimate: est, lo: est, hi: est, n: Math.min(a.length, b.length), level, method: 'Welch t' };
  const nu = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const q = studentTQuantile((1 + level) / 2, nu);
  return { estimate: est, lo: est - q * se, hi: est + q * se, n: Math.min(a.length, b.length), level, method: 'Welch t' };
}

/**
 * Percentile bootstrap interval of a statistic of one sample (Efron 1979), with a fixed seed so
 * that the same data always give the same interval (verdicts must not change between runs).
 */
export function bootstrapInterval(xs: readonly number[], stat: (s: readonly number[]) => number = mean, opts: { level?: number; B?: number; seed?: number } = {}): Interval {
  finiteSamples(xs, 'samples', 2);
  const level = opts.level ?? 0.95, B = opts.B ?? 4000, seed = opts.seed ?? 12345;
  checkLevel(level);
  assertInteger(B, 'B', 100);
  assertWithinBudget(`bootstrapInterval with B=${B} on ${xs.length} samples`, B * xs.length, 1e9, 'resampled values');
  const rng = makeRng(seed);
  const n = xs.length, est = stat(xs), reps = new Float64Array(B), buf = new Array<number>(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) buf[i] = xs[rng.int(n)];
    reps[b] = stat(buf);
  }
  reps.sort();
  const q = (p: number) => reps[Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))))];
  return { estimate: est, lo: q((1 - level) / 2), hi: q((1 + level) / 2), n, level, method: `bootstrap (B = ${B})` };
}

/** Percentile bootstrap interval of mean(a) − mean(b) for independent samples, each arm resampled on its own (fixed seed). */
export function bootstrapDifference(a: readonly number[], b: readonly number[], opts: { level?: number; B?: number; seed?: number } = {}): Interval {
  finiteSamples(a, 'a', 2);
  finiteSamples(b, 'b', 2);
  const level = opts.level ?? 0.95, B = opts.B ?? 4000, seed = opts.seed ?? 12345;
  checkLevel(level);
  assertInteger(B, 'B', 100);
  assertWithinBudget(`bootstrapDifference with B=${B} on ${a.length}+${b.length} samples`, B * (a.length + b.length), 1e9, 'resampled values');
  const rng = makeRng(seed), reps = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    let sa = 0, sb = 0;
    for (let i = 0; i < a.length; i++) sa += a[rng.int(a.length)];
    for (let i = 0; i < b.length; i++) sb += b[rng.int(b.length)];
    reps[r] = sa / a.length - sb / b.length;
  }
  reps.sort();
  const q = (p: number) => reps[Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))))];
  return { estimate: mean(a) - mean(b), lo: q((1 - level) / 2), hi: q((1 + level) / 2), n: Math.min(a.length, b.length), level, method: `bootstrap (B = ${B})` };
}

/** Median of a sample (average of the two middle values for even n). */
export function median(xs: readonly number[]): number {
  finiteSamples(xs, 'xs');
  const s = [...xs].sort((a, b) => a - b), n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Wilson score interval of a proportion k/n (Wilson 1927); z from the normal quantile at level. */
export function wilsonInterval(k: number, n: number, level = 0.95): Interval {
  assertInteger(n, 'n', 1);
  assertInteger(k, 'k', 0);
  if (k > n) throw new RangeError(`k must be ≤ n, but got k = ${k}, n = ${n}`);
  checkLevel(level);
  const z = normalQuantile((1 + level) / 2), p = k / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // clamped so that lo ≤ p ≤ hi exactly (round-off at k = 0 or k = n would otherwise leave p outside by ~1e-17)
  return { estimate: p, lo: Math.min(p, Math.max(0, centre - half)), hi: Math.max(p, Math.min(1, centre + half)), n, level, method: 'Wilson' };
}

/** Standard normal quantile (Acklam's rational approximation refined by one Halley step; |error| < 1e-15). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie in (0, 1), but got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5, r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function: Maclaurin series of erf for |x| < 2 (A&S 7.1.5), Laplace continued fraction beyond (A&S 7.1.14). */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2) {
    // erf series: 2/√π Σ (−1)^n x^{2n+1} / (n! (2n+1))
    let term = ax, sum = ax;
    for (let n = 1; n < 200; n++) {
      term *= (-ax * ax) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
    let f = ax;
    for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
    r = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}

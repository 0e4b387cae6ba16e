/**
 * Small synthetic datasets for the survey's experiments (seed 001), all seeded:
 * XOR, two moons, two spirals, a 1-D sine, and heavy-tailed (Student-t) inputs.
 */
import { assertInteger, assertNonNegative, assertPositive, assertWithinBudget, assertFinite } from '../core/guards';

/** Largest synthetic dataset before WORK_BUDGET (rows of plain arrays: ~100 bytes each). */
const MAX_POINTS = 1e7;
import { makeRng, Rng } from '../core/rng';
import type { Dataset } from '../networks/train';

/** Four XOR corners (±1, ±1), label 1 when the signs differ, repeated `copies` times with N(0, noise²) jitter. */
export function xor(copies = 25, noise = 0.1, seed = 1): Dataset {
  assertInteger(copies, 'copies');
  assertWithinBudget('xor', 4 * copies, MAX_POINTS, 'points');
  assertNonNegative(noise, 'noise');
  const rng = makeRng(seed);
  const x: number[][] = [], y: number[][] = [];
  for (let c = 0; c < copies; c++) {
    for (const [a, b] of [[-1, -1], [-1, 1], [1, -1], [1, 1]]) {
      x.push([a + noise * rng.normal(), b + noise * rng.normal()]);
      y.push([a * b < 0 ? 1 : 0]);
    }
  }
  return { x, y };
}

/** Two interleaved half circles (scikit-learn's make_moons recipe), n points, N(0, noise²) jitter. */
export function twoMoons(n = 200, noise = 0.1, seed = 1): Dataset {
  assertInteger(n, 'n', 2);
  assertWithinBudget('twoMoons', n, MAX_POINTS, 'points');
  assertNonNegative(noise, 'noise');
  const rng = makeRng(seed);
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const upper = i % 2 === 0;
    const t = Math.PI * rng.uniform();
    const p = upper ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    x.push([p[0] + noise * rng.normal(), p[1] + noise * rng.normal()]);
    y.push([upper ? 0 : 1]);
  }
  return { x, y };
}

/** Two interleaved spirals of `turns` turns, n points. */
export function spirals(n = 200, turns = 1.5, noise = 0.05, seed = 1): Dataset {
  assertInteger(n, 'n', 2);
  assertPositive(turns, 'turns');
  assertNonNegative(noise, 'noise');
  assertWithinBudget('spirals', n, MAX_POINTS, 'points');
  const rng = makeRng(seed);
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const r = rng.uniform();
    const th = 2 * Math.PI * turns * r + cls * Math.PI;
    x.push([r * Math.cos(th) + noise * rng.normal(), r * Math.sin(th) + noise * rng.normal()]);
    y.push([cls]);
  }
  return { x, y };
}

/** y = sin(k x) on n points uniform in [−π, π]. */
export function sine1d(n = 128, k = 1, seed = 1): Dataset {
  assertInteger(n, 'n', 2);
  assertWithinBudget('sine1d', n, MAX_POINTS, 'points');
  assertFinite(k, 'k');
  const rng = makeRng(seed);
  const x = Array.from({ length: n }, () => [Math.PI * (2 * rng.uniform() - 1)]);
  return { x, y: x.map(([v]) => [Math.sin(k * v)]) };
}

/** One Student-t variate with ν degrees of freedom: Z / sqrt(χ²_ν / ν) (ν = 1 is Cauchy). */
export function studentT(rng: Rng, nu: number): number {
  assertPositive(nu, 'nu');
  if (!Number.isInteger(nu)) throw new RangeError(`nu must be an integer here, but got ${nu}`);
  let chi2 = 0;
  for (let k = 0; k < nu; k++) chi2 += rng.normal() ** 2;
  return rng.normal() / Math.sqrt(chi2 / nu);
}

/** Fraction of rows whose thresholded prediction (p ≥ ½) equals the 0/1 label. */
export function accuracy(pred: number[][], y: number[][]): number {
  if (pred.length !== y.length) throw new RangeError(`pred has ${pred.length} rows but y has ${y.length}`);
  if (y.length === 0) throw new RangeError('accuracy needs at least one row, but got empty pred and y');
  for (let i = 0; i < y.length; i++) {
    if (y[i]?.[0] !== 0 && y[i]?.[0] !== 1) throw new RangeError(`accuracy: y[${i}][0] must be a 0/1 label, but got ${String(y[i]?.[0])}`);
  }
  let ok = 0;
  for (let i = 0; i < y.length; i++) if ((pred[i][0] >= 0.5 ? 1 : 0) === y[i][0]) ok++;
  return ok / y.length;
}

/**
 * Finite-size analysis of the 2-D Ising Monte Carlo (notebook 04): observables interpolated to a
 * temperature with propagated errors, weighted least-squares fits (power laws m(T_c) ∝ L^{−β/ν},
 * extrapolations e(L) = e∞ + c/L), the Binder crossing with a parametric-bootstrap interval, and the
 * inverse-variance mean of deviations from an exact curve. Every result is an `Interval` for the
 * claims ledger (lib/report/claims `within`/`threshold`). Float64, no TF.js.
 */
import { assertFinite, assertInteger, assertPositive, assertWithinBudget } from '../core/guards';
import { makeRng } from '../core/rng';
import { normalQuantile, studentTQuantile, type Interval } from '../core/statistics';
import { crossing } from '../theory/ising-mc';

/** A measured value with its standard error. */
export interface Measured {
  value: number;
  err: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), but got ${level}`);
}

function checkErrors(errs: readonly number[], name: string): void {
  errs.forEach((e, i) => {
    if (!(Number.isFinite(e) && e > 0)) throw new RangeError(`${name}[${i}] must be a finite standard error > 0, but got ${e}`);
  });
}

/**
 * Linear interpolation of independent measurements (ts ascending) at T, with the error propagated:
 * y = (1 − w) y_i + w y_{i+1}, σ² = (1 − w)² σ_i² + w² σ_{i+1}². Throws if T is outside the grid.
 */
export function interpolateAt(ts: readonly number[], ys: readonly number[], errs: readonly number[], T: number): Measured {
  if (ts.length !== ys.length || ts.length !== errs.length || ts.length < 2) {
    throw new RangeError(`ts, ys, errs must have equal length ≥ 2, but got ${ts.length}, ${ys.length}, ${errs.length}`);
  }
  assertFinite(T, 'T');
  for (let i = 0; i + 1 < ts.length; i++) {
    if (!(ts[i + 1] > ts[i])) throw new RangeError(`ts must be strictly ascending, but ts[${i}] = ${ts[i]}, ts[${i + 1}] = ${ts[i + 1]}`);
  }
  if (T < ts[0] || T > ts[ts.length - 1]) throw new RangeError(`T must lie in the grid [${ts[0]}, ${ts[ts.length - 1]}], but got ${T}`);
  let i = 0;
  while (i + 2 < ts.length && ts[i + 1] < T) i++;
  const w = (T - ts[i]) / (ts[i + 1] - ts[i]);
  return { value: (1 - w) * ys[i] + w * ys[i + 1], err: Math.sqrt((1 - w) ** 2 * errs[i] ** 2 + w ** 2 * errs[i + 1] ** 2) };
}

export interface LinearFit {
  slope: number;
  intercept: number;
  seSlope: number;
  seIntercept: number;
  /** Σ ((y − fit)/σ)². */
  chi2: number;
  dof: number;
}

/** Weighted least squares y = intercept + slope·x with known standard errors σ (weights 1/σ²). */
export function weightedLinearFit(xs: readonly number[], ys: readonly number[], sigmas: readonly number[]): LinearFit {
  if (xs.length !== ys.length || xs.length !== sigmas.length || xs.length < 2) {
    throw new RangeError(`xs, ys, sigmas must have equal length ≥ 2, but got ${xs.length}, ${ys.length}, ${sigmas.length}`);
  }
  xs.forEach((x, i) => assertFinite(x, `xs[${i}]`));
  ys.forEach((y, i) => assertFinite(y, `ys[${i}]`));
  checkErrors(sigmas, 'sigmas');
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = 1 / sigmas[i] ** 2;
    S += w; Sx += w * xs[i]; Sy += w * ys[i]; Sxx += w * xs[i] ** 2; Sxy += w * xs[i] * ys[i];
  }
  const D = S * Sxx - Sx * Sx;
  if (!(D > 0)) throw new RangeError('xs must contain at least two distinct values');
  const slope = (S * Sxy - Sx * Sy) / D, intercept = (Sxx * Sy - Sx * Sxy) / D;
  let chi2 = 0;
  for (let i = 0; i < xs.length; i++) chi2 += ((ys[i] - intercept - slope * xs[i]) / sigmas[i]) ** 2;
  return { slope, intercept, seSlope: Math.sqrt(S / D), seIntercept: Math.sqrt(Sxx / D), chi2, dof: xs.length - 2 };
}

/**
 * Interval of a fitted parameter. With dof > 0 and χ²/dof > 1 the standard error is inflated by
 * √(χ²/dof) and the quantile is Student-t with dof degrees of freedom (the scatter, not only the error
 * bars, sets the width); otherwise the error bars are taken as known (normal quantile).
 */
export function fitInterval(estimate: number, se: number, fit: Pick<LinearFit, 'chi2' | 'dof'>, n: number, level = 0.95, what = 'weighted LSQ'): Interval {
  assertFinite(estimate, 'estimate');
  assertPositive(se, 'se');
  checkLevel(level);
  const inflate = fit.dof > 0 && fit.chi2 / fit.dof > 1;
  const s = inflate ? se * Math.sqrt(fit.chi2 / fit.dof) : se;
  const q = inflate ? studentTQuantile((1 + level) / 2, fit.dof) : normalQuantile((1 + level) / 2);
  return { estimate, lo: estimate - q * s, hi: estimate + q * s, n, level, method: `${what}${inflate ? `, σ × √(χ²/dof) = ${Math.sqrt(fit.chi2 / fit.dof).toFixed(2)}, t` : ', known σ'}` };
}

/**
 * Finite-size exponent of y(L) ∝ L^{p} from measurements at sizes Ls: weighted fit of ln y against
 * ln L (σ_ln y = σ/y). Returns p with its interval (e.g. p = −β/ν for m(T_c)), and the fit.
 */
export function powerLawExponent(Ls: readonly number[], ys: readonly Measured[], level = 0.95): { interval: Interval; fit: LinearFit } {
  if (Ls.length !== ys.length) throw new RangeError(`Ls and ys must have equal length, but got ${Ls.length}, ${ys.length}`);
  Ls.forEach((L, i) => assertPositive(L, `Ls[${i}]`));
  ys.forEach((y, i) => assertPositive(y.value, `ys[${i}].value`));
  const fit = weightedLinearFit(Ls.map(Math.log), ys.map((y) => Math.log(y.value)), ys.map((y) => y.err / y.value));
  return { interval: fitInterval(fit.slope, fit.seSlope, fit, Ls.length, level, 'weighted LSQ of ln y on ln L'), fit };
}

/** Extrapolation y(L) = y∞ + c/L from sizes Ls (weighted fit against 1/L): y∞ with its interval, and c. */
export function extrapolateInverseL(Ls: readonly number[], ys: readonly Measured[], level = 0.95): { interval: Interval; c: number; fit: LinearFit } {
  if (Ls.length !== ys.length) throw new RangeError(`Ls and ys must have equal length, but got ${Ls.length}, ${ys.length}`);
  Ls.forEach((L, i) => assertPositive(L, `Ls[${i}]`));
  const fit = weightedLinearFit(Ls.map((L) => 1 / L), ys.map((y) => y.value), ys.map((y) => y.err));
  return { interval: fitInterval(fit.intercept, fit.seIntercept, fit, Ls.length, level, 'weighted LSQ on 1/L'), c: fit.slope, fit };
}

/**
 * Crossing of two measured curves on one grid (e.g. Binder cumulants of two sizes) with a parametric
 * bootstrap: each point is redrawn from N(y, σ²) (independent runs), the crossing recomputed B times
 * (fixed seed); the interval is the percentile interval of the crossings found. `crossed` says how
 * many resamples crossed at all; null when the measured curves themselves do not cross.
 */
export function crossingInterval(ts: readonly number[], a: readonly Measured[], b: readonly Measured[], opts: { B?: number; seed?: number; level?: number } = {}): { interval: Interval; crossed: number; B: number } | null {
  const B = assertInteger(opts.B ?? 400, 'B', 10), level = opts.level ?? 0.95, seed = opts.seed ?? 1;
  assertWithinBudget(`crossingInterval with B=${B} on ${ts.length} temperatures`, B * ts.length, 1e8, 'resampled values');
  checkLevel(level);
  if (a.length !== ts.length || b.length !== ts.length) throw new RangeError(`a and b must have the grid's length ${ts.length}, but got ${a.length}, ${b.length}`);
  checkErrors([...a, ...b].map((m) => m.err), 'errors');
  const x0 = crossing(ts, a.map((m) => m.value), b.map((m) => m.value));
  if (x0 === null) return null;
  const rng = makeRng(seed);
  const xs: number[] = [];
  for (let k = 0; k < B; k++) {
    const x = crossing(ts, a.map((m) => m.value + m.err * rng.normal()), b.map((m) => m.value + m.err * rng.normal()));
    if (x !== null) xs.push(x);
  }
  xs.sort((p, q) => p - q);
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.round(p * (xs.length - 1))))];
  const lo = xs.length ? Math.min(q((1 - level) / 2), x0) : x0, hi = xs.length ? Math.max(q((1 + level) / 2), x0) : x0;
  return { interval: { estimate: x0, lo, hi, n: xs.length, level, method: `parametric bootstrap (${xs.length}/${B} resamples crossed)` }, crossed: xs.length, B };
}

/**
 * Inverse-variance weighted mean of the deviations y_i − ref_i of independent measurements from an
 * exact curve, with its interval (normal quantile; inflated by √(χ²/dof) with a t quantile when the
 * deviations scatter more than their error bars say).
 */
export function weightedMeanDeviation(ys: readonly Measured[], refs: readonly number[], level = 0.95): { interval: Interval; chi2: number; maxSigma: number } {
  if (ys.length !== refs.length || ys.length < 1) throw new RangeError(`ys and refs must have equal length ≥ 1, but got ${ys.length}, ${refs.length}`);
  checkErrors(ys.map((y) => y.err), 'errors');
  refs.forEach((r, i) => assertFinite(r, `refs[${i}]`));
  let S = 0, Sd = 0;
  const d = ys.map((y, i) => y.value - refs[i]);
  ys.forEach((y, i) => { const w = 1 / y.err ** 2; S += w; Sd += w * d[i]; });
  const est = Sd / S, se = Math.sqrt(1 / S);
  const chi2 = d.reduce((acc, di, i) => acc + ((di - est) / ys[i].err) ** 2, 0);
  const maxSigma = Math.max(...d.map((di, i) => Math.abs(di) / ys[i].err));
  const interval = fitInterval(est, se, { chi2, dof: ys.length - 1 }, ys.length, level, 'inverse-variance mean');
  return { interval, chi2, maxSigma };
}

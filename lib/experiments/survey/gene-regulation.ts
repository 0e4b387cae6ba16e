/**
 * Hill functions as nature's activation functions and the two-gene toggle switch (seed 001, "Life
 * Itself": gene expression "often follows a sigmoidal, switch-like curve"). Hill activation
 * h(x) = xⁿ/(Kⁿ + xⁿ) = σ(n(ln x − ln K)) is a logistic in log-concentration; the toggle switch of
 * Gardner, Cantor & Collins (2000): u̇ = α₁/(1 + vᵝ) − u, v̇ = α₂/(1 + uᵞ) − v.
 */
import { assertFinite, assertPositive, assertInteger, assertKnownOptions, assertWithinBudget } from '../../core/guards';
import { rk4 } from './control';

/** Activating Hill function xⁿ/(Kⁿ + xⁿ) for x ≥ 0 (Hill 1910). */
export function hill(x: number, K: number, n: number): number {
  assertFinite(x, 'x');
  if (x < 0) throw new RangeError(`x must be ≥ 0 (a concentration), but got ${x}`);
  assertPositive(K, 'K');
  assertPositive(n, 'n');
  if (x === 0) return 0;
  return 1 / (1 + (K / x) ** n);
}

export interface HillFit {
  K: number;
  n: number;
  /** Root-mean-square and max residual of the fit. */
  rms: number;
  maxAbs: number;
  iterations: number;
}

/**
 * Least-squares fit of h(x; K, n) to points (x_i, y_i) by Levenberg–Marquardt in (ln K, n),
 * started from the best point of a coarse grid.
 */
export function fitHill(xs: readonly number[], ys: readonly number[], maxIter = 200): HillFit {
  assertInteger(maxIter, 'maxIter', 0);
  assertWithinBudget(`fitHill with maxIter=${maxIter}`, maxIter * xs.length, 1e9, 'residual evaluations');
  if (xs.length !== ys.length || xs.length < 3) throw new RangeError(`need ≥ 3 paired points, but got ${xs.length} x and ${ys.length} y`);
  xs.forEach((x, i) => { if (!(x > 0)) throw new RangeError(`x[${i}] must be > 0, but got ${x}`); assertFinite(ys[i], `y[${i}]`); });
  const sse = (lk: number, n: number) => xs.reduce((s, x, i) => s + (hill(x, Math.exp(lk), n) - ys[i]) ** 2, 0);
  const xmin = Math.min(...xs), xmax = Math.max(...xs);
  let best = { lk: 0, n: 1, s: Infinity };
  for (let a = 0; a <= 20; a++) for (const n of [0.5, 1, 2, 3, 4, 6, 8, 12]) {
    const lk = Math.log(xmin) + (a / 20) * (Math.log(xmax) - Math.log(xmin));
    const s = sse(lk, n);
    if (s < best.s) best = { lk, n, s };
  }
  let { lk, n } = best, lambda = 1e-3, cur = best.s, it = 0;
  for (; it < maxIter; it++) {
    // residuals r_i = h − y; h = σ(n(ln x − lk)): ∂h/∂lk = −n h(1−h), ∂h/∂n = (ln x − lk) h(1−h)
    let a11 = 0, a12 = 0, a22 = 0, g1 = 0, g2 = 0;
    xs.forEach((x, i) => {
      const h = hill(x, Math.exp(lk), n), d = h * (1 - h), r = h - ys[i];
      const j1 = -n * d, j2 = (Math.log(x) - lk) * d;
      a11 += j1 * j1; a12 += j1 * j2; a22 += j2 * j2; g1 += j1 * r; g2 += j2 * r;
    });
    const b11 = a11 * (1 + lambda), b22 = a22 * (1 + lambda), det = b11 * b22 - a12 * a12;
    const d1 = -(b22 * g1 - a12 * g2) / det, d2 = -(b11 * g2 - a12 * g1) / det;
    const nn = Math.max(1e-3, n + d2), s = sse(lk + d1, nn);
    if (s < cur) {
      const done = cur - s < 1e-16 * (1 + cur);
      lk += d1; n = nn; cur = s; lambda = Math.max(1e-12, lambda / 3);
      if (done) break;
    } else {
      lambda *= 4;
      if (lambda > 1e12) break;
    }
  }
  const res = xs.map((x, i) => hill(x, Math.exp(lk), n) - ys[i]);
  return { K: Math.exp(lk), n, rms: Math.sqrt(cur / xs.length), maxAbs: Math.max(...res.map(Math.abs)), iterations: it };
}

export interface ToggleParams {
  alpha1: number;
  alpha2: number;
  /** Cooperativity (Hill coefficient) of the repression of u by v, and of v by u. */
  beta: number;
  gamma: number;
}
export const DEFAULT_TOGGLE: Readonly<ToggleParams> = Object.freeze({ alpha1: 4, alpha2: 4, beta: 2, gamma: 2 });

function checkToggle(p: ToggleParams): void {
  assertKnownOptions(p, 'toggle parameters', ['alpha1', 'alpha2', 'beta', 'gamma']);
  assertPositive(p.alpha1, 'alpha1');
  assertPositive(p.alpha2, 'alpha2');
  assertPositive(p.beta, 'beta');
  assertPositive(p.gamma, 'gamma');
}

/** Right-hand side of the toggle switch (Gardner et al. 2000, eq. 1). */
export function toggleRhs(p: ToggleParams, u: number, v: number): [number, number] {
  return [p.alpha1 / (1 + Math.max(v, 0) ** p.beta) - u, p.alpha2 / (1 + Math.max(u, 0) ** p.gamma) - v];
}

/** Jacobian eigenvalues of the toggle at (u, v); trace −2, so stable iff det > 0. */
export function toggleStability(p: ToggleParams, u: number, v: number): { det: number; stable: boolean; eigen: [number, number] | null } {
  const dudv = (-p.alpha1 * p.beta * v ** (p.beta - 1)) / (1 + v ** p.beta) ** 2;
  const dvdu = (-p.alpha2 * p.gamma * u ** (p.gamma - 1)) / (1 + u ** p.gamma) ** 2;
  const det = 1 - dudv * dvdu;
  const disc = 1 - det; // eigenvalues −1 ± √(dudv·dvdu)
  const eigen: [number, number] | null = disc >= 0 ? [-1 - Math.sqrt(disc), -1 + Math.sqrt(disc)] : null;
  return { det, stable: det > 0, eigen };
}

export interface FixedPoint {
  u: number;
  v: number;
  stable: boolean;
}

/**
 * Fixed points of the toggle: roots of g(u) = α₁/(1 + v(u)ᵝ) − u with v(u) = α₂/(1 + uᵞ) on [0, α₁]
 * (sign changes on a grid of `n` cells, refined by bisection), each with its stability.
 */
export function toggleFixedPoints(p: ToggleParams = DEFAULT_TOGGLE, n = 4000): FixedPoint[] {
  checkToggle(p);
  assertInteger(n, 'n', 10);
  assertWithinBudget(`toggleFixedPoints on ${n} points`, n, 1e8, 'points');
  const vOf = (u: number) => p.alpha2 / (1 + u ** p.gamma);
  const g = (u: number) => p.alpha1 / (1 + vOf(u) ** p.beta) - u;
  const out: FixedPoint[] = [];
  let prevU = 0, prevG = g(0);
  for (let i = 1; i <= n; i++) {
    const u = (p.alpha1 * i) / n, gu = g(u);
    if (gu === 0 || prevG * gu < 0) {
      let a = prevU, b = u;
      for (let k = 0; k < 200 && b - a > 1e-15 * (1 + b); k++) { const m = 0.5 * (a + b); if (g(a) * g(m) <= 0) b = m; else a = m; }
      const r = gu === 0 ? u : 0.5 * (a + b), v = vOf(r);
      out.push({ u: r, v, stable: toggleStability(p, r, v).stable });
    }
    prevU = u; prevG = gu;
  }
  return out;
}

/** Integrate the toggle from (u0, v0) to tEnd with RK4 step dt; returns the end state. */
export function toggleEndpoint(p: ToggleParams, u0: number, v0: number, tEnd = 30, dt = 0.05): [number, number] {
  checkToggle(p);
  assertFinite(u0, 'u0');
  assertFinite(v0, 'v0');
  assertPositive(tEnd, 'tEnd');
  assertPositive(dt, 'dt');
  const ys = rk4((_t, [u, v]) => toggleRhs(p, u, v), [u0, v0], dt, Math.round(tEnd / dt));
  const [u, v] = ys[ys.length - 1];
  return [u, v];
}

/**
 * Basins of attraction on a grid of initial conditions [0, uMax] × [0, vMax]: each start is labelled
 * with the index of the stable fixed point nearest its endpoint (−1 if none within `tol`).
 */
export function toggleBasins(
  p: ToggleParams, uMax: number, vMax: number, nGrid: number, tEnd = 30, dt = 0.05, tol = 1e-2,
): { u0: number; v0: number; basin: number }[] {
  assertInteger(nGrid, 'nGrid', 2);
  assertPositive(uMax, 'uMax');
  assertPositive(vMax, 'vMax');
  assertPositive(tEnd, 'tEnd');
  assertPositive(dt, 'dt');
  assertWithinBudget(`toggleBasins on a ${nGrid}² grid to tEnd=${tEnd} with dt=${dt}`, nGrid * nGrid * (tEnd / dt), 1e9, 'RK4 steps');
  const stable = toggleFixedPoints(p).filter((f) => f.stable);
  const out: { u0: number; v0: number; basin: number }[] = [];
  for (let i = 0; i < nGrid; i++) for (let j = 0; j < nGrid; j++) {
    const u0 = (uMax * i) / (nGrid - 1), v0 = (vMax * j) / (nGrid - 1);
    const [u, v] = toggleEndpoint(p, u0, v0, tEnd, dt);
    let basin = -1, dmin = tol;
    stable.forEach((f, k) => { const d = Math.hypot(u - f.u, v - f.v); if (d < dmin) { dmin = d; basin = k; } });
    out.push({ u0, v0, basin });
  }
  return out;
}

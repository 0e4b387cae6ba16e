/**
 * The consumption–savings problem with a borrowing constraint (seed 001, "Embracing the kinks":
 * "a hard borrowing constraint ... the value function ... will have a sharp kink"), in Deaton's
 * (1991) cash-on-hand form with i.i.d. income y_s (probabilities p_s), solved by value-function
 * iteration (VFI) on a grid as ground truth:
 *   V(x) = max_{0 ≤ a′ ≤ x} u(x − a′) + β Σ_s p_s V(R a′ + y_s),  u(c) = c^{1−γ}/(1−γ) (ln c for γ = 1).
 * With βR < 1 the constraint a′ ≥ 0 binds below a threshold x*: the policy c(x) = x there and
 * has a kink at x* (V″ jumps there; V itself stays C¹ by the envelope theorem).
 */
import { assertFinite, assertInteger, assertPositive, assertSortedFinite, assertSameLength, assertAllFinite, assertIterations, assertKnownOptions, assertWithinBudget } from '../../core/guards';

export interface SavingsModel {
  /** Discount factor β in (0, 1). */
  beta: number;
  /** Gross interest rate R > 0. */
  R: number;
  /** Income values y_s ≥ 0 (i.i.d. each period). */
  y: number[];
  /** Their probabilities p_s (sum 1). */
  p: number[];
  /** Relative risk aversion γ > 0 (1 = log utility). */
  gamma: number;
}
export const DEFAULT_SAVINGS: Readonly<SavingsModel> = Object.freeze({ beta: 0.8, R: 1.02, y: [0.5, 1.5], p: [0.5, 0.5], gamma: 2 });

export interface VfiOptions {
  /** Sorted cash-on-hand grid; grid[0] should be ≤ min y_s (the lowest reachable x). */
  grid: number[];
  /** Stop when sup |V_{k+1} − V_k| < tol. Default 1e-9. */
  tol?: number;
  maxIter?: number;
}

export interface VfiResult {
  grid: number[];
  V: number[];
  /** Optimal savings a′(x) ≥ 0 and consumption c(x) = x − a′ on the grid. */
  aNext: number[];
  c: number[];
  iterations: number;
  /** Final sup-norm change. */
  change: number;
}

/** CRRA utility u(c) = c^{1−γ}/(1−γ), ln c for γ = 1. */
export function utility(c: number, gamma: number): number {
  if (!(c >= 0)) throw new RangeError(`utility: consumption c must be >= 0, but got ${String(c)}`);
  assertPositive(gamma, 'gamma');
  return gamma === 1 ? Math.log(c) : c ** (1 - gamma) / (1 - gamma);
}

/** u′(c) = c^{−γ}. */
export function marginalUtility(c: number, gamma: number): number {
  if (!(c >= 0)) throw new RangeError(`marginalUtility: consumption c must be >= 0, but got ${String(c)}`);
  assertPositive(gamma, 'gamma');
  return c ** -gamma;
}

/** Piecewise-linear interpolation on a sorted grid, linear extrapolation beyond its ends. */
export function interp(grid: readonly number[], v: readonly number[], x: number): number {
  const n = grid.length;
  if (!(n >= 2)) throw new RangeError(`interp: grid needs at least 2 points, but got ${n}`);
  assertSameLength(grid, 'interp: grid', v, 'v');
  assertFinite(x, 'x');
  let lo = 0, hi = n - 1;
  if (x <= grid[0]) { hi = 1; } else if (x >= grid[n - 1]) { lo = n - 2; } else {
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (grid[mid] <= x) lo = mid; else hi = mid; }
  }
  if (x <= grid[0]) lo = 0;
  if (!(grid[hi] > grid[lo])) throw new RangeError(`interp: grid must be finite and strictly increasing, but grid[${lo}]=${grid[lo]}, grid[${hi}]=${grid[hi]}`);
  const t = (x - grid[lo]) / (grid[hi] - grid[lo]);
  return v[lo] + t * (v[hi] - v[lo]);
}

/**
 * Monotone cubic Hermite interpolant (Fritsch & Carlson 1980, PCHIP slopes) on a sorted grid;
 * linear extrapolation with the end slopes. VFI with it gives far more accurate policies than
 * piecewise-linear V, whose derivative jumps at every node.
 */
export function pchip(grid: readonly number[], v: readonly number[]): (x: number) => number {
  assertSortedFinite(grid, 'pchip: grid');
  assertSameLength(grid, 'pchip: grid', v, 'v');
  assertAllFinite(v, 'pchip: v');
  const n = grid.length;
  const h = new Array<number>(n - 1), d = new Array<number>(n - 1), m = new Array<number>(n);
  for (let i = 0; i < n - 1; i++) { h[i] = grid[i + 1] - grid[i]; d[i] = (v[i + 1] - v[i]) / h[i]; }
  m[0] = d[0]; m[n - 1] = d[n - 2];
  for (let i = 1; i < n - 1; i++) {
    if (d[i - 1] * d[i] <= 0) { m[i] = 0; continue; }
    const w1 = 2 * h[i] + h[i - 1], w2 = h[i] + 2 * h[i - 1];
    m[i] = (w1 + w2) / (w1 / d[i - 1] + w2 / d[i]);
  }
  return (x: number) => {
    if (x <= grid[0]) return v[0] + m[0] * (x - grid[0]);
    if (x >= grid[n - 1]) return v[n - 1] + m[n - 1] * (x - grid[n - 1]);
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (grid[mid] <= x) lo = mid; else hi = mid; }
    const t = (x - grid[lo]) / h[lo], t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * v[lo] + (t3 - 2 * t2 + t) * h[lo] * m[lo] + (-2 * t3 + 3 * t2) * v[hi] + (t3 - t2) * h[lo] * m[hi];
  };
}

const GOLD = (Math.sqrt(5) - 1) / 2;

/** Maximise a unimodal g on [lo, hi] by golden-section search; returns the argmax (boundaries included). */
export function goldenMax(g: (x: number) => number, lo: number, hi: number, tol = 1e-10): number {
  assertFinite(lo, 'goldenMax: lo');
  assertFinite(hi, 'goldenMax: hi');
  assertPositive(tol, 'goldenMax: tol');
  if (!(hi >= lo)) throw new RangeError(`goldenMax needs hi ≥ lo, but got lo=${lo}, hi=${hi}`);
  let a = lo, b = hi;
  let x1 = b - GOLD * (b - a), x2 = a + GOLD * (b - a);
  let g1 = g(x1), g2 = g(x2);
  for (let it = 0; b - a > tol * (1 + Math.abs(a)); it++) {
    assertIterations(it, 10_000, `goldenMax on [${lo}, ${hi}] with tol=${tol}`);
    if (g1 < g2) { a = x1; x1 = x2; g1 = g2; x2 = a + GOLD * (b - a); g2 = g(x2); }
    else { b = x2; x2 = x1; g2 = g1; x1 = b - GOLD * (b - a); g1 = g(x1); }
  }
  const mid = 0.5 * (a + b);
  // corner solutions: compare with the ends
  const cands = [lo, mid, hi];
  return cands.reduce((best, x) => (g(x) > g(best) ? x : best), mid);
}

function checkModel(m: SavingsModel): void {
  if (!(m.beta > 0 && m.beta < 1)) throw new RangeError(`beta must be in (0, 1), but got ${m.beta}`);
  assertPositive(m.R, 'R');
  assertPositive(m.gamma, 'gamma');
  if (m.y.length === 0 || m.y.length !== m.p.length) throw new RangeError(`y and p must be non-empty and of equal length, but got ${m.y.length} and ${m.p.length}`);
  m.y.forEach((v, i) => { assertFinite(v, `y[${i}]`); if (v < 0) throw new RangeError(`y[${i}] must be ≥ 0, but got ${v}`); });
  m.p.forEach((v, i) => { if (!(v >= 0)) throw new RangeError(`p[${i}] must be ≥ 0, but got ${v}`); });
  const sp = m.p.reduce((s, v) => s + v, 0);
  if (Math.abs(sp - 1) > 1e-12) throw new RangeError(`p must sum to 1, but sums to ${sp}`);
}

/** The best savings a′ at cash on hand x given a continuation value Vnext(x′) (Bellman operator, one point). */
export function bellmanPoint(
  m: SavingsModel, x: number, Vnext: (xNext: number) => number, aMaxChoice = Infinity,
): { aNext: number; c: number; value: number } {
  const hi = Math.min(x - 1e-10, aMaxChoice);
  if (!(hi > 0)) throw new RangeError(`no feasible choice at x=${x}`);
  const obj = (an: number) => {
    let ev = 0;
    for (let s = 0; s < m.y.length; s++) ev += m.p[s] * Vnext(m.R * an + m.y[s]);
    return utility(x - an, m.gamma) + m.beta * ev;
  };
  const aNext = goldenMax(obj, 0, hi);
  return { aNext, c: x - aNext, value: obj(aNext) };
}

/** Value-function iteration on the grid with monotone-cubic V and golden-section choice (ground truth). */
export function solveVfi(m: SavingsModel = DEFAULT_SAVINGS, o: VfiOptions): VfiResult {
  checkModel(m);
  assertKnownOptions(o, 'solveVfi options', ['grid', 'tol', 'maxIter']);
  const g = o.grid;
  if (!Array.isArray(g)) throw new TypeError(`solveVfi: grid must be an array of cash-on-hand values, but got ${String(g)}`);
  // each iteration runs a golden-section search (~60 evaluations of Σ_s p_s V(·)) at every grid point
  assertWithinBudget(`solveVfi on a ${g.length}-point grid with ${m.y.length} income states`, g.length * m.y.length * 60, 1e8, 'evaluations per iteration');
  if (g.length < 3) throw new RangeError(`grid must have ≥ 3 points, but got ${g.length}`);
  for (let i = 1; i < g.length; i++) if (!(g[i] > g[i - 1])) throw new RangeError(`grid must be strictly increasing (grid[${i}]=${g[i]})`);
  const tol = assertPositive(o.tol ?? 1e-9, 'tol');
  const maxIter = assertInteger(o.maxIter ?? 5000, 'maxIter');
  if (!(g[0] > 0)) throw new RangeError(`grid[0] must be > 0 (cash on hand), but got ${g[0]}`);
  const n = g.length;
  let V = g.map((x) => utility(x, m.gamma) / (1 - m.beta));
  let aNext = new Array<number>(n).fill(0), c = g.slice();
  let change = Infinity, it = 0;
  while (change >= tol && it < maxIter) {
    it += 1;
    const Vold = V;
    const Vf = pchip(g, Vold);
    const res = g.map((x) => bellmanPoint(m, x, Vf));
    V = res.map((r) => r.value);
    aNext = res.map((r) => r.aNext);
    c = res.map((r) => r.c);
    change = V.reduce((s, v, i) => Math.max(s, Math.abs(v - Vold[i])), 0);
    if (!Number.isFinite(change)) throw new Error(`VFI diverged at iteration ${it}: sup change ${change}`);
  }
  if (change >= tol) throw new Error(`VFI did not converge in ${maxIter} iterations (change ${change})`);
  return { grid: g.slice(), V, aNext, c, iterations: it, change };
}

/** The kink x*: largest grid point where the constraint binds (a′ < eps, i.e. c = x); NaN if none. */
export function kinkLocation(r: VfiResult, eps = 1e-6): number {
  let k = NaN;
  r.grid.forEach((x, i) => { if (r.aNext[i] < eps) k = x; });
  return k;
}

/** Euler-equation residuals |1 − βR Σ p_s u′(c(R a′ + y_s))/u′(c(x))| at interior points (a′ > eps): an independent check of the policy. */
export function eulerResiduals(m: SavingsModel, r: VfiResult, eps = 1e-6): { x: number; residual: number }[] {
  const out: { x: number; residual: number }[] = [];
  const top = r.grid[r.grid.length - 1];
  r.grid.forEach((x, i) => {
    if (r.aNext[i] <= eps) return;
    const xs = m.y.map((y) => m.R * r.aNext[i] + y);
    if (xs.some((v) => v > top)) return;
    const emu = xs.reduce((s, v, k) => s + m.p[k] * marginalUtility(interp(r.grid, r.c, v), m.gamma), 0);
    out.push({ x, residual: Math.abs(1 - (m.beta * m.R * emu) / marginalUtility(r.c[i], m.gamma)) });
  });
  return out;
}

/** Closed form for γ = 1 and zero income (x′ = R a′): c = (1−β)x, V = A + ln(x)/(1−β), A = [ln(1−β) + β/(1−β) ln(βR)]/(1−β). */
export function logUtilityClosedForm(m: SavingsModel): { c: (x: number) => number; V: (x: number) => number } {
  const B = 1 / (1 - m.beta);
  const A = (Math.log(1 - m.beta) + m.beta * B * Math.log(m.beta * m.R)) / (1 - m.beta);
  return { c: (x) => (1 - m.beta) * x, V: (x) => A + B * Math.log(x) };
}

/**
 * The effective theory of deep MLPs at initialisation (seed 002 §2.2–4, following PDLT chs. 4–5):
 * the kernel recursion for one and two inputs, the parallel and perpendicular susceptibilities
 * (numeric for any zoo activation; closed forms for ReLU/RePU/MRePU), fixed points, the
 * criticality search, the universality class read off the recursion, and the single-input
 * four-point vertex recursion. Equation numbers are those of Kim & Kang, arXiv:2408.02697; their
 * content is recovered in docs/derivations/02-repu-mrepu.md §3.1–3.7, which flags what is inferred.
 */
import type { Activation, UniversalityClass } from '../core/activations';
import { assertInteger, assertNonNegative, assertPositive, assertWithinBudget, assertOneOf, assertInRange, assertKnownOptions } from '../core/guards';
import { doubleFactorial, gaussExpect, gaussExpect2, polyExpectAbove, checkKernel2, type Kernel2 } from '../core/gaussian';

export type { Kernel2 } from '../core/gaussian';

/** Initialisation hyperparameters C_W (rescaled weight variance) and C_b (bias variance), seed 002 eq. (2). */
export interface Init { cw: number; cb: number }
export const DEFAULT_INIT: Readonly<Init> = Object.freeze({ cw: 1, cb: 0 });

function checkInit(init: Init): void {
  assertPositive(init.cw, 'cw');
  assertNonNegative(init.cb, 'cb');
}

const kinksOf = (act: Activation) => ({ kinks: act.kinks });

// ---------------------------------------------------------------- Gaussian moments of σ (quadrature)

/** ⟨σ(z)²⟩_K by kink-split quadrature (seed 002 §2.2); +Infinity when it exceeds float64 (e.g. RePU p = 400): the flows report that as overflowAt. */
export function sigma2(act: Activation, K: number): number {
  return gaussExpect((z) => { const s = act.f(z); return s * s; }, K, kinksOf(act));
}

/** ⟨σ(z)⁴⟩_K by kink-split quadrature (enters the four-point vertex, seed 002 eq. (8)). */
export function sigma4(act: Activation, K: number): number {
  return gaussExpect((z) => { const s = act.f(z); return s * s * s * s; }, K, kinksOf(act));
}

/** One-input kernel map K ↦ C_b + C_W ⟨σ²⟩_K (seed 002 §2.2 kernel recursion; PDLT (4.118)). */
export function kernelMap(act: Activation, K: number, init: Init = DEFAULT_INIT): number {
  checkInit(init);
  return init.cb + init.cw * sigma2(act, K);
}

/** Two-input kernel map K_{αβ} ↦ C_b + C_W ⟨σ(z_α)σ(z_β)⟩_K (Kim & Kang §2.2, eq. (4); docs/derivations/02-repu-mrepu.md §3.1). */
export function kernelMap2(act: Activation, k: Kernel2, init: Init = DEFAULT_INIT): Kernel2 {
  checkInit(init);
  checkKernel2(k);
  const sq = (z: number) => { const s = act.f(z); return s * s; };
  const k11 = init.cb + init.cw * gaussExpect(sq, k.k11, kinksOf(act));
  const k22 = init.cb + init.cw * gaussExpect(sq, k.k22, kinksOf(act));
  let k12 = init.cb + init.cw * gaussExpect2((a, b) => act.f(a) * act.f(b), k, kinksOf(act));
  const bound = Math.sqrt(k11 * k22);
  k12 = Math.max(-bound, Math.min(bound, k12)); // clip rounding so the result stays PSD
  return Object.freeze({ k11, k12, k22 });
}

/** First-layer kernel K⁽¹⁾_{αβ} = C_b + C_W x_α·x_β / n₀ (Kim & Kang §2.2, eq. (4); docs/derivations/02-repu-mrepu.md §3.1). */
export function firstLayerKernel(x: readonly (readonly number[])[], init: Init = DEFAULT_INIT): number[][] {
  checkInit(init);
  if (x.length === 0) throw new RangeError('x must hold at least one input, but got 0');
  const n0 = x[0].length;
  x.forEach((r, i) => { if (r.length !== n0) throw new RangeError(`x[${i}] must have length ${n0}, but got ${r.length}`); });
  return x.map((a) => x.map((b) => init.cb + (init.cw * a.reduce((s, v, j) => s + v * b[j], 0)) / n0));
}

/** Result of iterating a kernel map: values per layer ℓ = 1…, and the layer where it overflowed (if any). */
export interface Flow<T> { K: T[]; overflowAt: number | null }
export const OVERFLOW_K = 1e300;

/**
 * Iterate the one-input kernel recursion from K⁽¹⁾ for `depth` layers (K[0] = K⁽¹⁾); stops and
 * records the layer when K exceeds `overflow` (the RePU double-exponential explosion, seed 002 §3.2).
 */
export function kernelFlow(act: Activation, K1: number, depth: number, init: Init = DEFAULT_INIT, overflow = OVERFLOW_K): Flow<number> {
  assertNonNegative(K1, 'K1');
  assertInteger(depth, 'depth');
  assertWithinBudget(`kernelFlow over ${depth} layers`, depth, 1e6, 'layers');
  checkInit(init);
  const K = [K1];
  for (let l = 1; l < depth; l++) {
    let next: number;
    try { next = kernelMap(act, K[l - 1], init); } catch (e) {
      if (K[l - 1] > 1e100) return { K, overflowAt: l + 1 };
      throw e;
    }
    if (!(next <= overflow)) {
      if (Number.isNaN(next)) throw new RangeError(`kernelFlow: K is NaN at layer ${l + 1}`);
      return { K, overflowAt: l + 1 };
    }
    K.push(next);
  }
  return { K, overflowAt: null };
}

/** Two-input kernel recursion (seed 002 §2.2), K[0] = K⁽¹⁾; overflow as in kernelFlow. */
export function kernelFlow2(act: Activation, k1: Kernel2, depth: number, init: Init = DEFAULT_INIT, overflow = OVERFLOW_K): Flow<Kernel2> {
  assertInteger(depth, 'depth');
  assertWithinBudget(`kernelFlow2 over ${depth} layers`, depth, 1e6, 'layers');
  checkKernel2(k1);
  const K: Kernel2[] = [Object.freeze({ ...k1 })];
  for (let l = 1; l < depth; l++) {
    const prev = K[l - 1];
    if (prev.k11 > 1e100 || prev.k22 > 1e100) return { K, overflowAt: l + 1 };
    const next = kernelMap2(act, prev, init);
    if (!(next.k11 <= overflow && next.k22 <= overflow)) return { K, overflowAt: l + 1 };
    K.push(next);
  }
  return { K, overflowAt: null };
}

// ---------------------------------------------------------------- susceptibilities (eq. 5)

/**
 * Parallel susceptibility χ∥(K) = C_W d⟨σ²⟩_K/dK = (C_W/K)⟨z σ′(z) σ(z)⟩_K (Kim & Kang eq. (5), Stein form;
 * docs/derivations/02-repu-mrepu.md §3.2). `form: 'moment'` uses (C_W/2K²)⟨σ²(z²−K)⟩_K instead (a second route).
 */
export function chiPar(act: Activation, K: number, cw = 1, form: 'stein' | 'moment' = 'stein'): number {
  assertPositive(K, 'K');
  assertPositive(cw, 'cw');
  assertOneOf(form, 'chiPar form', ['stein', 'moment']);
  if (form === 'moment') {
    return (cw / (2 * K * K)) * gaussExpect((z) => { const s = act.f(z); return s * s * (z * z - K); }, K, kinksOf(act));
  }
  return (cw / K) * gaussExpect((z) => z * act.df(z) * act.f(z), K, kinksOf(act));
}

/** Perpendicular susceptibility χ⊥(K) = C_W ⟨σ′(z)²⟩_K (Kim & Kang eq. (5); docs/derivations/02-repu-mrepu.md §3.2). */
export function chiPerp(act: Activation, K: number, cw = 1): number {
  assertNonNegative(K, 'K');
  assertPositive(cw, 'cw');
  return cw * gaussExpect((z) => { const d = act.df(z); return d * d; }, K, kinksOf(act));
}

/** χ∥ as the slope of the kernel map, by a central difference (a third, derivative-free route). */
export function chiParFd(act: Activation, K: number, cw = 1, h = 1e-5): number {
  assertPositive(K, 'K');
  assertPositive(cw, 'cw');
  assertInRange(h, 'chiParFd: h (relative step)', Number.MIN_VALUE, 0.5);
  const d = h * K;
  return (cw * (sigma2(act, K + d) - sigma2(act, K - d))) / (2 * d);
}

// ---------------------------------------------------------------- closed forms

/** σ(z) = Σ c_k z^k for z ≥ a and 0 below (ReLU, RePU, MRePU, identity with a = −∞). */
export interface PiecewisePoly { a: number; coeffs: number[] }

const binom = (n: number, k: number): number => { let r = 1; for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i; return r; };
const polyMul = (p: readonly number[], q: readonly number[]): number[] => {
  const r = new Array(p.length + q.length - 1).fill(0);
  p.forEach((a, i) => q.forEach((b, j) => { r[i + j] += a * b; }));
  return r;
};
const polyDeriv = (p: readonly number[]): number[] => (p.length <= 1 ? [0] : p.slice(1).map((c, i) => c * (i + 1)));

/** The piecewise-polynomial form of a zoo activation, or null when it has none (docs/derivations/02-repu-mrepu.md §3.3, §3.6). */
export function piecewisePoly(act: Activation): PiecewisePoly | null {
  const p = act.params.p;
  switch (act.name) {
    case 'identity': return { a: -Infinity, coeffs: [0, 1] };
    case 'relu': return { a: 0, coeffs: [0, 1] };
    case 'repu': return { a: 0, coeffs: [...new Array(p).fill(0), 1] };
    case 'mrepu': return { a: -1, coeffs: [0, ...Array.from({ length: p + 1 }, (_, k) => binom(p, k))] };
    default: return null;
  }
}

/** Closed-form Gaussian statistics of a piecewise-polynomial activation at kernel K. */
export interface ClosedForms { sigma2: number; sigma4: number; chiPar: number; chiPerp: number }

/**
 * ⟨σ²⟩, ⟨σ⁴⟩, χ∥, χ⊥ in closed form from truncated moments (Kim & Kang eqs. (6)–(7); docs/derivations/02-repu-mrepu.md §3.3, §3.6).
 * Returns null for activations that are not piecewise polynomial.
 */
export function closedForms(act: Activation, K: number, cw = 1): ClosedForms | null {
  assertPositive(K, 'K');
  assertPositive(cw, 'cw');
  const pp = piecewisePoly(act);
  if (!pp) return null;
  const P = pp.coeffs, dP = polyDeriv(P), P2 = polyMul(P, P);
  const E = (c: number[]) => polyExpectAbove(c, K, pp.a);
  return {
    sigma2: E(P2),
    sigma4: E(polyMul(P2, P2)),
    chiPar: (cw / K) * E(polyMul([0, 1], polyMul(P, dP))),
    chiPerp: cw * E(polyMul(dP, dP)),
  };
}

/**
 * RePU susceptibilities, Kim & Kang eq. (6) as derived in docs/derivations/02-repu-mrepu.md §3.3:
 * χ∥ = ½ C_W p (2p−1)!! K^{p−1}, χ⊥ = ½ C_W p² (2p−3)!! K^{p−1}; ratio (2p−1)/p.
 */
export function repuChi(p: number, K: number, cw = 1): { chiPar: number; chiPerp: number; ratio: number } {
  assertInteger(p, 'p');
  assertNonNegative(K, 'K');
  assertPositive(cw, 'cw');
  const chiPar = 0.5 * cw * p * doubleFactorial(2 * p - 1) * K ** (p - 1);
  const chiPerp = 0.5 * cw * p * p * doubleFactorial(2 * p - 3) * K ** (p - 1);
  return { chiPar, chiPerp, ratio: (2 * p - 1) / p };
}

/** Nontrivial fixed point of the C_b = 0 RePU recursion, K* = (2 / (C_W (2p−1)!!))^{1/(p−1)} (docs/derivations/02-repu-mrepu.md §3.5). */
export function repuFixedPoint(p: number, cw = 1): number {
  assertInteger(p, 'p', 2);
  assertPositive(cw, 'cw');
  return (2 / (cw * doubleFactorial(2 * p - 1))) ** (1 / (p - 1));
}

/**
 * Exact C_b = 0 RePU kernel flow K⁽ˡ⁾ = K* (K⁽¹⁾/K*)^{p^{ℓ−1}}, returned as log K⁽ˡ⁾ so it never overflows
 * (the double exponential of Kim & Kang §3.2, Fig. 1; docs/derivations/02-repu-mrepu.md §3.5).
 */
export function repuLogKernelExact(p: number, cw: number, K1: number, layer: number): number {
  assertPositive(K1, 'K1');
  assertInteger(layer, 'layer');
  assertInteger(p, 'p');
  assertPositive(cw, 'cw');
  if (p === 1) return Math.log(K1) + (layer - 1) * Math.log(cw / 2);
  const Ks = repuFixedPoint(p, cw);
  if (K1 === Ks) return Math.log(Ks); // the fixed point stays put (p^{ℓ−1}·0 would be ∞·0 = NaN past ℓ ≈ 1000)
  // ±Infinity (documented) when log K itself leaves float64: the flow has exploded (+∞) or collapsed to 0 (−∞).
  return Math.log(Ks) + p ** (layer - 1) * Math.log(K1 / Ks);
}

/** RePU normalised four-point vertex R⁽ˡ⁾ = V/K² = c_p (p^{2(ℓ−1)} − 1)/(p² − 1) (C_b = 0, equal widths; docs/derivations/02-repu-mrepu.md §3.7). */
export function repuFourPointR(p: number, layer: number): number {
  assertInteger(p, 'p');
  assertInteger(layer, 'layer');
  // (4p−1)!!/((2p−1)!!)² overflows both double factorials from p ≈ 75; past that take it as Π_{j=1}^{p} (2p+2j−1)/(2j−1),
  // which overflows only where the ratio itself does (then R = +Infinity, documented: the vertex has left float64).
  const num = doubleFactorial(4 * p - 1), den = doubleFactorial(2 * p - 1) ** 2;
  let ratio = num / den;
  if (!Number.isFinite(num) || !Number.isFinite(den)) { ratio = 1; for (let j = 1; j <= p; j++) ratio *= (2 * p + 2 * j - 1) / (2 * j - 1); }
  const cp = 2 * ratio - 1;
  return p === 1 ? cp * (layer - 1) : (cp * (p ** (2 * (layer - 1)) - 1)) / (p * p - 1);
}

// ---------------------------------------------------------------- small-K expansion (K* = 0 class)

/**
 * Taylor data σ_k = σ^{(k)}(0) and the PDLT small-K coefficients a₁ = σ₃/σ₁ + ¾(σ₂/σ₁)², b₁ = σ₃/σ₁ + (σ₂/σ₁)²,
 * so that ⟨σσ⟩_K = σ₁²[K + a₁K² + …], χ⊥ = C_W σ₁²[1 + b₁K + …] (docs/derivations/02-repu-mrepu.md §3.6; PDLT §5.3.3).
 * σ₃ is a central difference of f″ (h = 1e−4); needs σ smooth near 0.
 */
export function smallKCoefficients(act: Activation): { s0: number; s1: number; s2: number; s3: number; a1: number; b1: number } {
  const h = 1e-4;
  const s0 = act.f(0), s1 = act.df(0), s2 = act.d2f(0), s3 = (act.d2f(h) - act.d2f(-h)) / (2 * h);
  if (s1 === 0) throw new RangeError(`smallKCoefficients needs σ′(0) ≠ 0, but ${act.label} has σ′(0) = 0`);
  return { s0, s1, s2, s3, a1: s3 / s1 + 0.75 * (s2 / s1) ** 2, b1: s3 / s1 + (s2 / s1) ** 2 };
}

// ---------------------------------------------------------------- fixed points, criticality, class

/** A fixed point K* = C_b + C_W⟨σ²⟩_{K*} with its susceptibilities (stable when χ∥ < 1). */
export interface FixedPoint { K: number; chiPar: number; chiPerp: number; stable: boolean }

/** Geometric grid of n points on [lo, hi]. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  assertPositive(lo, 'lo'); assertPositive(hi, 'hi'); assertInteger(n, 'n', 2);
  assertWithinBudget(`logGrid with n=${n}`, n, 1e8, 'points');
  return Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
}

function bisectLog(g: (K: number) => number, lo: number, hi: number): number {
  let glo = g(lo);
  for (let it = 0; it < 200 && hi / lo > 1 + 1e-14; it++) {
    const mid = Math.sqrt(lo * hi), gm = g(mid);
    if (gm === 0) return mid;
    if ((gm < 0) === (glo < 0)) { lo = mid; glo = gm; } else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

export interface SearchOptions { kMin?: number; kMax?: number; points?: number }
export const DEFAULT_SEARCH: Readonly<Required<SearchOptions>> = Object.freeze({ kMin: 1e-6, kMax: 1e3, points: 181 });

/** Search options with defaults, validated: no unknown keys, 0 < kMin < kMax, points within budget (each point is a few quadratures). */
function checkSearch(opts: SearchOptions, what: string): Required<SearchOptions> {
  assertKnownOptions(opts, `${what} options`, ['kMin', 'kMax', 'points']);
  const o = { ...DEFAULT_SEARCH, ...opts };
  assertPositive(o.kMin, 'kMin');
  assertPositive(o.kMax, 'kMax');
  if (!(o.kMax > o.kMin)) throw new RangeError(`${what}: kMax must be > kMin, but got kMin=${o.kMin}, kMax=${o.kMax}`);
  assertInteger(o.points, 'points', 2);
  assertWithinBudget(`${what} on ${o.points} points`, o.points, 1e5, 'grid points');
  return o;
}

/** Nonzero fixed points of the one-input recursion on [kMin, kMax] (sign changes of map(K) − K, then bisection); K = 0 added when C_b = 0 and σ(0) = 0. */
export function fixedPoints(act: Activation, init: Init = DEFAULT_INIT, opts: SearchOptions = {}): FixedPoint[] {
  checkInit(init);
  const o = checkSearch(opts, 'fixedPoints');
  const g = (K: number) => kernelMap(act, K, init) - K;
  const grid = logGrid(o.kMin, o.kMax, o.points);
  const vals = grid.map(g);
  const out: FixedPoint[] = [];
  if (init.cb === 0 && act.f(0) === 0) {
    const c0 = init.cw * act.df(0) ** 2;
    out.push({ K: 0, chiPar: c0, chiPerp: c0, stable: c0 < 1 });
  }
  for (let i = 0; i + 1 < grid.length; i++) {
    if (!Number.isFinite(vals[i]) || !Number.isFinite(vals[i + 1])) continue;
    if (vals[i] === 0 || (vals[i] < 0) !== (vals[i + 1] < 0)) {
      const K = vals[i] === 0 ? grid[i] : bisectLog(g, grid[i], grid[i + 1]);
      const cp = chiPar(act, K, init.cw);
      out.push({ K, chiPar: cp, chiPerp: chiPerp(act, K, init.cw), stable: cp < 1 });
    }
  }
  return out;
}

/** χ∥/χ⊥ at K (independent of C_W and C_b; (2p−1)/p for RePU). */
export const chiRatio = (act: Activation, K: number): number => chiPar(act, K) / chiPerp(act, K);

/** One critical initialisation: a fixed point K* of the recursion with χ∥(K*) = χ⊥(K*) = 1. */
export interface CriticalPoint { kind: 'scale-invariant' | 'K*=0' | 'finite K*'; K: number; cw: number; cb: number; note: string }

/** Outcome of the criticality search: every solution found (exists = solutions.length > 0), or the reason none exists. */
export interface Criticality {
  exists: boolean;
  solutions: CriticalPoint[];
  /** Why no solution exists ('' when one does). */
  reason: string;
  /** Range of χ∥/χ⊥ over the searched K grid. */
  ratioMin: number;
  ratioMax: number;
}

/**
 * Search (C_b ≥ 0, C_W > 0) with a fixed point K* where χ∥ = χ⊥ = 1 (seed 002 §2.2 criticality; §3.1 for RePU).
 * χ⊥ = 1 fixes C_W = 1/⟨σ′²⟩_{K*}; χ∥ = χ⊥ needs the C_W-free ratio χ∥/χ⊥ = 1 at K*; then C_b = K* − C_W⟨σ²⟩_{K*} ≥ 0.
 * K* = 0 counts when σ(0) = 0, σ′(0) ≠ 0 and χ∥/χ⊥ → 1 as K → 0 (then C_b = 0, C_W = 1/σ′(0)²).
 */
export function criticality(act: Activation, opts: SearchOptions = {}): Criticality {
  const o = checkSearch(opts, 'criticality');
  const grid = logGrid(o.kMin, o.kMax, o.points);
  const ratio = grid.map((K) => chiRatio(act, K));
  const finite = ratio.filter(Number.isFinite);
  const ratioMin = Math.min(...finite), ratioMax = Math.max(...finite);
  const solveAt = (K: number) => { const cw = 1 / chiPerp(act, K); return { cw, cb: K - cw * sigma2(act, K) }; };
  const solutions: CriticalPoint[] = [];
  if (ratio.every((r) => Math.abs(r - 1) < 1e-7)) {
    const { cw, cb } = solveAt(1);
    if (Math.abs(cb) < 1e-9) {
      const note = `χ∥/χ⊥ = 1 for every K; C_b = 0, C_W = ${cw.toPrecision(6)} makes every K a critical fixed point`;
      return { exists: true, solutions: [{ kind: 'scale-invariant', K: 1, cw, cb: 0, note }], reason: '', ratioMin, ratioMax };
    }
  }
  const s0 = act.f(0), s1 = act.df(0);
  if (s0 === 0 && s1 !== 0 && Math.abs(ratio[0] - 1) < 1e-3) {
    solutions.push({ kind: 'K*=0', K: 0, cw: 1 / (s1 * s1), cb: 0,
      note: `χ∥/χ⊥ → 1 as K → 0 (${ratio[0].toPrecision(6)} at K=${o.kMin}); σ(0) = 0, so C_b = 0, C_W = 1/σ′(0)² = ${(1 / (s1 * s1)).toPrecision(6)}` });
  }
  const rejected: string[] = [];
  for (let i = 0; i + 1 < grid.length; i++) {
    const a = ratio[i] - 1, b = ratio[i + 1] - 1;
    if (!Number.isFinite(a) || !Number.isFinite(b) || (a < 0) === (b < 0) || grid[i] < 10 * o.kMin) continue;
    const K = bisectLog((k) => chiRatio(act, k) - 1, grid[i], grid[i + 1]);
    const { cw, cb } = solveAt(K);
    if (cb >= -1e-10) solutions.push({ kind: 'finite K*', K, cw, cb: Math.max(0, cb), note: `χ∥/χ⊥ = 1 at K* = ${K.toPrecision(6)}, C_W = ${cw.toPrecision(6)}, C_b = ${Math.max(0, cb).toPrecision(6)}` });
    else rejected.push(`K=${K.toPrecision(4)} needs C_b=${cb.toPrecision(3)} < 0`);
  }
  if (solutions.length) return { exists: true, solutions, reason: '', ratioMin, ratioMax };
  const why = rejected.length
    ? `χ∥/χ⊥ = 1 only where C_b would be negative (${rejected.join('; ')})`
    : `χ∥/χ⊥ never equals 1 on K ∈ [${o.kMin}, ${o.kMax}]: it stays in [${ratioMin.toPrecision(6)}, ${ratioMax.toPrecision(6)}]` +
      (s0 !== 0 ? `, and σ(0) = ${s0.toPrecision(3)} ≠ 0 rules out K* = 0` : s1 === 0 ? ', and σ′(0) = 0 rules out K* = 0' : '');
  return { exists: false, solutions: [], reason: why, ratioMin, ratioMax };
}

/** The universality class and the evidence for it, read off the recursion (seed 002 §3.1; PDLT ch. 5). */
export interface ClassResult {
  cls: UniversalityClass;
  reason: string;
  criticality: Criticality;
  /** Small-K slope a₁ of ⟨σ²⟩_K/(σ₁²K) = 1 + a₁K + … measured from the map (K*=0 candidates only). */
  a1?: number;
  /** For 'K*=0': true when a₁ < 0 (PDLT's stable K*=0 class, K → 0 as a power law); false when a₁ > 0. */
  strict?: boolean;
}

/**
 * Classify by the behaviour of the recursion: 'scale-invariant' (χ∥/χ⊥ ≡ 1); 'K*=0' when σ(0) = 0 and χ∥/χ⊥ → 1
 * as K → 0 with a₁ < 0 (strict), or with a₁ > 0 and no finite critical point (the seed's sense; K = 0 is then
 * unstable from above); 'half-stable' when critical at a finite K*; else 'none'.
 */
export function universalityClass(act: Activation, opts: SearchOptions = {}): ClassResult {
  const crit = criticality(act, opts);
  if (!crit.exists) return { cls: 'none', reason: crit.reason, criticality: crit };
  const sol = crit.solutions;
  if (sol[0].kind === 'scale-invariant') return { cls: 'scale-invariant', reason: sol[0].note, criticality: crit };
  const zero = sol.find((s) => s.kind === 'K*=0');
  const fin = sol.find((s) => s.kind === 'finite K*');
  let a1: number | undefined;
  if (zero) {
    const s1 = act.df(0), K = 1e-5;
    a1 = (sigma2(act, K) / (s1 * s1 * K) - 1) / K;
  }
  if (zero && a1! < 0) {
    return { cls: 'K*=0', strict: true, a1, criticality: crit,
      reason: `${zero.note}; a₁ ≈ ${a1!.toPrecision(4)} < 0: at criticality K decays to 0 as a power law (PDLT's K*=0 class)` };
  }
  if (fin) {
    return { cls: 'half-stable', a1, criticality: crit,
      reason: `${fin.note}` + (zero ? `; K* = 0 is also marginal (χ∥/χ⊥ → 1) but a₁ ≈ ${a1!.toPrecision(4)} > 0 makes it unstable from above` : '') };
  }
  return { cls: 'K*=0', strict: false, a1, criticality: crit,
    reason: `${zero!.note}; but a₁ ≈ ${a1!.toPrecision(4)} > 0: K = 0 is unstable from above, K⁽ˡ⁾ ≈ K⁽¹⁾/(1 − a₁K⁽¹⁾(ℓ−1)) grows, so the kernel stays flat only while a₁K⁽¹⁾L ≪ 1` };
}

// ---------------------------------------------------------------- four-point vertex (eq. 8)

/** Kernel and four-point vertex per layer, V⁽¹⁾ = 0; R = V/K² is the dimensionless non-Gaussianity. */
export interface FourPointFlow { K: number[]; V: number[]; R: number[]; overflowAt: number | null }

/**
 * Single-input four-point vertex recursion V⁽ˡ⁺¹⁾ = (n_ℓ/n_{ℓ−1}) χ∥(K⁽ˡ⁾)² V⁽ˡ⁾ + C_W²[⟨σ⁴⟩ − ⟨σ²⟩²]_{K⁽ˡ⁾}
 * (Kim & Kang eq. (8) as recovered in docs/derivations/02-repu-mrepu.md §3.7; PDLT eq. (4.90)). Connected 4-point: E z⁴ − 3(E z²)² = 3V/n_{ℓ−1}.
 * @param widths n₀, n₁, … (only ratios n_ℓ/n_{ℓ−1} for ℓ ≥ 1 enter); default equal widths.
 */
export function fourPointFlow(act: Activation, K1: number, depth: number, init: Init = DEFAULT_INIT, widths?: readonly number[]): FourPointFlow {
  assertPositive(K1, 'K1');
  assertInteger(depth, 'depth');
  assertWithinBudget(`fourPointFlow over ${depth} layers`, depth, 1e6, 'layers');
  checkInit(init);
  if (widths) {
    if (widths.length < depth) throw new RangeError(`widths must list n_0…n_{L−1} (${depth} entries), but got ${widths.length}`);
    widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  }
  const K = [K1], V = [0];
  const done = (at: number | null): FourPointFlow => ({ K, V, R: V.map((v, i) => v / K[i] ** 2), overflowAt: at });
  for (let l = 1; l < depth; l++) {
    const k = K[l - 1];
    if (!(k < 1e100)) return done(l + 1);
    const s2 = sigma2(act, k), s4 = sigma4(act, k), cp = chiPar(act, k, init.cw);
    const ratio = widths ? widths[l] / widths[l - 1] : 1; // n_ℓ/n_{ℓ−1} with ℓ = l
    const nextK = init.cb + init.cw * s2;
    const nextV = ratio * cp * cp * V[l - 1] + init.cw * init.cw * (s4 - s2 * s2);
    // ⟨σ⁴⟩ ~ K^{2p} overflows long before K does: overflow of K or V (∞, or ∞ − ∞ = NaN) is data, the layer in overflowAt.
    if (!(Math.abs(nextK) <= OVERFLOW_K) || !(Math.abs(nextV) <= OVERFLOW_K) || !Number.isFinite(nextV / nextK ** 2)) return done(l + 1);
    K.push(nextK);
    V.push(nextV);
  }
  return { K, V, R: V.map((v, i) => v / K[i] ** 2), overflowAt: null };
}

/**
 * The largest C_W on a grid (top, top − step, …) for which the C_b = 0 kernel recursion started at
 * K⁽¹⁾ = C_W · inputScale does not grow over `layers` layers (K⁽ᴸ⁾ ≤ K⁽¹⁾ up to rounding, no overflow): the largest initialisation
 * that explodes no input of squared norm ≤ inputScale·n₀ at infinite width. Stands in for seed 002 §3.2/§4.2's
 * "C_W determined experimentally"; NaN when no grid value qualifies.
 */
export function largestNonGrowingCw(act: Activation, inputScale: number, layers: number, top = 2.5, step = 0.05): number {
  assertPositive(inputScale, 'inputScale');
  assertInteger(layers, 'layers', 2);
  assertPositive(top, 'top');
  assertPositive(step, 'step');
  assertWithinBudget(`largestNonGrowingCw from top=${top} in steps of ${step}`, (top / step) * layers, 1e7, 'layer maps');
  for (let i = 0; top - step * i > step / 2; i++) {
    const cw = Math.round((top - step * i) * 1e6) / 1e6;
    const f = kernelFlow(act, cw * inputScale, layers, { cw, cb: 0 });
    if (f.overflowAt === null && f.K[layers - 1] <= f.K[0] * (1 + 1e-9)) return cw;
  }
  return NaN;
}

// ---------------------------------------------------------------- the action's couplings (PDLT §4.3; docs/derivations/02-repu-mrepu.md §3.13)

/**
 * The couplings of the quartic single-input action S(z) = (g/2) Σ_i z_i² − (v/8) (Σ_i z_i²)² of n neurons whose
 * kernel is K and four-point vertex V (E z_i⁴ − 3K² = 3V/nPrev), to first order in V/n (Kim & Kang §2.2, PDLT §4.3):
 * v = V/(nPrev K⁴), g = 1/K + (n + 2) V/(2 nPrev K³).
 */
export function quarticCouplings(K: number, V: number, n: number, nPrev = n): { g: number; v: number } {
  assertPositive(K, 'K');
  if (!Number.isFinite(V)) throw new RangeError(`V must be a finite number, but got ${V}`);
  assertInteger(n, 'n'); assertInteger(nPrev, 'nPrev');
  return { g: 1 / K + ((n + 2) * V) / (2 * nPrev * K ** 3), v: V / (nPrev * K ** 4) };
}

/**
 * K = E z₁² and V = (nPrev/3)(E z₁⁴ − 3K²) of the n-neuron distribution ∝ exp(−S), S as in quarticCouplings, by
 * quadrature over t = Σ z_i² (density ∝ t^{n/2−1} e^{−g t/2 + v t²/8}). Needs v ≤ 0: for v > 0 the action is unbounded
 * below and only the perturbative series (quarticCouplings) has a meaning.
 */
export function quarticActionMoments(g: number, v: number, n: number, nPrev = n, points = 20001): { K: number; V: number } {
  assertPositive(g, 'g');
  if (!(v <= 0)) throw new RangeError(`v must be <= 0 (for v > 0 the action exp(−S) is not normalisable), but got ${v}`);
  assertInteger(n, 'n'); assertInteger(nPrev, 'nPrev'); assertInteger(points, 'points', 101);
  assertWithinBudget(`quarticActionMoments with ${points} points`, points, 1e7, 'points');
  const tMax = (n + 40 + 12 * Math.sqrt(n)) / g, h = tMax / (points - 1);
  const logW = (t: number) => (n / 2 - 1) * Math.log(t) - (g * t) / 2 + (v * t * t) / 8;
  let peak = -Infinity;
  for (let j = 1; j < points; j++) peak = Math.max(peak, logW(j * h));
  let m0 = 0, m1 = 0, m2 = 0;
  for (let j = 1; j < points; j++) { // Simpson's rule; the integrand vanishes at t = 0 for n ≥ 3 (n = 1, 2 lose O(h) there)
    const t = j * h, w = Math.exp(logW(t) - peak) * (j === points - 1 ? 1 : j % 2 ? 4 : 2);
    m0 += w; m1 += w * t; m2 += w * t * t;
  }
  const Et = m1 / m0, Et2 = m2 / m0, K = Et / n, z4 = (3 * Et2) / (n * (n + 2));
  return { K, V: (nPrev / 3) * (z4 - 3 * K * K) };
}

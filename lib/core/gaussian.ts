/**
 * Gaussian expectations ⟨F(z)⟩_K (one zero-mean Gaussian of variance K) and ⟨F(z₁,z₂)⟩_K
 * (two correlated ones), accurate for functions with kinks: the integral is split at every
 * kink and each piece is done by composite Gauss–Legendre on unit panels (in units of the
 * standard deviation). Plain Gauss–Hermite is kept as a labelled second-best route that
 * loses accuracy on kinks. Closed forms (half-moments with double factorials, truncated
 * moments, arc-cosine kernels) give the independent checks (Kim & Kang §3–4 via
 * docs/derivations/02-repu-mrepu.md §3.1, §3.3, §3.6; PDLT ch. 4).
 */
import { assertFinite, assertInteger, assertNonNegative, assertPositive, assertKnownOptions, assertWithinBudget } from './guards';
import { normalCdf } from './activations';
import type { Rng } from './rng';

/** Quadrature settings; defaults in one place. */
export interface QuadOptions {
  /** Points where F (or a derivative) jumps, in z units; the integral is split there. */
  kinks?: readonly number[];
  /** Half-width of the integration window in standard deviations. */
  halfWidth?: number;
  /** Gauss–Legendre order per unit panel. */
  order?: number;
}
export const DEFAULT_QUAD: Readonly<Required<QuadOptions>> = Object.freeze({ kinks: [], halfWidth: 20, order: 16 });
/** The 2-D default window is narrower (the integrand is evaluated order² times per panel pair). */
export const DEFAULT_QUAD2: Readonly<Required<QuadOptions>> = Object.freeze({ kinks: [], halfWidth: 12, order: 16 });

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Quadrature options with defaults, validated (no unknown keys; halfWidth > 0; order an integer; panels × order within budget). */
function checkQuad(opts: QuadOptions, defaults: Readonly<Required<QuadOptions>>, what: string): Required<QuadOptions> {
  assertKnownOptions(opts, `${what} options`, ['kinks', 'halfWidth', 'order']);
  const o = { ...defaults, ...opts };
  assertPositive(o.halfWidth, `${what}: halfWidth`);
  assertInteger(o.order, `${what}: order`);
  if (!Array.isArray(o.kinks)) throw new TypeError(`${what}: kinks must be an array of numbers, but got ${String(o.kinks)}`);
  assertWithinBudget(`${what} with halfWidth=${o.halfWidth}, order=${o.order}`, (2 * Math.ceil(o.halfWidth) + o.kinks.length) * o.order, 1e6, 'integrand evaluations');
  return o;
}
const glCache = new Map<number, { x: Float64Array; w: Float64Array }>();

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n; Golub–Welsch-free). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  assertInteger(n, 'n', 1);
  assertWithinBudget(`gaussLegendre with n=${n} nodes`, n, 1e5, 'nodes');
  const hit = glCache.get(n);
  if (hit) return hit;
  const x = new Float64Array(n), w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1, p1 = 0;
      for (let j = 1; j <= n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = -z; x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  const r = { x, w };
  glCache.set(n, r);
  return r;
}

/** Sorted panel breakpoints: unit grid on [−U, U] plus the given extra points inside it. */
function breakpoints(U: number, extra: readonly number[]): number[] {
  const pts = new Set<number>();
  for (let u = -Math.ceil(U); u <= Math.ceil(U); u++) pts.add(u);
  for (const e of extra) if (Number.isFinite(e) && e > -U && e < U) pts.add(e);
  return [...pts].sort((a, b) => a - b);
}

/** ∫ φ(u) g(u) du over [−U, U], split at `extra`, by composite Gauss–Legendre. */
function integrateStd(g: (u: number) => number, U: number, extra: readonly number[], order: number): number {
  const { x, w } = gaussLegendre(order);
  const bp = breakpoints(U, extra);
  let sum = 0;
  for (let k = 0; k + 1 < bp.length; k++) {
    const a = bp[k], b = bp[k + 1], h = (b - a) / 2, m = (a + b) / 2;
    let s = 0;
    for (let i = 0; i < order; i++) {
      const u = m + h * x[i];
      const gu = g(u);
      if (gu !== 0) s += w[i] * Math.exp(-0.5 * u * u) * gu;
    }
    sum += h * s;
  }
  return sum * INV_SQRT_2PI;
}

/**
 * ⟨F(z)⟩_K = ∫ dz e^{−z²/2K}/√(2πK) F(z), split at kinks (Kim & Kang §2.2 notation; docs/derivations/02-repu-mrepu.md §3.1).
 * @param K variance ≥ 0 (K = 0 returns F(0)).
 * @example gaussExpect((z) => Math.max(0, z) ** 2, 1, { kinks: [0] }) // 0.5
 */
export function gaussExpect(F: (z: number) => number, K: number, opts: QuadOptions = {}): number {
  assertNonNegative(K, 'K');
  const o = checkQuad(opts, DEFAULT_QUAD, 'gaussExpect');
  if (K === 0) return F(0);
  const s = Math.sqrt(K);
  const r = integrateStd((u) => F(s * u), o.halfWidth, o.kinks.map((k) => k / s), o.order);
  if (Number.isNaN(r)) throw new RangeError(`gaussExpect: the integral is NaN at K=${K} (F returned NaN or ∞−∞)`);
  return r;
}

/** A 2×2 covariance of two zero-mean Gaussians (the two-input kernel, seed 002 §2.2). */
export type Kernel2 = Readonly<{ k11: number; k12: number; k22: number }>;

/** Throw unless k is a valid covariance (k11, k22 ≥ 0, |k12| ≤ √(k11 k22) up to rounding). */
export function checkKernel2(k: Kernel2, name = 'kernel'): void {
  assertNonNegative(k.k11, `${name}.k11`);
  assertNonNegative(k.k22, `${name}.k22`);
  assertFinite(k.k12, `${name}.k12`);
  if (k.k12 * k.k12 > k.k11 * k.k22 * (1 + 1e-10) + 1e-300) {
    throw new RangeError(`${name} must be positive semi-definite, but got k12=${k.k12} with k11=${k.k11}, k22=${k.k22}`);
  }
}

/**
 * ⟨F(z₁,z₂)⟩ for (z₁,z₂) ~ N(0, [[k11,k12],[k12,k22]]), split at kinks of each argument
 * (docs/derivations/02-repu-mrepu.md §3.1, the two-input form). z₁ = √k11·u, z₂ = √k22·(ρu + √(1−ρ²)v).
 * @param opts.kinks kinks of F in either argument (same for both, as for F = σ(z₁)σ(z₂)).
 */
export function gaussExpect2(F: (z1: number, z2: number) => number, k: Kernel2, opts: QuadOptions = {}): number {
  checkKernel2(k);
  const o = checkQuad(opts, DEFAULT_QUAD2, 'gaussExpect2');
  if (k.k11 === 0 || k.k22 === 0) {
    if (k.k11 === 0 && k.k22 === 0) return F(0, 0);
    return k.k11 === 0 ? gaussExpect((z) => F(0, z), k.k22, o) : gaussExpect((z) => F(z, 0), k.k11, o);
  }
  const s1 = Math.sqrt(k.k11), s2 = Math.sqrt(k.k22);
  const rho = Math.max(-1, Math.min(1, k.k12 / (s1 * s2)));
  const c = Math.sqrt(Math.max(0, 1 - rho * rho));
  if (c < 1e-12) return gaussExpect((z) => F(z, rho * (s2 / s1) * z), k.k11, o);
  const outerExtra = [...o.kinks.map((q) => q / s1), ...(Math.abs(rho) > 1e-12 ? o.kinks.map((q) => q / (s2 * rho)) : [])];
  const r = integrateStd(
    (u) => {
      const z1 = s1 * u;
      const innerExtra = o.kinks.map((q) => (q / s2 - rho * u) / c);
      return integrateStd((v) => F(z1, s2 * (rho * u + c * v)), o.halfWidth, innerExtra, o.order);
    },
    o.halfWidth, outerExtra, o.order,
  );
  if (Number.isNaN(r)) throw new RangeError(`gaussExpect2: the integral is NaN at kernel (${k.k11}, ${k.k12}, ${k.k22})`);
  return r;
}

/** Gauss–Hermite nodes/weights for ∫ e^{−x²} f(x) dx (Numerical Recipes gauher: Newton on H_n). */
export function gaussHermite(n: number): { x: Float64Array; w: Float64Array } {
  assertInteger(n, 'n', 1);
  if (n > 200) throw new RangeError(`n must be <= 200 for Gauss–Hermite, but got ${n}`);
  const x = new Float64Array(n), w = new Float64Array(n);
  const PIM4 = Math.pow(Math.PI, -0.25);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 0;
    for (let it = 0; it < 200; it++) {
      let p1 = PIM4, p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) < 1e-15) break;
    }
    x[i] = z; x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (pp * pp);
  }
  return { x, w };
}

/**
 * ⟨F(z)⟩_K by plain n-point Gauss–Hermite, with no splitting: the SECOND-BEST route, exact for
 * polynomials of degree < 2n but slow to converge across a kink (kept to show that error).
 */
export function gaussHermiteExpect(F: (z: number) => number, K: number, n = 40): number {
  assertNonNegative(K, 'K');
  const { x, w } = gaussHermite(n);
  const s = Math.sqrt(2 * K);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i] * F(s * x[i]);
  return sum / Math.sqrt(Math.PI);
}

// ---------------------------------------------------------------- closed forms

/** Double factorial n!! with (−1)!! = 0!! = 1; +Infinity (float64 overflow, documented) from n ≈ 300. */
export function doubleFactorial(n: number): number {
  assertInteger(n, 'n', -1);
  let r = 1;
  for (let k = n; k > 1 && r !== Infinity; k -= 2) r *= k;
  return r;
}

/**
 * Half-moment E[max(0,z)^m], z ~ N(0,K): (2K)^{m/2} Γ((m+1)/2) / (2√π); for even m = 2q it is
 * ½(2q−1)!! K^q (docs/derivations/02-repu-mrepu.md §3.3, derivation of Kim & Kang eq. (6)).
 */
export function halfMoment(m: number, K: number): number {
  assertInteger(m, 'm', 0);
  assertNonNegative(K, 'K');
  if (m === 0) return 0.5;
  if (m % 2 === 0) return 0.5 * doubleFactorial(m - 1) * K ** (m / 2);
  // odd m = 2q+1: E|z|^{2q+1} = √(2/π) (2q)!! K^{q+1/2}
  return 0.5 * Math.sqrt(2 / Math.PI) * doubleFactorial(m - 1) * K ** (m / 2);
}

/**
 * Truncated moments M_k = ∫_a^∞ z^k φ_K(z) dz, k = 0…kmax, by the recursion
 * M_k = a^{k−1} K φ_K(a) + (k−1) K M_{k−2} (docs/derivations/02-repu-mrepu.md §3.6, used for Kim & Kang eq. (7)).
 * @param a lower limit (−Infinity gives the full Gaussian moments).
 */
export function truncatedMoments(kmax: number, K: number, a: number): Float64Array {
  assertInteger(kmax, 'kmax', 0);
  assertWithinBudget(`truncatedMoments up to kmax=${kmax}`, kmax, 1e6, 'moments');
  assertPositive(K, 'K');
  if (Number.isNaN(a)) throw new RangeError('a must be a number or ±Infinity, but got NaN');
  const M = new Float64Array(kmax + 1);
  const s = Math.sqrt(K);
  const phiA = Number.isFinite(a) ? (INV_SQRT_2PI / s) * Math.exp((-a * a) / (2 * K)) : 0;
  M[0] = Number.isFinite(a) ? normalCdf(-a / s) : a < 0 ? 1 : 0;
  if (kmax >= 1) M[1] = K * phiA;
  for (let k = 2; k <= kmax; k++) M[k] = (Number.isFinite(a) ? a ** (k - 1) * K * phiA : 0) + (k - 1) * K * M[k - 2];
  return M;
}

/** E[P(z) 1{z ≥ a}] for a polynomial P with coefficients c[0] + c[1] z + … (closed form via truncatedMoments). */
export function polyExpectAbove(coeffs: readonly number[], K: number, a: number): number {
  if (K === 0) return 0 >= a ? (coeffs[0] ?? 0) : 0;
  const M = truncatedMoments(Math.max(0, coeffs.length - 1), K, a);
  let s = 0;
  for (let k = 0; k < coeffs.length; k++) s += coeffs[k] * M[k];
  return s;
}

/**
 * Arc-cosine kernel ⟨max(0,z₁)^n max(0,z₂)^n⟩ = (k11 k22)^{n/2} J_n(θ) / 2π, cos θ = k12/√(k11 k22),
 * for n = 0, 1, 2 (Cho & Saul 2009; the two-input RePU/ReLU kernel of seed 002 §3).
 */
export function arcCosineKernel(n: number, k: Kernel2): number {
  assertInteger(n, 'n', 0);
  if (n > 2) throw new RangeError(`n must be 0, 1 or 2 for the arc-cosine closed form, but got ${n}`);
  checkKernel2(k);
  const s = Math.sqrt(k.k11 * k.k22);
  if (s === 0) return n === 0 ? 0.25 : 0;
  const c = Math.max(-1, Math.min(1, k.k12 / s));
  const th = Math.acos(c), sn = Math.sin(th);
  const J = n === 0 ? Math.PI - th : n === 1 ? sn + (Math.PI - th) * c : 3 * sn * c + (Math.PI - th) * (1 + 2 * c * c);
  return (s ** n * J) / (2 * Math.PI);
}

/** Monte Carlo estimate of ⟨F(z)⟩_K with its standard error (the third, sampling route for every closed form). */
export function gaussExpectMC(F: (z: number) => number, K: number, n: number, rng: Rng): { mean: number; se: number } {
  assertNonNegative(K, 'K');
  assertInteger(n, 'n', 2);
  const s = Math.sqrt(K);
  let m = 0, m2 = 0;
  for (let i = 0; i < n; i++) {
    const v = F(s * rng.normal());
    if (!Number.isFinite(v)) throw new RangeError(`gaussExpectMC: F returned ${v} at sample ${i} (K=${K})`);
    m += v; m2 += v * v;
  }
  m /= n;
  return { mean: m, se: Math.sqrt(Math.max(0, m2 / n - m * m) / (n - 1)) };
}

/**
 * Mean-field Ising model and the neuron reading of it (seed 004, Sakthivadivel, §2.3–2.4):
 * free energy per spin, every stationary branch of m = tanh((T_c m + h)/T) with its stability,
 * m(T) and the β = 1/2 law, susceptibility, specific heat, F = E − TS, the tanh fit of eq. (2),
 * the neuron mapping T = −V, and the spike-count integrals (closed forms and quadrature).
 * Units: k_B = 1; T, J, h in the same energy units. T_c = zJ.
 */
import { assertFinite, assertPositive, assertInteger, assertAllFinite, assertKnownOptions } from '../core/guards';

export interface MeanFieldParams {
  /** Coupling J (finite; J > 0 ferromagnetic). */
  J: number;
  /** Coordination number z (integer ≥ 1; 4 on the square lattice). */
  z: number;
  /** External field h (finite). */
  h: number;
}
export const DEFAULT_MF: Readonly<MeanFieldParams> = Object.freeze({ J: 1 / 4, z: 4, h: 0 });

function params(p: Partial<MeanFieldParams> = {}): MeanFieldParams {
  assertKnownOptions(p, 'mean-field parameters', ['J', 'z', 'h']);
  const q = { ...DEFAULT_MF, ...p };
  assertFinite(q.J, 'J');
  assertInteger(q.z, 'z', 1);
  assertFinite(q.h, 'h');
  return q;
}

/** Mean-field critical temperature T_c = zJ/k_B (seed 004, after eq. (1) derivation). */
export function meanFieldTc(p: Partial<MeanFieldParams> = {}): number {
  const q = params(p);
  return q.z * q.J;
}

/** ln(2 cosh x), overflow-safe. */
export function logTwoCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a));
}

/** Free energy per spin f(m) = zJm²/2 − T ln 2cosh((zJm + h)/T) (seed 004, §2.3, F). @param T temperature > 0 */
export function freeEnergyMF(m: number, T: number, p: Partial<MeanFieldParams> = {}): number {
  assertFinite(m, 'm');
  assertPositive(T, 'T');
  const q = params(p);
  const zJ = q.z * q.J;
  return (zJ * m * m) / 2 - T * logTwoCosh((zJ * m + q.h) / T);
}

/** ∂f/∂m = zJ[m − tanh((zJm + h)/T)] (seed 004, §2.3, ∂F/∂m = 0 ⇒ eq. (1)). */
export function dFreeEnergyMF(m: number, T: number, p: Partial<MeanFieldParams> = {}): number {
  assertFinite(m, 'm');
  assertPositive(T, 'T');
  const q = params(p);
  const zJ = q.z * q.J;
  return zJ * (m - Math.tanh((zJ * m + q.h) / T));
}

/** ∂²f/∂m² = zJ[1 − (zJ/T) sech²((zJm + h)/T)]; > 0 means a local minimum (stable branch). */
export function d2FreeEnergyMF(m: number, T: number, p: Partial<MeanFieldParams> = {}): number {
  assertFinite(m, 'm');
  assertPositive(T, 'T');
  const q = params(p);
  const zJ = q.z * q.J;
  const th = Math.tanh((zJ * m + q.h) / T);
  return zJ * (1 - (zJ / T) * (1 - th * th));
}

export interface StationaryPoint {
  m: number;
  /** f(m) per spin. */
  f: number;
  /** ∂²f/∂m² at m. */
  curvature: number;
  /** 'minimum' (stable), 'maximum' (unstable) or 'inflection' (|f''| below 1e-12·zJ, e.g. m = 0 at T = T_c). */
  kind: 'minimum' | 'maximum' | 'inflection';
  /** true for the global minimum (the equilibrium branch; ties at h = 0 give ±m* both true). */
  global: boolean;
}

function bisect(g: (x: number) => number, lo: number, hi: number): number {
  let glo = g(lo);
  if (glo === 0) return lo;
  if (g(hi) === 0) return hi;
  for (let i = 0; i < 200 && hi - lo > 1e-16 * Math.max(1, Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi);
    const gm = g(mid);
    if (gm === 0) return mid;
    if (Math.sign(gm) === Math.sign(glo)) {
      lo = mid;
      glo = gm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Every solution of m = tanh((zJm + h)/T) in [−1, 1] (seed 004, eq. (1) with field), with stability.
 * g(m) = m − tanh(·) has at most two turning points (where sech² = T/zJ), so splitting [−1, 1] there
 * and bisecting each monotone piece finds all (at most three) roots. Requires J > 0.
 * @param T temperature > 0
 */
export function stationaryPoints(T: number, p: Partial<MeanFieldParams> = {}): StationaryPoint[] {
  assertPositive(T, 'T');
  const q = params(p);
  assertPositive(q.J, 'J');
  const zJ = q.z * q.J;
  const g = (m: number) => m - Math.tanh((zJ * m + q.h) / T);
  const cuts = [-1, 1];
  if (zJ > T) {
    const u0 = Math.acosh(Math.sqrt(zJ / T)); // sech²(u0) = T/zJ
    for (const u of [-u0, u0]) {
      const m = (u * T - q.h) / zJ;
      if (m > -1 && m < 1) cuts.push(m);
    }
  }
  cuts.sort((a, b) => a - b);
  const roots: number[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const ga = g(a), gb = g(b);
    if (ga === 0 || gb === 0 || Math.sign(ga) !== Math.sign(gb)) roots.push(bisect(g, a, b));
  }
  // h = 0: the paramagnetic root is exactly 0 and the ordered roots are exactly symmetric.
  const uniq: number[] = [];
  for (const r of roots) if (!uniq.some((u) => Math.abs(u - r) < 1e-12)) uniq.push(r);
  if (q.h === 0) {
    for (let i = 0; i < uniq.length; i++) if (Math.abs(uniq[i]) < 1e-12) uniq[i] = 0;
  }
  const pts = uniq.map((m) => {
    const curvature = d2FreeEnergyMF(m, T, q);
    const kind: StationaryPoint['kind'] =
      Math.abs(curvature) < 1e-12 * Math.abs(zJ) ? 'inflection' : curvature > 0 ? 'minimum' : 'maximum';
    return { m, f: freeEnergyMF(m, T, q), curvature, kind, global: false };
  });
  const fmin = Math.min(...pts.filter((s) => s.kind !== 'maximum').map((s) => s.f));
  for (const s of pts) s.global = s.kind !== 'maximum' && s.f <= fmin + 1e-12 * (1 + Math.abs(fmin));
  return pts.sort((a, b) => a.m - b.m);
}

/**
 * Spontaneous magnetisation m*(t) ≥ 0 at h = 0: the positive root of m = tanh(m/t), t = T/T_c (seed 004, eq. (1), Fig. 1);
 * 0 for t ≥ 1. @param t reduced temperature T/T_c > 0
 */
export function spontaneousM(t: number): number {
  assertPositive(t, 't');
  if (t >= 1) return 0;
  const g = (m: number) => m - Math.tanh(m / t);
  // g < 0 just above 0 (slope 1 − 1/t < 0) and g(1) ≥ 0.
  const lo = Math.min(1e-300, 1e-3 * Math.sqrt(1 - t));
  return bisect(g, lo, 1);
}

/** Inverse of the ordered branch: t = T/T_c = m/atanh(m) for 0 < m < 1 (closed form, a second route to m*). */
export function reducedTemperatureOfM(m: number): number {
  assertFinite(m, 'm');
  if (!(m > 0 && m < 1)) throw new RangeError(`m must lie in (0, 1), but got ${m}`);
  return m / Math.atanh(m);
}

/** Landau coefficients of f(m) ≈ f0 + a2 m² + a4 m⁴ at h = 0: f0 = −T ln 2, a2 = (zJ/2)(1 − T_c/T), a4 = (zJ/12)(T_c/T)³. */
export function landauCoefficients(T: number, p: Partial<MeanFieldParams> = {}): { f0: number; a2: number; a4: number } {
  assertPositive(T, 'T');
  const zJ = meanFieldTc(p);
  const r = zJ / T;
  return { f0: -T * Math.LN2, a2: (zJ / 2) * (1 - r), a4: (zJ / 12) * r * r * r };
}

/** Least-squares slope of log y against log x (for the exponent β of m ∝ (1 − t)^β). */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError(`need ≥ 2 paired points, but got ${xs.length} and ${ys.length}`);
  const lx = xs.map((x, i) => Math.log(assertPositive(x, `x[${i}]`)));
  const ly = ys.map((y, i) => Math.log(assertPositive(y, `y[${i}]`)));
  const n = lx.length;
  const mx = lx.reduce((a, b) => a + b, 0) / n, my = ly.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * Zero-field susceptibility χ = ∂m/∂h on the equilibrium branch: χ = (1 − m²)/(T − T_c(1 − m²));
 * = 1/(T − T_c) above T_c (Curie–Weiss), = 1/(2(T_c − T)) as T → T_c⁻. Diverges at T = T_c.
 */
export function susceptibilityMF(T: number, p: Partial<MeanFieldParams> = {}): number {
  assertPositive(T, 'T');
  const Tc = meanFieldTc(p);
  const m = spontaneousM(T / Tc);
  const s = 1 - m * m;
  return s / (T - Tc * s);
}

/**
 * Thermodynamics per spin on the equilibrium branch (seed 004, §3.2, F = E − TS):
 * E = −zJm²/2, S = −[(1+m)/2 ln((1+m)/2) + (1−m)/2 ln((1−m)/2)], F = E − TS (equals f(m*)),
 * c = dE/dT = −zJ m dm/dT (0 above T_c, 3/2 just below).
 */
export function thermoMF(T: number, p: Partial<MeanFieldParams> = {}): { m: number; E: number; S: number; F: number; c: number } {
  assertPositive(T, 'T');
  const Tc = meanFieldTc(p);
  const m = spontaneousM(T / Tc);
  const E = (-Tc * m * m) / 2;
  const plogp = (x: number) => (x > 0 ? x * Math.log(x) : 0);
  const S = -(plogp((1 + m) / 2) + plogp((1 - m) / 2));
  let c = 0;
  if (m > 0) {
    const s = 1 - m * m;
    const dmdT = (-s * Tc * m) / (T * T) / (1 - (s * Tc) / T);
    c = -Tc * m * dmdT;
  }
  return { m, E, S, F: E - T * S, c };
}

// ---------------------------------------------------------------------------------------------
// The tanh form of eq. (2) and the neuron mapping.

/** Eq. (2) with the caption's second parameter: m(T) = −½ tanh(a(T − c·T_c)) + ½ (seed 004, eq. (2), Fig. 2). */
export function tanhForm(T: number, a: number, c = 1, Tc = 1): number {
  assertFinite(T, 'T');
  assertFinite(a, 'a');
  return 0.5 - 0.5 * Math.tanh(a * (T - c * Tc));
}

/** The neuron reading T = −V (seed 004, §2.4): firing f(V) = m(−V) = ½ tanh(a(V + c·T_c)) + ½. @param V membrane voltage (arbitrary units) */
export function firingFromVoltage(V: number, a: number, c = 1, Tc = 1): number {
  return tanhForm(-V, a, c, Tc);
}

export interface TanhFit {
  a: number;
  c: number;
  rms: number;
  maxErr: number;
  /** T where the largest error sits. */
  argMaxErr: number;
  iterations: number;
}

/** Residual summary of eq. (2) with given (a, c) against data (ts, ms). */
export function tanhFormError(ts: readonly number[], ms: readonly number[], a: number, c = 1, Tc = 1): { rms: number; maxErr: number; argMaxErr: number } {
  if (ts.length !== ms.length || ts.length === 0) throw new RangeError(`ts and ms must be non-empty and equally long, but got ${ts.length} and ${ms.length}`);
  assertAllFinite(ts, 'ts');
  assertAllFinite(ms, 'ms');
  let ss = 0, mx = -1, arg = NaN;
  for (let i = 0; i < ts.length; i++) {
    const r = tanhForm(ts[i], a, c, Tc) - ms[i];
    ss += r * r;
    if (Math.abs(r) > mx) {
      mx = Math.abs(r);
      arg = ts[i];
    }
  }
  return { rms: Math.sqrt(ss / ts.length), maxErr: mx, argMaxErr: arg };
}

/**
 * Least-squares fit of eq. (2), m(T) ≈ −½ tanh(a(T − c·T_c)) + ½, to data by Levenberg–Marquardt
 * (seed 004, Fig. 2: a = 6, and "a second hyperparameter multiplying the critical temperature").
 * @param fitC false keeps c = 1 (fit a only)
 */
export function fitTanhForm(
  ts: readonly number[], ms: readonly number[],
  opts: { fitC?: boolean; a0?: number; c0?: number; Tc?: number; maxIter?: number } = {},
): TanhFit {
  const fitC = opts.fitC ?? true, Tc = opts.Tc ?? 1, maxIter = opts.maxIter ?? 500;
  let a = opts.a0 ?? 6, c = opts.c0 ?? 1;
  assertPositive(Tc, 'Tc');
  let cost = tanhFormError(ts, ms, a, c, Tc).rms ** 2 * ts.length;
  let lambda = 1e-3, it = 0;
  for (; it < maxIter; it++) {
    // Normal equations (JᵀJ + λ diag) δ = −Jᵀr
    let jaa = 0, jac = 0, jcc = 0, ga = 0, gc = 0;
    for (let i = 0; i < ts.length; i++) {
      const u = a * (ts[i] - c * Tc);
      const th = Math.tanh(u);
      const sech2 = 1 - th * th;
      const r = 0.5 - 0.5 * th - ms[i];
      const da = -0.5 * sech2 * (ts[i] - c * Tc);
      const dc = 0.5 * sech2 * a * Tc;
      jaa += da * da; jac += da * dc; jcc += dc * dc;
      ga += da * r; gc += dc * r;
    }
    let improved = false;
    for (let tries = 0; tries < 30 && !improved; tries++) {
      let na: number, nc: number;
      if (fitC) {
        const A = jaa * (1 + lambda), C = jcc * (1 + lambda), B = jac;
        const det = A * C - B * B;
        na = a - (C * ga - B * gc) / det;
        nc = c - (A * gc - B * ga) / det;
      } else {
        na = a - ga / (jaa * (1 + lambda));
        nc = c;
      }
      const nCost = Number.isFinite(na) && Number.isFinite(nc) ? tanhFormError(ts, ms, na, nc, Tc).rms ** 2 * ts.length : Infinity;
      if (nCost < cost) {
        const rel = (cost - nCost) / Math.max(cost, 1e-300);
        a = na; c = nc; cost = nCost;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-14) it = maxIter;
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  if (!Number.isFinite(a) || !Number.isFinite(c)) throw new Error(`fitTanhForm diverged: a = ${a}, c = ${c}`);
  return { a, c, ...tanhFormError(ts, ms, a, c, Tc), iterations: it };
}

// ---------------------------------------------------------------------------------------------
// Spike counts (seed 004, §2.4): N(Q) = ∫₀^Q firing dT.

/** softplus(x) = ln(1 + eˣ), overflow-safe. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Correct closed form ½∫₀^Q (tanh T + 1) dT = ½ ln cosh Q + Q/2 = ½ softplus(2Q) − ½ ln 2 (seed 004, §2.4; see the sign note). */
export function spikeCountTanh(Q: number): number {
  assertFinite(Q, 'Q');
  return 0.5 * softplus(2 * Q) - 0.5 * Math.LN2;
}

/** The seed's printed right-hand side Q + ½ ln 2 + ½ ln(1 + e^{−2Q}) + C (seed 004, §2.4, first spike-count integral). */
export function spikeCountTanhAsPrinted(Q: number, C = 0): number {
  assertFinite(Q, 'Q');
  assertFinite(C, 'C');
  // ln(1 + e^{−2Q}) = softplus(−2Q)
  return Q + 0.5 * Math.LN2 + 0.5 * softplus(-2 * Q) + C;
}

/** Correct closed form ∫₀^Q σ(T) dT = softplus(Q) − ln 2 (seed 004, §2.4, sigmoid spike count). */
export function spikeCountSigmoid(Q: number): number {
  assertFinite(Q, 'Q');
  return softplus(Q) - Math.LN2;
}

/** The seed's printed right-hand side Q + ln(1 + e^{−Q}) + C (seed 004, §2.4, second spike-count integral). */
export function spikeCountSigmoidAsPrinted(Q: number, C = 0): number {
  assertFinite(Q, 'Q');
  assertFinite(C, 'C');
  return Q + softplus(-Q) + C;
}

/** Adaptive Simpson quadrature ∫_a^b f (the numeric route for the spike counts). @param tol absolute tolerance */
export function integrate(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxDepth = 50): number {
  assertFinite(a, 'a');
  assertFinite(b, 'b');
  assertPositive(tol, 'tol');
  if (a === b) return 0;
  const simpson = (fa: number, fm: number, fb: number, h: number) => (h / 6) * (fa + 4 * fm + fb);
  const rec = (x0: number, x1: number, f0: number, fm: number, f1: number, whole: number, eps: number, depth: number): number => {
    const xm = 0.5 * (x0 + x1);
    const fl = f(0.5 * (x0 + xm)), fr = f(0.5 * (xm + x1));
    if (!Number.isFinite(fl) || !Number.isFinite(fr)) throw new Error(`integrand is not finite near x = ${xm}`);
    const left = simpson(f0, fl, fm, xm - x0), right = simpson(fm, fr, f1, x1 - xm);
    const delta = left + right - whole;
    if (depth <= 0 || Math.abs(delta) <= 15 * eps) return left + right + delta / 15;
    return rec(x0, xm, f0, fl, fm, left, eps / 2, depth - 1) + rec(xm, x1, fm, fr, f1, right, eps / 2, depth - 1);
  };
  const fa = f(a), fb = f(b), fm = f(0.5 * (a + b));
  assertFinite(fa, 'f(a)');
  assertFinite(fb, 'f(b)');
  return rec(a, b, fa, fm, fb, simpson(fa, fm, fb, b - a), tol, maxDepth);
}

/** Sup-norm distance max_x |f(x) − g(x)| on a uniform grid of n points in [lo, hi]; returns the value and where it sits. */
export function supDistance(f: (x: number) => number, g: (x: number) => number, lo: number, hi: number, n = 4001): { sup: number; at: number } {
  assertFinite(lo, 'lo');
  assertFinite(hi, 'hi');
  assertInteger(n, 'n', 2);
  let sup = -1, at = NaN;
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    const d = Math.abs(f(x) - g(x));
    if (!Number.isFinite(d)) throw new Error(`|f − g| is not finite at x = ${x}`);
    if (d > sup) {
      sup = d;
      at = x;
    }
  }
  return { sup, at };
}

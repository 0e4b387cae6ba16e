/**
 * Thermodynamics of shallow g0 × g1 × 1 networks after Chinea ("Methods" and
 * "Theoretical Results"; reconstructed and checked in notebook 00): every neuron is an
 * independent subsystem whose microstates are its input configurations, each input line carrying
 * an integer excitation in {1,…,K}, K = m·p. The degeneracies are bounded compositions, exact
 * BigInts (the alternating sums lose all meaning in float64 from g0 ≈ 15–20); the
 * thermodynamic functions are then evaluated in log-space.
 */
import { assertFinite, assertInteger, assertPositive, assertWithinBudget, assertKnownOptions, assertOneOf } from '../core/guards';

// ---------------------------------------------------------------- exact integer counts

/** Binomial C(a, b) as a BigInt, with C(a, b) := 0 whenever a < b, a < 0 or b < 0. */
export function binomBig(a: number, b: number): bigint {
  if (!Number.isInteger(a) || !Number.isInteger(b)) throw new RangeError(`binomBig needs integers, but got a=${a}, b=${b}`);
  if (b < 0 || a < 0 || a < b) return 0n;
  const k = Math.min(b, a - b);
  assertWithinBudget(`binomBig(${a}, ${b})`, k * Math.max(1, (k * Math.log2(a + 1)) / 64), 1e9, 'word operations');
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(a - k + i)) / BigInt(i);
  return r;
}

function checkGK(g: number, K: number, what = '', terms = (gg: number, kk: number) => gg * gg * kk): void {
  assertInteger(g, 'g0 (number of inputs)');
  assertInteger(K, 'K = m·p (levels per input)');
  // BigInt work: `terms` multiply-adds (compositions: g per entry, gK entries) of numbers of ~g·log2(K) bits.
  if (what) assertWithinBudget(`${what}(g=${g}, K=${K})`, terms(g, K) * Math.max(1, (g * Math.log2(K + 1)) / 64), 1e9, 'word operations');
}

/** Validate a hand-built NetParams (netParams builds a valid one): each field named, before any work. */
function checkNetParams(P: NetParams): void {
  if (P === null || typeof P !== 'object') throw new TypeError(`NetParams must be an object (see netParams), but got ${String(P)}`);
  assertInteger(P.g0, 'P.g0 (inputs per hidden unit)');
  assertInteger(P.g1, 'P.g1 (hidden units)');
  assertPositive(P.m, 'P.m');
  assertPositive(P.p, 'P.p');
  const K = P.m * P.p;
  if (!Number.isInteger(K) || K < 2) throw new RangeError(`K = m·p must be an integer ≥ 2, but got P.m=${P.m}, P.p=${P.p} (K=${K})`);
  checkThreshold(P.delta1, P.g0, K, 'P.delta1');
  checkThreshold(P.theta1, P.g1, K, 'P.theta1');
  assertPositive(P.Delta, 'P.Delta');
  assertOneOf(P.hidden, 'P.hidden', ['relu', 'sigmoid', 'tanh']);
  assertOneOf(P.reluLevel, 'P.reluLevel', ['H1', 'H2']);
  assertOneOf(P.tanhReading, 'P.tanhReading', ['gap2', 'symmetric']);
}

/**
 * Bounded compositions c(n; g, K) = [w^n](w + … + w^K)^g = Σ_l (−1)^l C(g,l) C(n−Kl−1, g−1)
 * (Chinea, λ^θ formula), n = 0…gK, by inclusion–exclusion in BigInt.
 * @param g number of input lines (g0 for a hidden unit, g1 for the output unit), ≥ 1
 * @param K excitation levels per input line (K = m·p), ≥ 1
 */
export function compositions(g: number, K: number): bigint[] {
  checkGK(g, K, 'compositions');
  const N = g * K;
  // B[a] = C(a, g−1) for a = 0…N, built incrementally: C(a+1, r) = C(a, r)(a+1)/(a+1−r).
  const r = g - 1;
  const B: bigint[] = new Array(N + 1).fill(0n);
  B[r] = 1n;
  for (let a = r; a < N; a++) B[a + 1] = (B[a] * BigInt(a + 1)) / BigInt(a + 1 - r);
  const Cg: bigint[] = [];
  for (let l = 0; l <= g; l++) Cg.push(binomBig(g, l));
  const c: bigint[] = new Array(N + 1).fill(0n);
  for (let n = g; n <= N; n++) {
    let s = 0n;
    for (let l = 0; l <= g; l++) {
      const a = n - K * l - 1;
      if (a < r) break;
      s += (l % 2 === 0 ? 1n : -1n) * Cg[l] * B[a];
    }
    c[n] = s;
  }
  return c;
}

/**
 * The same counts by a second, cancellation-free route: g-fold polynomial convolution of
 * (w + … + w^K) in exact BigInt ("repeated polynomial convolution").
 */
export function compositionsByConvolution(g: number, K: number): bigint[] {
  checkGK(g, K, 'compositionsByConvolution', (gg, kk) => gg * gg * kk * kk);
  let poly: bigint[] = [1n];
  for (let step = 0; step < g; step++) {
    const next: bigint[] = new Array(poly.length + K).fill(0n);
    for (let i = 0; i < poly.length; i++) {
      if (poly[i] === 0n) continue;
      for (let j = 1; j <= K; j++) next[i + j] += poly[i];
    }
    poly = next;
  }
  return poly;
}

/**
 * The inclusion–exclusion sum evaluated in float64 (binomials exact, then converted): shows the
 * catastrophic cancellation shown in notebook 00. For demonstration only — never use it for counts.
 */
export function compositionsFloat64(g: number, K: number): number[] {
  checkGK(g, K, 'compositionsFloat64');
  const out: number[] = new Array(g * K + 1).fill(0);
  for (let n = g; n <= g * K; n++) {
    let s = 0;
    for (let l = 0; l <= g; l++) {
      const a = n - K * l - 1;
      if (a < g - 1) break;
      s += (l % 2 === 0 ? 1 : -1) * Number(binomBig(g, l)) * Number(binomBig(a, g - 1));
    }
    out[n] = s;
  }
  return out;
}

function checkThreshold(t: number, g: number, K: number, name: string): void {
  if (!Number.isInteger(t) || t < g + 1 || t > g * K) {
    throw new RangeError(`${name} must be an integer in [g+1, g·K] = [${g + 1}, ${g * K}] (both levels populated), but got ${t}`);
  }
}

/**
 * Silent-level degeneracy λ^1 = #{configurations with n < δ} by the single-sum closed form
 * Σ_l (−1)^l C(g,l) C(δ−1−Kl, g) (hockey-stick identity, correcting the printed λ^1).
 */
export function lambda1(g: number, K: number, threshold: number): bigint {
  checkGK(g, K, 'lambda1', (gg, kk) => gg * kk);
  checkThreshold(threshold, g, K, 'threshold δ');
  // incremental binomials: C(g, l+1) = C(g, l)(g−l)/(l+1) and C(a−1, g) = C(a, g)(a−g)/a (each division exact)
  let s = 0n;
  let cgl = 1n;
  let a = threshold - 1;
  let cag = binomBig(a, g);
  for (let l = 0; l <= g && a >= g; l++) {
    s += (l % 2 === 0 ? 1n : -1n) * cgl * cag;
    cgl = (cgl * BigInt(g - l)) / BigInt(l + 1);
    for (let i = 0; i < K; i++) {
      if (a - 1 < g) { a -= 1; cag = 0n; break; }
      cag = (cag * BigInt(a - g)) / BigInt(a);
      a -= 1;
    }
  }
  return s;
}

/**
 * λ^1 exactly as printed in the seed: Σ_{n=g0}^{δ1−1} Σ_{l=0}^{n} (−1)^l C(g0,l) C(g0 − m p l − 1, g0 − 1).
 * The inner sum does not depend on n (typo 1), so this equals δ1 − g0. Kept to show the typo.
 */
export function lambda1SeedLiteral(g: number, K: number, threshold: number): bigint {
  checkGK(g, K, 'lambda1SeedLiteral');
  checkThreshold(threshold, g, K, 'threshold δ');
  let s = 0n;
  for (let n = g; n <= threshold - 1; n++) {
    for (let l = 0; l <= n; l++) s += (l % 2 === 0 ? 1n : -1n) * binomBig(g, l) * binomBig(g - K * l - 1, g - 1);
  }
  return s;
}

/** Natural log of a non-negative BigInt from its top 64 bits and its bit length; ln 0 = −∞. */
export function lnBig(x: bigint): number {
  if (x < 0n) throw new RangeError(`lnBig needs x ≥ 0, but got ${x}`);
  if (x === 0n) return -Infinity;
  const bits = x.toString(16).length * 4;
  const shift = Math.max(0, bits - 64);
  return Math.log(Number(x >> BigInt(shift))) + shift * Math.LN2;
}

// ---------------------------------------------------------------- the network model

export type HiddenKind = 'relu' | 'sigmoid' | 'tanh';
/** ReLU active-level energy: H1 = m + θ as printed in the seed; H2 = m + θ − δ1 + 1 (measured from threshold). */
export type ReluLevel = 'H1' | 'H2';
/** tanh as a two-level unit: 'gap2' = levels m, m + 2Δ (default); 'symmetric' = levels m − Δ, m + Δ. */
export type TanhReading = 'gap2' | 'symmetric';

export interface NetParams {
  /** inputs (fan-in of each hidden unit), ≥ 1 */
  g0: number;
  /** hidden units (fan-in of the output unit), ≥ 1 */
  g1: number;
  /** energy offset of every neuron (ground level), > 0 */
  m: number;
  /** with m, the per-input excitation range K = m·p (integer ≥ 2 so both levels are populated) */
  p: number;
  /** hidden threshold δ1 ∈ [g0+1, g0 K]; default ⌈g0(K+1)/2⌉ */
  delta1: number;
  /** output threshold θ1 ∈ [g1+1, g1 K]; default ⌈g1(K+1)/2⌉ */
  theta1: number;
  /** energy gap of the two-level sigmoidal units (output, and sigmoid/tanh hidden), > 0; default K */
  Delta: number;
  hidden: HiddenKind;
  reluLevel: ReluLevel;
  tanhReading: TanhReading;
}

/** Our default parameters P0 (not the paper's, which are unknown): m = 1, p = 2, g1 = 2, midpoint thresholds, Δ = K, H1, tanh gap 2Δ. */
export const P0: Readonly<Omit<NetParams, 'g0' | 'delta1' | 'theta1' | 'Delta'>> = Object.freeze({
  g1: 2, m: 1, p: 2, hidden: 'relu', reluLevel: 'H1', tanhReading: 'gap2',
});

/** Midpoint threshold ⌈g(K+1)/2⌉: the mean total excitation of g inputs. */
export function midpointThreshold(g: number, K: number): number {
  checkGK(g, K);
  return Math.ceil((g * (K + 1)) / 2);
}

/** Full parameter set from a partial one, filling thresholds and Δ by the note's P0 rules; validates everything. */
export function netParams(o: Partial<NetParams> & { g0: number }): NetParams {
  assertKnownOptions(o, 'netParams', ['g0', 'g1', 'm', 'p', 'delta1', 'theta1', 'Delta', 'hidden', 'reluLevel', 'tanhReading']);
  const m = o.m ?? P0.m, p = o.p ?? P0.p;
  assertPositive(m, 'm');
  assertPositive(p, 'p');
  const K = m * p;
  if (!Number.isInteger(K) || K < 2) throw new RangeError(`K = m·p must be an integer ≥ 2, but got m=${m}, p=${p} (K=${K})`);
  const g0 = assertInteger(o.g0, 'g0');
  const g1 = assertInteger(o.g1 ?? P0.g1, 'g1');
  const delta1 = o.delta1 ?? midpointThreshold(g0, K);
  const theta1 = o.theta1 ?? midpointThreshold(g1, K);
  checkThreshold(delta1, g0, K, 'delta1');
  checkThreshold(theta1, g1, K, 'theta1');
  const Delta = assertPositive(o.Delta ?? K, 'Delta');
  const hidden = o.hidden ?? P0.hidden;
  if (!['relu', 'sigmoid', 'tanh'].includes(hidden)) throw new RangeError(`hidden must be relu, sigmoid or tanh, but got '${hidden}'`);
  const reluLevel = o.reluLevel ?? P0.reluLevel;
  if (reluLevel !== 'H1' && reluLevel !== 'H2') throw new RangeError(`reluLevel must be H1 or H2, but got '${reluLevel}'`);
  const tanhReading = o.tanhReading ?? P0.tanhReading;
  if (tanhReading !== 'gap2' && tanhReading !== 'symmetric') throw new RangeError(`tanhReading must be gap2 or symmetric, but got '${tanhReading}'`);
  return { g0, g1, m, p, delta1, theta1, Delta, hidden, reluLevel, tanhReading };
}

/** One energy level of a neuron: energy above the offset m, and its exact degeneracy. */
export interface Level {
  e: number;
  g: bigint;
}

/**
 * Levels of one hidden unit (Chinea, X(z)^{ReLU}; our reading for sigmoid/tanh):
 * ReLU: silent level 0 (λ^1) and θ (H1) or θ−δ1+1 (H2) with λ^θ for θ = δ1…g0K;
 * sigmoid: 0 (λ^1) and Δ (K^{g0} − λ^1); tanh: 0 and 2Δ ('gap2') or −Δ and +Δ ('symmetric').
 */
export function hiddenLevels(P: NetParams): Level[] {
  checkNetParams(P);
  const K = P.m * P.p;
  const c = compositions(P.g0, K);
  const l1 = lambda1(P.g0, K, P.delta1);
  const active = c.slice(P.delta1).reduce((a, b) => a + b, 0n);
  switch (P.hidden) {
    case 'relu': {
      const out: Level[] = [{ e: 0, g: l1 }];
      for (let th = P.delta1; th <= P.g0 * K; th++) {
        out.push({ e: P.reluLevel === 'H1' ? th : th - P.delta1 + 1, g: c[th] });
      }
      return out;
    }
    case 'sigmoid':
      return [{ e: 0, g: l1 }, { e: P.Delta, g: active }];
    case 'tanh':
      return P.tanhReading === 'gap2'
        ? [{ e: 0, g: l1 }, { e: 2 * P.Delta, g: active }]
        : [{ e: -P.Delta, g: l1 }, { e: P.Delta, g: active }];
  }
}

/** Levels of the sigmoidal output unit: 0 with λ^1_{m,θ1,g1} and Δ with λ^2 = K^{g1} − λ^1 (Chinea, second factor of M(z)). */
export function outputLevels(P: NetParams): Level[] {
  checkNetParams(P);
  const K = P.m * P.p;
  const l1 = lambda1(P.g1, K, P.theta1);
  return [{ e: 0, g: l1 }, { e: P.Delta, g: BigInt(K) ** BigInt(P.g1) - l1 }];
}

interface UnitStats { lnZ: number; mean: number; variance: number }

/** ln Σ g e^{−βe}, ⟨e⟩ and Var(e) of one unit, in log-space. */
function unitStats(levels: Level[], beta: number): UnitStats {
  const w = levels.map((l) => lnBig(l.g) - beta * l.e);
  const mx = Math.max(...w);
  const ps = w.map((x) => Math.exp(x - mx));
  const z = ps.reduce((a, b) => a + b, 0);
  let mean = 0;
  for (let i = 0; i < levels.length; i++) mean += (ps[i] / z) * levels[i].e;
  let variance = 0;
  for (let i = 0; i < levels.length; i++) variance += (ps[i] / z) * (levels[i].e - mean) ** 2;
  const r = { lnZ: mx + Math.log(z), mean, variance };
  if (![r.lnZ, r.mean, r.variance].every(Number.isFinite)) throw new Error(`non-finite unit statistics at beta=${beta}: ${JSON.stringify(r)}`);
  return r;
}

export interface Thermo {
  beta: number;
  lnZ: number;
  /** internal energy U = −∂ ln Z/∂β */
  U: number;
  /** potential energy U_φ = U − m(g1+1) */
  Uphi: number;
  /** entropy S = ln Z + βU (k_B = 1) */
  S: number;
  /** heat capacity C = β² Var(E) = −β dS/dβ */
  C: number;
  SoverUphi: number;
}

/**
 * ln Z, U, U_φ, S and C of the g0 × g1 × 1 network at inverse temperature β, Z = M(e^{−β})
 * (Chinea, S and U_φ with the typos corrected).
 * @param beta inverse temperature, > 0
 */
export function thermodynamics(P: NetParams, beta: number): Thermo {
  assertPositive(beta, 'beta');
  checkNetParams(P);
  const h = unitStats(hiddenLevels(P), beta);
  const o = unitStats(outputLevels(P), beta);
  const n = P.g1 + 1;
  const lnZ = -beta * P.m * n + P.g1 * h.lnZ + o.lnZ;
  const Uphi = P.g1 * h.mean + o.mean;
  const U = P.m * n + Uphi;
  const S = lnZ + beta * U;
  const C = beta * beta * (P.g1 * h.variance + o.variance);
  return { beta, lnZ, U, Uphi, S, C, SoverUphi: S / Uphi };
}

/**
 * The seed's S and U_φ exactly as printed (typos 2 and 3: the θ-sums carry λ^2_{m,θ1,g1} instead of λ^θ_{m,p,g0}),
 * for a ReLU hidden layer, to compare with the corrected formulas and with enumeration.
 */
export function seedLiteralSUphi(P: NetParams, beta: number): { S: number; Uphi: number } {
  assertPositive(beta, 'beta');
  checkNetParams(P);
  if (P.hidden !== 'relu') throw new RangeError(`seedLiteralSUphi is printed for ReLU hidden units only, but got hidden='${P.hidden}'`);
  const hl = hiddenLevels(P);
  const [o1, o2] = outputLevels(P);
  const lam1 = Number(hl[0].g), lo1 = Number(o1.g), lo2 = Number(o2.g);
  let A = lam1, num = 0;
  for (let i = 1; i < hl.length; i++) {
    const th = P.delta1 + i - 1;
    A += Math.exp(-beta * th) * Number(hl[i].g);
    num += th * Math.exp(-beta * th) * lo2; // as printed: λ^2_{m,θ1,g1}
  }
  const B = lo1 + Math.exp(-beta * P.Delta) * lo2;
  const outTerm = (P.Delta * Math.exp(-beta * P.Delta) * lo2) / B;
  const Uphi = outTerm + (P.g1 * num) / A;
  const S = P.g1 * Math.log(A) + Math.log(B) + beta * Uphi;
  return { S, Uphi };
}

// ---------------------------------------------------------------- exact polynomial M(z)

/** A polynomial with BigInt coefficients, index = exponent. */
export type BigPoly = bigint[];

function polyMul(a: BigPoly, b: BigPoly): BigPoly {
  const out: bigint[] = new Array(a.length + b.length - 1).fill(0n);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0n) continue;
    for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  }
  return out;
}

function levelsPoly(levels: Level[], m: number): BigPoly {
  const exps = levels.map((l) => m + l.e);
  if (!exps.every((x) => Number.isInteger(x) && x >= 0)) {
    throw new RangeError(`M(z) as a polynomial needs integer energies m + e ≥ 0, but got ${exps.join(', ')}`);
  }
  const out: bigint[] = new Array(Math.max(...exps) + 1).fill(0n);
  levels.forEach((l, i) => (out[exps[i]] += l.g));
  return out;
}

/** Generating function of energies M(z) = X(z)^{g1} · (λ^1_o z^m + λ^2_o z^{m+Δ}) as exact coefficients (Chinea, M(z)). */
export function generatingFunction(P: NetParams): BigPoly {
  checkNetParams(P);
  const x = levelsPoly(hiddenLevels(P), P.m);
  let poly: BigPoly = [1n];
  for (let i = 0; i < P.g1; i++) poly = polyMul(poly, x);
  return polyMul(poly, levelsPoly(outputLevels(P), P.m));
}

/**
 * M(z) by brute force: enumerate every microstate of the whole network (each input line of
 * each neuron in {1…K}) and tally its energy. Independent of the composition formulas; tiny nets only.
 */
export function enumerateMicrostates(P: NetParams, maxStates = 2_000_000): BigPoly {
  checkNetParams(P);
  assertInteger(maxStates, 'maxStates');
  const K = P.m * P.p;
  const lines = P.g0 * P.g1 + P.g1;
  const total = K ** lines;
  if (!(total <= maxStates)) throw new RangeError(`enumeration needs K^(g0·g1+g1) = ${total} states, more than maxStates=${maxStates}`);
  assertWithinBudget(`enumerateMicrostates over K^(g0·g1+g1) = ${total} states`, total * lines, 1e9, 'line updates');
  const hiddenE = (n: number): number => {
    if (P.hidden === 'relu') return n < P.delta1 ? 0 : P.reluLevel === 'H1' ? n : n - P.delta1 + 1;
    if (P.hidden === 'sigmoid') return n < P.delta1 ? 0 : P.Delta;
    if (P.tanhReading === 'gap2') return n < P.delta1 ? 0 : 2 * P.Delta;
    return n < P.delta1 ? -P.Delta : P.Delta;
  };
  const tally = new Map<number, bigint>();
  const x = new Array(lines).fill(1);
  for (let s = 0; s < total; s++) {
    let E = 0;
    for (let u = 0; u < P.g1; u++) {
      let n = 0;
      for (let i = 0; i < P.g0; i++) n += x[u * P.g0 + i];
      E += P.m + hiddenE(n);
    }
    let no = 0;
    for (let i = 0; i < P.g1; i++) no += x[P.g0 * P.g1 + i];
    E += P.m + (no < P.theta1 ? 0 : P.Delta);
    tally.set(E, (tally.get(E) ?? 0n) + 1n);
    for (let d = 0; d < lines; d++) { // odometer increment
      if (x[d] < K) { x[d]++; break; }
      x[d] = 1;
    }
  }
  const keys = [...tally.keys()];
  if (!keys.every((k) => Number.isInteger(k) && k >= 0)) throw new RangeError(`enumeration found non-integer or negative energies: ${keys.join(', ')}`);
  const out: bigint[] = new Array(Math.max(...keys) + 1).fill(0n);
  for (const [k, v] of tally) out[k] = v;
  return out;
}

/** ln Z, U, S, C directly from the coefficients of M(z) at β (a second route to `thermodynamics`). */
export function thermoFromPolynomial(M: BigPoly, beta: number): { lnZ: number; U: number; S: number; C: number } {
  assertPositive(beta, 'beta');
  if (!Array.isArray(M) || !M.some((g) => typeof g === 'bigint' && g > 0n)) throw new RangeError(`thermoFromPolynomial: M must be an array of BigInt coefficients with at least one > 0, but got ${Array.isArray(M) ? `[${M.slice(0, 5).join(', ')}${M.length > 5 ? ', …' : ''}] (${M.length} entries)` : String(M)}`);
  M.forEach((g, e) => { if (typeof g !== 'bigint' || g < 0n) throw new RangeError(`thermoFromPolynomial: M[${e}] must be a BigInt ≥ 0, but got ${String(g)}`); });
  const levels: Level[] = [];
  M.forEach((g, e) => { if (g > 0n) levels.push({ e, g }); });
  const s = unitStats(levels, beta);
  return { lnZ: s.lnZ, U: s.mean, S: s.lnZ + beta * s.mean, C: beta * beta * s.variance };
}

/** Render a BigPoly as "z^3 + 3 z^5 + …" for display. */
export function polyToString(M: BigPoly, v = 'z'): string {
  const terms: string[] = [];
  M.forEach((c, e) => {
    if (c === 0n) return;
    const mono = e === 0 ? '' : e === 1 ? v : `${v}^${e}`;
    terms.push(c === 1n && mono ? mono : `${c}${mono ? ' ' + mono : ''}`);
  });
  return terms.join(' + ') || '0';
}

// ---------------------------------------------------------------- curves and sweeps

/**
 * Rule for Δ as a function of g0 and K in the sensitivity sweep; 'meanTheta' matches Δ to the energy scale of the
 * ReLU reading: Δ = ⟨θ⟩, the count-weighted mean energy of a ReLU unit's active levels (`meanActiveLevel`).
 */
export type DeltaRule = 'K' | 'g0K/2' | 'g0K' | 'meanTheta';

/**
 * The count-weighted mean energy ⟨θ⟩ of a ReLU unit's active levels above its silent level: Σ e(θ) λ^θ / Σ λ^θ over
 * θ = δ1 … g0·K, with e(θ) = θ (H1, as printed) or θ − δ1 + 1 (H2). At the midpoint threshold it is ≈ 1.5·g0 + O(√g0)
 * under H1 (K = 2) and O(√g0) under H2 (docs/derivations/00-chinae.md §3.6). Exact counts (BigInt), ratio to ~1e-9.
 */
export function meanActiveLevel(g0: number, K: number, delta1 = midpointThreshold(g0, K), reluLevel: ReluLevel = 'H1'): number {
  checkGK(g0, K);
  checkThreshold(delta1, g0, K, 'delta1');
  if (reluLevel !== 'H1' && reluLevel !== 'H2') throw new RangeError(`reluLevel must be H1 or H2, but got '${String(reluLevel)}'`);
  const c = compositions(g0, K);
  let num = 0n, den = 0n;
  for (let th = delta1; th <= g0 * K; th++) {
    const e = BigInt(reluLevel === 'H1' ? th : th - delta1 + 1);
    num += e * c[th];
    den += c[th];
  }
  if (den === 0n) throw new RangeError(`no active ReLU level at g0=${g0}, K=${K}, delta1=${delta1}`);
  return Number((num * 1_000_000_000n) / den) / 1e9;
}

/** Δ from its rule ('meanTheta' at the midpoint threshold, for the ReLU reading `reluLevel`, default H1). */
export function deltaFromRule(rule: DeltaRule, g0: number, K: number, reluLevel: ReluLevel = 'H1'): number {
  if (rule === 'K') return K;
  if (rule === 'g0K/2') return (g0 * K) / 2;
  if (rule === 'g0K') return g0 * K;
  if (rule === 'meanTheta') return meanActiveLevel(g0, K, midpointThreshold(g0, K), reluLevel);
  throw new RangeError(`Delta rule must be K, g0K/2, g0K or meanTheta, but got '${rule}'`);
}

export interface CurveRow {
  g0: number;
  unit: string;
  S: number;
  Uphi: number;
  SoverUphi: number;
  C: number;
  [k: string]: number | string;
}

/** S, U_φ, S/U_φ, C against g0 for several hidden-unit models (cf. Chinea, the two figures). */
export function thermoCurves(
  g0s: readonly number[],
  units: readonly { label: string; hidden: HiddenKind; reluLevel?: ReluLevel; tanhReading?: TanhReading }[],
  o: { beta: number; p?: number; m?: number; g1?: number; deltaRule?: DeltaRule; matchLevel?: ReluLevel },
): CurveRow[] {
  assertFinite(o.beta, 'beta');
  const rows: CurveRow[] = [];
  for (const g0 of g0s) {
    for (const u of units) {
      const K = (o.m ?? P0.m) * (o.p ?? P0.p);
      const P = netParams({ g0, g1: o.g1, m: o.m, p: o.p, hidden: u.hidden, reluLevel: u.reluLevel, tanhReading: u.tanhReading, Delta: deltaFromRule(o.deltaRule ?? 'K', g0, K, o.matchLevel ?? 'H1') });
      const t = thermodynamics(P, o.beta);
      rows.push({ g0, unit: u.label, S: t.S, Uphi: t.Uphi, SoverUphi: t.SoverUphi, C: t.C });
    }
  }
  return rows;
}

export interface ClaimFlags {
  /** (a) S_ReLU > S_other */
  higherEntropy: boolean;
  /** (b) U_φ,ReLU < U_φ,other */
  lowerPotential: boolean;
  /** (c) S/U_φ higher for ReLU */
  higherRatio: boolean;
  /** (d) C_ReLU < C_other */
  lowerHeatCapacity: boolean;
}

/**
 * The four figure/prose claims of Chinea ("Theoretical Results") at one g0: ReLU hidden layer
 * (given level hypothesis) vs a sigmoid or tanh hidden layer, same thresholds, Δ rule and β.
 */
export function claimFlags(
  g0: number, o: { beta: number; p: number; deltaRule: DeltaRule; reluLevel: ReluLevel; other: 'sigmoid' | 'tanh'; g1?: number; m?: number },
): ClaimFlags {
  const K = (o.m ?? P0.m) * o.p;
  const common = { g0, g1: o.g1, m: o.m, p: o.p, Delta: deltaFromRule(o.deltaRule, g0, K, o.reluLevel) };
  const r = thermodynamics(netParams({ ...common, hidden: 'relu', reluLevel: o.reluLevel }), o.beta);
  const s = thermodynamics(netParams({ ...common, hidden: o.other }), o.beta);
  return {
    higherEntropy: r.S > s.S,
    lowerPotential: r.Uphi < s.Uphi,
    higherRatio: r.SoverUphi > s.SoverUphi,
    lowerHeatCapacity: r.C < s.C,
  };
}

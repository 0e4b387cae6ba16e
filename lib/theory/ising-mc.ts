/**
 * Monte Carlo 2-D Ising model on an L×L periodic square lattice (Metropolis and Wolff), with exact
 * references: Onsager's T_c, Yang's spontaneous magnetisation, and exact enumeration for L ≤ 4.
 * Tests the mean field of seed 004 (§2.3: "MFT is quantitatively incorrect in two dimensions").
 * H = −J Σ_i s_i (s_right(i) + s_down(i)); k_B = 1; observables per spin.
 */
import { assertFinite, assertPositive, assertInteger, assertKnownOptions, assertOneOf, assertWithinBudget, assertSortedFinite, assertAllFinite } from '../core/guards';
import { makeRng } from '../core/rng';

/** Onsager's critical temperature T_c = 2J/ln(1 + √2) ≈ 2.269185 J (square lattice). */
export function onsagerTc(J = 1): number {
  assertPositive(J, 'J');
  return (2 * J) / Math.log(1 + Math.SQRT2);
}

/** Yang's spontaneous magnetisation M(T) = (1 − sinh⁻⁴(2J/T))^{1/8} for T < T_c, 0 above (infinite lattice). */
export function yangMagnetisation(T: number, J = 1): number {
  assertPositive(T, 'T');
  assertPositive(J, 'J');
  const s = Math.sinh((2 * J) / T);
  const x = 1 - 1 / s ** 4;
  return x > 0 ? x ** 0.125 : 0;
}

export interface IsingObservables {
  L: number;
  T: number;
  /** ⟨|m|⟩, m = Σs/N. */
  absM: number;
  m2: number;
  m4: number;
  /** ⟨e⟩, energy per spin. */
  e: number;
  /** Specific heat per spin c = N(⟨e²⟩ − ⟨e⟩²)/T². */
  c: number;
  /** χ = N(⟨m²⟩ − ⟨|m|⟩²)/T. */
  chi: number;
  /** Binder cumulant U₄ = 1 − ⟨m⁴⟩/(3⟨m²⟩²). */
  binder: number;
}

function derive(L: number, T: number, absM: number, m2: number, m4: number, e: number, e2: number): IsingObservables {
  const N = L * L;
  return { L, T, absM, m2, m4, e, c: (N * (e2 - e * e)) / (T * T), chi: (N * (m2 - absM * absM)) / T, binder: 1 - m4 / (3 * m2 * m2) };
}

function neighbours(L: number): { right: Int32Array; down: Int32Array; left: Int32Array; up: Int32Array } {
  const N = L * L;
  const right = new Int32Array(N), down = new Int32Array(N), left = new Int32Array(N), up = new Int32Array(N);
  for (let y = 0; y < L; y++) {
    for (let x = 0; x < L; x++) {
      const i = y * L + x;
      right[i] = y * L + ((x + 1) % L);
      left[i] = y * L + ((x + L - 1) % L);
      down[i] = ((y + 1) % L) * L + x;
      up[i] = ((y + L - 1) % L) * L + x;
    }
  }
  return { right, down, left, up };
}

/** Exact density of states g(E, M) of the periodic L×L lattice by enumerating all 2^{L²} states (L ≤ 4). */
export function densityOfStates(L: number, J = 1): { E: number; M: number; count: number }[] {
  assertInteger(L, 'L', 2);
  if (L > 4) throw new RangeError(`L must be ≤ 4 for exact enumeration (2^(L²) states), but got ${L}`);
  assertFinite(J, 'J');
  const N = L * L;
  const { right, down } = neighbours(L);
  const hist = new Map<string, { E: number; M: number; count: number }>();
  for (let st = 0; st < 1 << N; st++) {
    let M = 0, E = 0;
    for (let i = 0; i < N; i++) {
      const si = (st >> i) & 1 ? 1 : -1;
      M += si;
      E -= J * si * (((st >> right[i]) & 1 ? 1 : -1) + ((st >> down[i]) & 1 ? 1 : -1));
    }
    const k = `${E},${M}`;
    const h = hist.get(k);
    if (h) h.count++;
    else hist.set(k, { E, M, count: 1 });
  }
  return [...hist.values()];
}

/** Exact canonical averages of the finite periodic lattice from its density of states (second route for the Monte Carlo). */
export function exactObservables(L: number, T: number, J = 1, dos = densityOfStates(L, J)): IsingObservables {
  assertPositive(T, 'T');
  const N = L * L;
  const Emin = Math.min(...dos.map((d) => d.E));
  let Z = 0, aM = 0, m2 = 0, m4 = 0, e = 0, e2 = 0;
  for (const d of dos) {
    const w = d.count * Math.exp(-(d.E - Emin) / T);
    const m = d.M / N, en = d.E / N;
    Z += w;
    aM += w * Math.abs(m);
    m2 += w * m * m;
    m4 += w * m ** 4;
    e += w * en;
    e2 += w * en * en;
  }
  return derive(L, T, aM / Z, m2 / Z, m4 / Z, e / Z, e2 / Z);
}

export interface McOptions {
  L: number;
  T: number;
  J: number;
  /** Measured sweeps (one sweep = N attempted single-spin updates, or Wolff clusters until ≥ N spins flipped). */
  sweeps: number;
  /** Discarded sweeps before measuring. */
  thermalize: number;
  algorithm: 'metropolis' | 'wolff';
  seed: number;
  /** Bins for the jackknife error bars (autocorrelation shorter than sweeps/bins assumed). */
  bins: number;
  start: 'cold' | 'hot';
}
export const DEFAULT_MC: Readonly<Omit<McOptions, 'L' | 'T'>> = Object.freeze({
  J: 1, sweeps: 2000, thermalize: 200, algorithm: 'wolff', seed: 1, bins: 20, start: 'cold',
});

export interface McResult extends IsingObservables {
  /** Jackknife standard errors over bins. */
  err: { absM: number; m2: number; e: number; c: number; chi: number; binder: number };
  sweeps: number;
  /** Spin updates performed: attempted flips (Metropolis) or flipped spins (Wolff), thermalisation included. */
  spinUpdates: number;
  /** Metropolis acceptance rate, or mean Wolff cluster size / N. */
  acceptance: number;
  algorithm: McOptions['algorithm'];
}

/**
 * Simulate the 2-D periodic Ising model at one temperature and measure ⟨|m|⟩, ⟨m²⟩, ⟨m⁴⟩, e, c, χ, U₄
 * with jackknife errors over bins (seed 004, §2.3, tested against mean field; recipe in
 * docs/derivations/04-sakthivadivel.md §3.8).
 */
export function simulateIsing(o: Partial<McOptions> & { L: number; T: number }): McResult {
  assertKnownOptions(o, 'simulateIsing options', ['L', 'T', 'J', 'sweeps', 'thermalize', 'algorithm', 'seed', 'bins', 'start']);
  const p: McOptions = { ...DEFAULT_MC, ...o };
  assertInteger(p.L, 'L', 2);
  assertPositive(p.T, 'T');
  assertFinite(p.J, 'J');
  assertInteger(p.sweeps, 'sweeps', 1);
  assertInteger(p.thermalize, 'thermalize', 0);
  assertInteger(p.bins, 'bins', 2);
  if (p.sweeps < p.bins) throw new RangeError(`sweeps must be ≥ bins (${p.bins}), but got ${p.sweeps}`);
  if (p.algorithm !== 'metropolis' && p.algorithm !== 'wolff') throw new RangeError(`algorithm must be 'metropolis' or 'wolff', but got ${String(p.algorithm)}`);
  assertOneOf(p.start, 'start', ['cold', 'hot']);
  // Spin updates: (thermalize + sweeps) × L²; the paper profile's largest run (L = 128, 52 000 sweeps) is 8.5e8.
  assertWithinBudget(`simulateIsing L=${p.L} for ${p.thermalize}+${p.sweeps} sweeps`, (p.thermalize + p.sweeps) * p.L * p.L, 1e10, 'spin updates');
  assertWithinBudget(`simulateIsing lattice L=${p.L}`, p.L * p.L, 1e8, 'spins');
  if (p.algorithm === 'wolff' && !(p.J > 0)) throw new RangeError(`J must be > 0 for Wolff clusters, but got ${p.J}`);
  const L = p.L, N = L * L, beta = 1 / p.T, J = p.J;
  const rng = makeRng(p.seed);
  const { right, down, left, up } = neighbours(L);
  const s = new Int8Array(N);
  for (let i = 0; i < N; i++) s[i] = p.start === 'cold' ? 1 : rng.uniform() < 0.5 ? 1 : -1;
  let M = 0, E = 0;
  const recompute = () => {
    M = 0; E = 0;
    for (let i = 0; i < N; i++) {
      M += s[i];
      E -= J * s[i] * (s[right[i]] + s[down[i]]);
    }
  };
  recompute();
  // Metropolis acceptance table indexed by s_i·Σnn + 4 ∈ {0, 2, 4, 6, 8}: ΔE = 2J s_i Σnn.
  const acc = new Float64Array(9);
  for (let k = -4; k <= 4; k += 2) acc[k + 4] = Math.min(1, Math.exp(-beta * 2 * J * k));
  const padd = 1 - Math.exp(-2 * beta * J);
  const stack = new Int32Array(N);
  let updates = 0, accepted = 0, clusters = 0, clusterSpins = 0;

  const metropolisSweep = () => {
    for (let i = 0; i < N; i++) {
      const si = s[i];
      const k = si * (s[right[i]] + s[left[i]] + s[down[i]] + s[up[i]]);
      if (k <= 0 || rng.uniform() < acc[k + 4]) {
        s[i] = -si as -1 | 1;
        M -= 2 * si;
        E += 2 * J * k;
        accepted++;
      }
    }
    updates += N;
  };
  const wolffCluster = (): number => {
    const seed = rng.int(N);
    const s0 = s[seed];
    s[seed] = -s0 as -1 | 1;
    let top = 0, size = 1;
    stack[top++] = seed;
    while (top > 0) {
      const i = stack[--top];
      const nb0 = right[i], nb1 = left[i], nb2 = down[i], nb3 = up[i];
      if (s[nb0] === s0 && rng.uniform() < padd) { s[nb0] = -s0 as -1 | 1; stack[top++] = nb0; size++; }
      if (s[nb1] === s0 && rng.uniform() < padd) { s[nb1] = -s0 as -1 | 1; stack[top++] = nb1; size++; }
      if (s[nb2] === s0 && rng.uniform() < padd) { s[nb2] = -s0 as -1 | 1; stack[top++] = nb2; size++; }
      if (s[nb3] === s0 && rng.uniform() < padd) { s[nb3] = -s0 as -1 | 1; stack[top++] = nb3; size++; }
    }
    M -= 2 * s0 * size;
    clusters++;
    clusterSpins += size;
    updates += size;
    return size;
  };
  // Thermalisation: clusters until ≥ N spins flipped per sweep. Measurement: a FIXED number of clusters per
  // sweep (≈ N / mean cluster size from thermalisation), because measuring at a state-dependent stopping
  // time biases the averages (seen at L = 4, T = 1.8: ⟨|m|⟩ 0.987 vs exact 0.956).
  let clustersPerSweep = 0;
  const wolffSweep = () => {
    if (clustersPerSweep > 0) {
      for (let k = 0; k < clustersPerSweep; k++) wolffCluster();
    } else {
      let flipped = 0;
      while (flipped < N) flipped += wolffCluster();
    }
    recompute();
  };
  const sweep = p.algorithm === 'metropolis' ? metropolisSweep : wolffSweep;
  for (let t = 0; t < Math.max(p.thermalize, p.algorithm === 'wolff' ? 1 : 0); t++) sweep();
  if (p.algorithm === 'wolff') clustersPerSweep = Math.max(1, Math.round((N * clusters) / clusterSpins));
  const n = p.sweeps;
  const am = new Float64Array(n), m2 = new Float64Array(n), m4 = new Float64Array(n), en = new Float64Array(n), e2 = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    sweep();
    const m = M / N, e = E / N;
    if (!Number.isFinite(e)) throw new Error(`energy is not finite at sweep ${t} (T = ${p.T}, L = ${L})`);
    am[t] = Math.abs(m); m2[t] = m * m; m4[t] = m2[t] * m2[t]; en[t] = e; e2[t] = e * e;
  }
  // Jackknife over bins.
  const B = p.bins, per = Math.floor(n / B);
  const sums = [am, m2, m4, en, e2].map((arr) => {
    const b = new Float64Array(B);
    for (let k = 0; k < B; k++) for (let t = k * per; t < (k + 1) * per; t++) b[k] += arr[t];
    return b;
  });
  const total = sums.map((b) => b.reduce((x, y) => x + y, 0));
  const cnt = B * per;
  const full = derive(L, p.T, total[0] / cnt, total[1] / cnt, total[2] / cnt, total[3] / cnt, total[4] / cnt);
  const keys = ['absM', 'm2', 'e', 'c', 'chi', 'binder'] as const;
  const jk: Record<(typeof keys)[number], number[]> = { absM: [], m2: [], e: [], c: [], chi: [], binder: [] };
  for (let k = 0; k < B; k++) {
    const c = cnt - per;
    const d = derive(L, p.T, (total[0] - sums[0][k]) / c, (total[1] - sums[1][k]) / c, (total[2] - sums[2][k]) / c, (total[3] - sums[3][k]) / c, (total[4] - sums[4][k]) / c);
    for (const key of keys) jk[key].push(d[key]);
  }
  const jkErr = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(((xs.length - 1) / xs.length) * xs.reduce((a, b) => a + (b - mean) ** 2, 0));
  };
  const err = { absM: jkErr(jk.absM), m2: jkErr(jk.m2), e: jkErr(jk.e), c: jkErr(jk.c), chi: jkErr(jk.chi), binder: jkErr(jk.binder) };
  return {
    ...full, err, sweeps: n, spinUpdates: updates, algorithm: p.algorithm,
    acceptance: p.algorithm === 'metropolis' ? accepted / updates : clusterSpins / clusters / N,
  };
}

/**
 * Where two curves y1(T), y2(T) on the same grid cross (linear interpolation of y1 − y2 between the first
 * sign change), e.g. Binder cumulants of two sizes, whose crossing estimates T_c. null if they do not cross.
 */
export function crossing(ts: readonly number[], y1: readonly number[], y2: readonly number[]): number | null {
  if (ts.length !== y1.length || ts.length !== y2.length || ts.length < 2) {
    throw new RangeError(`ts, y1, y2 must have equal length ≥ 2, but got ${ts.length}, ${y1.length}, ${y2.length}`);
  }
  assertSortedFinite(ts, 'crossing: ts');
  assertAllFinite(y1, 'y1');
  assertAllFinite(y2, 'y2');
  for (let i = 0; i + 1 < ts.length; i++) {
    const d0 = y1[i] - y2[i], d1 = y1[i + 1] - y2[i + 1];
    if (d0 === 0) return ts[i];
    if (Math.sign(d0) !== Math.sign(d1)) return ts[i] + ((ts[i + 1] - ts[i]) * d0) / (d0 - d1);
  }
  return null;
}

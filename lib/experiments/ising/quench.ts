/**
 * The quench-and-heat protocol of Sakthivadivel §2.4, simulated: a bath at T_b > T_c (disordered, the
 * resting neuron), a quench δ(t − t_c)Q that drops the temperature to T_b − Q at t = 0, then linear heating
 * at one T_c per unit time, T(t) = T_b − Q + t, until the bath temperature is reached again (the paper's
 * "T(t) = t − Q", "one degree per second"). The paper's spike count is the time spent ordered ("time spent
 * in m = 1"), which in equilibrium would be the integral of its eq. (2) along the path. Here the
 * magnetisation is not assumed to follow its equilibrium value:
 *
 * - `meanFieldQuench`: relaxational (Glauber) mean-field dynamics τ dm/dt = −m + tanh((T_c m + h)/T(t)),
 *   RK4, T_c = 1;
 * - `latticeQuench`: Metropolis dynamics of the periodic L×L square lattice (J = 1, temperatures in units of
 *   Onsager's T_c), `sweepsPerUnit` sweeps per unit time (one sweep ↔ τ = 1/sweepsPerUnit in mean field).
 *
 * "Ordered" means m > thr (mean field, which a small field h > 0 sends to the + branch) or |m| > thr (lattice).
 * Derivations and the adiabatic references: docs/derivations/04-sakthivadivel.md §3.9.
 */
import { assertInRange, assertInteger, assertNonNegative, assertPositive } from '../../core/guards';
import { makeRng } from '../../core/rng';
import { onsagerTc } from '../../theory/ising-mc';
import { reducedTemperatureOfM } from '../../theory/ising';
import { bySize, type Profile } from '../../report/profile';
import { defineExperiment, seeds, tasksOf, type TaskSpec } from '../../runtime/experiment';

/** ln cosh x without overflow. */
export function logCosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
}

/**
 * ∫_{T_b−Q}^{T_b} m₂(T) dT for the paper's eq. (2), m₂(T) = ½(1 − tanh(a(T − T_c))): the spike count the paper
 * predicts for the path T_b − Q → T_b if the magnetisation followed eq. (2) (units T_c = 1 unless given).
 */
export function eq2PathIntegral(Q: number, Tb: number, a: number, Tc = 1): number {
  assertNonNegative(Q, 'Q');
  assertPositive(a, 'a');
  return 0.5 * (Q - (logCosh(a * (Tb - Tc)) - logCosh(a * (Tb - Q - Tc))) / a);
}

/**
 * ∫_0^Q ½(1 + tanh(a(x − b))) dx = ½[Q + (logcosh(a(Q − b)) − logcosh(ab))/a]: the firing curve of eq. (2)
 * read in the voltage V = −T with the threshold b = T_c as a bias, integrated over a quench of size Q.
 * Its sup-distance from ReLU(Q − b) is ln 2/(2a) (at Q = b), up to e^{−2ab}/(2a).
 */
export function firingIntegral(Q: number, a: number, b: number): number {
  assertPositive(a, 'a');
  return 0.5 * (Q + (logCosh(a * (Q - b)) - logCosh(a * b)) / a);
}

/** Adiabatic (equilibrium) mean-field spike time: ReLU(Q − (T_b − T*)) with m*(T*) = thr, T* = thr/artanh(thr). */
export function adiabaticSpikeTimeMF(Q: number, Tb: number, thr: number): number {
  assertInRange(thr, 'thr', 0, 1);
  return Math.max(0, Q - (Tb - reducedTemperatureOfM(thr)));
}

export interface QuenchResult {
  [k: string]: unknown;
  /** Time with m above the threshold (the spike count, in units where heating takes 1 T_c per unit time). */
  spikeTime: number;
  /** ∫ (m − m_rest) dt over the whole run. */
  mIntegral: number;
  /** Time from the quench until m first exceeds the threshold (null if never). */
  firstOrdered: number | null;
  /** Time spent ordered after T is back at T_b. */
  tailTime: number;
  /** Resting magnetisation at T_b before the quench. */
  mRest: number;
}

export interface MfQuenchConfig { [k: string]: unknown; Q: number; Tb: number; tau: number; h: number; thr: number }

/** Mean-field relaxational dynamics through one quench (deterministic; `_seed` unused). */
export function meanFieldQuench(c: MfQuenchConfig, _seed = 0): QuenchResult {
  assertPositive(c.Tb, 'Tb');
  assertInRange(c.Q, 'Q', 0, c.Tb);
  if (!(c.Q < c.Tb)) throw new RangeError(`Q must be < Tb (${c.Tb}) so that T stays > 0, but got ${c.Q}`);
  assertPositive(c.tau, 'tau');
  assertNonNegative(c.h, 'h');
  assertInRange(c.thr, 'thr', 0, 1);
  let m = 0;
  for (let k = 0; k < 10000; k++) m = Math.tanh((m + c.h) / c.Tb);
  const mRest = m;
  const dt = Math.min(c.tau / 20, 1e-3);
  const tail = 1 + 50 * c.tau;
  const rhs = (mm: number, T: number) => (-mm + Math.tanh((mm + c.h) / T)) / c.tau;
  const Tof = (t: number) => Math.min(c.Tb, c.Tb - c.Q + t);
  let t = 0, spike = 0, mInt = 0, tailTime = 0;
  let first: number | null = null;
  while (t < c.Q + tail) {
    const k1 = rhs(m, Tof(t)), k2 = rhs(m + 0.5 * dt * k1, Tof(t + 0.5 * dt)), k3 = rhs(m + 0.5 * dt * k2, Tof(t + 0.5 * dt)), k4 = rhs(m + dt * k3, Tof(t + dt));
    const mNew = m + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    if (!Number.isFinite(mNew)) throw new Error(`meanFieldQuench: m is not finite at t = ${t} (Q = ${c.Q}, tau = ${c.tau})`);
    const ordered = 0.5 * (m + mNew) > c.thr;
    if (ordered) {
      spike += dt;
      if (t >= c.Q) tailTime += dt;
      if (first === null) first = t;
    }
    mInt += 0.5 * (m + mNew - 2 * mRest) * dt;
    m = mNew;
    t += dt;
    if (t > c.Q && m < c.thr && first !== null) break;
  }
  return { spikeTime: spike, mIntegral: mInt, firstOrdered: first, tailTime, mRest };
}

export interface LatticeQuenchConfig {
  [k: string]: unknown;
  L: number; Q: number; Tb: number; sweepsPerUnit: number; equil: number; thr: number;
}

/** Metropolis dynamics of the 2-D lattice through one quench (temperatures in units of Onsager's T_c). */
export function latticeQuench(c: LatticeQuenchConfig, seed: number): QuenchResult {
  assertInteger(c.L, 'L', 2);
  assertPositive(c.Tb, 'Tb');
  assertInRange(c.Q, 'Q', 0, c.Tb);
  if (!(c.Q < c.Tb)) throw new RangeError(`Q must be < Tb (${c.Tb}) so that T stays > 0, but got ${c.Q}`);
  assertInteger(c.sweepsPerUnit, 'sweepsPerUnit', 1);
  assertInteger(c.equil, 'equil', 0);
  assertInRange(c.thr, 'thr', 0, 1);
  const L = c.L, N = L * L, Tc = onsagerTc(), S = c.sweepsPerUnit;
  const rng = makeRng(seed);
  const s = new Int8Array(N);
  for (let i = 0; i < N; i++) s[i] = rng.uniform() < 0.5 ? 1 : -1;
  let M = 0;
  for (let i = 0; i < N; i++) M += s[i];
  const acc = new Float64Array(9);
  const sweep = (T: number) => {
    for (let k = 0; k <= 8; k += 2) acc[k] = Math.min(1, Math.exp(-(2 * (k - 4)) / T));
    for (let y = 0; y < L; y++) {
      const up = ((y + L - 1) % L) * L, dn = ((y + 1) % L) * L, row = y * L;
      for (let x = 0; x < L; x++) {
        const i = row + x;
        const si = s[i];
        const k = si * (s[row + ((x + 1) % L)] + s[row + ((x + L - 1) % L)] + s[up + x] + s[dn + x]);
        if (k <= 0 || rng.uniform() < acc[k + 4]) { s[i] = -si as 1 | -1; M -= 2 * si; }
      }
    }
  };
  let rest = 0;
  const half = Math.floor(c.equil / 2);
  for (let k = 0; k < c.equil; k++) {
    sweep(c.Tb * Tc);
    if (k >= half) rest += Math.abs(M) / N;
  }
  const mRest = c.equil - half > 0 ? rest / (c.equil - half) : Math.abs(M) / N;
  const heat = Math.round(c.Q * S), tailMax = S;
  let spike = 0, mInt = 0, tailSweeps = 0;
  let first: number | null = null;
  for (let k = 0; k < heat + tailMax; k++) {
    const T = k < heat ? c.Tb - c.Q + (k + 0.5) / S : c.Tb;
    sweep(T * Tc);
    const am = Math.abs(M) / N;
    mInt += (am - mRest) / S;
    if (am > c.thr) {
      spike++;
      if (k >= heat) tailSweeps++;
      if (first === null) first = (k + 1) / S;
    } else if (k >= heat) break;
  }
  return { spikeTime: spike / S, mIntegral: mInt, firstOrdered: first, tailTime: tailSweeps / S, mRest };
}

export interface QuenchSizes { qStep: number; taus: number[]; Ls: number[]; seeds: number; sweepsPerUnit: number }

/** Protocol constants: bath 1.25 T_c, threshold |m| > ½, mean-field field h = 10⁻⁴. */
export const QUENCH = Object.freeze({ Tb: 1.25, thr: 0.5, h: 1e-4, qMax: 1.2, equil: 200 });

export const QUENCH_SIZES: Record<Profile, QuenchSizes> = {
  quick: { qStep: 0.1, taus: [0.001, 0.01, 0.1], Ls: [16, 32], seeds: 3, sweepsPerUnit: 1000 },
  default: { qStep: 0.1, taus: [0.001, 0.01, 0.1], Ls: [16, 32], seeds: 10, sweepsPerUnit: 1000 },
  paper: { qStep: 0.05, taus: [0.001, 0.01, 0.1], Ls: [16, 32, 64, 128], seeds: 20, sweepsPerUnit: 1000 },
};

/** The quench grid 0, qStep, …, qMax (rounded to 1e-9). */
export function quenchGrid(qStep: number, qMax: number = QUENCH.qMax): number[] {
  assertPositive(qStep, 'qStep');
  const n = Math.round(qMax / qStep);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * qStep).toFixed(9)));
}

export const quenchMeanField = defineExperiment<MfQuenchConfig, QuenchResult>({
  name: 'ising-quench-mf', label: 'quench-and-heat, mean field', version: 1,
  module: 'lib/experiments/ising/quench.ts', task: 'meanFieldQuench',
  tasks: (profile) => {
    const s = bySize(QUENCH_SIZES, profile);
    const cfgs = s.taus.flatMap((tau) => quenchGrid(s.qStep / 2).map((Q): MfQuenchConfig => ({ Q, Tb: QUENCH.Tb, tau, h: QUENCH.h, thr: QUENCH.thr })));
    return tasksOf(cfgs, [0], (c) => (c.Q + 1) / c.tau / 1e4);
  },
});

export const quenchLattice = defineExperiment<LatticeQuenchConfig, QuenchResult>({
  name: 'ising-quench-lattice', label: 'quench-and-heat, 2-D lattice', version: 1,
  module: 'lib/experiments/ising/quench.ts', task: 'latticeQuench',
  tasks: (profile) => {
    const s = bySize(QUENCH_SIZES, profile);
    const cfgs = s.Ls.flatMap((L) => quenchGrid(s.qStep).map((Q): LatticeQuenchConfig => ({ L, Q, Tb: QUENCH.Tb, sweepsPerUnit: s.sweepsPerUnit, equil: QUENCH.equil, thr: QUENCH.thr })));
    return tasksOf(cfgs, seeds(s.seeds, 1), (c) => (c.L * c.L * (c.equil + (c.Q + 1) * c.sweepsPerUnit)) / 1e6) as TaskSpec<LatticeQuenchConfig>[];
  },
});

/** Ordinary least-squares slope and intercept of ys on xs (the spike time's growth with Q). */
export function lineFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  if (xs.length !== ys.length || xs.length < 2) throw new RangeError(`xs and ys must be equally long with ≥ 2 points, but got ${xs.length} and ${ys.length}`);
  xs.forEach((x, i) => { if (!Number.isFinite(x) || !Number.isFinite(ys[i])) throw new RangeError(`point ${i} must be finite, but got (${x}, ${ys[i]})`); });
  const n = xs.length, mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  if (!(sxx > 0)) throw new RangeError('xs must not all be equal');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Population firing under Gaussian quenches (Sakthivadivel §3.1, Wilson & Cowan 1972): the eq. (2) firing curve
 * f(x) = ½(1 + tanh(a(x − b))) averaged over x + sξ, ξ ~ N(0, 1) (trapezoid on ±8s, n points).
 */
export function gaussianAveragedFiring(x: number, a: number, b: number, s: number, n = 801): number {
  assertPositive(a, 'a');
  assertPositive(s, 's');
  assertInteger(n, 'n', 3);
  let acc = 0, wsum = 0;
  for (let i = 0; i < n; i++) {
    const z = -8 + (16 * i) / (n - 1);
    const w = Math.exp(-0.5 * z * z) * (i === 0 || i === n - 1 ? 0.5 : 1);
    acc += w * 0.5 * (1 + Math.tanh(a * (x + s * z - b)));
    wsum += w;
  }
  return acc / wsum;
}

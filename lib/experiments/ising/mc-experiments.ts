/**
 * Notebook 04's Monte Carlo protocols as runtime experiments (Sakthivadivel, §2.3: "MFT is quantitatively
 * incorrect in two dimensions"; recipe in docs/derivations/04-sakthivadivel.md §3.8): one task = one seeded
 * Wolff or Metropolis run of the periodic L×L lattice at one temperature (lib/theory/ising-mc simulateIsing).
 *
 * - `isingExactCheck`: L = 4 against exact enumeration (both algorithms, three temperatures);
 * - `isingCurve`: m(T), e, c, χ for the sizes `Ls` on T ∈ [1.5, 3.5];
 * - `isingBinder`: U₄ on a dense grid T ∈ [2.15, 2.40] for the sizes `binderLs` (crossings, χ peaks);
 * - `isingFss`: runs at Onsager's T_c for the sizes `fssLs` (finite-size scaling of ⟨|m|⟩, χ, e);
 * - `isingTransfer`: exact L = 4, 6, 8 values by the row transfer matrix (lib/theory/ising-transfer).
 *
 * The seed of each run is a function of (L, T) only, as it was when the notebook ran these loops inline.
 */
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { onsagerTc, simulateIsing, type McResult } from '../../theory/ising-mc';
import { transferObservables } from '../../theory/ising-transfer';
import { bySize, type Profile } from '../../report/profile';
import { defineExperiment, type TaskSpec } from '../../runtime/experiment';

/** The notebook's base seed (arXiv 2102.04896). */
export const ISING_SEED = 2102;

export interface McSizes {
  Ls: number[]; nT: number; sweeps: number; therm: number; bins: number;
  binderLs: number[]; binderT: number; binderSweeps: number;
  fssLs: number[]; fssSweeps: number;
}

/** Sizes per profile (3 / 4 / 5 sizes at T_c: the finite-size fits need ≥ 3). */
export const MC_SIZES: Record<Profile, McSizes> = {
  quick: { Ls: [8, 16], nT: 9, sweeps: 600, therm: 100, bins: 20, binderLs: [8, 16], binderT: 7, binderSweeps: 1500, fssLs: [8, 16, 32], fssSweeps: 1500 },
  default: { Ls: [8, 16, 32], nT: 17, sweeps: 3000, therm: 300, bins: 20, binderLs: [8, 16, 32, 64], binderT: 11, binderSweeps: 6000, fssLs: [8, 16, 32, 64], fssSweeps: 6000 },
  paper: { Ls: [8, 16, 32, 64], nT: 31, sweeps: 20000, therm: 2000, bins: 40, binderLs: [8, 16, 32, 64, 128], binderT: 21, binderSweeps: 50000, fssLs: [8, 16, 32, 64, 128], fssSweeps: 20000 },
};

export interface McPointConfig {
  [k: string]: unknown;
  L: number; T: number; sweeps: number; thermalize: number; bins: number; algorithm: 'wolff' | 'metropolis';
}

/** A flat record of one run (the runtime stores plain JSON). */
export interface McPointRecord {
  [k: string]: unknown;
  absM: number; m2: number; m4: number; e: number; c: number; chi: number; binder: number;
  errAbsM: number; errM2: number; errE: number; errC: number; errChi: number; errBinder: number;
  spinUpdates: number; acceptance: number;
}

/** Task function: one seeded Monte Carlo run at (L, T). */
export function mcPoint(config: McPointConfig, seed: number): McPointRecord {
  assertInteger(config.L, 'L', 2);
  assertPositive(config.T, 'T');
  assertOneOf(config.algorithm, 'algorithm', ['wolff', 'metropolis'] as const);
  const r = simulateIsing({ L: config.L, T: config.T, sweeps: config.sweeps, thermalize: config.thermalize, bins: config.bins, algorithm: config.algorithm, seed });
  return {
    absM: r.absM, m2: r.m2, m4: r.m4, e: r.e, c: r.c, chi: r.chi, binder: r.binder,
    errAbsM: r.err.absM, errM2: r.err.m2, errE: r.err.e, errC: r.err.c, errChi: r.err.chi, errBinder: r.err.binder,
    spinUpdates: r.spinUpdates, acceptance: r.acceptance,
  };
}

/** Rebuild an McResult from a cache entry's config and record (for the notebook's analysis). */
export function toMcResult(config: McPointConfig, rec: McPointRecord): McResult {
  return {
    L: config.L, T: config.T, absM: rec.absM, m2: rec.m2, m4: rec.m4, e: rec.e, c: rec.c, chi: rec.chi, binder: rec.binder,
    err: { absM: rec.errAbsM, m2: rec.errM2, e: rec.errE, c: rec.errC, chi: rec.errChi, binder: rec.errBinder },
    sweeps: config.sweeps, spinUpdates: rec.spinUpdates, acceptance: rec.acceptance, algorithm: config.algorithm,
  };
}

/** Runs as McResult, in task order, from a runExperiment result's entries. */
export function mcResults(entries: readonly { config: Record<string, unknown>; record: Record<string, unknown> }[]): McResult[] {
  return entries.map((e) => toMcResult(e.config as McPointConfig, e.record as McPointRecord));
}

const cost = (c: McPointConfig) => (c.L * c.L * (c.sweeps + c.thermalize)) / 1e6;
const task = (config: McPointConfig, seed: number): TaskSpec<McPointConfig> => ({ config, seed, cost: cost(config) });

/** The temperature grid of `isingCurve`: nT points on [1.5, 3.5]. */
export function curveTemperatures(nT: number): number[] {
  assertInteger(nT, 'nT', 2);
  return Array.from({ length: nT }, (_, i) => 1.5 + (2 * i) / (nT - 1));
}
/** The dense grid of `isingBinder`: n points on [2.15, 2.40]. */
export function binderTemperatures(n: number): number[] {
  assertInteger(n, 'n', 2);
  return Array.from({ length: n }, (_, i) => 2.15 + (0.25 * i) / (n - 1));
}

export const isingExactCheck = defineExperiment<McPointConfig, McPointRecord>({
  name: 'ising-exact-check', label: 'Ising MC vs exact L = 4', version: 1,
  module: 'lib/experiments/ising/mc-experiments.ts', task: 'mcPoint',
  tasks: () => [1.8, 2.4, 3.2].flatMap((T) => (['metropolis', 'wolff'] as const).map((algorithm) =>
    task({ L: 4, T, algorithm, sweeps: 20000, thermalize: 500, bins: 40 }, ISING_SEED))),
});

export const isingCurve = defineExperiment<McPointConfig, McPointRecord>({
  name: 'ising-curve', label: 'Ising MC m(T)', version: 1,
  module: 'lib/experiments/ising/mc-experiments.ts', task: 'mcPoint',
  tasks: (profile) => {
    const s = bySize(MC_SIZES, profile);
    return s.Ls.flatMap((L) => curveTemperatures(s.nT).map((T) =>
      task({ L, T, algorithm: 'wolff', sweeps: s.sweeps, thermalize: s.therm, bins: s.bins }, ISING_SEED + 1000 * L + Math.round(100 * T))));
  },
});

export const isingBinder = defineExperiment<McPointConfig, McPointRecord>({
  name: 'ising-binder', label: 'Ising MC Binder scan', version: 1,
  module: 'lib/experiments/ising/mc-experiments.ts', task: 'mcPoint',
  tasks: (profile) => {
    const s = bySize(MC_SIZES, profile);
    return s.binderLs.flatMap((L) => binderTemperatures(s.binderT).map((T) =>
      task({ L, T, algorithm: 'wolff', sweeps: s.binderSweeps, thermalize: s.therm, bins: s.bins }, ISING_SEED + 7 + 1000 * L + Math.round(1000 * T))));
  },
});

export const isingFss = defineExperiment<McPointConfig, McPointRecord>({
  name: 'ising-fss', label: 'Ising MC at T_c', version: 1,
  module: 'lib/experiments/ising/mc-experiments.ts', task: 'mcPoint',
  tasks: (profile) => {
    const s = bySize(MC_SIZES, profile);
    return s.fssLs.map((L) => task({ L, T: onsagerTc(), algorithm: 'wolff', sweeps: s.fssSweeps, thermalize: s.therm, bins: s.bins }, ISING_SEED + 31 + 1000 * L));
  },
});

export interface TransferConfig { [k: string]: unknown; L: number; T: number }

/** Task function: exact observables of the periodic L×L lattice by the transfer matrix (deterministic; `_seed` unused). */
export function transferPoint(config: TransferConfig, _seed = 0): Record<string, number> {
  const r = transferObservables(config.L, config.T);
  return { absM: r.absM, m2: r.m2, m4: r.m4, e: r.e, c: r.c, chi: r.chi, binder: r.binder };
}

/**
 * Exact finite lattices: L = 4, 6 (every profile) and 8 (default, paper) at Onsager's T_c, and L = 8 at the
 * Binder-grid temperature nearest T_c (2.275 at default; three at paper), where the Monte Carlo ran at L = 8 too.
 * An L = 8 task is ~7 s of CPU (33 traces of 256×256 complex matrix powers).
 */
export const isingTransfer = defineExperiment<TransferConfig>({
  name: 'ising-transfer', label: 'Ising transfer matrix (exact)', version: 1,
  module: 'lib/experiments/ising/mc-experiments.ts', task: 'transferPoint',
  tasks: (profile) => {
    const Ls = profile === 'quick' ? [4, 6] : [4, 6, 8];
    const extra = profile === 'quick' ? [] : (profile === 'paper' ? [4, 10, 16] : [5]).map((i) => binderTemperatures(bySize(MC_SIZES, profile).binderT)[i]);
    const cfgs: TransferConfig[] = [...Ls.map((L) => ({ L, T: onsagerTc() })), ...extra.map((T) => ({ L: 8, T }))];
    return cfgs.map((config) => ({ config, seed: 0, cost: 2 ** (3 * config.L) / 1e6 * (config.L * config.L) }));
  },
});

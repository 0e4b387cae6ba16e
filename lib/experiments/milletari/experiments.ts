/**
 * The experiments of Milletarì, Chotibut & Trevisanutto (seed 003, §3: Figs. 1–3, the workshop
 * text's "Fig. (??)" = Fig. 3 of the fuller manuscript, and the architecture remark) declared as task
 * grids for lib/runtime: one task = one network trained in the authors' recovered setup
 * (docs/derivations/03-milletari.md §5) from one seed, returning a plain JSON record (the recorded
 * epochs, the spectra at the first and last record, the final parameters, dead units, epochs to a
 * loss threshold). Sizes per profile are declared here, in one `bySize` table (SIZES_BY_PROFILE).
 *
 * - `hessianRuns`: task × {10, 8-2} × {ReLU, sigmoid, Swish}, the exact Hessian every k-th record;
 * - `controlRuns`: ReLU and sigmoid with a trainable output β (our control, §5 there);
 * - `sweepRuns`: 8-2, 10-2, 8-5 × activations, more seeds, no Hessians along the way (§3's remark on
 *   architectures; stall and dead rates over ≥ 30 seeds at default for ReLU and Swish);
 * - `slqRun`: one larger Swish network for the Lanczos / SLQ method check.
 */
import * as path from 'path';
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng } from '../../core/rng';
import { loadMilletari, type MilletariData, type MilletariTask } from '../../data/milletari-data';
import { bySize } from '../../report/profile';
import type { Profile } from '../../report/profile';
import { defineExperiment, REPO_ROOT, type TaskSpec } from '../../runtime/experiment';
import { symmetricEigen, extremeEigenvalues, stochasticLanczosQuadrature, type DenseMatrix } from '../../analysis/hessian';
import { denseHessian, gaussNewtonHessian, hvpOperator, type HiddenActivation } from './esp-network';
import { runExperiment as trainWithSpectra, authorsEpochs, archLabel, deadUnits, epochsToCensored, type SpectralSummary, type RunRow } from './milletari-experiment';

/** Base seed of the notebook (the arXiv number); network seeds are SEED + offset + task seed. */
export const SEED = 1805;
/** Loss threshold of "converges" (B2): epochs until the training loss is below it. */
export const LOSS_THRESHOLD = 0.05;
export const TASKS = ['linear', 'nonlinear'] as const;
export const ACTS = ['relu', 'sigmoid', 'esp'] as const;
export const PAPER_ARCHS: number[][] = [[2, 10, 1], [2, 8, 2, 1]];
export const SWEEP_ARCHS: number[][] = [[2, 8, 2, 1], [2, 10, 2, 1], [2, 8, 5, 1]];

export interface MilletariSizes {
  /** seeds per (task, architecture, activation) of the Hessian runs and of the controls */
  seeds: number;
  /** seeds per (task, activation) and architecture of the sweep */
  sweepSeeds: Record<MilletariTask, Record<HiddenActivation, number>>;
  /** epochs as a fraction of the authors' */
  epochScale: number;
  /** exact Hessian at every k-th recorded epoch of the Hessian runs */
  hessianEvery: number;
  bigWidth: number;
  bigSamples: number;
}

/** Replicates and sizes per profile (the one bySize table of notebook 03). */
export const SIZES_BY_PROFILE: Record<Profile, MilletariSizes> = {
  quick: { seeds: 2, sweepSeeds: { linear: { relu: 2, sigmoid: 2, esp: 2 }, nonlinear: { relu: 2, sigmoid: 2, esp: 2 } }, epochScale: 0.2, hessianEvery: 4, bigWidth: 12, bigSamples: 100 },
  default: { seeds: 10, sweepSeeds: { linear: { relu: 30, sigmoid: 30, esp: 30 }, nonlinear: { relu: 30, sigmoid: 12, esp: 30 } }, epochScale: 1, hessianEvery: 8, bigWidth: 30, bigSamples: 200 },
  paper: { seeds: 30, sweepSeeds: { linear: { relu: 40, sigmoid: 40, esp: 40 }, nonlinear: { relu: 40, sigmoid: 30, esp: 40 } }, epochScale: 1, hessianEvery: 1, bigWidth: 42, bigSamples: 690 },
};

/** The sizes of a profile. */
export function sizesFor(profile: Profile): MilletariSizes {
  return bySize(SIZES_BY_PROFILE, profile);
}

/** Epochs of a run: the authors' count (docs/derivations/03-milletari.md §5) times epochScale, at least 50. */
export function epochsFor(task: MilletariTask, sizes: readonly number[], epochScale: number): number {
  assertPositive(epochScale, 'epochScale');
  return Math.max(50, Math.round(authorsEpochs(task, sizes.length - 2) * epochScale));
}

export interface TrainTaskConfig {
  [k: string]: unknown;
  task: MilletariTask;
  sizes: number[];
  activation: HiddenActivation;
  epochs: number;
  hessianEvery: number;
  trainableOutputBeta: boolean;
  /** network seed = seedBase + task seed */
  seedBase: number;
  /** record only the last epoch (the sweep) instead of the authors' schedule */
  lastOnly: boolean;
}

/** A spectral summary as JSON (eigenvalues kept, eigenvectors dropped: recompute them from `theta` when needed). */
export type SummaryRecord =
  Pick<SpectralSummary, 'alphaCoded' | 'gammaCoded' | 'alphaRobust' | 'gammaRobust' | 'lambdaMin' | 'lambdaMax' | 'spread'> & {
    /** JSON has no NaN: undefined ratios are null. */
    bulkRatio: number | null;
    ipr: number | null;
    zeroRows: number;
    values: number[];
  };

export interface TrainTaskRecord {
  [k: string]: unknown;
  diverged: boolean;
  error: string | null;
  nParams: number;
  /** the recorded epochs (RunRow[]) as a JSON string: the runtime's result table cannot hold a list of objects */
  rowsJson: string;
  first: SummaryRecord | null;
  last: SummaryRecord | null;
  theta: number[];
  lossHalf: number;
  lossEnd: number;
  epochsToThreshold: number;
  censored: boolean;
  deadUnitsInit: number;
  deadUnitsEnd: number;
  /** some hidden layer has all its units dead at the end: the output no longer depends on the input */
  deadNetwork: boolean;
}

const nz = (x: number) => (Number.isFinite(x) ? x : null);
function summaryRecord(s: SpectralSummary): SummaryRecord {
  return {
    alphaCoded: s.alphaCoded, gammaCoded: s.gammaCoded, alphaRobust: s.alphaRobust, gammaRobust: s.gammaRobust,
    lambdaMin: s.lambdaMin, lambdaMax: s.lambdaMax, spread: s.spread, bulkRatio: nz(s.bulkRatio), ipr: nz(s.ipr),
    zeroRows: Math.round(s.gammaCoded * s.eig.values.length), values: Array.from(s.eig.values),
  };
}

const dataCache = new Map<MilletariTask, MilletariData>();
/** The data set of a task (the authors' split), loaded once per process from the repository's data/ folder. */
export function dataOf(task: MilletariTask): MilletariData {
  assertOneOf(task, 'task', TASKS);
  let d = dataCache.get(task);
  if (!d) {
    d = loadMilletari(task, path.join(REPO_ROOT, 'data', 'milletari', `${task}.csv`));
    dataCache.set(task, d);
  }
  return d;
}

/**
 * The task function: train one network (seed = seedBase + seed) and summarise it. A run whose loss
 * becomes non-finite is returned as data (`diverged: true`, the error message), never as NaN.
 */
export function trainTask(c: TrainTaskConfig, seed: number): TrainTaskRecord {
  assertOneOf(c.activation, 'activation', ACTS);
  assertInteger(c.epochs, 'epochs');
  assertInteger(c.hessianEvery, 'hessianEvery', 0);
  assertInteger(seed, 'seed', 0);
  const d = dataOf(c.task);
  const netSeed = c.seedBase + seed;
  try {
    const r = trainWithSpectra({
      task: c.task, xTrain: d.xTrain, yTrain: d.yTrain, xTest: d.xTest, yTest: d.yTest, sizes: c.sizes, activation: c.activation,
      seed: netSeed, epochs: c.epochs, hessianEvery: c.hessianEvery, trainableOutputBeta: c.trainableOutputBeta,
      ...(c.lastOnly ? { recordAt: [c.epochs - 1] } : {}),
    });
    const ep = epochsToCensored(r.lossCurve, LOSS_THRESHOLD);
    const theta0 = r.theta0;
    const init = deadUnits(r.net, theta0, d.xTrain), end = deadUnits(r.net, r.theta, d.xTrain);
    return {
      diverged: false, error: null, nParams: r.net.nParams, rowsJson: JSON.stringify(r.rows),
      first: summaryRecord(r.first), last: summaryRecord(r.last), theta: Array.from(r.theta),
      lossHalf: r.lossCurve[Math.floor(r.lossCurve.length / 2)], lossEnd: r.rows[r.rows.length - 1].loss,
      epochsToThreshold: ep.epochs, censored: ep.censored,
      deadUnitsInit: init.total, deadUnitsEnd: end.total, deadNetwork: end.deadLayer,
    };
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (!/non-finite/.test(msg)) throw e;
    return {
      diverged: true, error: msg, nParams: 0, rowsJson: '[]', first: null, last: null, theta: [], lossHalf: NaN, lossEnd: NaN,
      epochsToThreshold: c.epochs, censored: true, deadUnitsInit: 0, deadUnitsEnd: 0, deadNetwork: false,
    };
  }
}

/** Relative cost of a training: epochs × training rows × parameters-ish (width sum), plus the Hessians. */
function trainCost(c: TrainTaskConfig): number {
  const m = c.task === 'linear' ? 38 : 690;
  const w = c.sizes.reduce((a, b) => a + b, 0);
  const hess = c.hessianEvery > 0 ? 1.3 : 1;
  return ((c.epochs * m * w) / 1e7) * (c.activation === 'esp' ? 2 : 1) * hess;
}

function trainConfig(task: MilletariTask, sizes: number[], activation: HiddenActivation, s: MilletariSizes, extra: Partial<TrainTaskConfig> = {}): TrainTaskConfig {
  return {
    task, sizes, activation, epochs: epochsFor(task, sizes, s.epochScale), hessianEvery: s.hessianEvery,
    trainableOutputBeta: false, seedBase: SEED, lastOnly: false, ...extra,
  };
}

/** Tasks of the Hessian runs: the paper's two architectures, three activations, `seeds` seeds each. */
export function hessianTasks(profile: Profile): TaskSpec<TrainTaskConfig>[] {
  const s = sizesFor(profile);
  const out: TaskSpec<TrainTaskConfig>[] = [];
  for (const task of TASKS) for (const sizes of PAPER_ARCHS) for (const act of ACTS) {
    const c = trainConfig(task, sizes, act, s);
    for (let k = 0; k < s.seeds; k++) out.push({ config: c, seed: k, cost: trainCost(c) });
  }
  return out;
}

/** Tasks of the control runs: ReLU and sigmoid with a trainable output β, same seeds as the Hessian runs. */
export function controlTasks(profile: Profile): TaskSpec<TrainTaskConfig>[] {
  const s = sizesFor(profile);
  const out: TaskSpec<TrainTaskConfig>[] = [];
  for (const task of TASKS) for (const sizes of PAPER_ARCHS) for (const act of ['relu', 'sigmoid'] as const) {
    const c = trainConfig(task, sizes, act, s, { hessianEvery: 0, trainableOutputBeta: true });
    for (let k = 0; k < s.seeds; k++) out.push({ config: c, seed: k, cost: trainCost(c) });
  }
  return out;
}

/** Tasks of the architecture sweep: 8-2, 10-2, 8-5 at the 8-2 epoch count, the last epoch recorded. */
export function sweepTasks(profile: Profile): TaskSpec<TrainTaskConfig>[] {
  const s = sizesFor(profile);
  const out: TaskSpec<TrainTaskConfig>[] = [];
  for (const task of TASKS) for (const sizes of SWEEP_ARCHS) for (const act of ACTS) {
    const c = trainConfig(task, sizes, act, s, { epochs: epochsFor(task, [2, 8, 2, 1], s.epochScale), hessianEvery: 0, seedBase: SEED + 100, lastOnly: true });
    for (let k = 0; k < s.sweepSeeds[task][act]; k++) out.push({ config: c, seed: k, cost: trainCost(c) });
  }
  return out;
}

export const hessianRuns = defineExperiment<TrainTaskConfig, TrainTaskRecord>({
  name: 'milletari-hessian-runs', label: '03 Hessian runs', version: 2,
  module: 'lib/experiments/milletari/experiments.ts', task: 'trainTask', tasks: hessianTasks,
});
export const controlRuns = defineExperiment<TrainTaskConfig, TrainTaskRecord>({
  name: 'milletari-control-runs', label: '03 trainable-β_out controls', version: 2,
  module: 'lib/experiments/milletari/experiments.ts', task: 'trainTask', tasks: controlTasks,
});
export const sweepRuns = defineExperiment<TrainTaskConfig, TrainTaskRecord>({
  name: 'milletari-sweep-runs', label: '03 architecture sweep', version: 2,
  module: 'lib/experiments/milletari/experiments.ts', task: 'trainTask', tasks: sweepTasks,
});

export interface SlqConfig { [k: string]: unknown; width: number; samples: number; epochs: number; steps: number; probes: number }

/**
 * The Lanczos / SLQ method check (lib/analysis/hessian): a wider two-layer Swish network trained
 * briefly on the first `samples` non-linear training rows; the dense spectrum against Lanczos extremes
 * and SLQ nodes, and the Gauss–Newton / residual split (docs/derivations/03-milletari.md §3.6).
 */
export function slqTask(c: SlqConfig, seed: number): Record<string, unknown> {
  assertInteger(c.width, 'width');
  assertInteger(c.samples, 'samples');
  assertInteger(c.epochs, 'epochs');
  assertInteger(c.steps, 'steps');
  assertInteger(c.probes, 'probes');
  const d = dataOf('nonlinear');
  if (c.samples > d.xTrain.length) throw new RangeError(`samples must be at most ${d.xTrain.length}, but got ${c.samples}`);
  const X = d.xTrain.slice(0, c.samples), y = d.yTrain.slice(0, c.samples);
  const big = trainWithSpectra({ task: 'nonlinear', xTrain: X, yTrain: y, xTest: d.xTest, yTest: d.yTest, sizes: [2, c.width, c.width, 1], activation: 'esp',
    seed: SEED + seed, epochs: c.epochs, hessianEvery: 0, recordAt: [c.epochs - 1] });
  const N = big.net.nParams;
  const t1 = Date.now();
  const H = denseHessian(big.net, big.theta, X, y);
  const exact = symmetricEigen(H);
  const tDense = (Date.now() - t1) / 1000;
  const hvp = hvpOperator(big.net, big.theta, X, y);
  const rng = makeRng(SEED + seed);
  const t2 = Date.now();
  const steps = Math.min(N, c.steps);
  const ext = extremeEigenvalues(hvp, N, steps, rng);
  const slq = stochasticLanczosQuadrature(hvp, N, { steps, probes: c.probes, rng });
  const tLanczos = (Date.now() - t2) / 1000;
  const GN = gaussNewtonHessian(big.net, big.theta, X, y);
  const gnEig = symmetricEigen(GN);
  const R: DenseMatrix = { n: N, data: H.data.map((v, i) => v - GN.data[i]) };
  const rEig = symmetricEigen(R);
  const lo = exact.values[0], hi = exact.values[N - 1], tol = 1e-8 * Math.max(Math.abs(lo), hi);
  return {
    nParams: N, steps, values: Array.from(exact.values), lanczosMin: ext.min, lanczosMax: ext.max,
    slqNodes: Array.from(slq.nodes), slqWeights: Array.from(slq.weights), gnMin: gnEig.values[0],
    negFull: exact.values.filter((v) => v < -tol).length, negResidual: rEig.values.filter((v) => v < -tol).length, tDense, tLanczos,
  };
}

export function slqTasks(profile: Profile): TaskSpec<SlqConfig>[] {
  const s = sizesFor(profile);
  return [{ config: { width: s.bigWidth, samples: s.bigSamples, epochs: 300, steps: 80, probes: 8 }, seed: 0, cost: (s.bigWidth ** 2 * s.bigSamples) / 1e4 }];
}

export const slqRun = defineExperiment<SlqConfig>({
  name: 'milletari-slq-check', label: '03 Lanczos/SLQ check', version: 1,
  module: 'lib/experiments/milletari/experiments.ts', task: 'slqTask', tasks: slqTasks,
});

/** Every experiment of notebook 03 (for make estimate / make sweep). */
export const MILLETARI_EXPERIMENTS = [hessianRuns, controlRuns, sweepRuns, slqRun];

export { archLabel };

/** One trained network as the notebook uses it: its configuration, labels and record together. */
export type Run = TrainTaskRecord & { rows: RunRow[]; config: TrainTaskConfig; task: MilletariTask; arch: string; act: HiddenActivation; seed: number; netSeed: number };

/** The runs of a runtime result (its `entries`), in declaration order; diverged runs are kept (flagged) for the caller to count. */
export function runsOf(entries: readonly { config: Record<string, unknown>; seed: number; record: Record<string, unknown> }[]): Run[] {
  if (!Array.isArray(entries)) throw new TypeError(`runsOf: entries must be an array of cache entries, but got ${typeof entries}`);
  return entries.map((e) => {
    const c = e.config as TrainTaskConfig, r = e.record as TrainTaskRecord;
    return { ...r, rows: JSON.parse(r.rowsJson) as RunRow[], config: c, task: c.task, arch: archLabel(c.sizes), act: c.activation, seed: e.seed, netSeed: c.seedBase + e.seed };
  });
}

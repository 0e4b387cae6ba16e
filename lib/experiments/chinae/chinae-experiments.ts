/**
 * The benchmark experiments of Chinea ("Discussion") declared as task grids for lib/runtime:
 *
 * - `chinaeLrSelection`: one task per (dataset, hidden unit, learning rate): one training run on a
 *   validation split of the training set (never the test set), its final validation error;
 * - `phasesExperiment(rates)` / `chinaePhases`: one task per (dataset, width N, hidden unit) and
 *   learning phase (the task seed): g0 × N × 1 networks, sigmoid output, BCE, plain mini-batch SGD,
 *   test error per epoch — the replicates of the generalisation and convergence claims;
 * - `chinaeTiming`: one task per (engine, dataset, width N): all three hidden units interleaved in
 *   rotating order inside the task, `rounds` rounds of training steps and of a recall pass, each
 *   sample's wall-clock and CPU time — the replicates of the runtime claims, on two engines (TF.js
 *   on the active backend, and a float64 plain-TypeScript network).
 *
 * Sizes per profile are `CHINAE_SIZES`; the protocol is in docs/derivations/00-chinae.md §5.
 * Every task is a pure function of (config, seed): the datasets are rebuilt from fixed seeds inside
 * the worker, and the initialisation seed of a learning phase is an injective function of
 * (dataset, N, phase), shared by the three hidden units (paired replicates).
 */
import * as tf from '@tensorflow/tfjs';
import { relu, sigmoidAct, tanhAct, type Activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { loadNative } from '../../core/native-blas';
import { assertInteger, assertOneOf, assertPositive, assertInRange } from '../../core/guards';
import { makeRng, normals, permutation } from '../../core/rng';
import { cloudsSubstitute, gaussElena, loadPhoneme, standardize, trainTestSplit, type LabelledData } from '../../data/elena';
import { buildMlp, lossOf } from '../../networks/train';
import { bySize, type Profile } from '../../report/profile';
import { interleavedBestOfTimings } from '../../report/timing';
import { defineExperiment, grid, seeds, tasksOf, type TaskSpec } from '../../runtime/experiment';
import { learningPhases } from './thermo-experiments';

export const DATASETS = ['phoneme', 'Gauss8D', 'clouds-substitute'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const UNITS = ['ReLU', 'sigmoid', 'tanh'] as const;
export type UnitName = (typeof UNITS)[number];
export const ENGINES = ['tfjs', 'float64'] as const;
export type Engine = (typeof ENGINES)[number];

/** The notebook's base seed (data generation, splits, initialisations). */
export const CHINAE_SEED = 2024;

export interface ChinaeSizes {
  /** widths N of the trained networks */
  widths: number[];
  /** learning phases (independent initialisations and batch orders): the replicates of E1/E2 etc. */
  phases: number;
  /** the training budget: epochs per run */
  epochs: number;
  batchSize: number;
  /** patterns per class of the synthetic sets (Gauss8D, clouds-substitute) */
  perClass: number;
  /** learning rates tried per hidden unit on the validation split */
  lrGrid: number[];
  /** width of the learning-rate selection runs */
  lrWidth: number;
  /**
   * timing tasks: widths (TF.js; `float64Widths` for the float64 engine, ~5× slower, at `default` up to N = 10 000); `sessions` independent runs of the probe
   * (tasks run one after the other, session-major, each with its own initialisation), each of `rounds` interleaved rounds — the
   * replicates are rounds × sessions, and the spread between sessions measures the run-to-run spread that sets the dead zone;
   * per engine: SGD steps per training sample at width `stepsWidth` (a narrower network takes proportionally more steps per sample,
   * and its recall sample as many forward passes, so that no sample is a few milliseconds of timer noise), test rows per recall
   * pass, `bestOf` (each replicate the fastest of k samples spread over k interleaved rounds) and `warmup` (untimed rounds first:
   * the float64 engine needs a few for V8 to optimise its loops, or the first arms of a task are timed while still unoptimised)
   */
  timing: { widths: number[]; float64Widths: number[]; rounds: number; sessions: number; steps: Record<Engine, number>; stepsWidth: Record<Engine, number>; recallRows: Record<Engine, number>; bestOf: Record<Engine, number>; warmup: Record<Engine, number> };
}

/** Sizes per profile (the paper: N = 5 000 / 10 000 / 50 000, 1 000 phases × 50 epochs, Chinea, "Discussion"). */
export const CHINAE_SIZES: Record<Profile, ChinaeSizes> = {
  quick: { widths: [16, 128], phases: 2, epochs: 3, batchSize: 64, perClass: 600, lrGrid: [0.05, 0.5], lrWidth: 128,
    timing: { widths: [16, 128], float64Widths: [16, 128], rounds: 3, sessions: 1, steps: { tfjs: 1, float64: 1 }, stepsWidth: { tfjs: 128, float64: 128 }, recallRows: { tfjs: 256, float64: 64 }, bestOf: { tfjs: 2, float64: 1 }, warmup: { tfjs: 1, float64: 1 } } },
  default: { widths: [16, 128, 512], phases: 10, epochs: 10, batchSize: 64, perClass: 1250, lrGrid: [0.05, 0.2, 1], lrWidth: 128,
    timing: { widths: [5000, 10000, 50000], float64Widths: [5000, 10000], rounds: 6, sessions: 2, steps: { tfjs: 1, float64: 1 }, stepsWidth: { tfjs: 20000, float64: 5000 }, recallRows: { tfjs: 256, float64: 64 }, bestOf: { tfjs: 3, float64: 2 }, warmup: { tfjs: 1, float64: 3 } } },
  paper: { widths: [5000, 10000, 50000], phases: 1000, epochs: 50, batchSize: 64, perClass: 2500, lrGrid: [0.01, 0.05, 0.2, 1], lrWidth: 1024,
    timing: { widths: [5000, 10000, 50000], float64Widths: [5000, 10000, 50000], rounds: 15, sessions: 2, steps: { tfjs: 2, float64: 1 }, stepsWidth: { tfjs: 50000, float64: 5000 }, recallRows: { tfjs: 1024, float64: 256 }, bestOf: { tfjs: 3, float64: 2 }, warmup: { tfjs: 1, float64: 3 } } },
};

export function unitActivation(unit: UnitName): Activation {
  assertOneOf(unit, 'unit', UNITS);
  return unit === 'ReLU' ? relu() : unit === 'sigmoid' ? sigmoidAct() : tanhAct();
}

const dataCache = new Map<string, { train: LabelledData; test: LabelledData }>();

/**
 * The standardised 80/20 train/test split of a dataset, rebuilt from fixed seeds (the same in every
 * worker): phoneme (data/elena/phoneme.dat, checksum verified), the regenerated Gauss8D and
 * clouds-substitute with `perClass` patterns per class.
 */
export function experimentData(data: DatasetName, perClass: number): { train: LabelledData; test: LabelledData } {
  assertOneOf(data, 'data', DATASETS);
  assertInteger(perClass, 'perClass', 2);
  const key = `${data}|${perClass}`;
  const hit = dataCache.get(key);
  if (hit) return hit;
  const k = DATASETS.indexOf(data);
  const raw = data === 'phoneme' ? loadPhoneme() : data === 'Gauss8D' ? gaussElena(8, perClass, CHINAE_SEED) : cloudsSubstitute(perClass, CHINAE_SEED + 2);
  const s = trainTestSplit(raw, 0.2, makeRng(CHINAE_SEED + k));
  const out = standardize(s.train, s.test);
  dataCache.set(key, out);
  return out;
}

/**
 * Initialisation and batch-order seed of learning phase `phase` at width N on dataset `data`:
 * injective in (data, N, phase) for N < 65 536 and phase < 8 000 (so no two tasks share a seed by
 * accident, unlike seed + 1000·phase + N), and the same for every hidden unit (paired).
 */
export function phaseSeed(data: DatasetName, N: number, phase: number): number {
  assertOneOf(data, 'data', DATASETS);
  assertInteger(N, 'N');
  assertInteger(phase, 'phase', 0);
  assertInRange(N, 'N', 1, 65535);
  assertInRange(phase, 'phase', 0, 7999);
  return CHINAE_SEED + (phase * 4 + DATASETS.indexOf(data)) * 65536 + N;
}

// ——— learning-rate selection ———

export interface LrConfig { data: DatasetName; perClass: number; unit: UnitName; lr: number; width: number; epochs: number; batchSize: number; [k: string]: unknown }

/** One learning-rate trial: train on 80 % of the training set, final error on the other 20 % (the validation split). */
export async function lrTask(c: LrConfig, seed: number): Promise<{ valError: number; diverged: boolean }> {
  assertPositive(c.lr, 'lr');
  assertInteger(c.width, 'width');
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const { train } = experimentData(c.data, c.perClass);
  const { train: fit, test: val } = trainTestSplit(train, 0.2, makeRng(seed));
  const r = await learningPhases(fit, val, {
    widths: [c.width], units: [{ label: c.unit, act: unitActivation(c.unit) }], phases: 1, epochs: c.epochs, batchSize: c.batchSize,
    lr: c.lr, seed: seed + 1, recallRepeats: 1, warmupBatches: 0,
  });
  return { valError: r.timings[0].finalTestError, diverged: r.timings[0].diverged };
}

function lrTasks(profile: Profile): TaskSpec<LrConfig>[] {
  const s = bySize(CHINAE_SIZES, profile);
  const cfgs = grid({ data: DATASETS, unit: UNITS, lr: s.lrGrid }).map((g): LrConfig => ({
    ...g, perClass: s.perClass, width: s.lrWidth, epochs: s.epochs, batchSize: s.batchSize,
  }));
  // the validation split's seed is fixed per dataset: every rate and unit sees the same split
  return cfgs.map((config) => ({ config, seed: CHINAE_SEED + 20 + DATASETS.indexOf(config.data), cost: (config.width * config.epochs) / 1000 }));
}

/** Learning-rate selection on a validation split (one run per dataset × unit × rate). */
export const chinaeLrSelection = defineExperiment<LrConfig>({
  name: 'chinae-lr-selection', label: 'notebook 00: learning rate per activation (validation split)', version: 1,
  module: 'lib/experiments/chinae/chinae-experiments.ts', task: 'lrTask', tasks: lrTasks,
});

/**
 * The learning rate per (dataset, unit) with the lowest validation error (ties: the smaller rate;
 * a diverged run counts with its diverged network's error).
 */
export function chooseRates(rows: readonly { data: string; unit: string; lr: number; valError: number }[]): Record<string, Record<string, number>> {
  if (rows.length === 0) throw new RangeError('chooseRates needs at least one row, but got none');
  const best: Record<string, Record<string, { lr: number; err: number }>> = {};
  for (const r of rows) {
    assertPositive(r.lr, 'lr');
    if (!Number.isFinite(r.valError)) throw new RangeError(`valError of ${r.data}/${r.unit} at lr ${r.lr} must be finite, but got ${r.valError}`);
    const b = (best[r.data] ??= {})[r.unit];
    if (!b || r.valError < b.err || (r.valError === b.err && r.lr < b.lr)) best[r.data][r.unit] = { lr: r.lr, err: r.valError };
  }
  return Object.fromEntries(Object.entries(best).map(([d, u]) => [d, Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v.lr]))]));
}

// ——— learning phases ———

export interface PhaseConfig { data: DatasetName; perClass: number; unit: UnitName; N: number; lr: number; epochs: number; batchSize: number; [k: string]: unknown }
export interface PhaseRecord {
  /** test error after each epoch (after a divergence: the diverged network's error) */
  testErrors: number[];
  finalTestError: number;
  /** mean test error over the epochs (area under the learning curve; lower = converges faster) */
  auc: number;
  diverged: boolean;
  /** wall-clock training time per epoch (ms): shown, not used by any claim */
  trainMsPerEpoch: number;
  [k: string]: unknown;
}

/** One learning phase (the task seed) of one (dataset, N, unit): `epochs` epochs of plain SGD from the phase's initialisation. */
export async function phaseTask(c: PhaseConfig, phase: number): Promise<PhaseRecord> {
  assertPositive(c.lr, 'lr');
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const { train, test } = experimentData(c.data, c.perClass);
  const r = await learningPhases(train, test, {
    widths: [c.N], units: [{ label: c.unit, act: unitActivation(c.unit) }], phases: 1, epochs: c.epochs, batchSize: c.batchSize, lr: c.lr,
    seed: 0, recallRepeats: 1, warmupBatches: 0, runSeed: (_p, N) => phaseSeed(c.data, N, phase),
  });
  const testErrors = r.epochs.map((e) => e.testError);
  return {
    testErrors, finalTestError: r.timings[0].finalTestError, auc: testErrors.reduce((a, b) => a + b, 0) / testErrors.length,
    diverged: r.timings[0].diverged, trainMsPerEpoch: r.timings[0].trainMsPerEpoch,
  };
}

/** The phase grid (dataset × N × unit × phases) with each unit's learning rate from `rates` (default: the grid's first rate, e.g. for estimates). */
export function phaseTasks(profile: Profile, rates?: Record<string, Record<string, number>>): TaskSpec<PhaseConfig>[] {
  const s = bySize(CHINAE_SIZES, profile);
  const cfgs = grid({ data: DATASETS, N: s.widths, unit: UNITS }).map((g): PhaseConfig => {
    const lr = rates?.[g.data]?.[g.unit] ?? s.lrGrid[0];
    return { ...g, perClass: s.perClass, lr, epochs: s.epochs, batchSize: s.batchSize };
  });
  return tasksOf(cfgs, seeds(s.phases), (c) => (c.N * c.epochs) / 1000);
}

/** The learning phases with the chosen rates (`rates[data][unit]`). */
export function phasesExperiment(rates?: Record<string, Record<string, number>>) {
  return defineExperiment<PhaseConfig>({
    name: 'chinae-phases', label: 'notebook 00: learning phases', version: 1,
    module: 'lib/experiments/chinae/chinae-experiments.ts', task: 'phaseTask', tasks: (p) => phaseTasks(p, rates),
  });
}
/** The phase grid at the grid's first learning rate (what `make estimate` sizes; the notebook passes the chosen rates). */
export const chinaePhases = phasesExperiment();

// ——— timing: two engines ———

/** A g0 × N × 1 network in float64 plain TypeScript (sigmoid output, BCE), W ~ N(0, 1/fan-in), zero biases: the second timing engine. */
export class Float64Net {
  readonly W1: Float64Array; readonly b1: Float64Array; readonly w2: Float64Array; b2 = 0;
  private readonly z: Float64Array; private readonly h: Float64Array;
  constructor(readonly g0: number, readonly N: number, readonly unit: UnitName, seed: number, readonly maxBatch = 1024) {
    assertInteger(g0, 'g0'); assertInteger(N, 'N'); assertInteger(maxBatch, 'maxBatch');
    assertOneOf(unit, 'unit', UNITS);
    const rng = makeRng(seed);
    this.W1 = normals(rng, g0 * N, 1 / Math.sqrt(g0));
    this.b1 = new Float64Array(N);
    this.w2 = normals(rng, N, 1 / Math.sqrt(N));
    this.z = new Float64Array(maxBatch * N);
    this.h = new Float64Array(maxBatch * N);
  }

  private hidden(x: Float64Array, rows: number): void {
    const { g0, N, W1, b1, z, h } = this;
    for (let r = 0; r < rows; r++) {
      const o = r * N;
      for (let j = 0; j < N; j++) z[o + j] = b1[j];
      for (let i = 0; i < g0; i++) {
        const xi = x[r * g0 + i], wo = i * N;
        for (let j = 0; j < N; j++) z[o + j] += xi * W1[wo + j];
      }
      if (this.unit === 'ReLU') for (let j = 0; j < N; j++) { const v = z[o + j]; h[o + j] = v > 0 ? v : 0; }
      else if (this.unit === 'sigmoid') for (let j = 0; j < N; j++) h[o + j] = 1 / (1 + Math.exp(-z[o + j]));
      else for (let j = 0; j < N; j++) h[o + j] = Math.tanh(z[o + j]);
    }
  }

  /** Output logits of `rows` patterns (row-major x, rows × g0). */
  logits(x: Float64Array, rows: number): Float64Array {
    if (rows > this.maxBatch || x.length < rows * this.g0) throw new RangeError(`rows must be in [1, ${this.maxBatch}] with x.length ≥ rows·g0, but got rows ${rows}, x.length ${x.length}`);
    this.hidden(x, rows);
    const out = new Float64Array(rows);
    for (let r = 0; r < rows; r++) { let s = this.b2; const o = r * this.N; for (let j = 0; j < this.N; j++) s += this.h[o + j] * this.w2[j]; out[r] = s; }
    return out;
  }

  /** One SGD step on a mini-batch (BCE on the sigmoid output); returns the batch's mean loss. */
  step(x: Float64Array, y: Float64Array, rows: number, lr: number): number {
    const { N, g0, W1, b1, w2, z, h } = this;
    const out = this.logits(x, rows);
    let loss = 0;
    const d = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + Math.exp(-out[r]));
      loss += -(y[r] * Math.log(p + 1e-12) + (1 - y[r]) * Math.log(1 - p + 1e-12));
      d[r] = (p - y[r]) / rows;
    }
    const gw2 = new Float64Array(N), gb1 = new Float64Array(N), gW1 = new Float64Array(g0 * N);
    let gb2 = 0;
    const dz = new Float64Array(N);
    for (let r = 0; r < rows; r++) {
      const o = r * N, dr = d[r];
      gb2 += dr;
      for (let j = 0; j < N; j++) {
        gw2[j] += dr * h[o + j];
        const dh = dr * w2[j], v = z[o + j];
        dz[j] = this.unit === 'ReLU' ? (v > 0 ? dh : 0) : this.unit === 'sigmoid' ? dh * h[o + j] * (1 - h[o + j]) : dh * (1 - h[o + j] * h[o + j]);
        gb1[j] += dz[j];
      }
      for (let i = 0; i < g0; i++) { const xi = x[r * g0 + i], wo = i * N; for (let j = 0; j < N; j++) gW1[wo + j] += xi * dz[j]; }
    }
    for (let j = 0; j < N; j++) { w2[j] -= lr * gw2[j]; b1[j] -= lr * gb1[j]; }
    for (let k = 0; k < g0 * N; k++) W1[k] -= lr * gW1[k];
    this.b2 -= lr * gb2;
    return loss / rows;
  }
}

export interface TimingConfig { engine: Engine; data: DatasetName; perClass: number; N: number; rounds: number; steps: number; batchSize: number; recallRows: number; bestOf?: number; recallPasses?: number; warmup?: number; [k: string]: unknown }

/**
 * One timing task (one session of the probe): the three hidden units at one (engine, dataset, N), each with a training arm
 * (`steps` SGD steps on fixed mini-batches) and a recall arm (`recallPasses` forward passes, default 1, over the first
 * `recallRows` test patterns), interleaved in rotating order after `warmup` (default 1) untimed warm-up rounds; replicate r of every arm
 * is the fastest of `bestOf` (default 1) samples spread over `bestOf` consecutive rounds (`interleavedBestOfTimings`),
 * `rounds` replicates, paired by block. Returned per unit and arm: CPU time and wall time per epoch (training: per step ×
 * steps per epoch) and per recall of the whole test set (scaled from `recallRows` and per pass), in ms. The seed is the
 * session: it sets the initialisation and the mini-batches. TF.js runs its native matmul on one OpenBLAS thread (set before
 * the addon loads in the worker), so the CPU time of a sample is one thread's work, not a second thread's spinning.
 */
export async function timingTask(c: TimingConfig, seed: number): Promise<Record<string, unknown>> {
  assertOneOf(c.engine, 'engine', ENGINES);
  assertInteger(c.N, 'N'); assertInteger(c.rounds, 'rounds'); assertInteger(c.steps, 'steps');
  assertInteger(c.batchSize, 'batchSize'); assertInteger(c.recallRows, 'recallRows');
  const passes = assertInteger(c.recallPasses ?? 1, 'recallPasses', 1);
  const { train, test } = experimentData(c.data, c.perClass);
  const g0 = train.x[0].length, n = train.x.length, rows = Math.min(c.recallRows, test.x.length);
  const order = permutation(makeRng(seed), n);
  const stepsPerEpoch = Math.ceil(n / c.batchSize), recallScale = test.x.length / rows / passes;
  const arms: Record<string, () => void> = {};
  const cleanup: (() => void)[] = [];
  let backend = 'float64 TypeScript';
  try {
    if (c.engine === 'tfjs') {
      // one OpenBLAS thread for the native matmul (read when the addon loads): a second thread's spinning would be counted in the CPU time
      process.env.OPENBLAS_NUM_THREADS = '1';
      backend = `TF.js ${(await initBackend()).name} (${loadNative().why})`;
      const X = tf.tensor2d(train.x), Y = tf.tensor2d(train.y), Xt = tf.tensor2d(test.x.slice(0, rows));
      const batches: [tf.Tensor2D, tf.Tensor2D][] = [];
      for (let b = 0; b < c.steps; b++) {
        const s = (b * c.batchSize) % Math.max(1, n - c.batchSize);
        const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + c.batchSize)), 'int32');
        batches.push([tf.gather(X, idx) as tf.Tensor2D, tf.gather(Y, idx) as tf.Tensor2D]);
        idx.dispose();
      }
      cleanup.push(() => { batches.forEach((b) => tf.dispose(b)); tf.dispose([X, Y, Xt]); });
      for (const u of UNITS) {
        const mlp = buildMlp({ inputDim: g0, widths: [c.N], outputDim: 1, activation: unitActivation(u), output: 'sigmoid', seed: seed + c.N });
        const opt = tf.train.sgd(0.01);
        cleanup.push(() => { opt.dispose(); mlp.dispose(); });
        arms[`train|${u}`] = () => {
          for (const [xb, yb] of batches) { const cost = opt.minimize(() => lossOf(mlp, xb, yb, 'bce'), true, mlp.params)!; cost.dataSync(); cost.dispose(); }
        };
        arms[`recall|${u}`] = () => { for (let k = 0; k < passes; k++) { const p = mlp.predict(Xt); p.dataSync(); p.dispose(); } };
      }
    } else {
      const xb = new Float64Array(c.steps * c.batchSize * g0), yb = new Float64Array(c.steps * c.batchSize);
      for (let k = 0; k < c.steps * c.batchSize; k++) {
        const i = order[k % n];
        for (let d = 0; d < g0; d++) xb[k * g0 + d] = train.x[i][d];
        yb[k] = train.y[i][0];
      }
      const xt = Float64Array.from(test.x.slice(0, rows).flat());
      for (const u of UNITS) {
        const net = new Float64Net(g0, c.N, u, seed + c.N, Math.max(rows, c.batchSize));
        arms[`train|${u}`] = () => {
          for (let b = 0; b < c.steps; b++) net.step(xb.subarray(b * c.batchSize * g0), yb.subarray(b * c.batchSize), c.batchSize, 0.01);
        };
        arms[`recall|${u}`] = () => { for (let k = 0; k < passes; k++) net.logits(xt, rows); };
      }
    }
    const t = await interleavedBestOfTimings(arms, { repeats: c.rounds, warmup: c.warmup ?? 1, bestOf: c.bestOf ?? 1 });
    const out: Record<string, unknown> = { backend, stepsPerEpoch, recallScale };
    for (const u of UNITS) {
      out[`trainCpu_${u}`] = t.cpu[`train|${u}`].map((ms) => (ms / c.steps) * stepsPerEpoch);
      out[`trainWall_${u}`] = t.wall[`train|${u}`].map((ms) => (ms / c.steps) * stepsPerEpoch);
      out[`recallCpu_${u}`] = t.cpu[`recall|${u}`].map((ms) => ms * recallScale);
      out[`recallWall_${u}`] = t.wall[`recall|${u}`].map((ms) => ms * recallScale);
    }
    return out;
  } finally {
    cleanup.reverse().forEach((f) => f());
  }
}

/** SGD steps per training sample (and forward passes per recall sample) at width N: `steps` at `stepsWidth`, proportionally more below it. */
export function timingStepsAt(N: number, steps: number, stepsWidth: number): number {
  assertInteger(N, 'N', 1); assertInteger(steps, 'steps', 1); assertInteger(stepsWidth, 'stepsWidth', 1);
  return steps * Math.max(1, Math.round(stepsWidth / N));
}

/** The session seeds of the probe (one task per session and (engine, dataset, N)). */
export const timingSessionSeed = (session: number) => CHINAE_SEED + 10 + session;

function timingTasks(profile: Profile): TaskSpec<TimingConfig>[] {
  const s = bySize(CHINAE_SIZES, profile), T = s.timing;
  const cfgs = ENGINES.flatMap((engine) => grid({ data: DATASETS, N: engine === 'tfjs' ? T.widths : T.float64Widths }).map((g): TimingConfig => {
    const k = timingStepsAt(g.N, 1, T.stepsWidth[engine]);
    return { engine, ...g, perClass: s.perClass, rounds: T.rounds, steps: T.steps[engine] * k, batchSize: s.batchSize, recallRows: T.recallRows[engine], recallPasses: k, bestOf: T.bestOf[engine], warmup: T.warmup[engine] };
  }));
  // session-major: every task of session 0, then every task of session 1, … (the sessions are minutes apart)
  return Array.from({ length: T.sessions }, (_, session) => tasksOf(cfgs, [timingSessionSeed(session)],
    (c) => (c.N * c.rounds * c.steps * (c.bestOf ?? 1) * (c.engine === 'float64' ? 3 : 1)) / 1e5)).flat();
}

/** The runtime probe on two engines (run it with jobs: 1, so no two timing tasks share the cores). */
export const chinaeTiming = defineExperiment<TimingConfig>({
  name: 'chinae-timing', label: 'notebook 00: runtime probe (two engines)', version: 4,
  module: 'lib/experiments/chinae/chinae-experiments.ts', task: 'timingTask', tasks: timingTasks,
});

/**
 * The replicates of one timing field (e.g. `trainCpu_ReLU`) at each width N, for one engine and dataset, from the timing
 * entries: the sessions' rounds concatenated in session (seed) order, so replicate i of every field and width is the same
 * (session, round).
 */
export function timingSeries(entries: readonly { config: Record<string, unknown>; record: Record<string, unknown>; seed?: number }[], engine: Engine, data: DatasetName, field: string): Record<number, number[]> {
  assertOneOf(engine, 'engine', ENGINES);
  assertOneOf(data, 'data', DATASETS);
  const out: Record<number, number[]> = {};
  const mine = entries.filter((e) => e.config.engine === engine && e.config.data === data).sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0));
  for (const e of mine) {
    const v = e.record[field];
    if (!Array.isArray(v)) throw new RangeError(`timing record of ${engine}/${data}/N=${String(e.config.N)} has no array field '${field}'`);
    const N = Number(e.config.N);
    out[N] = [...(out[N] ?? []), ...(v as number[])];
  }
  return out;
}

/**
 * The run-to-run spread of the probe on one engine, from its sessions: for every (dataset, N, opponent, arm) the mean
 * ln-ratio ln t(ReLU) − ln t(other) over the rounds of each session, and d = its difference between sessions 0 and 1.
 * `rms` is the root mean square of d over those cases, so rms/2 estimates the between-run standard deviation of the
 * pooled (two-session) mean; the dead zone is `z`·rms/2 (default z = 3), floored at `floor` (default ln 1.02). Null
 * when the entries hold fewer than two sessions.
 */
export function sessionDeadZone(entries: readonly { config: Record<string, unknown>; record: Record<string, unknown>; seed: number }[], engine: Engine,
  opts: { z?: number; floor?: number } = {}): { deadZone: number; rms: number; maxAbs: number; cases: number } | null {
  assertOneOf(engine, 'engine', ENGINES);
  const z = opts.z ?? 3, floor = opts.floor ?? Math.log(1.02);
  assertPositive(z, 'z');
  if (!(Number.isFinite(floor) && floor >= 0)) throw new RangeError(`floor must be a finite number >= 0, but got ${floor}`);
  const mine = entries.filter((e) => e.config.engine === engine);
  const sessions = [...new Set(mine.map((e) => e.seed))].sort((a, b) => a - b);
  if (sessions.length < 2) return null;
  const ds: number[] = [];
  const meanLnRatio = (r: Record<string, unknown>, arm: string, other: string) => {
    const a = r[`${arm}Cpu_ReLU`] as number[], b = r[`${arm}Cpu_${other}`] as number[];
    return a.reduce((s, x, i) => s + Math.log(x / b[i]), 0) / a.length;
  };
  for (const e0 of mine.filter((e) => e.seed === sessions[0])) {
    const e1 = mine.find((e) => e.seed === sessions[1] && e.config.data === e0.config.data && e.config.N === e0.config.N);
    if (!e1) continue;
    for (const other of ['sigmoid', 'tanh']) for (const arm of ['train', 'recall']) ds.push(meanLnRatio(e0.record, arm, other) - meanLnRatio(e1.record, arm, other));
  }
  if (ds.length === 0) return null;
  const rms = Math.sqrt(ds.reduce((s, d) => s + d * d, 0) / ds.length);
  return { deadZone: Math.max(floor, (z * rms) / 2), rms, maxAbs: Math.max(...ds.map(Math.abs)), cases: ds.length };
}

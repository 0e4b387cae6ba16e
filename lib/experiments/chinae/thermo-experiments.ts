/**
 * The benchmark experiments of Chinea ("Discussion"): g0 × N × 1 networks trained by
 * backpropagation (plain mini-batch SGD, binary cross-entropy on a sigmoid output) on ELENA data,
 * ReLU vs sigmoid vs tanh hidden layers, over independent learning phases: test error per epoch,
 * training time per epoch and recall (inference) time, with Efron bootstrap intervals (ref. [4]).
 * The seed gives no optimiser, learning rate, batch size or split; the choices are arguments.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../core/activations';
import { assertInteger, assertPositive, assertInRange, assertWithinBudget, assertFinite } from '../../core/guards';
import { buildMlp, lossOf } from '../../networks/train';
import { makeRng, permutation, type Rng } from '../../core/rng';
import { trainTestSplit, type LabelledData } from '../../data/elena';
import { interleavedTimings } from '../../report/timing';

/** Mean and percentile bootstrap interval of the mean (Efron 1979, Chinea ref. [4]). */
export function bootstrapMeanCI(xs: readonly number[], rng: Rng, B = 2000, level = 0.95): { mean: number; lo: number; hi: number } {
  if (xs.length === 0) throw new RangeError('bootstrapMeanCI needs at least one value, but got an empty array');
  xs.forEach((x, i) => { if (!Number.isFinite(x)) throw new RangeError(`xs[${i}] must be finite, but got ${x}`); });
  assertInteger(B, 'B');
  assertWithinBudget(`bootstrapMeanCI with B=${B} on ${xs.length} values`, B * xs.length, 1e9, 'resampled values');
  assertInRange(level, 'level', 0, 1);
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const means: number[] = [];
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[rng.int(n)];
    means.push(s / n);
  }
  means.sort((a, b) => a - b);
  const q = (p: number) => means[Math.min(B - 1, Math.max(0, Math.floor(p * B)))];
  return { mean, lo: q((1 - level) / 2), hi: q((1 + level) / 2) };
}

/** Least-squares slope of y on x (ms per unit of width in the runtime plots). */
export function slope(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) throw new RangeError(`slope needs two equal-length arrays of length ≥ 2, but got ${x.length} and ${y.length}`);
  const n = x.length, mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  if (sxx === 0) throw new RangeError('slope needs at least two distinct x values');
  return sxy / sxx;
}

export interface PhaseOptions {
  /** hidden widths N */
  widths: readonly number[];
  /** hidden units; `lr` overrides the common learning rate for that unit (e.g. chosen by `selectLearningRates`) */
  units: readonly { label: string; act: Activation; lr?: number }[];
  /** independent learning phases (fresh initialisation and batch order each) */
  phases: number;
  epochs: number;
  batchSize: number;
  lr: number;
  seed: number;
  /** forward passes over the test set per recall timing (the median is kept) */
  recallRepeats: number;
  /** untimed mini-batch steps per unit before the first timed run (JIT and kernel warm-up); default 30 */
  warmupBatches?: number;
  /** initialisation and batch-order seed of (phase, N), the same for every unit (paired); default seed + 1000·phase + N */
  runSeed?: (phase: number, N: number) => number;
}

/** One epoch of one run; after a divergence the remaining epochs repeat the diverged network's test error with trainLoss = Infinity. */
export interface EpochRow { unit: string; N: number; phase: number; epoch: number; trainLoss: number; testError: number }
/** One run; `diverged` when its mean training loss turned non-finite (training stopped there; the error is the diverged network's). */
export interface TimingRow { unit: string; N: number; phase: number; trainMsPerEpoch: number; recallMs: number; finalTestError: number; diverged: boolean }

function testError(logits: tf.Tensor2D, yT: tf.Tensor2D): number {
  return tf.tidy(() => tf.mean(tf.notEqual(tf.cast(tf.greater(logits, 0), 'float32'), yT).asType('float32')).dataSync()[0]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Train g0 × N × 1 networks (sigmoid output, BCE, plain SGD) for each phase × width × unit,
 * interleaving the units inside each phase so that machine-load drifts hit all of them alike.
 * Phase k uses the same initialisation seed and batch order for every unit (paired comparison).
 */
export async function learningPhases(
  trainSet: LabelledData, testSet: LabelledData, o: PhaseOptions,
  onProgress?: (msg: string) => void,
): Promise<{ epochs: EpochRow[]; timings: TimingRow[] }> {
  assertInteger(o.phases, 'phases');
  assertInteger(o.epochs, 'epochs');
  assertInteger(o.batchSize, 'batchSize');
  assertPositive(o.lr, 'lr');
  assertInteger(o.recallRepeats, 'recallRepeats');
  o.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  const inDim = trainSet.x[0].length;
  const X = tf.tensor2d(trainSet.x), Y = tf.tensor2d(trainSet.y);
  const Xt = tf.tensor2d(testSet.x), Yt = tf.tensor2d(testSet.y);
  const n = trainSet.x.length;
  const epochs: EpochRow[] = [], timings: TimingRow[] = [];
  try {
    o.units.forEach((u) => { if (u.lr !== undefined) assertPositive(u.lr, `lr of unit ${u.label}`); });
    for (const u of o.units) { // warm-up, untimed and discarded
      const mlp = buildMlp({ inputDim: inDim, widths: [o.widths[0]], outputDim: 1, activation: u.act, output: 'sigmoid', seed: o.seed - 1 });
      const opt = tf.train.sgd(u.lr ?? o.lr);
      for (let b = 0; b < (o.warmupBatches ?? 30); b++) {
        const s = (b * o.batchSize) % Math.max(1, n - o.batchSize);
        const xb = X.slice([s, 0], [Math.min(o.batchSize, n - s), -1]), yb = Y.slice([s, 0], [Math.min(o.batchSize, n - s), -1]);
        const cost = opt.minimize(() => lossOf(mlp, xb as tf.Tensor2D, yb as tf.Tensor2D, 'bce'), true, mlp.params)!;
        cost.dataSync();
        tf.dispose([xb, yb, cost]);
      }
      mlp.predict(Xt).dispose();
      opt.dispose();
      mlp.dispose();
    }
    for (let phase = 0; phase < o.phases; phase++) {
      for (const N of o.widths) {
        for (const u of o.units) {
          onProgress?.(`phase ${phase + 1}/${o.phases}, N = ${N}, ${u.label}`);
          const seed = o.runSeed ? o.runSeed(phase, N) : o.seed + 1000 * phase + N;
          const mlp = buildMlp({ inputDim: inDim, widths: [N], outputDim: 1, activation: u.act, output: 'sigmoid', seed });
          const opt = tf.train.sgd(u.lr ?? o.lr);
          const rng = makeRng(seed + 7);
          let trainMs = 0, diverged = false;
          try {
            for (let epoch = 1; epoch <= o.epochs; epoch++) {
              const order = permutation(rng, n);
              const t0 = performance.now();
              let sum = 0, batches = 0;
              for (let s = 0; s < n; s += o.batchSize) {
                const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + o.batchSize)), 'int32');
                const xb = tf.gather(X, idx) as tf.Tensor2D, yb = tf.gather(Y, idx) as tf.Tensor2D;
                const cost = opt.minimize(() => lossOf(mlp, xb, yb, 'bce'), true, mlp.params)!;
                sum += cost.dataSync()[0];
                batches++;
                tf.dispose([idx, xb, yb, cost]);
              }
              trainMs += performance.now() - t0;
              const trainLoss = sum / batches;
              const z = mlp.logits(Xt);
              const err = testError(z, Yt);
              z.dispose();
              if (!Number.isFinite(trainLoss)) {
                // a divergence is data: stop training this run, keep the diverged network's error for the remaining epochs
                diverged = true;
                for (let e = epoch; e <= o.epochs; e++) epochs.push({ unit: u.label, N, phase, epoch: e, trainLoss: Infinity, testError: err });
                break;
              }
              epochs.push({ unit: u.label, N, phase, epoch, trainLoss, testError: err });
            }
            const rec: number[] = [];
            for (let r = 0; r < o.recallRepeats; r++) {
              const t0 = performance.now();
              const p = mlp.predict(Xt);
              p.dataSync();
              rec.push(performance.now() - t0);
              p.dispose();
            }
            timings.push({
              unit: u.label, N, phase, trainMsPerEpoch: trainMs / o.epochs, recallMs: median(rec),
              finalTestError: epochs[epochs.length - 1].testError, diverged,
            });
          } finally {
            opt.dispose();
            mlp.dispose();
          }
        }
      }
    }
  } finally {
    tf.dispose([X, Y, Xt, Yt]);
  }
  return { epochs, timings };
}

/** First epoch at which the test error is ≤ target, or Infinity (the "convergence speed" measure). */
export function epochsToTarget(errors: readonly number[], target: number): number {
  assertFinite(target, 'target');
  const i = errors.findIndex((e) => e <= target);
  return i < 0 ? Infinity : i + 1;
}

/**
 * Per-phase replicates for the comparative claims: for each unit, one value per learning phase,
 * averaged over the widths of the run (every phase trains every width with the same seeds for all
 * units, so phase k of two units is a paired replicate). `finalError`: test error after the last
 * epoch; `auc`: mean test error over the epochs (area under the learning curve; lower = faster).
 */
export function phaseReplicates(run: { epochs: readonly EpochRow[]; timings: readonly TimingRow[] }): Record<string, { finalError: number[]; auc: number[]; diverged: number }> {
  const out: Record<string, { finalError: number[]; auc: number[]; diverged: number }> = {};
  const units = [...new Set(run.timings.map((t) => t.unit))];
  const phases = [...new Set(run.timings.map((t) => t.phase))].sort((a, b) => a - b);
  const widths = [...new Set(run.timings.map((t) => t.N))];
  for (const u of units) {
    const fe: number[] = [], auc: number[] = [];
    for (const ph of phases) {
      let f = 0, a = 0;
      for (const N of widths) {
        const t = run.timings.find((r) => r.unit === u && r.phase === ph && r.N === N);
        if (!t) throw new RangeError(`phaseReplicates: no run for unit ${u}, phase ${ph}, N = ${N}`);
        f += t.finalTestError;
        const curve = run.epochs.filter((r) => r.unit === u && r.phase === ph && r.N === N);
        if (curve.length === 0) throw new RangeError(`phaseReplicates: no epochs for unit ${u}, phase ${ph}, N = ${N}`);
        a += curve.reduce((s, r) => s + r.testError, 0) / curve.length;
      }
      fe.push(f / widths.length);
      auc.push(a / widths.length);
    }
    out[u] = { finalError: fe, auc, diverged: run.timings.filter((t) => t.unit === u && t.diverged).length };
  }
  return out;
}

export interface RuntimeProbeOptions {
  widths: readonly number[];
  units: readonly { label: string; act: Activation }[];
  /** timed samples per (unit, width), interleaved in rotating order */
  repeats: number;
  /** mini-batch SGD steps per training sample */
  steps: number;
  batchSize: number;
  lr: number;
  seed: number;
  /** untimed rounds before the first timed one; default 1 */
  warmup?: number;
}

export interface RuntimeProbe {
  /** training time per epoch (ms): time per mini-batch step × steps per epoch, `repeats` samples per unit and width */
  train: Record<string, Record<number, number[]>>;
  /** recall time (ms): one forward pass over the whole test set, `repeats` samples per unit and width */
  recall: Record<string, Record<number, number[]>>;
  stepsPerEpoch: number;
}

/**
 * Interleaved, repeated runtime samples (lib/report/timing) of g0 × N × 1 networks, for the runtime claims:
 * every (unit, width) is one training arm (`steps` SGD steps on fixed mini-batches) and one recall
 * arm (a forward pass over the test set); the arms run in rotating order, so sample r of every arm
 * comes from the same round (paired by round), and a slow spell of the machine falls on all alike.
 */
export async function runtimeProbe(trainSet: LabelledData, testSet: LabelledData, o: RuntimeProbeOptions): Promise<RuntimeProbe> {
  assertInteger(o.repeats, 'repeats');
  assertInteger(o.steps, 'steps');
  assertInteger(o.batchSize, 'batchSize');
  assertPositive(o.lr, 'lr');
  o.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  if (o.units.length === 0) throw new RangeError('runtimeProbe needs at least one unit, but got none');
  const inDim = trainSet.x[0].length, n = trainSet.x.length;
  const X = tf.tensor2d(trainSet.x), Y = tf.tensor2d(trainSet.y), Xt = tf.tensor2d(testSet.x);
  const order = permutation(makeRng(o.seed), n);
  const batches: [tf.Tensor2D, tf.Tensor2D][] = [];
  for (let s = 0, b = 0; b < o.steps && s < n; s += o.batchSize, b++) {
    const idx = tf.tensor1d(order.subarray(s, Math.min(n, s + o.batchSize)), 'int32');
    batches.push([tf.gather(X, idx) as tf.Tensor2D, tf.gather(Y, idx) as tf.Tensor2D]);
    idx.dispose();
  }
  const nets: { u: string; N: number; mlp: ReturnType<typeof buildMlp>; opt: tf.Optimizer }[] = [];
  try {
    const arms: Record<string, () => void> = {};
    for (const N of o.widths) for (const u of o.units) {
      const mlp = buildMlp({ inputDim: inDim, widths: [N], outputDim: 1, activation: u.act, output: 'sigmoid', seed: o.seed + N });
      const opt = tf.train.sgd(o.lr);
      nets.push({ u: u.label, N, mlp, opt });
      arms[`train|${u.label}|${N}`] = () => {
        for (let s = 0; s < o.steps; s++) {
          const [xb, yb] = batches[s % batches.length];
          const cost = opt.minimize(() => lossOf(mlp, xb, yb, 'bce'), true, mlp.params)!;
          cost.dataSync();
          cost.dispose();
        }
      };
      arms[`recall|${u.label}|${N}`] = () => {
        const p = mlp.predict(Xt);
        p.dataSync();
        p.dispose();
      };
    }
    const t = await interleavedTimings(arms, { repeats: o.repeats, warmup: o.warmup ?? 1 });
    const stepsPerEpoch = Math.ceil(n / o.batchSize);
    const train: RuntimeProbe['train'] = {}, recall: RuntimeProbe['recall'] = {};
    for (const u of o.units) {
      train[u.label] = {};
      recall[u.label] = {};
      for (const N of o.widths) {
        train[u.label][N] = t[`train|${u.label}|${N}`].map((ms) => (ms / o.steps) * stepsPerEpoch);
        recall[u.label][N] = t[`recall|${u.label}|${N}`];
      }
    }
    return { train, recall, stepsPerEpoch };
  } finally {
    for (const k of nets) { k.opt.dispose(); k.mlp.dispose(); }
    batches.forEach(([a, b]) => tf.dispose([a, b]));
    tf.dispose([X, Y, Xt]);
  }
}

/**
 * Per-round least-squares slopes of time vs width: `samples[N][r]` is round r at width N; returns
 * one slope per round (paired across units when the rounds are shared, as in `runtimeProbe`).
 */
export function slopesPerRound(widths: readonly number[], samples: Record<number, readonly number[]>): number[] {
  if (widths.length < 2) throw new RangeError(`slopesPerRound needs ≥ 2 widths, but got ${widths.length}`);
  const rounds = samples[widths[0]]?.length ?? 0;
  widths.forEach((N) => {
    if (!samples[N] || samples[N].length !== rounds) throw new RangeError(`slopesPerRound: width ${N} has ${samples[N]?.length ?? 0} samples, expected ${rounds}`);
  });
  return Array.from({ length: rounds }, (_, r) => slope(widths, widths.map((N) => samples[N][r])));
}

/**
 * A learning rate per unit, chosen on a validation split of the training set (never the test set):
 * each unit is trained at each rate of `grid` (one phase, one width, `epochs` epochs, plain SGD as in
 * `learningPhases`) and the rate with the lowest final validation error is kept (ties: the smaller
 * rate). A diverging rate counts with its diverged network's error. Deterministic for a given seed.
 */
export async function selectLearningRates(
  trainSet: LabelledData,
  o: { grid: readonly number[]; units: readonly { label: string; act: Activation }[]; width: number; epochs: number; batchSize: number; seed: number; valFraction?: number },
): Promise<{ rates: Record<string, number>; table: { unit: string; lr: number; valError: number; diverged: boolean }[] }> {
  if (o.grid.length === 0) throw new RangeError('selectLearningRates needs a non-empty grid, but got none');
  o.grid.forEach((lr, i) => assertPositive(lr, `grid[${i}]`));
  const grid = [...o.grid].sort((a, b) => a - b);
  const rates: Record<string, number> = {}, table: { unit: string; lr: number; valError: number; diverged: boolean }[] = [];
  if (grid.length === 1) {
    for (const u of o.units) rates[u.label] = grid[0];
    return { rates, table };
  }
  const { train, test: val } = trainTestSplit(trainSet, o.valFraction ?? 0.2, makeRng(o.seed));
  for (const u of o.units) {
    let best = Infinity;
    for (const lr of grid) {
      const r = await learningPhases(train, val, { widths: [o.width], units: [u], phases: 1, epochs: o.epochs, batchSize: o.batchSize, lr, seed: o.seed + 1, recallRepeats: 1, warmupBatches: 0 });
      const t = r.timings[0];
      table.push({ unit: u.label, lr, valError: t.finalTestError, diverged: t.diverged });
      if (t.finalTestError < best) { best = t.finalTestError; rates[u.label] = lr; }
    }
  }
  return { rates, table };
}

/**
 * The benchmark experiments of seed 000 ("Discussion"): g0 × N × 1 networks trained by
 * backpropagation (plain mini-batch SGD, binary cross-entropy on a sigmoid output) on ELENA data,
 * ReLU vs sigmoid vs tanh hidden layers, over independent learning phases: test error per epoch,
 * training time per epoch and recall (inference) time, with Efron bootstrap intervals (ref. [4]).
 * The seed gives no optimiser, learning rate, batch size or split; the choices are arguments.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from './activations';
import { assertInteger, assertPositive, assertInRange } from './guards';
import { buildMlp, lossOf } from './train';
import { makeRng, permutation, type Rng } from './rng';
import type { LabelledData } from './elena';

/** Mean and percentile bootstrap interval of the mean (Efron 1979, seed 000 ref. [4]). */
export function bootstrapMeanCI(xs: readonly number[], rng: Rng, B = 2000, level = 0.95): { mean: number; lo: number; hi: number } {
  if (xs.length === 0) throw new RangeError('bootstrapMeanCI needs at least one value, but got an empty array');
  xs.forEach((x, i) => { if (!Number.isFinite(x)) throw new RangeError(`xs[${i}] must be finite, but got ${x}`); });
  assertInteger(B, 'B');
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
  units: readonly { label: string; act: Activation }[];
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
}

export interface EpochRow { unit: string; N: number; phase: number; epoch: number; trainLoss: number; testError: number }
export interface TimingRow { unit: string; N: number; phase: number; trainMsPerEpoch: number; recallMs: number; finalTestError: number }

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
    for (const u of o.units) { // warm-up, untimed and discarded
      const mlp = buildMlp({ inputDim: inDim, widths: [o.widths[0]], outputDim: 1, activation: u.act, output: 'sigmoid', seed: o.seed - 1 });
      const opt = tf.train.sgd(o.lr);
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
          const seed = o.seed + 1000 * phase + N;
          const mlp = buildMlp({ inputDim: inDim, widths: [N], outputDim: 1, activation: u.act, output: 'sigmoid', seed });
          const opt = tf.train.sgd(o.lr);
          const rng = makeRng(seed + 7);
          let trainMs = 0;
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
              if (!Number.isFinite(trainLoss)) throw new Error(`training diverged: mean loss ${trainLoss} at epoch ${epoch} (${u.label}, N=${N}, lr=${o.lr})`);
              const z = mlp.logits(Xt);
              epochs.push({ unit: u.label, N, phase, epoch, trainLoss, testError: testError(z, Yt) });
              z.dispose();
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
              finalTestError: epochs[epochs.length - 1].testError,
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
  const i = errors.findIndex((e) => e <= target);
  return i < 0 ? Infinity : i + 1;
}

/**
 * TF.js multilayer perceptrons with any zoo activation, and a seeded training loop.
 * Weights are drawn on the JS side from lib/core/rng (W ~ N(0, cw/fan_in), b ~ N(0, cb), the
 * initialisation of seed 002 Definition 2 / PDLT), so a seed gives the same network on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/activations';
import { tfOp, safeSigmoid, safeSoftplus } from '../core/activations-tf';
import { assertFinite, assertInteger, assertKnownOptions, assertNonNegative, assertOneOf, assertPositive, assertWithinBudget } from '../core/guards';
import { makeRng, normals, permutation } from '../core/rng';
import type { NativeModule } from '../core/native-blas';
import { NativeTrainer, nativeTrainRoute, nativeTrainStats } from './train-native';

export interface MlpSpec {
  inputDim: number;
  /** Hidden-layer widths, e.g. [64, 64]; may be empty (a linear model). */
  widths: number[];
  outputDim: number;
  activation: Activation;
  /** Output layer: 'linear' (default) or 'sigmoid' (probabilities; trained on logits). */
  output?: 'linear' | 'sigmoid';
  /** Weight variance C_W: W_ij ~ N(0, cw / fan_in). Default 1. */
  cw?: number;
  /** Bias variance C_b: b_i ~ N(0, cb). Default 0. */
  cb?: number;
  seed: number;
}

export interface Mlp {
  readonly spec: Readonly<MlpSpec>;
  /** [W1, b1, W2, b2, …] as trainable variables. */
  readonly params: tf.Variable[];
  /** Network output (after the output activation). */
  predict(x: tf.Tensor2D): tf.Tensor2D;
  /** Pre-output-activation values (logits for a sigmoid output). */
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** Post-activation values of every hidden layer (for dead-unit and sparsity counts). */
  hidden(x: tf.Tensor2D): tf.Tensor2D[];
  dispose(): void;
}

/** Build an MLP with weights W ~ N(0, cw/fan_in), b ~ N(0, cb) (seed 002, Def. 2). */
/** Largest network buildMlp accepts before WORK_BUDGET (float32 parameters; wasm's heap is 4 GB, Adam keeps 3 copies). */
export const MAX_MLP_PARAMS = 1e8;
/** Largest training run train() accepts before WORK_BUDGET: ≈ 6 · epochs · rows · parameters floating-point operations. */
export const MAX_TRAIN_FLOP = 1e14;
/** Optimizer steps one train/trainBatched call may take (× WORK_BUDGET): the paper profile's longest run is ~1e6. */
export const MAX_TRAIN_STEPS = 1e7;

/** Number of weights and biases of an MLP with these layer sizes. */
export function mlpParamCount(dims: readonly number[]): number {
  if (!Array.isArray(dims) || dims.length < 2) throw new RangeError(`mlpParamCount: dims must list at least 2 layer sizes, but got ${Array.isArray(dims) ? `[${dims.join(', ')}]` : String(dims)}`);
  dims.forEach((d, i) => assertInteger(d, `dims[${i}]`));
  let n = 0;
  for (let i = 0; i + 1 < dims.length; i++) n += dims[i] * dims[i + 1] + dims[i + 1];
  return n;
}

export function buildMlp(spec: MlpSpec): Mlp {
  assertKnownOptions(spec, 'buildMlp spec', ['inputDim', 'widths', 'outputDim', 'activation', 'output', 'cw', 'cb', 'seed']);
  assertInteger(spec.inputDim, 'inputDim');
  assertInteger(spec.outputDim, 'outputDim');
  if (!Array.isArray(spec.widths)) throw new TypeError(`widths must be an array of layer widths, but got ${String(spec.widths)}`);
  spec.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  if (spec.output !== undefined) assertOneOf(spec.output, 'output', ['linear', 'sigmoid']);
  if (!spec.activation || typeof spec.activation.f !== 'function') throw new TypeError(`activation must be a zoo Activation (lib/core/activations), but got ${String(spec.activation)}`);
  assertWithinBudget(`buildMlp with layers ${[spec.inputDim, ...spec.widths, spec.outputDim].join('×')}`, mlpParamCount([spec.inputDim, ...spec.widths, spec.outputDim]), MAX_MLP_PARAMS, 'parameters');
  const cw = assertPositive(spec.cw ?? 1, 'cw');
  const cb = assertNonNegative(spec.cb ?? 0, 'cb');
  assertFinite(spec.seed, 'seed');
  const rng = makeRng(spec.seed);
  const dims = [spec.inputDim, ...spec.widths, spec.outputDim];
  const params: tf.Variable[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const [nIn, nOut] = [dims[l], dims[l + 1]];
    const w = Float32Array.from(normals(rng, nIn * nOut, Math.sqrt(cw / nIn)));
    const b = cb > 0 ? Float32Array.from(normals(rng, nOut, Math.sqrt(cb))) : new Float32Array(nOut);
    // the initial-value tensors are copied into the variables: dispose them (they leaked, 2 per layer)
    const w0 = tf.tensor2d(w, [nIn, nOut]), b0 = tf.tensor1d(b);
    params.push(tf.variable(w0, true), tf.variable(b0, true));
    w0.dispose(); b0.dispose();
  }
  const act = tfOp(spec.activation);
  const nLayers = dims.length - 1;
  const forward = (x: tf.Tensor2D, keep?: tf.Tensor2D[]): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < nLayers; l++) {
      const z = tf.add(tf.matMul(h, params[2 * l]), params[2 * l + 1]) as tf.Tensor2D;
      if (l === nLayers - 1) return z;
      h = act(z) as tf.Tensor2D;
      if (keep) keep.push(h);
    }
    return h;
  };
  return {
    spec: Object.freeze({ ...spec }),
    params,
    logits: (x) => tf.tidy(() => forward(x)),
    predict: (x) => tf.tidy(() => {
      const z = forward(x);
      return (spec.output === 'sigmoid' ? safeSigmoid(z) : z) as tf.Tensor2D;
    }),
    hidden: (x) => {
      const keep: tf.Tensor2D[] = [];
      tf.tidy(() => {
        forward(x, keep);
        keep.forEach((t) => tf.keep(t));
      });
      return keep;
    },
    dispose: () => params.forEach((p) => p.dispose()),
  };
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer?: 'sgd' | 'adam';
  /** 'mse' (default) or 'bce' (binary cross-entropy on logits; needs output 'sigmoid'). */
  loss?: 'mse' | 'bce';
  /** Seed of the mini-batch order. */
  seed: number;
  /** Called after each epoch with the mean training loss (for progress displays). */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface TrainResult {
  /** Mean training loss per epoch. */
  loss: number[];
  wallMs: number;
}

export interface Dataset {
  x: number[][];
  y: number[][];
}

/** Check a dataset's shape and values; names the first bad entry. */
export function checkDataset(d: Dataset, inputDim: number, outputDim: number): void {
  if (!Array.isArray(d.x) || d.x.length === 0) throw new RangeError('dataset x must be a non-empty array of rows');
  if (d.x.length !== d.y.length) throw new RangeError(`dataset x has ${d.x.length} rows but y has ${d.y.length}`);
  d.x.forEach((r, i) => {
    if (r.length !== inputDim) throw new RangeError(`x[${i}] has ${r.length} columns, expected ${inputDim}`);
    r.forEach((v, j) => { if (!Number.isFinite(v)) throw new RangeError(`x[${i}][${j}] must be finite, but got ${v}`); });
  });
  d.y.forEach((r, i) => {
    if (r.length !== outputDim) throw new RangeError(`y[${i}] has ${r.length} columns, expected ${outputDim}`);
    r.forEach((v, j) => { if (!Number.isFinite(v)) throw new RangeError(`y[${i}][${j}] must be finite, but got ${v}`); });
  });
}

/** The training loss of a batch: mean squared error, or binary cross-entropy ln(1+e^z) − yz on logits. */
export function lossOf(mlp: Mlp, x: tf.Tensor2D, y: tf.Tensor2D, loss: 'mse' | 'bce'): tf.Scalar {
  return tf.tidy(() => {
    const z = mlp.logits(x);
    if (loss === 'mse') {
      const out = mlp.spec.output === 'sigmoid' ? safeSigmoid(z) : z;
      return tf.mean(tf.square(tf.sub(out, y))) as tf.Scalar;
    }
    return tf.mean(tf.sub(safeSoftplus(z), tf.mul(y, z))) as tf.Scalar;
  });
}

/** Mini-batch gradient training; throws naming the epoch if the loss turns NaN or infinite. */
export async function train(mlp: Mlp, data: Dataset, opts: TrainOptions): Promise<TrainResult> {
  assertKnownOptions(opts, 'train options', ['epochs', 'batchSize', 'lr', 'optimizer', 'loss', 'seed', 'onEpoch']);
  assertInteger(opts.epochs, 'epochs');
  assertInteger(opts.batchSize, 'batchSize');
  assertPositive(opts.lr, 'lr');
  assertFinite(opts.seed, 'seed');
  const optName = assertOneOf(opts.optimizer ?? 'adam', 'optimizer', ['sgd', 'adam']);
  const loss = assertOneOf(opts.loss ?? 'mse', 'loss', ['mse', 'bce']);
  if (Array.isArray(data?.x)) {
    const nParams = mlpParamCount([mlp.spec.inputDim, ...mlp.spec.widths, mlp.spec.outputDim]);
    assertWithinBudget(`train for ${opts.epochs} epochs on ${data.x.length} rows`, 6 * opts.epochs * data.x.length * nParams, MAX_TRAIN_FLOP, 'flop');
    // Each optimizer step has a fixed cost (~ms) however small the net: bound the steps too.
    assertWithinBudget(`train for ${opts.epochs} epochs of ${Math.ceil(data.x.length / opts.batchSize)} batches`, opts.epochs * Math.ceil(data.x.length / opts.batchSize), MAX_TRAIN_STEPS, 'optimizer steps');
  }
  if (loss === 'bce' && mlp.spec.output !== 'sigmoid') throw new RangeError("loss 'bce' needs an MLP with output 'sigmoid'");
  checkDataset(data, mlp.spec.inputDim, mlp.spec.outputDim);
  const n = data.x.length;
  const route = nativeTrainRoute(mlp.spec.activation);
  if (route.module) return trainNative(route.module, mlp, data, opts, optName, loss);
  nativeTrainStats.fallbackRuns++;
  const X = tf.tensor2d(data.x);
  const Y = tf.tensor2d(data.y);
  const optimizer = optName === 'adam' ? tf.train.adam(opts.lr) : tf.train.sgd(opts.lr);
  const rng = makeRng(opts.seed);
  const history: number[] = [];
  const t0 = Date.now();
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const order = tf.tensor1d(permutation(rng, n), 'int32');
      // the batch losses stay on the backend and are read once per epoch (one host sync, not one per step)
      const costs: tf.Scalar[] = [];
      try {
        for (let start = 0; start < n; start += opts.batchSize) {
          const idx = order.slice(start, Math.min(opts.batchSize, n - start));
          const xb = tf.gather(X, idx), yb = tf.gather(Y, idx);
          costs.push(optimizer.minimize(() => lossOf(mlp, xb as tf.Tensor2D, yb as tf.Tensor2D, loss), true, mlp.params)!);
          tf.dispose([idx, xb, yb]);
        }
      } finally {
        order.dispose();
      }
      const all = tf.stack(costs);
      const values = await all.data();
      tf.dispose([all, ...costs]);
      const mean = epochMeanLoss(values, epoch, opts.lr, mlp);
      history.push(mean);
      opts.onEpoch?.(epoch, mean);
    }
  } finally {
    tf.dispose([X, Y]);
    optimizer.dispose();
  }
  return { loss: history, wallMs: Date.now() - t0 };
}

/** An epoch's mean batch loss; a non-finite mean throws naming the epoch, the learning rate and the activation (both routes). */
function epochMeanLoss(losses: ArrayLike<number>, epoch: number, lr: number, mlp: Mlp): number {
  let sum = 0;
  for (let i = 0; i < losses.length; i++) sum += losses[i];
  const mean = sum / losses.length;
  if (!Number.isFinite(mean)) {
    throw new Error(`training diverged: the mean loss at epoch ${epoch} is ${mean} (lr=${lr}, activation ${mlp.spec.activation.label})`);
  }
  return mean;
}

/** train() on the native route (lib/networks/train-native): one native call per epoch, the same numbers as the TF.js loop within float32 rounding. */
async function trainNative(mod: NativeModule, mlp: Mlp, data: Dataset, opts: TrainOptions, optName: 'sgd' | 'adam', loss: 'mse' | 'bce'): Promise<TrainResult> {
  const n = data.x.length;
  const dims = [mlp.spec.inputDim, ...mlp.spec.widths, mlp.spec.outputDim];
  const trainer = new NativeTrainer(mod, mlp.params, {
    members: 1, dims, activation: mlp.spec.activation, optimizer: optName, lr: opts.lr, epsilon: tf.backend().epsilon(),
    output: mlp.spec.output ?? 'linear', loss, maskDiverged: false, batchSize: opts.batchSize,
    x: Float32Array.from(data.x.flat()), y: Float32Array.from(data.y.flat()),
  });
  const rng = makeRng(opts.seed);
  const history: number[] = [];
  const t0 = Date.now();
  let written = true;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const { losses } = trainer.epoch(Int32Array.from(permutation(rng, n)), 1);
      written = false;
      const mean = epochMeanLoss(losses, epoch, opts.lr, mlp);
      history.push(mean);
      if (opts.onEpoch) { trainer.writeBack(); written = true; opts.onEpoch(epoch, mean); }
    }
  } finally {
    if (!written) trainer.writeBack();
  }
  return { loss: history, wallMs: Date.now() - t0 };
}

/** Evaluate the loss of a whole dataset without training. */
export function evaluate(mlp: Mlp, data: Dataset, loss: 'mse' | 'bce' = 'mse'): number {
  assertOneOf(loss, 'loss', ['mse', 'bce']);
  if (loss === 'bce' && mlp.spec.output !== 'sigmoid') throw new RangeError("loss 'bce' needs an MLP with output 'sigmoid'");
  checkDataset(data, mlp.spec.inputDim, mlp.spec.outputDim);
  return tf.tidy(() => lossOf(mlp, tf.tensor2d(data.x), tf.tensor2d(data.y), loss).dataSync()[0]);
}

/** Predictions of a whole dataset as plain arrays. */
export function predictRows(mlp: Mlp, x: number[][]): number[][] {
  return tf.tidy(() => mlp.predict(tf.tensor2d(x)).arraySync() as number[][]);
}

/**
 * Fraction of hidden units (over all hidden layers) whose output is ≤ 0 on every input row:
 * "dead" for ReLU (zero output and zero gradient everywhere), merely inactive for leaky ReLU / ELU
 * (which still pass a gradient there). Seed 001, "dying ReLU".
 */
export function inactiveUnitFraction(mlp: Mlp, x: number[][]): number {
  const hs = mlp.hidden(tf.tensor2d(x));
  let inactive = 0, total = 0;
  for (const h of hs) {
    const max = tf.tidy(() => h.max(0).dataSync());
    max.forEach((v) => { total++; if (v <= 0) inactive++; });
  }
  tf.dispose(hs);
  return inactive / total;
}

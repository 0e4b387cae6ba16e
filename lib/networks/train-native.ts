/**
 * The native training route of lib/networks/train (train) and lib/networks/batched-training (trainBatched):
 * one call of the addon's trainEpoch (native/activation_native.c) per epoch runs every step's forward pass,
 * backward pass and optimizer update (tf.train.adam's or tf.train.sgd's arithmetic, bias correction included,
 * float32) for all members, with OpenBLAS sgemm for the products, instead of ~180 (single net) or ~270
 * (ensemble) TF.js kernels per step. The parameters are copied out of the tf.Variables into one flat
 * Float32Array when training starts and written back (variable.assign) before every onEpoch callback and when
 * training ends or throws, so callers see the same variables as on the TF.js route.
 *
 * Taken when the addon is built and loads, it has trainEpoch, the activation is one of the zoo's (by name),
 * the TF.js backend is wasm or cpu (tfjs-node's own kernels are left alone) and neither NATIVE_BLAS=0 nor
 * NATIVE_TRAIN=0 is set; otherwise the TF.js route runs and nativeTrainRoute says why.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/activations';
import { assertInteger, assertOneOf, assertPositive } from '../core/guards';
import { loadNative, type NativeModule } from '../core/native-blas';

type Env = Record<string, string | undefined>;

/** Activation ids of native/activation_native.c (A_*), by zoo name. */
const ACT_ID: Record<string, number> = {
  identity: 0, heaviside: 1, sigmoid: 2, tanh: 3, relu: 4, 'leaky-relu': 5, elu: 6, softplus: 7, gelu: 8, swish: 9, mish: 10,
  sin: 11, repu: 12, mrepu: 13,
};
/** Layout of trainEpoch's conf array (CONF_* in the C source). */
const CONF = { E: 0, N: 1, BATCH: 2, IDXROWS: 3, ACT: 4, ACTPARAM: 5, OUTSIGMOID: 6, BCE: 7, ADAM: 8, LR: 9, BETA1: 10, BETA2: 11, EPS: 12, MASK: 13, LEN: 14 };
/** tf.train.adam's defaults. */
const BETA1 = 0.9, BETA2 = 0.999;

/** Epochs run natively and train/trainBatched calls that took the TF.js route (tests read these). */
export const nativeTrainStats = { nativeEpochs: 0, fallbackRuns: 0 };

/** The native activation id and parameter of a zoo activation, or null when it has none. */
function nativeActivation(act: Activation): { id: number; param: number } | null {
  const id = ACT_ID[act?.name];
  if (id === undefined) return null;
  const p = (act.params ?? {}) as Record<string, number>;
  const param = act.name === 'leaky-relu' || act.name === 'elu' ? p.alpha ?? 0 : act.name === 'swish' ? p.beta ?? 1
    : act.name === 'repu' || act.name === 'mrepu' ? p.p ?? 1 : 0;
  if (!Number.isFinite(param) || ((act.name === 'repu' || act.name === 'mrepu') && !(Number.isInteger(param) && param >= 1))) return null;
  return { id, param };
}

/** The module when the native training route is taken for this activation, else null and why. */
export function nativeTrainRoute(act: Activation, env: Env = process.env): { module: NativeModule | null; why: string } {
  if (env.NATIVE_BLAS?.trim() === '0') return { module: null, why: 'TF.js kernels (NATIVE_BLAS=0)' };
  if (env.NATIVE_TRAIN?.trim() === '0') return { module: null, why: 'TF.js kernels (NATIVE_TRAIN=0)' };
  const backend = tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') return { module: null, why: `TF.js kernels (backend ${backend})` };
  const { module: mod, why } = loadNative(env);
  if (!mod) return { module: null, why: `TF.js kernels (${why})` };
  if (typeof mod.trainEpoch !== 'function') return { module: null, why: 'TF.js kernels (the native module predates trainEpoch: rebuild it, FORCE=1 node native/build.cjs)' };
  if (!nativeActivation(act)) return { module: null, why: `TF.js kernels (no native activation '${String(act?.name)}')` };
  return { module: mod, why: `native trainEpoch, OpenBLAS sgemm (${why})` };
}

export interface NativeTrainerOptions {
  /** Members E (1: a single net). */
  members: number;
  /** Layer sizes [d, widths…, o]. */
  dims: number[];
  activation: Activation;
  optimizer: 'adam' | 'sgd';
  lr: number;
  /** tf.train.adam's epsilon (the backend's, tf.backend().epsilon()). */
  epsilon: number;
  output: 'linear' | 'sigmoid';
  loss: 'mse' | 'bce';
  /** Zero a member's gradient from the step its loss or gradient turns non-finite (trainBatched); train() does not. */
  maskDiverged: boolean;
  batchSize: number;
  /** X [rows, d], Y [rows, o], row-major float32. */
  x: Float32Array;
  y: Float32Array;
}

export interface NativeEpoch {
  /** [steps, E]: each member's mean batch loss per step (NaN for a member excluded before that step). */
  losses: Float32Array;
  /** Per member, the step (0-based) of this epoch at which it was excluded, or −1. */
  died: Int32Array;
  steps: number;
}

/**
 * Trains the given variables ([W1, b1, …], each [E?, n_in, n_out] / [E?, 1?, n_out], in buildMlp's or
 * buildBatchedMlp's layout) natively; `epoch(order)` runs one epoch, `writeBack()` assigns the variables.
 */
export class NativeTrainer {
  private readonly theta: Float32Array;
  private readonly m1: Float32Array;
  private readonly m2: Float32Array;
  private readonly acc = Float32Array.of(BETA1, BETA2);
  private readonly conf = new Float64Array(CONF.LEN);
  private readonly dims: Int32Array;
  /** Per member: 1 while it trains, 0 once excluded (maskDiverged). */
  readonly alive: Uint8Array;
  private readonly sizes: number[];

  constructor(private readonly mod: NativeModule, private readonly vars: tf.Variable[], private readonly o: NativeTrainerOptions) {
    const E = assertInteger(o.members, 'members');
    if (!Array.isArray(o.dims) || o.dims.length < 2) throw new RangeError(`dims must list at least 2 layer sizes, but got ${String(o.dims)}`);
    o.dims.forEach((d, i) => assertInteger(d, `dims[${i}]`));
    assertOneOf(o.optimizer, 'optimizer', ['adam', 'sgd']);
    assertOneOf(o.output, 'output', ['linear', 'sigmoid']);
    assertOneOf(o.loss, 'loss', ['mse', 'bce']);
    assertPositive(o.lr, 'lr');
    assertPositive(o.epsilon, 'epsilon');
    assertInteger(o.batchSize, 'batchSize');
    const act = nativeActivation(o.activation);
    if (!act) throw new RangeError(`no native activation '${String(o.activation?.name)}'`);
    const L = o.dims.length - 1;
    if (vars.length !== 2 * L) throw new RangeError(`expected ${2 * L} variables (W, b per layer), but got ${vars.length}`);
    const [d, out] = [o.dims[0], o.dims[L]];
    if (o.x.length % d !== 0 || o.y.length !== (o.x.length / d) * out) throw new RangeError(`x has ${o.x.length} and y ${o.y.length} entries: not rows × ${d} and rows × ${out}`);
    this.sizes = vars.map((v, i) => {
      const l = i >> 1, want = E * (i % 2 === 0 ? o.dims[l] * o.dims[l + 1] : o.dims[l + 1]);
      if (v.size !== want || v.dtype !== 'float32') throw new RangeError(`variable ${i} has ${v.size} ${v.dtype} entries, expected ${want} float32`);
      return want;
    });
    const P = this.sizes.reduce((s, k) => s + k, 0);
    this.theta = new Float32Array(P);
    let off = 0;
    for (let i = 0; i < vars.length; i++) { this.theta.set(vars[i].dataSync() as Float32Array, off); off += this.sizes[i]; }
    const adam = o.optimizer === 'adam';
    this.m1 = new Float32Array(adam ? P : 0);
    this.m2 = new Float32Array(adam ? P : 0);
    this.dims = Int32Array.from(o.dims);
    this.alive = new Uint8Array(E).fill(1);
    const c = this.conf;
    c[CONF.E] = E; c[CONF.BATCH] = o.batchSize; c[CONF.ACT] = act.id; c[CONF.ACTPARAM] = act.param;
    c[CONF.OUTSIGMOID] = o.output === 'sigmoid' ? 1 : 0; c[CONF.BCE] = o.loss === 'bce' ? 1 : 0; c[CONF.ADAM] = adam ? 1 : 0;
    c[CONF.LR] = o.lr; c[CONF.BETA1] = BETA1; c[CONF.BETA2] = BETA2; c[CONF.EPS] = o.epsilon; c[CONF.MASK] = o.maskDiverged ? 1 : 0;
  }

  /** One epoch over `order` ([idxRows, n] row indices of x/y: idxRows 1 shared by all members, or E). */
  epoch(order: Int32Array, idxRows: number): NativeEpoch {
    const E = this.o.members;
    if (idxRows !== 1 && idxRows !== E) throw new RangeError(`idxRows must be 1 or ${E}, but got ${idxRows}`);
    if (order.length === 0 || order.length % idxRows !== 0) throw new RangeError(`order has ${order.length} entries, not a multiple of ${idxRows} rows`);
    const n = order.length / idxRows;
    this.conf[CONF.N] = n; this.conf[CONF.IDXROWS] = idxRows;
    const steps = Math.ceil(n / this.o.batchSize);
    const losses = new Float32Array(steps * E);
    const died = new Int32Array(E).fill(-1);
    this.mod.trainEpoch!(this.theta, this.m1, this.m2, this.o.x, this.o.y, order, this.dims, this.conf, this.acc, this.alive, losses, died);
    nativeTrainStats.nativeEpochs++;
    return { losses, died, steps };
  }

  /** Assign the trained values to the variables (copies: the TF.js cpu backend keeps the array it is given). */
  writeBack(): void {
    let off = 0;
    for (let i = 0; i < this.vars.length; i++) {
      const v = this.vars[i], k = this.sizes[i];
      const vals = this.theta.slice(off, off + k);
      off += k;
      tf.tidy(() => v.assign(tf.tensor(vals, v.shape, 'float32')));
    }
  }
}

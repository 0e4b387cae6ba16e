/**
 * Training an ensemble of E identical-architecture MLPs as one batched model, for speed.
 * Layer l of all members is one stacked weight tensor W_l of shape [E, n_in, n_out] and bias
 * b_l of shape [E, 1, n_out]; the forward pass is one batched tf.matMul per layer on inputs of
 * shape [E, B, d] (or a shared [B, d], broadcast over members). The training loss is the SUM of
 * the per-member mean-squared errors, so ∂L/∂θ_m = ∂L_m/∂θ_m: every member gets exactly the
 * gradient it would get alone, and one optimizer step (Adam or SGD, both elementwise) updates all
 * members at once — the same trajectory as E separate runs of lib/networks/train.ts, at a fraction of the
 * per-op overhead. A member whose loss or gradient turns non-finite is detected per step, its
 * gradient is zeroed from then on (so it cannot poison the optimizer state), and it is reported
 * and excluded rather than returned as NaN.
 */
import * as tf from '@tensorflow/tfjs';
import { activation as activationByName, type Activation } from '../core/activations';
import { tfOp } from '../core/activations-tf';
import { assertFinite, assertInteger, assertNonNegative, assertPositive, assertKnownOptions, assertWithinBudget } from '../core/guards';
import { checkDataset, mlpParamCount, MAX_TRAIN_STEPS, type Dataset } from './train';
import { makeRng, normals, permutation } from '../core/rng';
import type { NativeModule } from '../core/native-blas';
import { NativeTrainer, nativeTrainRoute, nativeTrainStats } from './train-native';

export interface BatchedMlpSpec {
  /** Number of ensemble members E. */
  members: number;
  inputDim: number;
  /** Hidden-layer widths, e.g. [32, 32, 32]; may be empty (a linear model). */
  widths: number[];
  outputDim: number;
  /** A zoo activation, or its name ('tanh', 'repu', …: lib/core/activations `activation(name)`, default parameters). */
  activation: Activation | string;
  /**
   * 'effective' (default): W ~ N(0, cw/n_in), b ~ N(0, cb) (seed 002 Def. 2 / PDLT, as lib/networks/train buildMlp);
   * 'glorot': W ~ N(0, 2/(n_in + n_out)) (Glorot-normal, cw ignored), b ~ N(0, cb).
   */
  init?: 'effective' | 'glorot';
  /** Weight variance C_W of the 'effective' init. Default 1. */
  cw?: number;
  /** Bias variance C_b. Default 0. */
  cb?: number;
  /** Seed of the ensemble; member m is drawn from memberSeeds(seed, E)[m] unless `seeds` is given. */
  seed: number;
  /** Explicit per-member seeds (length E): member m is then exactly buildMlp({…, seed: seeds[m]}). */
  seeds?: number[];
}

export interface BatchedMlp {
  /** The spec, with the activation resolved to its zoo entry. */
  readonly spec: Readonly<BatchedMlpSpec & { activation: Activation }>;
  /** [W1, b1, W2, b2, …]: W_l of shape [E, n_in, n_out], b_l of shape [E, 1, n_out], trainable. */
  readonly params: tf.Variable[];
  /** Outputs [E, B, outputDim] for inputs [E, B, inputDim] (own batch per member) or [B, inputDim] (shared). */
  predict(x: tf.Tensor2D | tf.Tensor3D): tf.Tensor3D;
  /** Member m's parameters as plain arrays, in buildMlp's layout: [W1 (n_in·n_out, row-major), b1, W2, b2, …]. */
  memberParams(m: number): Float32Array[];
  dispose(): void;
}

export interface BatchedTrainOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  /** Default 'adam' (as lib/networks/train). */
  optimizer?: 'sgd' | 'adam';
  /**
   * Mini-batch order seed. With batchOrder 'shared' every member sees the batches of
   * permutation(makeRng(seed)) — exactly lib/networks/train's train(…, {seed}); with 'per-member' member m
   * uses the order of seed memberSeeds(seed, E)[m] (or orderSeeds[m]).
   */
  seed: number;
  /** 'shared' (default): all members see the same mini-batch each step; 'per-member': each its own. */
  batchOrder?: 'shared' | 'per-member';
  /** Explicit per-member order seeds (implies 'per-member'). */
  orderSeeds?: number[];
  /** Called after each epoch with the per-member mean training loss (NaN for excluded members). */
  onEpoch?: (epoch: number, loss: number[]) => void;
}

export interface DivergedMember {
  member: number;
  /** Epoch (1-based) and step within it (0-based) at which its loss or gradient first went non-finite. */
  epoch: number;
  step: number;
  /** The offending loss value (may be finite when only the gradient was non-finite). */
  loss: number;
}

export interface BatchedTrainResult {
  /** Per member, the mean training loss of each completed epoch (a diverged member's curve stops before its bad epoch). */
  loss: number[][];
  /** Members that never diverged (indices), the ones to use. */
  valid: number[];
  /** Members excluded because their loss or gradient went non-finite (count = diverged.length). */
  diverged: DivergedMember[];
  /**
   * Surviving members whose loss exploded but stayed finite (last epoch > EXPLODED_FACTOR × max(1, first epoch), e.g. 2e35):
   * flag them — their curves are not results to plot. They remain in `valid` (their numbers are what the optimizer produced).
   */
  exploded: number[];
  /** Optimizer steps taken (each updates all members). */
  steps: number;
  wallMs: number;
}

/** Parameters (all members together) one batched ensemble may hold (× WORK_BUDGET). */
export const MAX_BATCHED_PARAMS = 2e9;
/** A surviving member whose last-epoch loss exceeds EXPLODED_FACTOR × max(1, its first-epoch loss) has exploded (finite, but not a result). */
export const EXPLODED_FACTOR = 1e10;

/** Per-member seeds derived from one ensemble seed (a splitmix/mulberry stream, so members do not overlap). */
export function memberSeeds(seed: number, members: number): number[] {
  assertInteger(members, 'members');
  assertWithinBudget(`memberSeeds for ${members} members`, members, 1e7, 'seeds');
  const rng = makeRng(seed);
  return Array.from({ length: members }, () => Math.floor(rng.uniform() * 2147483647));
}

function layerDims(spec: BatchedMlpSpec): number[] {
  return [spec.inputDim, ...spec.widths, spec.outputDim];
}

/** Build E stacked MLPs; member m's weights are drawn as lib/networks/train buildMlp draws them (same seed ⇒ same net). */
export function buildBatchedMlp(spec: BatchedMlpSpec): BatchedMlp {
  assertKnownOptions(spec, 'buildBatchedMlp spec', ['members', 'inputDim', 'widths', 'outputDim', 'activation', 'init', 'cw', 'cb', 'seed', 'seeds']);
  const E = assertInteger(spec.members, 'members');
  assertWithinBudget(`buildBatchedMlp with ${E} members`, E, 1e6, 'members');
  assertInteger(spec.inputDim, 'inputDim');
  assertInteger(spec.outputDim, 'outputDim');
  if (!Array.isArray(spec.widths)) throw new RangeError(`widths must be an array of layer widths, but got ${String(spec.widths)}`);
  spec.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  const init = spec.init ?? 'effective';
  if (init !== 'effective' && init !== 'glorot') throw new RangeError(`init must be 'effective' or 'glorot', but got '${String(init)}'`);
  const cw = assertPositive(spec.cw ?? 1, 'cw');
  const cb = assertNonNegative(spec.cb ?? 0, 'cb');
  assertFinite(spec.seed, 'seed');
  const seeds = spec.seeds ?? memberSeeds(spec.seed, E);
  if (seeds.length !== E) throw new RangeError(`seeds has ${seeds.length} entries, but members is ${E}`);
  const dims = layerDims(spec);
  const L = dims.length - 1;
  // The paper profile's largest ensemble (1000 members, 5 × 512 wide) holds 1.05e9 parameters.
  assertWithinBudget(`buildBatchedMlp with ${E} members of layers ${dims.join('×')}`, E * mlpParamCount(dims), MAX_BATCHED_PARAMS, 'parameters');
  const ws = Array.from({ length: L }, (_, l) => new Float32Array(E * dims[l] * dims[l + 1]));
  const bs = Array.from({ length: L }, (_, l) => new Float32Array(E * dims[l + 1]));
  for (let m = 0; m < E; m++) {
    const rng = makeRng(seeds[m]); // same draw order as buildMlp: W1, b1, W2, b2, …
    for (let l = 0; l < L; l++) {
      const [nIn, nOut] = [dims[l], dims[l + 1]];
      const varW = init === 'glorot' ? 2 / (nIn + nOut) : cw / nIn;
      ws[l].set(normals(rng, nIn * nOut, Math.sqrt(varW)), m * nIn * nOut);
      if (cb > 0) bs[l].set(normals(rng, nOut, Math.sqrt(cb)), m * nOut);
    }
  }
  const params: tf.Variable[] = [];
  for (let l = 0; l < L; l++) {
    // tf.tidy disposes the initial-value tensors (a variable holds its own reference to the data).
    params.push(tf.tidy(() => tf.variable(tf.tensor3d(ws[l], [E, dims[l], dims[l + 1]]), true)));
    params.push(tf.tidy(() => tf.variable(tf.tensor3d(bs[l], [E, 1, dims[l + 1]]), true)));
  }
  const actObj = typeof spec.activation === 'string' ? activationByName(spec.activation) : spec.activation;
  const act = tfOp(actObj);
  const frozen = Object.freeze({ ...spec, activation: actObj, widths: [...spec.widths] });
  return {
    spec: frozen,
    params,
    predict: (x) => tf.tidy(() => {
      checkInputTensor(x, E, spec.inputDim);
      return forward(params, act, x);
    }),
    memberParams: (m) => {
      assertInteger(m, 'member', 0);
      if (m >= E) throw new RangeError(`member must be < ${E}, but got ${m}`);
      return params.map((p) => tf.tidy(() => {
        const [, r, c] = p.shape as number[];
        return p.slice([m, 0, 0], [1, r, c]).dataSync() as Float32Array;
      }));
    },
    dispose: () => params.forEach((p) => p.dispose()),
  };
}

/**
 * Preactivations z⁽ˡ⁾ = σ(z⁽ˡ⁻¹⁾) W_l + b_l of every layer (hidden layers, then the output) of all members at once,
 * each of shape [E, B, n_l], for inputs [B, d] (shared) or [E, B, d]. Member m's slice equals lib/analysis/ensembles
 * `preactivations` of the buildMlp with the same weights. The caller disposes the tensors.
 */
export function batchedPreactivations(bm: BatchedMlp, x: tf.Tensor2D | tf.Tensor3D): tf.Tensor3D[] {
  checkInputTensor(x, bm.spec.members, bm.spec.inputDim);
  const act = tfOp(bm.spec.activation);
  const L = bm.params.length / 2;
  const out: tf.Tensor3D[] = [];
  let h: tf.Tensor = x.rank === 2 ? x.expandDims(0) : x;
  for (let l = 0; l < L; l++) {
    const z = tf.tidy(() => tf.add(tf.matMul(h, bm.params[2 * l]), bm.params[2 * l + 1]) as tf.Tensor3D);
    if (h !== x) h.dispose();
    out.push(z);
    if (l < L - 1) h = act(z);
  }
  return out;
}

function checkInputTensor(x: tf.Tensor, E: number, d: number): void {
  if (x.rank === 2 && x.shape[1] === d) return;
  if (x.rank === 3 && x.shape[0] === E && x.shape[2] === d) return;
  throw new RangeError(`x must have shape [B, ${d}] or [${E}, B, ${d}], but got [${x.shape.join(', ')}]`);
}

/** Batched forward pass z_{l+1} = σ(z_l) W_l + b_l with one tf.matMul per layer over all members. */
function forward(params: tf.Variable[], act: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor3D {
  const L = params.length / 2;
  let h: tf.Tensor = x.rank === 2 ? x.expandDims(0) : x; // [1, B, d] broadcasts over members
  for (let l = 0; l < L; l++) {
    const z = tf.add(tf.matMul(h, params[2 * l]), params[2 * l + 1]);
    h = l === L - 1 ? z : act(z);
  }
  return h as tf.Tensor3D;
}

/** Per-member MSE, mean over batch and outputs: shape [E] (as lib/networks/train lossOf 'mse' for each member). */
function memberMse(out: tf.Tensor3D, y: tf.Tensor): tf.Tensor1D {
  const yb = y.rank === 2 ? y.expandDims(0) : y;
  return tf.mean(tf.square(tf.sub(out, yb)), [1, 2]) as tf.Tensor1D;
}

/**
 * Mini-batch training of all members at once on the summed per-member MSE (one Adam/SGD step per batch);
 * non-finite members are detected, frozen (zero gradient) and reported as excluded.
 * `data`: one Dataset shared by all members, or one per member (all with the same number of rows).
 */
export async function trainBatched(bm: BatchedMlp, data: Dataset | Dataset[], opts: BatchedTrainOptions): Promise<BatchedTrainResult> {
  const E = bm.spec.members;
  assertKnownOptions(opts, 'trainBatched options', ['epochs', 'batchSize', 'lr', 'optimizer', 'seed', 'batchOrder', 'orderSeeds', 'onEpoch']);
  assertInteger(opts.epochs, 'epochs');
  assertInteger(opts.batchSize, 'batchSize');
  assertPositive(opts.lr, 'lr');
  assertFinite(opts.seed, 'seed');
  const optName = opts.optimizer ?? 'adam';
  if (optName !== 'adam' && optName !== 'sgd') throw new RangeError(`optimizer must be 'adam' or 'sgd', but got '${String(optName)}'`);
  const perMemberData = Array.isArray(data);
  const sets = perMemberData ? data : [data];
  if (perMemberData && sets.length !== E) throw new RangeError(`data has ${sets.length} datasets, but members is ${E}`);
  sets.forEach((d) => checkDataset(d, bm.spec.inputDim, bm.spec.outputDim));
  const n = sets[0].x.length;
  sets.forEach((d, m) => { if (d.x.length !== n) throw new RangeError(`data[${m}] has ${d.x.length} rows, but data[0] has ${n}`); });
  const stepsNeeded = opts.epochs * Math.ceil(n / opts.batchSize);
  assertWithinBudget(`trainBatched for ${opts.epochs} epochs of ${Math.ceil(n / opts.batchSize)} batches`, stepsNeeded, MAX_TRAIN_STEPS, 'optimizer steps');
  assertWithinBudget(`trainBatched for ${opts.epochs} epochs on ${n} rows × ${E} members`, 6 * stepsNeeded * Math.min(n, opts.batchSize) * E * mlpParamCount(layerDims(bm.spec)), 1e18, 'flop');
  const orderSeeds = opts.orderSeeds ?? (opts.batchOrder === 'per-member' ? memberSeeds(opts.seed, E) : undefined);
  if (opts.batchOrder !== undefined && opts.batchOrder !== 'shared' && opts.batchOrder !== 'per-member') {
    throw new RangeError(`batchOrder must be 'shared' or 'per-member', but got '${String(opts.batchOrder)}'`);
  }
  if (orderSeeds && orderSeeds.length !== E) throw new RangeError(`orderSeeds has ${orderSeeds.length} entries, but members is ${E}`);
  const perMemberOrder = orderSeeds !== undefined;
  const { inputDim: d, outputDim: o } = bm.spec;
  const route = nativeTrainRoute(bm.spec.activation);
  if (route.module) return trainBatchedNative(route.module, bm, sets, opts, optName, perMemberData, orderSeeds);
  nativeTrainStats.fallbackRuns++;

  // Data as flat 2-D tensors; a per-member set stacks member m's rows at offset m·n.
  const X = tf.tensor2d(sets.flatMap((s) => s.x), [sets.length * n, d]);
  const Y = tf.tensor2d(sets.flatMap((s) => s.y), [sets.length * n, o]);
  const optimizer = optName === 'adam' ? tf.train.adam(opts.lr) : tf.train.sgd(opts.lr);
  const act = tfOp(bm.spec.activation);
  const rngs = perMemberOrder ? orderSeeds!.map((s) => makeRng(s)) : [makeRng(opts.seed)];
  const alive = new Uint8Array(E).fill(1);
  let aliveMask: tf.Tensor1D = tf.ones([E], 'bool');
  const loss: number[][] = Array.from({ length: E }, () => []);
  const diverged: DivergedMember[] = [];
  const varNames = bm.params.map((p) => p.name);
  let steps = 0;
  const t0 = Date.now();
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const { idx, rows } = epochOrder(rngs, E, n, perMemberOrder, perMemberData);
      const sums = new Float64Array(E);
      let batches = 0;
      for (let start = 0, step = 0; start < n; start += opts.batchSize, step++) {
        const B = Math.min(opts.batchSize, n - start);
        const bIdx = new Int32Array(rows * B);
        for (let m = 0; m < rows; m++) bIdx.set(idx.subarray(m * n + start, m * n + start + B), m * B);
        const allAlive = diverged.length === 0;
        // 1. Per-member losses and the gradients of their sum (∂/∂θ_m of Σ L_k = ∂L_m/∂θ_m).
        const { grads, probe } = tf.tidy(() => {
          const it = tf.tensor1d(bIdx, 'int32');
          let xb: tf.Tensor = tf.gather(X, it), yb: tf.Tensor = tf.gather(Y, it);
          if (rows > 1) { xb = xb.reshape([E, B, d]); yb = yb.reshape([E, B, o]); }
          let per: tf.Tensor1D | null = null;
          const { grads } = tf.variableGrads(() => {
            per = tf.keep(memberMse(forward(bm.params, act, xb), yb)); // kept past variableGrads' own tidy
            // where(alive, L_m, 0): an excluded member contributes no loss (its NaN gradient is masked below).
            return tf.sum(allAlive ? per : tf.where(aliveMask, per, tf.zerosLike(per))) as tf.Scalar;
          }, bm.params);
          // Probe: L_m + Σ of all of member m's gradient entries is non-finite iff one of them is
          // (or the sum itself overflows float32, i.e. gradients beyond ~1e37: diverging too).
          let sum: tf.Tensor = per!;
          for (const name of varNames) sum = tf.add(sum, tf.sum(grads[name], [1, 2]));
          const probe = tf.concat([per!, sum]);
          (per as tf.Tensor | null)?.dispose();
          return { grads, probe };
        });
        const v = await probe.data();
        steps++;
        batches++;
        let newlyDead = false;
        for (let m = 0; m < E; m++) {
          if (!alive[m]) continue;
          if (!Number.isFinite(v[E + m])) {
            alive[m] = 0;
            newlyDead = true;
            diverged.push({ member: m, epoch, step, loss: v[m] });
          } else sums[m] += v[m];
        }
        if (newlyDead) {
          aliveMask.dispose();
          aliveMask = tf.tensor1d(alive, 'bool');
        }
        // 2. One optimizer step for all members; excluded members get a zero gradient (optimizer state stays finite).
        tf.tidy(() => {
          if (diverged.length === 0) {
            optimizer.applyGradients(grads as Record<string, tf.Variable>);
            return;
          }
          const okB = aliveMask.reshape([E, 1, 1]);
          optimizer.applyGradients(varNames.map((name) => ({
            name, tensor: tf.where(tf.broadcastTo(okB, grads[name].shape), grads[name], tf.zerosLike(grads[name])),
          })));
        });
        tf.dispose([probe, ...Object.values(grads)]);
      }
      const mean = Array.from(sums, (s, m) => (alive[m] ? s / batches : NaN));
      mean.forEach((l, m) => { if (alive[m]) loss[m].push(l); });
      opts.onEpoch?.(epoch, mean);
    }
  } finally {
    tf.dispose([X, Y, aliveMask]);
    optimizer.dispose();
  }
  const valid: number[] = [];
  alive.forEach((a, m) => { if (a) valid.push(m); });
  const exploded = valid.filter((m) => { const c = loss[m]; return c.length > 0 && c[c.length - 1] > EXPLODED_FACTOR * Math.max(1, c[0]); });
  return { loss, valid, diverged, exploded, steps, wallMs: Date.now() - t0 };
}

/** Row indices of each member's batches for one epoch: [rows, n], rows = E (own order or own data) or 1; a per-member set's rows at offset m·n. */
function epochOrder(rngs: ReturnType<typeof makeRng>[], E: number, n: number, perMemberOrder: boolean, perMemberData: boolean): { idx: Int32Array; rows: number } {
  const rows = perMemberOrder || perMemberData ? E : 1;
  const orders = rngs.map((r) => permutation(r, n));
  const idx = new Int32Array(rows * n);
  for (let m = 0; m < rows; m++) {
    const ord = orders[perMemberOrder ? m : 0];
    const off = perMemberData ? m * n : 0;
    for (let i = 0; i < n; i++) idx[m * n + i] = ord[i] + off;
  }
  return { idx, rows };
}

/**
 * trainBatched on the native route (lib/networks/train-native): one native call per epoch runs every step for all
 * members; a member is excluded at the step its loss or gradient turns non-finite, exactly as on the TF.js route,
 * and the losses are read once per epoch.
 */
async function trainBatchedNative(mod: NativeModule, bm: BatchedMlp, sets: Dataset[], opts: BatchedTrainOptions, optName: 'adam' | 'sgd',
  perMemberData: boolean, orderSeeds: number[] | undefined): Promise<BatchedTrainResult> {
  const E = bm.spec.members;
  const n = sets[0].x.length;
  const x = new Float32Array(sets.length * n * bm.spec.inputDim), y = new Float32Array(sets.length * n * bm.spec.outputDim);
  let kx = 0, ky = 0;
  for (const s of sets) {
    for (const r of s.x) for (const v of r) x[kx++] = v;
    for (const r of s.y) for (const v of r) y[ky++] = v;
  }
  const trainer = new NativeTrainer(mod, bm.params, {
    members: E, dims: layerDims(bm.spec), activation: bm.spec.activation, optimizer: optName, lr: opts.lr, epsilon: tf.backend().epsilon(),
    output: 'linear', loss: 'mse', maskDiverged: true, batchSize: opts.batchSize, x, y,
  });
  const perMemberOrder = orderSeeds !== undefined;
  const rngs = perMemberOrder ? orderSeeds!.map((s) => makeRng(s)) : [makeRng(opts.seed)];
  const alive = trainer.alive;
  const loss: number[][] = Array.from({ length: E }, () => []);
  const diverged: DivergedMember[] = [];
  let steps = 0;
  let written = true;
  const t0 = Date.now();
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const { idx, rows } = epochOrder(rngs, E, n, perMemberOrder, perMemberData);
      const wasAlive = Uint8Array.from(alive);
      const r = trainer.epoch(idx, rows);
      written = false;
      steps += r.steps;
      const mean = new Array<number>(E).fill(NaN);
      for (let m = 0; m < E; m++) {
        if (!wasAlive[m]) continue;
        const last = alive[m] ? r.steps : r.died[m];
        let sum = 0;
        for (let s = 0; s < last; s++) sum += r.losses[s * E + m];
        if (alive[m]) mean[m] = sum / r.steps;
        else diverged.push({ member: m, epoch, step: r.died[m], loss: r.losses[r.died[m] * E + m] });
      }
      // members excluded in the same epoch are listed in step order, as the step-by-step route lists them
      diverged.sort((a, b) => (a.epoch - b.epoch) || (a.step - b.step) || (a.member - b.member));
      mean.forEach((l, m) => { if (alive[m]) loss[m].push(l); });
      if (opts.onEpoch) { trainer.writeBack(); written = true; opts.onEpoch(epoch, mean); }
    }
  } finally {
    if (!written) trainer.writeBack();
  }
  const valid: number[] = [];
  alive.forEach((a, m) => { if (a) valid.push(m); });
  const exploded = valid.filter((m) => { const c = loss[m]; return c.length > 0 && c[c.length - 1] > EXPLODED_FACTOR * Math.max(1, c[0]); });
  return { loss, valid, diverged, exploded, steps, wallMs: Date.now() - t0 };
}

/** Per-member MSE of a whole dataset (shared or one per member), without training: length E. */
export function evaluateBatched(bm: BatchedMlp, data: Dataset | Dataset[]): number[] {
  const E = bm.spec.members;
  const sets = Array.isArray(data) ? data : [data];
  if (Array.isArray(data) && sets.length !== E) throw new RangeError(`data has ${sets.length} datasets, but members is ${E}`);
  sets.forEach((s) => checkDataset(s, bm.spec.inputDim, bm.spec.outputDim));
  const n = sets[0].x.length;
  sets.forEach((s, m) => { if (s.x.length !== n) throw new RangeError(`data[${m}] has ${s.x.length} rows, but data[0] has ${n}`); });
  return tf.tidy(() => {
    const x = Array.isArray(data) ? tf.tensor3d(sets.map((s) => s.x)) : tf.tensor2d(data.x);
    const y = Array.isArray(data) ? tf.tensor3d(sets.map((s) => s.y)) : tf.tensor2d(data.y);
    return Array.from(memberMse(bm.predict(x as tf.Tensor2D | tf.Tensor3D), y).dataSync());
  });
}

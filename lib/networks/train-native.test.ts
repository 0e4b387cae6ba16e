/**
 * The native training route (lib/networks/train-native, the addon's trainEpoch) against the TF.js route
 * (tf.train.adam / tf.train.sgd over tf.variableGrads): the same loss curves and parameters within float32
 * tolerance for train() and trainBatched(), divergence reported alike, the native path taken when the addon is
 * built, the TF.js route when it is absent or disabled. No timings are asserted (speed lives in bench/).
 */
import { test, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { buildMlp, train, type Dataset, type MlpSpec, type TrainOptions } from './train';
import { buildBatchedMlp, trainBatched, type BatchedMlpSpec, type BatchedTrainOptions } from './batched-training';
import { NativeTrainer, nativeTrainRoute, nativeTrainStats } from './train-native';
import { DEFAULT_NATIVE_MODULE, loadNative } from '../core/native-blas';
import { zoo, tanhAct, relu, leakyRelu, repu } from '../core/activations';
import { makeRng } from '../core/rng';

const BUILT = fs.existsSync(DEFAULT_NATIVE_MODULE);
const NEED = BUILT ? false : 'native module not built (node native/build.cjs needs a C compiler and libopenblas-dev)';
const SAVED = { NATIVE_TRAIN: process.env.NATIVE_TRAIN, NATIVE_BLAS: process.env.NATIVE_BLAS, NATIVE_MODULE: process.env.NATIVE_MODULE };

before(async () => {
  await tf.setBackend('cpu');
});
/** The native route's switches as a default run has them (a test run with NATIVE_BLAS=0 still compares both routes). */
function nativeOn(): void {
  delete process.env.NATIVE_BLAS;
  delete process.env.NATIVE_MODULE;
}
afterEach(() => {
  for (const [k, v] of Object.entries(SAVED)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
});

/** |a − b| / (floor + |b|), worst entry. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (floor + Math.abs(b[i])));
  return worst;
}

function data(seed: number, n: number, d: number, o: number, classify = false): Dataset {
  const rng = makeRng(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const y = x.map((r) => Array.from({ length: o }, (_, j) => (classify ? (r[j % d] + 0.3 * r[(j + 1) % d] > 0 ? 1 : 0) : Math.tanh(r[0] + 0.5 * r[(j + 1) % d]))));
  return { x, y };
}

/** train() on the native route (NATIVE_TRAIN unset) and the TF.js route (NATIVE_TRAIN=0): loss curves and final parameters. */
async function bothRoutes(spec: MlpSpec, set: Dataset, opts: TrainOptions) {
  const out: { loss: number[]; params: Float32Array[] }[] = [];
  nativeOn();
  for (const nat of ['1', '0']) {
    process.env.NATIVE_TRAIN = nat;
    const mlp = buildMlp(spec);
    const r = await train(mlp, set, opts);
    out.push({ loss: r.loss, params: mlp.params.map((p) => p.dataSync() as Float32Array) });
    mlp.dispose();
  }
  return { native: out[0], tfjs: out[1] };
}

test('train(): native and TF.js routes agree within float32 tolerance for every zoo activation (Adam, MSE, several steps per epoch)', { skip: NEED }, async () => {
  const set = data(1, 60, 3, 2);
  for (const act of zoo()) {
    const e0 = nativeTrainStats.nativeEpochs;
    const { native, tfjs } = await bothRoutes({ inputDim: 3, widths: [12, 7], outputDim: 2, activation: act, cb: 0.05, seed: 2 }, set,
      { epochs: 4, batchSize: 16, lr: 5e-3, seed: 3 });
    assert.equal(nativeTrainStats.nativeEpochs - e0, 4, `${act.label}: the native route ran`);
    assert.ok(maxRelDiff(native.loss, tfjs.loss) < 1e-4, `${act.label}: loss ${native.loss} vs ${tfjs.loss}`);
    native.params.forEach((p, i) => assert.ok(maxRelDiff(p, tfjs.params[i], 1e-2) < 2e-3, `${act.label} param ${i}: ${maxRelDiff(p, tfjs.params[i], 1e-2)}`));
  }
});

test('train(): sigmoid output with BCE and with MSE, SGD and Adam (bias correction from step 1), agree across routes', { skip: NEED }, async () => {
  const set = data(4, 50, 2, 1, true);
  for (const [loss, optimizer, lr] of [['bce', 'adam', 1e-2], ['mse', 'sgd', 0.3], ['bce', 'sgd', 0.3]] as const) {
    const { native, tfjs } = await bothRoutes({ inputDim: 2, widths: [9], outputDim: 1, activation: tanhAct(), output: 'sigmoid', seed: 5 }, set,
      { epochs: 3, batchSize: 8, lr, seed: 6, loss, optimizer });
    assert.ok(maxRelDiff(native.loss, tfjs.loss) < 1e-4, `${loss}/${optimizer}: ${native.loss} vs ${tfjs.loss}`);
    native.params.forEach((p, i) => assert.ok(maxRelDiff(p, tfjs.params[i], 1e-2) < 2e-3, `${loss}/${optimizer} param ${i}`));
  }
  // one epoch of one full batch: a single Adam step, where the bias correction makes the step ±lr per weight
  const { native, tfjs } = await bothRoutes({ inputDim: 2, widths: [4], outputDim: 1, activation: relu(), seed: 8 }, set, { epochs: 2, batchSize: 64, lr: 0.01, seed: 1 });
  native.params.forEach((p, i) => assert.ok(maxRelDiff(p, tfjs.params[i], 1e-2) < 1e-4, `one-step param ${i}`));
});

test('train(): onEpoch sees the trained variables on the native route, and a diverging run throws naming the epoch', { skip: NEED }, async () => {
  const set = data(7, 40, 2, 1);
  nativeOn();
  const mlp = buildMlp({ inputDim: 2, widths: [5], outputDim: 1, activation: leakyRelu(0.1), seed: 1 });
  const seen: number[] = [];
  await train(mlp, set, { epochs: 3, batchSize: 10, lr: 0.01, seed: 2, onEpoch: () => { seen.push(mlp.params[0].dataSync()[0]); } });
  assert.equal(new Set(seen).size, 3, `the first weight after each epoch: ${seen}`);
  assert.equal(seen[2], mlp.params[0].dataSync()[0]);
  mlp.dispose();
  // the same divergence error (same epoch, same value) on both routes
  const x = [[1e3], [-1e3], [2e3]], y = [[1e6], [-1e6], [3e6]];
  const errors: string[] = [];
  nativeOn();
  for (const nat of ['1', '0']) {
    process.env.NATIVE_TRAIN = nat;
    const m2 = buildMlp({ inputDim: 1, widths: [4], outputDim: 1, activation: repu(3), seed: 1 });
    await assert.rejects(train(m2, { x, y }, { epochs: 3, batchSize: 3, lr: 10, optimizer: 'sgd', seed: 1 }), (e: Error) => { errors.push(e.message); return true; });
    m2.dispose();
  }
  assert.match(errors[0], /training diverged: the mean loss at epoch \d is (NaN|Infinity)/);
  assert.equal(errors[0], errors[1]);
});

test('trainBatched(): native and TF.js routes agree (per-member order and data, SGD and Adam), a diverging member excluded at the same step', { skip: NEED }, async () => {
  const good = data(9, 32, 1, 1);
  const huge: Dataset = { x: good.x, y: good.y.map(() => [1e20]) }; // the squared error overflows float32 at the first step
  const cases: [Partial<BatchedMlpSpec>, Dataset | Dataset[], Partial<BatchedTrainOptions>][] = [
    [{ activation: 'tanh' }, good, { batchOrder: 'per-member' }],
    [{ activation: relu(), cb: 0.1 }, [good, data(10, 32, 1, 1), good], { optimizer: 'sgd', lr: 0.1 }],
    [{ activation: tanhAct() }, [good, huge, good], {}],
  ];
  for (const [i, [spec, set, opts]] of cases.entries()) {
    const rs = [];
    nativeOn();
    for (const nat of ['1', '0']) {
      process.env.NATIVE_TRAIN = nat;
      const bm = buildBatchedMlp({ inputDim: 1, widths: [8, 6], outputDim: 1, members: 3, seed: 11, activation: 'tanh', ...spec });
      const r = await trainBatched(bm, set, { epochs: 3, batchSize: 10, lr: 0.01, seed: 4, ...opts });
      rs.push({ r, params: Array.from({ length: 3 }, (_, m) => bm.memberParams(m)) });
      bm.dispose();
    }
    const [nat, ref] = rs;
    assert.deepEqual(nat.r.valid, ref.r.valid, `case ${i}`);
    assert.deepEqual(nat.r.diverged.map((d) => [d.member, d.epoch, d.step, Number.isFinite(d.loss)]), ref.r.diverged.map((d) => [d.member, d.epoch, d.step, Number.isFinite(d.loss)]), `case ${i}`);
    assert.equal(nat.r.steps, ref.r.steps);
    for (let m = 0; m < 3; m++) {
      assert.equal(nat.r.loss[m].length, ref.r.loss[m].length);
      if (nat.r.loss[m].length) assert.ok(maxRelDiff(nat.r.loss[m], ref.r.loss[m]) < 1e-4, `case ${i} member ${m}: ${nat.r.loss[m]} vs ${ref.r.loss[m]}`);
      nat.params[m].forEach((p, k) => assert.ok(maxRelDiff(p, ref.params[m][k], 1e-2) < 2e-3, `case ${i} member ${m} param ${k}`));
    }
  }
});

test('the native route is taken when the addon is built, and says so', { skip: NEED }, async () => {
  delete process.env.NATIVE_TRAIN;
  nativeOn();
  const r = nativeTrainRoute(tanhAct());
  assert.ok(r.module, r.why);
  assert.match(r.why, /native trainEpoch/);
  const [e0, f0] = [nativeTrainStats.nativeEpochs, nativeTrainStats.fallbackRuns];
  const bm = buildBatchedMlp({ inputDim: 1, widths: [4], outputDim: 1, members: 2, activation: 'relu', seed: 1 });
  await trainBatched(bm, data(1, 12, 1, 1), { epochs: 2, batchSize: 4, lr: 0.01, seed: 1 });
  bm.dispose();
  assert.equal(nativeTrainStats.nativeEpochs - e0, 2);
  assert.equal(nativeTrainStats.fallbackRuns, f0);
});

test('fallback: with the addon absent, NATIVE_BLAS=0 or NATIVE_TRAIN=0 the TF.js route trains, and the reason is given', async () => {
  const act = tanhAct();
  assert.match(nativeTrainRoute(act, { NATIVE_BLAS: '0' }).why, /TF\.js kernels \(NATIVE_BLAS=0\)/);
  assert.match(nativeTrainRoute(act, { NATIVE_TRAIN: '0' }).why, /TF\.js kernels \(NATIVE_TRAIN=0\)/);
  const missing = { NATIVE_MODULE: '/nonexistent/activation_native.node' };
  assert.equal(loadNative(missing).module, null);
  assert.match(nativeTrainRoute(act, missing).why, /TF\.js kernels \(native module not built/);
  for (const env of [{ NATIVE_BLAS: '0' }, missing]) {
    Object.assign(process.env, env);
    const [e0, f0] = [nativeTrainStats.nativeEpochs, nativeTrainStats.fallbackRuns];
    const mlp = buildMlp({ inputDim: 2, widths: [4], outputDim: 1, activation: act, seed: 1 });
    const r = await train(mlp, data(2, 20, 2, 1), { epochs: 2, batchSize: 5, lr: 0.01, seed: 1 });
    mlp.dispose();
    const bm = buildBatchedMlp({ inputDim: 2, widths: [4], outputDim: 1, members: 2, activation: act, seed: 1 });
    const rb = await trainBatched(bm, data(2, 20, 2, 1), { epochs: 2, batchSize: 5, lr: 0.01, seed: 1 });
    bm.dispose();
    assert.equal(nativeTrainStats.nativeEpochs, e0, JSON.stringify(env));
    assert.equal(nativeTrainStats.fallbackRuns - f0, 2);
    assert.equal(r.loss.length, 2);
    assert.ok(rb.loss.every((c) => c.length === 2 && c.every(Number.isFinite)));
    for (const k of Object.keys(env)) delete process.env[k];
  }
});

test('NativeTrainer and trainEpoch reject bad input naming it (no out-of-bounds access)', { skip: NEED }, () => {
  const mod = loadNative({}).module!;
  const mlp = buildMlp({ inputDim: 2, widths: [3], outputDim: 1, activation: tanhAct(), seed: 1 });
  const base = {
    members: 1, dims: [2, 3, 1], activation: tanhAct(), optimizer: 'adam' as const, lr: 0.01, epsilon: 1e-7, output: 'linear' as const,
    loss: 'mse' as const, maskDiverged: false, batchSize: 2, x: new Float32Array(8), y: new Float32Array(4),
  };
  assert.throws(() => new NativeTrainer(mod, mlp.params, { ...base, lr: -1 }), /lr must be > 0, but got -1/);
  assert.throws(() => new NativeTrainer(mod, mlp.params, { ...base, dims: [2, 4, 1] }), /variable 0 has 6 float32 entries, expected 8/);
  assert.throws(() => new NativeTrainer(mod, mlp.params, { ...base, y: new Float32Array(3) }), /x has 8 and y 3 entries/);
  assert.throws(() => new NativeTrainer(mod, mlp.params, { ...base, activation: { ...tanhAct(), name: 'nope' } }), /no native activation 'nope'/);
  const t = new NativeTrainer(mod, mlp.params, base);
  assert.throws(() => t.epoch(Int32Array.of(0, 1, 2, 9), 1), /row index out of range/);
  assert.throws(() => t.epoch(new Int32Array(0), 1), /order has 0 entries/);
  assert.throws(() => t.epoch(Int32Array.of(0, 1), 2), /idxRows must be 1 or 1, but got 2/);
  const f = new Float32Array(4);
  assert.throws(() => mod.trainEpoch!(f, f, f, f, f, new Int32Array(1), Int32Array.of(2, 1), new Float64Array(3), f, new Uint8Array(1), f, new Int32Array(1)), /conf too short/);
  assert.throws(() => (mod.trainEpoch as unknown as (...a: unknown[]) => void)(f, f), /12 arguments expected/);
  mlp.dispose();
});

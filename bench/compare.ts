/**
 * The workloads of issue 14's table, measured on this project's routes, one JSON line each
 * (`BENCH {"key", "label", "value", "unit", "better", "route"}`); bench/peer_torch.py measures the same
 * workloads in PyTorch and bench/run.ts puts them side by side. Run once with the native routes
 * (default: OpenBLAS sgemm, LAPACK, the native training step) and once with NATIVE_BLAS=0 NATIVE_LAPACK=0 (wasm
 * kernels, TypeScript eigen-solver, the TF.js training step) for before → after.
 * Writes the 40-40 Hessian it decomposes to build/bench/hessian-40-40.f64 (row-major float64) so the
 * peer decomposes the same matrix.
 * Usage: npx tsx bench/compare.ts [--only key,key]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { lapackLastRoute } from '../lib/core/native-blas';
import * as nativeBlas from '../lib/core/native-blas';
import { buildMlp, train } from '../lib/networks/train';
import { buildBatchedMlp, trainBatched } from '../lib/networks/batched-training';
import { nativeTrainRoute } from '../lib/networks/train-native';
import { tanhAct, mrepu } from '../lib/core/activations';
import { makeRng } from '../lib/core/rng';
import { makeEspNet, initParams, denseHessian, hvpOperator } from '../lib/experiments/milletari/esp-network';
import { symmetricEigen } from '../lib/analysis/hessian';
import { sampleEnsembleMetric } from '../lib/analysis/ensembles';
import { loadMilletari } from '../lib/data/milletari-data';

const ROOT = path.join(__dirname, '..');
const only = (() => { const i = process.argv.indexOf('--only'); return i > 0 ? new Set(process.argv[i + 1].split(',')) : null; })();
const want = (k: string) => !only || only.has(k);
const emit = (key: string, label: string, value: number, unit: string, better: 'higher' | 'lower', route: string) =>
  console.log('BENCH ' + JSON.stringify({ key, label, value, unit, better, route }));
const now = () => performance.now();
/** What runs the training step: the native trainEpoch (losses read once per epoch) or TF.js (tape + tf.train.adam). */
const trainRoute = () => {
  const r = nativeTrainRoute(tanhAct());
  return r.module ? `${r.why}, losses read once per epoch` : `${r.why}: tape + tf.train.adam per step`;
};

async function matmul(backend: string, matmulRoute: string): Promise<void> {
  const n = 1024, reps = 5;
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1), b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  await tf.matMul(a, b).data();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    const c = tf.matMul(a, b);
    await c.data();
    best = Math.min(best, now() - t0);
    c.dispose();
  }
  tf.dispose([a, b]);
  emit('matmul', 'matmul 1024², float32', (2 * n ** 3) / (best / 1000) / 1e9, 'GFLOP/s', 'higher', `${backend}: ${matmulRoute}; best of ${reps}`);
}

async function mlpStep(route: string): Promise<void> {
  const rng = makeRng(1);
  const x = Array.from({ length: 512 }, () => Array.from({ length: 32 }, () => rng.normal()));
  const y = x.map((r) => [Math.tanh(r[0] + r[1])]);
  const run = async (epochs: number) => {
    const mlp = buildMlp({ inputDim: 32, widths: [256, 256], outputDim: 1, activation: tanhAct(), seed: 1 });
    const t0 = now();
    await train(mlp, { x, y }, { epochs, batchSize: 64, lr: 1e-3, seed: 1 });
    const ms = (now() - t0) / (epochs * 8);
    mlp.dispose();
    return ms;
  };
  await run(1); // warm-up
  const ms = Math.min(await run(5), await run(5));
  emit('mlp', 'MLP 32-256-256-1 tanh, Adam, batch 64: one step', ms, 'ms', 'lower', `${route}; lib/networks/train: ${trainRoute()}; best of 2 × 40 steps`);
}

async function ensemble(route: string): Promise<void> {
  const rng = makeRng(7);
  const x = Array.from({ length: 256 }, () => [2 * rng.uniform() - 1]);
  const data = { x, y: x.map(([a]) => [Math.sin(3 * a)]) };
  const run = async (E: number, epochs: number) => {
    const bm = buildBatchedMlp({ inputDim: 1, widths: [32, 32, 32], outputDim: 1, activation: tanhAct(), members: E, seed: 1 });
    const t0 = now();
    await trainBatched(bm, data, { epochs, batchSize: 64, lr: 1e-3, seed: 2, batchOrder: 'per-member' });
    const s = (now() - t0) / 1000;
    bm.dispose();
    return (E * epochs) / s;
  };
  await run(4, 2);
  const rate = Math.max(await run(100, 10), await run(100, 10));
  emit('ensemble', '100-member ensemble 1-32-32-32-1, batched, Adam: networks·epochs/s', rate, 'networks·epochs/s', 'higher',
    `${route}; lib/networks/batched-training: ${trainRoute()}, 256 rows, batch 64, per-member order; best of 2 × 10 epochs`);
}

function eigen(): void {
  const NL = loadMilletari('nonlinear');
  const net = makeEspNet({ sizes: [2, 40, 40, 1], activation: 'esp' });
  const th = initParams(net, 1);
  const rng = makeRng(2);
  for (let i = 0; i < th.length; i++) th[i] += 0.3 * rng.normal();
  const H = denseHessian(net, th, NL.xTrain.slice(0, 100), NL.yTrain.slice(0, 100));
  const file = path.join(ROOT, 'build', 'bench', 'hessian-40-40.f64');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(H.data.buffer, H.data.byteOffset, H.data.byteLength));
  symmetricEigen({ n: 80, data: new Float64Array(80 * 80).map((_, i) => (i % 81 === 0 ? i : 0)) }); // warm-up (loads the module)
  const t0 = now();
  symmetricEigen(H);
  const s = (now() - t0) / 1000;
  const route = lapackLastRoute.startsWith('LAPACK') ? lapackLastRoute : 'TypeScript tred2/tql2' + (lapackLastRoute === 'not used yet' ? '' : ` (${lapackLastRoute.replace(/^TypeScript \(|\)$/g, '')})`);
  emit('eigen', `dense symmetric eigendecomposition with vectors, n = ${H.n} (the 40-40 Hessian)`, s, 's', 'lower', `lib/analysis/hessian symmetricEigen: ${route}`);
}

function initEnsemble(): void {
  const spec = { activation: mrepu(2), cw: 1, cb: 0, inputs: [[0.02, 0.02], [0.02, -0.01]], width: 512, depth: 10, seed: 1 };
  sampleEnsembleMetric({ ...spec, members: 10 });
  const t0 = now();
  sampleEnsembleMetric({ ...spec, members: 1000 });
  emit('init', 'init ensemble 1 000 × 512 × 10 (stochastic-metric sampler vs materialised weights)', (now() - t0) / 1000, 's', 'lower',
    'lib/analysis/ensembles sampleEnsembleMetric (exact stochastic metric, float64)');
}

function hvp(): void {
  const NL = loadMilletari('nonlinear');
  const net = makeEspNet({ sizes: [2, 8, 2, 1], activation: 'esp' });
  const th = initParams(net, 1);
  const rng = makeRng(2);
  for (let i = 0; i < th.length; i++) th[i] += 0.3 * rng.normal();
  const m = 690;
  const op = hvpOperator(net, th, NL.xTrain.slice(0, m), NL.yTrain.slice(0, m));
  const v = Float64Array.from({ length: net.nParams }, () => rng.normal());
  op(v);
  const reps = 400;
  let best = 0;
  for (let r = 0; r < 2; r++) {
    const t0 = now();
    for (let k = 0; k < reps; k++) op(v);
    best = Math.max(best, reps / ((now() - t0) / 1000));
  }
  emit('hvp', 'float64 Hessian-vector products, 8-2 net (56 parameters, 690 rows)', best, 'HVP/s', 'higher',
    'lib/experiments/milletari/esp-network hvpOperator (forward-over-reverse, float64); best of 2 × 400');
}

(async () => {
  const b = await initBackend();
  const route = `${b.name}, matmul: ${b.matmul ?? b.name}`;
  const mm = nativeBlas.nativeMatmulStatus()?.detail ?? b.name;
  if (want('matmul')) await matmul(b.name, mm);
  if (want('mlp')) await mlpStep(route);
  if (want('ensemble')) await ensemble(route);
  if (want('eigen')) eigen();
  if (want('init')) initEnsemble();
  if (want('hvp')) hvp();
})();

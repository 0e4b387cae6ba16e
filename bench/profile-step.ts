/**
 * Kernels per training step of issue 14's two training workloads (the MLP 32-256-256-1 tanh Adam batch-64 step and
 * the 100-member 1-32-32-32-1 batched ensemble), counted with tf.profile over whole epochs: on the TF.js route
 * (NATIVE_TRAIN=0) every kernel the tape, the loss and tf.train.adam launch; on the native route (the addon's
 * trainEpoch, lib/networks/train-native) the TF.js kernels left per step (the parameters' write-back once per
 * epoch, spread over its steps) and the native calls per step. Not run by `make bench` (no .bench.ts suffix).
 * Usage: npx tsx bench/profile-step.ts   (NATIVE_TRAIN=0 for the TF.js route only)
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { buildMlp, train } from '../lib/networks/train';
import { buildBatchedMlp, trainBatched } from '../lib/networks/batched-training';
import { nativeTrainStats } from '../lib/networks/train-native';
import { tanhAct } from '../lib/core/activations';
import { makeRng } from '../lib/core/rng';

async function count(label: string, steps: number, f: () => Promise<void>): Promise<void> {
  const e0 = nativeTrainStats.nativeEpochs;
  const p = await tf.profile(f);
  const byName = new Map<string, number>();
  for (const k of p.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1);
  const per = (v: number) => (v / steps).toFixed(v % steps ? 2 : 0);
  const nativeCalls = nativeTrainStats.nativeEpochs - e0;
  console.log(`${label}: ${per(p.kernels.length)} TF.js kernels per step` + (nativeCalls ? `, ${per(nativeCalls)} native trainEpoch calls per step` : '') +
    ` (${[...byName].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${per(v)}`).join(', ')})`);
}

(async () => {
  const b = await initBackend();
  console.log(`backend ${b.name}; matmul: ${b.matmul ?? b.name}; NATIVE_TRAIN=${process.env.NATIVE_TRAIN ?? '(unset)'}`);
  const rng = makeRng(1);
  const x = Array.from({ length: 512 }, () => Array.from({ length: 32 }, () => rng.normal()));
  const y = x.map((r) => [Math.tanh(r[0] + r[1])]);
  const mlp = buildMlp({ inputDim: 32, widths: [256, 256], outputDim: 1, activation: tanhAct(), seed: 1 });
  await train(mlp, { x, y }, { epochs: 1, batchSize: 64, lr: 1e-3, seed: 1 });
  await count('MLP 32-256-256-1 tanh, Adam, batch 64', 16, async () => { await train(mlp, { x, y }, { epochs: 2, batchSize: 64, lr: 1e-3, seed: 1 }); });
  mlp.dispose();
  const rx = makeRng(7);
  const xs = Array.from({ length: 256 }, () => [2 * rx.uniform() - 1]);
  const data = { x: xs, y: xs.map(([a]) => [Math.sin(3 * a)]) };
  const bm = buildBatchedMlp({ inputDim: 1, widths: [32, 32, 32], outputDim: 1, activation: tanhAct(), members: 100, seed: 1 });
  await count('100-member ensemble 1-32-32-32-1, Adam, batch 64', 8, async () => {
    await trainBatched(bm, data, { epochs: 2, batchSize: 64, lr: 1e-3, seed: 2, batchOrder: 'per-member' });
  });
  bm.dispose();
})();

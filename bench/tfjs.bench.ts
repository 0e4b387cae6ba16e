/**
 * TF.js throughput on the backend initBackend() picks: matmul GFLOP/s and one training step
 * of an MLP. Prints one line per measurement.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/core/backend';
import { buildMlp, train } from '../lib/networks/train';
import { tanhAct } from '../lib/core/activations';
import { makeRng } from '../lib/core/rng';

async function matmul(n: number, reps: number): Promise<number> {
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1), b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  await tf.matMul(a, b).data(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  }
  const s = (performance.now() - t0) / 1000 / reps;
  tf.dispose([a, b]);
  return (2 * n ** 3) / s / 1e9;
}

(async () => {
  const b = await initBackend();
  console.log(`tfjs backend: ${b.name} (${b.pkg})`);
  for (const n of [256, 1024]) console.log(`tfjs matmul ${n}x${n}: ${(await matmul(n, n > 500 ? 3 : 20)).toFixed(2)} GFLOP/s`);
  const rng = makeRng(1);
  const x = Array.from({ length: 512 }, () => Array.from({ length: 32 }, () => rng.normal()));
  const y = x.map((r) => [Math.tanh(r[0] + r[1])]);
  const mlp = buildMlp({ inputDim: 32, widths: [256, 256], outputDim: 1, activation: tanhAct(), seed: 1 });
  const r = await train(mlp, { x, y }, { epochs: 3, batchSize: 64, lr: 1e-3, seed: 1 });
  console.log(`tfjs mlp 32-256-256-1 tanh, batch 64: ${(r.wallMs / (3 * 8)).toFixed(2)} ms/step`);
  mlp.dispose();
})();

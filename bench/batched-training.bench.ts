/**
 * Training many networks at once (issue 7, "Speed"): lib/networks/batched-training (E members as one batched
 * model, stacked weights, one batched tf.matMul per layer) against a loop of E separate lib/networks/train runs.
 * Network 1 → 32 → 32 → 32 → 1, tanh, Adam, batch 64, 256 training rows (4 steps per epoch), each
 * member its own mini-batch order. Prints networks·epochs per second for E = 1, 10, 100 and the ratio;
 * the loop is timed on at most 10 members and a few epochs and normalised (its cost is linear in both);
 * each figure is the median of 3 interleaved repeats.
 * Usage: npx tsx bench/batched-training.bench.ts
 */
import { initBackend } from '../lib/core/backend';
import { buildBatchedMlp, trainBatched, memberSeeds } from '../lib/networks/batched-training';
import { buildMlp, train, type Dataset } from '../lib/networks/train';
import { tanhAct } from '../lib/core/activations';
import { makeRng } from '../lib/core/rng';

const ARCH = { inputDim: 1, widths: [32, 32, 32], outputDim: 1, activation: tanhAct() };
const BATCH = 64, LR = 1e-3, REPEATS = 3;

function dataset(n: number): Dataset {
  const rng = makeRng(7);
  const x = Array.from({ length: n }, () => [2 * rng.uniform() - 1]);
  return { x, y: x.map(([a]) => [Math.sin(3 * a)]) };
}

async function batchedRate(E: number, epochs: number, data: Dataset): Promise<number> {
  const bm = buildBatchedMlp({ ...ARCH, members: E, seed: 1 });
  const t0 = performance.now();
  await trainBatched(bm, data, { epochs, batchSize: BATCH, lr: LR, seed: 2, batchOrder: 'per-member' });
  const s = (performance.now() - t0) / 1000;
  bm.dispose();
  return (E * epochs) / s;
}

async function loopRate(E: number, epochs: number, data: Dataset): Promise<number> {
  const seeds = memberSeeds(1, E), orders = memberSeeds(2, E);
  const t0 = performance.now();
  for (let m = 0; m < E; m++) {
    const mlp = buildMlp({ ...ARCH, seed: seeds[m] });
    await train(mlp, data, { epochs, batchSize: BATCH, lr: LR, seed: orders[m] });
    mlp.dispose();
  }
  const s = (performance.now() - t0) / 1000;
  return (E * epochs) / s;
}

(async () => {
  const b = await initBackend();
  const data = dataset(256);
  console.log(`batched-training on ${b.name}: 1→32→32→32→1 tanh, Adam, batch ${BATCH}, ${data.x.length} rows (4 steps/epoch)`);
  await batchedRate(4, 2, data); // warm-up (kernel compilation, first allocations)
  await loopRate(2, 2, data);
  const tStart = performance.now();
  // Epochs per size chosen so each timing runs roughly 1–4 s on 2 CPU cores.
  const plan = [
    { E: 1, batchedEpochs: 100, loopMembers: 1, loopEpochs: 100 },
    { E: 10, batchedEpochs: 60, loopMembers: 10, loopEpochs: 10 },
    { E: 100, batchedEpochs: 15, loopMembers: 10, loopEpochs: 10 },
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const p of plan) {
    // Interleaved repeats, median rate: the machine is shared, single timings vary by up to 2x.
    const rb: number[] = [], rl: number[] = [];
    for (let rep = 0; rep < REPEATS; rep++) {
      rb.push(await batchedRate(p.E, p.batchedEpochs, data));
      rl.push(await loopRate(p.loopMembers, p.loopEpochs, data));
    }
    const [b, l] = [median(rb), median(rl)];
    console.log(`batched-training E=${p.E}: batched ${b.toFixed(0)} networks·epochs/s (${p.E}×${p.batchedEpochs}), ` +
      `loop ${l.toFixed(0)} networks·epochs/s (${p.loopMembers}×${p.loopEpochs}, normalised), ratio ${(b / l).toFixed(1)}x ` +
      `(median of ${REPEATS}; batched ${rb.map((r) => r.toFixed(0)).join('/')}, loop ${rl.map((r) => r.toFixed(0)).join('/')})`);
  }
  console.log(`batched-training total bench time: ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
})();

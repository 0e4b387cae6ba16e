/**
 * The four-point vertex of a trained MRePU ensemble (Kim & Kang, arXiv 2408.02697 §4.2, Fig. 7 right): the
 * ensemble is trained as batched models (lib/networks/batched-training; member m is exactly buildMlp with its own
 * seed), one task per shard of members so that the paper's 1000 members of width 512 never have to sit in one
 * process (wasm's 4 GB). Each task returns, at every checkpoint and hidden layer, the per-member power sums
 * Σ_i z^k (k = 1…4) on fixed probe inputs; the notebook joins the shards and estimates K̂ and V̂ = (n/3)(c₄ − 3c₂²)
 * with a bootstrap over members (lib/analysis/ensembles ensembleVertex, bootstrapVertex; eq. (3)).
 */
import * as tf from '@tensorflow/tfjs';
import { activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertInteger, assertPositive } from '../../core/guards';
import { memberPowerSums, type MemberPowerSums } from '../../analysis/ensembles';
import { batchedPreactivations, buildBatchedMlp, evaluateBatched, trainBatched } from '../../networks/batched-training';
import { largestNonGrowingCw } from '../../theory/effective-theory';
import type { Profile } from '../../report/profile';
import { defineExperiment, seeds, tasksOf, type TaskSpec } from '../../runtime/experiment';
import { largestInputScale, planeData } from './plane-training';
import { repuSizes, REPU_SEED } from './sizes';

export type VertexConfig = {
  /** Members in this shard, hidden width, depth (hidden layers), epochs, mini-batch, probe inputs. */
  members: number;
  width: number;
  depth: number;
  epochs: number;
  batch: number;
  inputs: number;
  cw: number;
  p: number;
  nTrain: number;
  scale: number;
  trainSeed: number;
  testSeed: number;
};

export type VertexRecord = {
  /** Checkpoint epochs (0 = init). */
  epochs: number[];
  /** Power sums, flat (plain numbers, so the result table stays a flat table): block (c·depth + ℓ) of 4·members·inputs numbers per checkpoint c and hidden layer ℓ, within it s1, s2, s3, s4, each indexed m·inputs + α. */
  sums: number[];
  /** Flat [c·members + m]: 1 for a member whose loss stayed finite up to checkpoint c, else 0. */
  finite: number[];
  /** Per member: test MSE (NaN for a diverged member) and the sum over finite members of the test outputs (for the ensemble mean). */
  testMse: number[];
  predSum: number[];
  validCount: number;
};

/** The checkpoints: init, epoch 1, ¼, ½, ¾ and the end. */
export function vertexCheckpoints(epochs: number): number[] {
  assertInteger(epochs, 'epochs');
  return [...new Set([0, 1, ...[0.25, 0.5, 0.75, 1].map((f) => Math.round(f * epochs))])].filter((e) => e <= epochs).sort((a, b) => a - b);
}

/** Task: one shard of the ensemble (seed = shard index; its members' seeds derive from it). */
export async function trainVertexShard(c: VertexConfig, seed: number): Promise<VertexRecord> {
  assertInteger(c.members, 'members'); assertInteger(c.width, 'width'); assertInteger(c.depth, 'depth');
  assertInteger(c.epochs, 'epochs'); assertInteger(c.inputs, 'inputs'); assertPositive(c.cw, 'cw');
  await initBackend();
  const train = planeData(c.nTrain, c.trainSeed, c.scale), test = planeData(200, c.testSeed, c.scale);
  const bm = buildBatchedMlp({ members: c.members, inputDim: 2, widths: new Array(c.depth).fill(c.width), outputDim: 1, activation: activation('mrepu', { p: c.p }),
    cw: c.cw, cb: 0, seed: REPU_SEED + 700 + 1000 * seed });
  const probe = tf.tensor2d(test.x.slice(0, c.inputs));
  const cps = vertexCheckpoints(c.epochs);
  const sums: number[] = [], finite: number[] = [];
  let alive = new Array(c.members).fill(1);
  const measure = () => {
    const zs = batchedPreactivations(bm, probe);
    for (let l = 0; l < c.depth; l++) {
      const ps: MemberPowerSums = memberPowerSums(zs[l].dataSync(), c.members, c.inputs, c.width);
      for (const a of [ps.s1, ps.s2, ps.s3, ps.s4]) for (const v of a) sums.push(v);
    }
    tf.dispose(zs);
    finite.push(...alive);
  };
  measure();
  const res = await trainBatched(bm, train, { epochs: c.epochs, batchSize: c.batch, lr: 1e-3, seed: REPU_SEED + 701 + seed,
    onEpoch: (e, loss) => { alive = alive.map((a, m) => (a && Number.isFinite(loss[m]) ? 1 : 0)); if (cps.includes(e) && e > 0) measure(); } });
  const mse = evaluateBatched(bm, { x: test.x, y: test.y });
  const out = bm.predict(tf.tensor2d(test.x));
  const pred = out.dataSync();
  out.dispose();
  const ok = res.valid.filter((m) => alive[m]);
  const predSum = test.x.map((_, i) => ok.reduce((s, m) => s + pred[m * test.x.length + i], 0));
  probe.dispose();
  bm.dispose();
  return { epochs: cps, sums, finite, testMse: mse.map((v, m) => (ok.includes(m) ? v : NaN)), predSum, validCount: ok.length };
}

/** Per member of a shard, whether its loss stayed finite up to checkpoint c. */
export function finiteAt(r: VertexRecord, members: number, checkpoint: number): boolean[] {
  return r.finite.slice(checkpoint * members, (checkpoint + 1) * members).map((f) => f === 1);
}

/** Join the shards' power sums of one checkpoint and layer into one MemberPowerSums over every member. */
export function joinShards(records: readonly (VertexRecord & { config: Pick<VertexConfig, 'members' | 'depth'> })[], checkpoint: number, layer: number, inputs: number, neurons: number): MemberPowerSums {
  assertInteger(inputs, 'inputs'); assertInteger(neurons, 'neurons');
  const sizes = records.map((r) => r.config.members);
  const parts = records.map((r, i) => { const block = 4 * sizes[i] * inputs, o = (checkpoint * r.config.depth + layer) * block; return r.sums.slice(o, o + block); });
  const members = sizes.reduce((a, b) => a + b, 0);
  const cat = (k: number) => Float64Array.from(parts.flatMap((p, i) => p.slice(k * sizes[i] * inputs, (k + 1) * sizes[i] * inputs)));
  return { members, inputs, neurons, s1: cat(0), s2: cat(1), s3: cat(2), s4: cat(3) };
}

/** The ensemble of Fig. 7 (right): MRePU p = 2, 5 hidden layers, the §4.2 data and C_W of lib/experiments/repu/plane-training, in vtx.shards shards. */
export function vertexTasks(profile: Profile): TaskSpec<VertexConfig>[] {
  const S = repuSizes(profile), V = S.vtx;
  const trainSeed = REPU_SEED + 20, testSeed = REPU_SEED + 21;
  const scale = largestInputScale([...planeData(S.mSamples, trainSeed).x, ...planeData(200, testSeed).x]);
  const cw = largestNonGrowingCw(activation('mrepu', { p: 2 }), scale, 6, 1.0);
  if (V.members % V.shards !== 0) throw new RangeError(`vtx.members must be a multiple of vtx.shards, but got ${V.members} and ${V.shards}`);
  const config: VertexConfig = { members: V.members / V.shards, width: V.width, depth: 5, epochs: V.epochs, batch: V.batch, inputs: V.inputs, cw, p: 2, nTrain: S.mSamples, scale: 1, trainSeed, testSeed };
  return tasksOf([config], seeds(V.shards), (c) => (c.members * c.depth * c.width * c.width * c.epochs * c.nTrain) / 1e9 + 0.05);
}

export const vertexTraining = defineExperiment<VertexConfig>({
  name: 'repu-vertex-training', label: 'four-point vertex during training (Fig. 7 right)', version: 2,
  module: 'lib/experiments/repu/vertex-training.ts', task: 'trainVertexShard', tasks: vertexTasks,
});

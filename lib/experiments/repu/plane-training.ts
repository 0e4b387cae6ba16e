/**
 * Training protocols of Kim & Kang (arXiv 2408.02697) §3.2 (RePU, Tables 2–3, Figs. 2–3) and §4.2 (MRePU,
 * Figs. 7–8) at our sizes: one network per task (config × seed), trained with Adam on a regression in the plane,
 * with the empirical kernel K̂⁽ˡ⁾ and perpendicular susceptibility χ̂⊥⁽ˡ⁾ per hidden layer at five checkpoints
 * and the test-set outputs. Lost in our copy and assumed (docs/derivations/02-repu-mrepu.md §5): the target
 * y = sin(πx₁/a)·x₂/a on x ∈ [−a, a]², the optimiser, learning rate and epochs; C_W from the infinite-width
 * recursion (lib/theory/effective-theory largestNonGrowingCw) instead of by trial.
 */
import { activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertFinite, assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng } from '../../core/rng';
import { networkChiPerp, networkKernels } from '../../analysis/ensembles';
import { buildMlp, predictRows, train } from '../../networks/train';
import { largestNonGrowingCw } from '../../theory/effective-theory';
import type { Profile } from '../../report/profile';
import { defineExperiment, tasksOf, seeds, type TaskSpec } from '../../runtime/experiment';
import { repuSizes, REPU_SEED } from './sizes';

/** The assumed target of §3.2/§4.2 on the square [−a, a]²: y = sin(πx₁/a)·x₂/a (the same function of x/a at every scale a). */
export function planeTarget(x: readonly number[], scale = 1): number {
  return Math.sin((Math.PI * x[0]) / scale) * (x[1] / scale);
}

/** n points uniform on [−a, a]² (seeded) and their targets. */
export function planeData(n: number, seed: number, scale = 1): { x: number[][]; y: number[][] } {
  assertInteger(n, 'n');
  assertFinite(seed, 'seed');
  assertPositive(scale, 'scale');
  const rng = makeRng(seed);
  const x = Array.from({ length: n }, () => [scale * (2 * rng.uniform() - 1), scale * (2 * rng.uniform() - 1)]);
  return { x, y: x.map((v) => [planeTarget(v, scale)]) };
}

/** max over the rows of |x|²/n₀: K⁽¹⁾ = C_W times this for the largest input (C_b = 0). */
export function largestInputScale(xs: readonly (readonly number[])[]): number {
  if (!xs.length) throw new RangeError('xs must hold at least one input, but got none');
  return Math.max(...xs.map((x) => x.reduce((s, v) => s + v * v, 0) / x.length));
}

export type PlaneConfig = {
  activation: 'repu' | 'mrepu';
  p: number;
  depth: number;
  width: number;
  cw: number;
  epochs: number;
  lr: number;
  batch: number;
  nTrain: number;
  nTest: number;
  /** Input half-range a (inputs on [−a, a]²). */
  scale: number;
  /** Seeds of the training and test sets (shared by every member of an ensemble). */
  trainSeed: number;
  testSeed: number;
  /** Label of the arm (for tables); not used by the protocol. */
  arm: string;
};

export type PlaneRecord = {
  diverged: boolean;
  /** Epoch at which training diverged (0: the outputs at init are not finite), else -1. */
  divergedAt: number;
  finalLoss: number;
  /** Training loss at the five checkpoints (NaN where diverged). */
  lossAt: number[];
  /** Test MSE of this member. */
  testMse: number;
  /** K̂⁽ˡ⁾ flat [checkpoint · (depth + 1) + ℓ − 1] over the hidden layers and the output, checkpoints init, ¼, ½, ¾, end of training (NaN after a divergence). */
  kernels: number[];
  /** χ̂⊥⁽ˡ⁾ flat [checkpoint · depth + ℓ − 1] over the hidden layers. */
  chi: number[];
  /** Outputs on the test set (empty if diverged). */
  pred: number[];
};

/** The checkpoint epochs: init (0), ¼, ½, ¾ and the end. */
export function checkpointEpochs(epochs: number): number[] {
  assertInteger(epochs, 'epochs');
  return [0, Math.round(epochs / 4), Math.round(epochs / 2), Math.round((3 * epochs) / 4), epochs];
}

/** Task: train one network (seed = its initialisation seed; the data come from the config's seeds). Divergence is data, never NaN in the loss fields. */
export async function trainPlaneNet(c: PlaneConfig, seed: number): Promise<PlaneRecord> {
  assertOneOf(c.activation, 'activation', ['repu', 'mrepu']);
  assertInteger(c.depth, 'depth'); assertInteger(c.width, 'width'); assertInteger(c.epochs, 'epochs');
  assertPositive(c.cw, 'cw'); assertPositive(c.lr, 'lr'); assertPositive(c.scale, 'scale');
  await initBackend();
  const act = activation(c.activation, { p: c.p });
  const data = planeData(c.nTrain, c.trainSeed, c.scale);
  const test = planeData(c.nTest, c.testSeed, c.scale);
  const checkpoints = checkpointEpochs(c.epochs);
  const mlp = buildMlp({ inputDim: 2, widths: new Array(c.depth).fill(c.width), outputDim: 1, activation: act, cw: c.cw, cb: 0, seed });
  const kernels: number[] = [...networkKernels(mlp, test.x)], chi: number[] = [...networkChiPerp(mlp, test.x)];
  const lossAt: number[] = [];
  let loss: number[] = [], divergedAt = -1;
  try {
    const r = await train(mlp, data, { epochs: c.epochs, batchSize: c.batch, lr: c.lr, seed: seed + 1000,
      onEpoch: (e, l) => { if (checkpoints.includes(e)) { kernels.push(...networkKernels(mlp, test.x)); chi.push(...networkChiPerp(mlp, test.x)); lossAt.push(l); } } });
    loss = r.loss;
  } catch (e) {
    const m = /epoch (\d+)/.exec(String((e as Error).message));
    divergedAt = m ? Number(m[1]) : 0;
  }
  let pred = divergedAt < 0 ? predictRows(mlp, test.x).map((r) => r[0]) : [];
  if (pred.some((v) => !Number.isFinite(v))) { divergedAt = c.epochs; pred = []; }
  mlp.dispose();
  const diverged = divergedAt >= 0;
  const testMse = diverged ? NaN : pred.reduce((s, v, i) => s + (v - test.y[i][0]) ** 2, 0) / pred.length;
  while (lossAt.length < checkpoints.length - 1) lossAt.push(NaN);
  const fill = (a: number[], stride: number) => { while (a.length < checkpoints.length * stride) a.push(NaN); return a.map((v) => (Number.isFinite(v) ? v : NaN)); };
  return { diverged, divergedAt, finalLoss: diverged ? NaN : loss[loss.length - 1], lossAt, testMse, kernels: fill(kernels, c.depth + 1), chi: fill(chi, c.depth), pred };
}

/** RePU training (Tables 2–3): p = 2, depths 1, 3, 5; C_W per depth from the recursion for the largest input of train ∪ test. */
export function repuTrainingTasks(profile: Profile): TaskSpec<PlaneConfig>[] {
  const S = repuSizes(profile);
  const trainSeed = REPU_SEED + 10, testSeed = REPU_SEED + 11, nTest = 200;
  const scale = largestInputScale([...planeData(100, trainSeed).x, ...planeData(nTest, testSeed).x]);
  const configs = [1, 3, 5].map((depth): PlaneConfig => ({ activation: 'repu', p: 2, depth, width: S.trainWidth, cw: largestNonGrowingCw(activation('repu', { p: 2 }), scale, depth + 1),
    epochs: S.trainEpochs, lr: 1e-3, batch: 100, nTrain: 100, nTest, scale: 1, trainSeed, testSeed, arm: `RePU, ${depth} hidden` }));
  return tasksOf(configs, seeds(S.trainNets, REPU_SEED + 100), (c) => (c.depth * c.width * c.width * c.epochs * c.nTrain) / 1e8 + 0.05);
}

export const repuTraining = defineExperiment<PlaneConfig>({
  name: 'repu-training', label: 'RePU training (Tables 2–3)', version: 1,
  module: 'lib/experiments/repu/plane-training.ts', task: 'trainPlaneNet', tasks: repuTrainingTasks,
});

/** Input half-range a of the near-critical arms: K⁽¹⁾ ≤ C_W a² ≈ 2.5e-3, where MRePU's kernel stays flat over 5 layers at C_W ≈ 1 (a₁K⁽¹⁾L ≈ 0.2). */
export const SMALL_SCALE = 0.05;

/**
 * MRePU training (Figs. 7–8) and the matched comparison: 5 hidden layers, the same data and C_W for MRePU and RePU.
 * Arms: (i) inputs on [−1, 1]² with C_W from the recursion (our first-pass protocol, deep in the vanishing phase);
 * (ii) inputs on [−a, a]², a = SMALL_SCALE, at C_W = 0.95 ("slightly below" 1, §4.2), MRePU p = 2, MRePU p = 1 and RePU p = 2.
 */
export function mrepuTrainingTasks(profile: Profile): TaskSpec<PlaneConfig>[] {
  const S = repuSizes(profile);
  const trainSeed = REPU_SEED + 20, testSeed = REPU_SEED + 21, nTest = 200;
  const base = { depth: 5, width: S.trainWidth, epochs: S.mEpochs, lr: 1e-3, batch: 250, nTrain: S.mSamples, nTest, trainSeed, testSeed };
  const unitScale = largestInputScale([...planeData(S.mSamples, trainSeed).x, ...planeData(nTest, testSeed).x]);
  const cwRule = largestNonGrowingCw(activation('mrepu', { p: 2 }), unitScale, 6, 1.0);
  const configs: PlaneConfig[] = [
    { ...base, activation: 'mrepu', p: 2, cw: cwRule, scale: 1, arm: 'MRePU p=2, unit inputs, C_W by rule' },
    { ...base, activation: 'mrepu', p: 2, cw: 0.95, scale: SMALL_SCALE, arm: 'MRePU p=2, small inputs, C_W=0.95' },
    { ...base, activation: 'mrepu', p: 1, cw: 0.95, scale: SMALL_SCALE, arm: 'MRePU p=1, small inputs, C_W=0.95' },
    { ...base, activation: 'repu', p: 2, cw: 0.95, scale: SMALL_SCALE, arm: 'RePU p=2, small inputs, C_W=0.95' },
  ];
  return tasksOf(configs, seeds(S.mNets, REPU_SEED + 500), (c) => (c.depth * c.width * c.width * c.epochs * c.nTrain) / 1e8 + 0.05);
}

export const mrepuTraining = defineExperiment<PlaneConfig>({
  name: 'mrepu-training', label: 'MRePU vs RePU training (Figs. 7–8)', version: 1,
  module: 'lib/experiments/repu/plane-training.ts', task: 'trainPlaneNet', tasks: mrepuTrainingTasks,
});

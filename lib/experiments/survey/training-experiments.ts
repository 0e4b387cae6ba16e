/**
 * Notebook 01's training experiments as task grids for lib/runtime (one task = one configuration × one seed):
 * §1 non-linearity (SciencePedia, "Activation Functions", § Spark of non-linearity), §3 dying units and ELU's
 * mean activation (§ Art of the gradient, § Modern menagerie), §6 GELU/SiLU vs ReLU and deep sigmoid vs deep
 * ReLU training, with the roughness of the loss along random directions (§ Modern menagerie, § Landscape of
 * learning), §7 the signed-graph GNN (§ Modern menagerie). Derivations and choices: docs/derivations/01-survey.md.
 * Every task builds its data from fixed seeds, so a task is a pure function of (config, seed).
 */
import * as tf from '@tensorflow/tfjs';
import { activation, Activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertFinite, assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng, normals } from '../../core/rng';
import { twoMoons, xor, sine1d, spirals, accuracy } from '../../data/datasets';
import { buildMlp, train, predictRows, evaluate, inactiveUnitFraction, Dataset, Mlp } from '../../networks/train';
import { toMlp64, Mlp64 } from '../../networks/mlp-float64';
import { bySize, Profile } from '../../report/profile';
import { defineExperiment, Experiment, grid, seeds, tasksOf, TaskSpec } from '../../runtime/experiment';
import { collapseAffineStack, applyAffine } from './linear-stack';
import { makeSignedGraph, trainSignedGnn } from './signed-graph';

const MODULE = 'lib/experiments/survey/training-experiments.ts';

/** Sizes of these experiments per profile (epochs, steps, seeds); the notebook prints them. */
export const TRAINING_SIZES = {
  quick: { linEpochs: 80, linSeeds: 2, dyingEpochs: 15, dyingSeeds: 2, modernDepths: [2, 4], modernWidths: [16], modernEpochs: 20, modernSeeds: 2, graphN: 120, graphSteps: 150, graphSeeds: 2 },
  default: { linEpochs: 200, linSeeds: 10, dyingEpochs: 30, dyingSeeds: 10, modernDepths: [2, 4, 8], modernWidths: [16, 32], modernEpochs: 40, modernSeeds: 10, graphN: 300, graphSteps: 400, graphSeeds: 10 },
  paper: { linEpochs: 500, linSeeds: 30, dyingEpochs: 100, dyingSeeds: 30, modernDepths: [2, 4, 8, 16], modernWidths: [16, 32, 64, 128], modernEpochs: 200, modernSeeds: 30, graphN: 1000, graphSteps: 1000, graphSeeds: 30 },
};
export const trainingSizes = (p: Profile) => bySize(TRAINING_SIZES, p);

/** Diverged training is data: the task reports it instead of throwing (the runtime would count a throw as a failed task). */
function divergedMessage(e: unknown): string | null {
  const m = e instanceof Error ? e.message : String(e);
  return /diverg|NaN|non-finite|not finite/i.test(m) ? m.split('\n')[0] : null;
}

// ---------------------------------------------------------------- §1 non-linearity

export type NonlinTask = 'XOR' | 'two moons' | 'sin x';
export interface NonlinConfig { task: NonlinTask; net: 'linear' | 'tanh'; epochs: number; [k: string]: unknown }

/** The three §1 datasets (fixed seeds 11, 12, 13). */
export function nonlinData(task: NonlinTask): { data: Dataset; kind: 'bce' | 'mse' } {
  assertOneOf(task, 'task', ['XOR', 'two moons', 'sin x'] as const);
  if (task === 'XOR') return { data: xor(25, 0.1, 11), kind: 'bce' };
  if (task === 'two moons') return { data: twoMoons(200, 0.1, 12), kind: 'bce' };
  return { data: sine1d(128, 1, 13), kind: 'mse' };
}

/** §1: a 5-layer linear stack (widths 16) or a 1-hidden-layer tanh net (16) trained with Adam; score = accuracy or R²; for the stack, the collapse error of W = W₁⋯W₅. */
export async function nonlinTask(c: NonlinConfig, seed: number) {
  assertOneOf(c.net, 'net', ['linear', 'tanh'] as const);
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const { data, kind } = nonlinData(c.task);
  const act = activation(c.net === 'linear' ? 'identity' : 'tanh');
  const mlp = buildMlp({ inputDim: data.x[0].length, widths: c.net === 'linear' ? [16, 16, 16, 16] : [16], outputDim: 1, activation: act, output: kind === 'bce' ? 'sigmoid' : 'linear', seed: 21 + 100 * seed });
  try {
    await train(mlp, data, { epochs: c.epochs, batchSize: 32, lr: 0.01, loss: kind, seed: 22 + 100 * seed });
    const pred = predictRows(mlp, data.x);
    const meanSq = data.y.reduce((s, [v]) => s + v * v, 0) / data.y.length;
    const score = kind === 'bce' ? accuracy(pred, data.y) : 1 - evaluate(mlp, data) / meanSq;
    let collapseErr: number | null = null;
    if (c.net === 'linear') {
      const arr = mlp.params.map((p) => p.arraySync() as number[][] | number[]);
      const layers = [];
      for (let i = 0; i < arr.length; i += 2) layers.push({ W: arr[i] as number[][], b: arr[i + 1] as number[] });
      const { W, b } = collapseAffineStack(layers);
      const logits = tf.tidy(() => mlp.logits(tf.tensor2d(data.x)).arraySync() as number[][]);
      const single = applyAffine(data.x, W, b);
      collapseErr = Math.max(...single.map((r, i) => Math.abs(r[0] - logits[i][0]) / (1 + Math.abs(logits[i][0]))));
    }
    return { score, metric: kind === 'bce' ? 'accuracy' : 'R²', collapseErr };
  } finally {
    mlp.dispose();
  }
}

export const nonlinExperiment = defineExperiment<NonlinConfig>({
  name: 'survey-nonlinearity', version: 1, module: MODULE, task: 'nonlinTask', label: '§1 linear stack vs tanh',
  tasks: (p) => {
    const s = trainingSizes(p);
    const tasks: NonlinTask[] = ['XOR', 'two moons', 'sin x'];
    return [
      ...tasksOf(tasks.map((task) => ({ task, net: 'linear' as const, epochs: s.linEpochs })), [0], (c) => c.epochs / 100),
      ...tasksOf(tasks.map((task) => ({ task, net: 'tanh' as const, epochs: s.linEpochs })), seeds(s.linSeeds), (c) => c.epochs / 100),
    ];
  },
});

// ---------------------------------------------------------------- §3 dying ReLU, ELU's mean activation and speed

export interface DyingConfig { activation: 'relu' | 'leaky-relu' | 'elu'; lr: number; epochs: number; [k: string]: unknown }

/** The §3 activation: ReLU, leaky ReLU with α = 0.01, ELU with α = 1. */
export function dyingActivation(name: DyingConfig['activation']): Activation {
  assertOneOf(name, 'activation', ['relu', 'leaky-relu', 'elu'] as const);
  return name === 'relu' ? activation('relu') : name === 'leaky-relu' ? activation('leaky-relu', { alpha: 0.01 }) : activation('elu', { alpha: 1 });
}

/** Mean post-activation value over every hidden unit and input (the "mean activation"), per hidden layer. */
export function hiddenMeans(mlp: Mlp, x: number[][]): number[] {
  const hs = mlp.hidden(tf.tensor2d(x));
  try {
    return hs.map((h) => tf.tidy(() => h.mean().dataSync()[0]));
  } finally {
    tf.dispose(hs);
  }
}

/**
 * §3: a 2–64–64–1 net (sigmoid output, BCE) on two moons (400 points, noise 0.2, seed 51), Adam at `lr`, batch 16.
 * Records per epoch the fraction of hidden units ≤ 0 on every input and the training loss; the mean activation of the
 * hidden layers at initialisation and at the end.
 */
export async function dyingTask(c: DyingConfig, seed: number) {
  assertPositive(c.lr, 'lr');
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const moons = twoMoons(400, 0.2, 51);
  const act = dyingActivation(c.activation);
  const mlp = buildMlp({ inputDim: 2, widths: [64, 64], outputDim: 1, activation: act, output: 'sigmoid', cb: 0.01, seed: 52 + 100 * seed });
  try {
    const inactive = [inactiveUnitFraction(mlp, moons.x)];
    const meanInit = hiddenMeans(mlp, moons.x);
    let loss: number[] = [], diverged: string | null = null;
    try {
      const r = await train(mlp, moons, { epochs: c.epochs, batchSize: 16, lr: c.lr, loss: 'bce', seed: 53 + 100 * seed, onEpoch: () => { inactive.push(inactiveUnitFraction(mlp, moons.x)); } });
      loss = r.loss;
    } catch (e) {
      diverged = divergedMessage(e);
      if (diverged === null) throw e;
    }
    const meanEnd = diverged ? null : hiddenMeans(mlp, moons.x);
    return { inactive, finalInactive: inactive[inactive.length - 1], loss, meanInit, meanEnd, diverged };
  } finally {
    mlp.dispose();
  }
}

export const dyingExperiment = defineExperiment<DyingConfig>({
  name: 'survey-dying', version: 1, module: MODULE, task: 'dyingTask', label: '§3 dying units',
  tasks: (p) => {
    const s = trainingSizes(p);
    return tasksOf(grid({ activation: ['relu', 'leaky-relu', 'elu'] as const, lr: [0.05, 0.005], epochs: [s.dyingEpochs] }), seeds(s.dyingSeeds), (c) => c.epochs / 10);
  },
});

// ---------------------------------------------------------------- §6 modern activations, deep sigmoid, landscape roughness

export interface ModernConfig { activation: 'relu' | 'gelu' | 'swish' | 'sigmoid'; depth: number; width: number; cw: number; epochs: number; [k: string]: unknown }

/** The §6 task: two spirals, 300 points, 2 turns, noise 0.02 (seed 71) — hard enough that no depth reaches a common loss floor in the budget. */
export const modernData = (): Dataset => spirals(300, 2, 0.02, 71);

/** Mean binary cross-entropy of a float64 net (logit output) on a dataset. */
export function bce64(net: Mlp64, f: (z: number) => number, d: Dataset): number {
  let s = 0;
  for (let i = 0; i < d.x.length; i++) {
    let h: number[] = d.x[i];
    for (let l = 0; l < net.weights.length; l++) {
      const W = net.weights[l], b = net.biases[l], z = b.slice();
      for (let a = 0; a < h.length; a++) { const row = W[a], ha = h[a]; for (let j = 0; j < z.length; j++) z[j] += ha * row[j]; }
      h = l === net.weights.length - 1 ? z : z.map(f);
    }
    const zl = h[0], y = d.y[i][0];
    s += Math.max(zl, 0) - zl * y + Math.log1p(Math.exp(-Math.abs(zl)));
  }
  return s / d.x.length;
}

/**
 * Roughness of the loss along random directions: L(θ + t·d) for `points` values of t ∈ [−1, 1], d Gaussian scaled to
 * ‖d‖ = scale·‖θ‖; the relative total variation of the second difference, Σ|Δ³L| / Σ|Δ²L| (→ 0 as the grid refines
 * for a C³ loss; O(1) where the curvature jumps at kinks). Returns the mean over `directions` directions.
 */
export function lossRoughness(net: Mlp64, f: (z: number) => number, d: Dataset, o: { directions: number; points: number; scale: number; seed: number }): number {
  assertInteger(o.directions, 'directions');
  assertInteger(o.points, 'points', 5);
  assertPositive(o.scale, 'scale');
  const rng = makeRng(o.seed);
  const flat = (n: Mlp64) => [...n.weights.flatMap((W) => W.flat()), ...n.biases.flat()];
  const theta = flat(net), norm = Math.hypot(...theta);
  const rebuild = (v: number[]): Mlp64 => {
    let k = 0;
    const weights = net.weights.map((W) => W.map((row) => row.map(() => v[k++])));
    const biases = net.biases.map((b) => b.map(() => v[k++]));
    return { weights, biases };
  };
  let total = 0;
  for (let r = 0; r < o.directions; r++) {
    const dir = Array.from(normals(rng, theta.length));
    const dn = Math.hypot(...dir), s = (o.scale * norm) / dn;
    const L = Array.from({ length: o.points }, (_, i) => {
      const t = -1 + (2 * i) / (o.points - 1);
      return bce64(rebuild(theta.map((v, j) => v + t * s * dir[j])), f, d);
    });
    const d2 = L.slice(2).map((v, i) => v - 2 * L[i + 1] + L[i]);
    const tv = d2.slice(1).reduce((a, v, i) => a + Math.abs(v - d2[i]), 0), mass = d2.reduce((a, v) => a + Math.abs(v), 0);
    total += mass > 0 ? tv / mass : 0;
  }
  return total / o.directions;
}

/**
 * §6: an MLP (depth × width, init C_W = cw, C_b = 0) on the two spirals, Adam lr 0.005, batch 32: loss per epoch,
 * and after training the roughness of the loss along 2 random directions (121 points, ‖d‖ = 0.05‖θ‖).
 */
export async function modernTask(c: ModernConfig, seed: number) {
  assertOneOf(c.activation, 'activation', ['relu', 'gelu', 'swish', 'sigmoid'] as const);
  assertInteger(c.depth, 'depth');
  assertInteger(c.width, 'width');
  assertPositive(c.cw, 'cw');
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const d = modernData();
  const act = c.activation === 'swish' ? activation('swish', { beta: 1 }) : activation(c.activation);
  const mlp = buildMlp({ inputDim: 2, widths: new Array(c.depth).fill(c.width), outputDim: 1, activation: act, output: 'sigmoid', cw: c.cw, seed: 700 + seed });
  try {
    let loss: number[] = [], diverged: string | null = null;
    try {
      loss = (await train(mlp, d, { epochs: c.epochs, batchSize: 32, lr: 0.005, loss: 'bce', seed: 800 + seed })).loss;
    } catch (e) {
      diverged = divergedMessage(e);
      if (diverged === null) throw e;
    }
    const roughness = diverged ? null : lossRoughness(toMlp64(mlp), act.f, d, { directions: 2, points: 121, scale: 0.05, seed: 900 + seed });
    return { loss, finalLoss: diverged ? null : loss[loss.length - 1], roughness, diverged };
  } finally {
    mlp.dispose();
  }
}

/** Customary initialisation per activation: LeCun (C_W = 1) for sigmoid, He (C_W = 2) for the ReLU family. */
export const customaryCw = (a: ModernConfig['activation']) => (a === 'sigmoid' ? 1 : 2);

export const modernExperiment = defineExperiment<ModernConfig>({
  name: 'survey-modern', version: 2, module: MODULE, task: 'modernTask', label: '§6 GELU/SiLU vs ReLU, deep sigmoid',
  tasks: (p) => {
    const s = trainingSizes(p);
    const mid = s.modernWidths[Math.floor(s.modernWidths.length / 2)];
    const configs: ModernConfig[] = [];
    const acts = ['relu', 'gelu', 'swish', 'sigmoid'] as const;
    for (const a of acts.slice(0, 3)) for (const depth of s.modernDepths) configs.push({ activation: a, depth, width: mid, cw: customaryCw(a), epochs: s.modernEpochs });
    // deep sigmoid vs deep ReLU: sigmoid at the deepest depth only
    configs.push({ activation: 'sigmoid', depth: s.modernDepths[s.modernDepths.length - 1], width: mid, cw: customaryCw('sigmoid'), epochs: s.modernEpochs });
    // the width axis at the middle depth (ReLU, GELU, SiLU)
    const midDepth = s.modernDepths[Math.floor(s.modernDepths.length / 2)];
    for (const a of acts.slice(0, 3)) for (const width of s.modernWidths) if (width !== mid) configs.push({ activation: a, depth: midDepth, width, cw: 2, epochs: s.modernEpochs });
    return tasksOf(configs, seeds(s.modernSeeds), (c) => (c.depth * c.width * c.width * c.epochs) / 1e5);
  },
});

// ---------------------------------------------------------------- §7 signed graph

export interface GraphConfig { channels: number; activation: 'relu' | 'elu' | 'identity'; steps: number; n: number; [k: string]: unknown }

/** §7: the signed-graph GNN (lib/experiments/survey/signed-graph.ts) on graph `seed` (900 + seed), init 950 + seed, full-batch Adam lr 0.05. */
export async function graphTask(c: GraphConfig, seed: number) {
  assertInteger(c.channels, 'channels');
  assertInteger(c.steps, 'steps');
  assertInteger(c.n, 'n', 4);
  assertOneOf(c.activation, 'activation', ['relu', 'elu', 'identity'] as const);
  await initBackend();
  const g = makeSignedGraph({ n: c.n, degree: 4, fracNegative: 0.5, seed: 900 + seed });
  const r = await trainSignedGnn(g, activation(c.activation), { width: c.channels, steps: c.steps, lr: 0.05, seed: 950 + seed });
  assertFinite(r.accuracy, 'accuracy');
  return { accuracy: r.accuracy, finalLoss: r.loss[r.loss.length - 1] };
}

export const graphExperiment = defineExperiment<GraphConfig>({
  name: 'survey-signed-graph', version: 1, module: MODULE, task: 'graphTask', label: '§7 signed-graph GNN',
  tasks: (p) => {
    const s = trainingSizes(p);
    // one channel for every activation; eight channels for ReLU only (the claim that ReLU is blind with several channels): ELU and the
    // linear reference at c = 8 decided nothing and were dropped
    const base = [...grid({ channels: [1], activation: ['relu', 'elu', 'identity'] as const, steps: [s.graphSteps], n: [s.graphN] }),
      ...grid({ channels: [8], activation: ['relu'] as const, steps: [s.graphSteps], n: [s.graphN] })];
    // the step budget: ReLU and ELU with one channel also at 4× the steps
    const long = grid({ channels: [1], activation: ['relu', 'elu'] as const, steps: [4 * s.graphSteps], n: [s.graphN] });
    return tasksOf([...base, ...long] as GraphConfig[], seeds(s.graphSeeds), (c) => (c.steps * c.n * c.n) / 1e8);
  },
});

/** Every experiment of this module (for make estimate / make sweep). */
export const TRAINING_EXPERIMENTS: Experiment<any, any>[] = [nonlinExperiment, dyingExperiment, modernExperiment, graphExperiment];
export type { TaskSpec };

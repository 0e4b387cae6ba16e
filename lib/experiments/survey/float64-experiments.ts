/**
 * Notebook 01's float64 experiments as task grids for lib/runtime: §2 gradient norms through depth at initialisation
 * (SciencePedia, "Activation Functions", § Art of the gradient), with the critical initialisation of SiLU and GELU
 * (D. A. Roberts, S. Yaida & B. Hanin, The Principles of Deep Learning Theory, §5: χ∥ = χ⊥ = 1); §4 one neuron under
 * heavy-tailed inputs (§ Bounded, unbounded, outliers); and the curvature-based optimiser of § Landscape of learning
 * (L-BFGS on a small tanh or ReLU net). docs/derivations/01-survey.md states the choices.
 */
import { activation, Activation } from '../../core/activations';
import { assertInteger, assertNonNegative, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng, normals } from '../../core/rng';
import { studentT } from '../../data/datasets';
import { criticality } from '../../theory/effective-theory';
import { bySize, Profile } from '../../report/profile';
import { defineExperiment, Experiment, seeds, tasksOf } from '../../runtime/experiment';
import { initDeepNet, layerGradientNorms, layersUntilVanished } from './gradient-flow';
import { neuronDescent } from './single-neuron';

const MODULE = 'lib/experiments/survey/float64-experiments.ts';

export const FLOAT64_SIZES = {
  quick: { depth: 20, width: 64, gradBatch: 8, flowSeeds: 5, outlierN: 400, gdSteps: 100, outlierSeeds: 5, lbfgsIters: 60, lbfgsSeeds: 3 },
  default: { depth: 30, width: 128, gradBatch: 16, flowSeeds: 10, outlierN: 2000, gdSteps: 300, outlierSeeds: 10, lbfgsIters: 200, lbfgsSeeds: 10 },
  paper: { depth: 50, width: 512, gradBatch: 64, flowSeeds: 30, outlierN: 10000, gdSteps: 1000, outlierSeeds: 30, lbfgsIters: 500, lbfgsSeeds: 30 },
};
export const float64Sizes = (p: Profile) => bySize(FLOAT64_SIZES, p);

// ---------------------------------------------------------------- §2 gradient flow

export type FlowActivation = 'sigmoid' | 'tanh' | 'relu' | 'gelu' | 'swish';
export interface FlowConfig { activation: FlowActivation; cw: number; cb: number; init: string; depth: number; width: number; batch: number; [k: string]: unknown }

const flowAct = (a: FlowActivation): Activation => (a === 'swish' ? activation('swish', { beta: 1 }) : activation(a));

/** §2: ‖∂L/∂W_ℓ‖_F per layer at initialisation (squared error, Gaussian inputs of dimension 16, Gaussian targets; data seed 41 + 1000·seed, weights 42 + 1000·seed). */
export function flowTask(c: FlowConfig, seed: number) {
  assertInteger(c.depth, 'depth');
  assertInteger(c.width, 'width');
  assertInteger(c.batch, 'batch');
  assertPositive(c.cw, 'cw');
  assertNonNegative(c.cb, 'cb');
  const rng = makeRng(41 + 1000 * seed);
  const x = Array.from({ length: c.batch }, () => Array.from(normals(rng, 16)));
  const y = x.map(() => rng.normal());
  const net = initDeepNet({ activation: flowAct(c.activation), inputDim: 16, width: c.width, depth: c.depth, cw: c.cw, cb: c.cb, seed: 42 + 1000 * seed });
  const norms = layerGradientNorms(net, x, y);
  return { norms, logRatio: Math.log10(norms[0] / norms[norms.length - 1]), vanishedAt: layersUntilVanished(norms, 1e-6) };
}

/** The critical (C_W, C_b) of an activation with a finite fixed point K* (lib/theory/effective-theory.ts), rounded to 4 digits so the cache key is stable. */
export function criticalInit(a: 'gelu' | 'swish'): { cw: number; cb: number } {
  const c = criticality(flowAct(a));
  const s = c.solutions.find((q) => q.kind === 'finite K*');
  if (!s) throw new Error(`no finite critical point for ${a}: ${c.reason}`);
  return { cw: Number(s.cw.toPrecision(4)), cb: Number(s.cb.toPrecision(4)) };
}

/** The §2 configurations: each activation at its customary init, SiLU and GELU also at their critical init. */
export function flowConfigs(p: Profile): FlowConfig[] {
  const s = float64Sizes(p);
  const base = { depth: s.depth, width: s.width, batch: s.gradBatch };
  const customary: [FlowActivation, number][] = [['sigmoid', 1], ['tanh', 1], ['relu', 2], ['gelu', 2], ['swish', 2]];
  return [
    ...customary.map(([activation, cw]) => ({ activation, cw, cb: 0, init: cw === 1 ? 'LeCun' : 'He', ...base })),
    ...(['swish', 'gelu'] as const).map((a) => ({ activation: a, ...criticalInit(a), init: 'critical', ...base })),
  ];
}

export const flowExperiment = defineExperiment<FlowConfig>({
  name: 'survey-gradient-flow', version: 1, module: MODULE, task: 'flowTask', label: '§2 gradients through depth',
  tasks: (p) => tasksOf(flowConfigs(p), seeds(float64Sizes(p).flowSeeds), (c) => (c.depth * c.width * c.width * c.batch) / 1e6),
});

// ---------------------------------------------------------------- §4 outliers

export type TailName = 'cauchy' | 'nu2' | 'nu5' | 'normal';
export const TAILS: readonly TailName[] = ['cauchy', 'nu2', 'nu5', 'normal'];
export const TAIL_LABEL: Record<TailName, string> = { cauchy: 'ν=1 (Cauchy)', nu2: 'ν=2', nu5: 'ν=5', normal: 'normal' };

/** Inputs x ~ Student-t(ν) (normal for ν = ∞), targets y = x/(1+|x|) + 0.1ε (softsign: bounded, generated by neither neuron). */
export function outlierData(tail: TailName, n: number, seed: number): { x: number[]; y: number[] } {
  assertOneOf(tail, 'tail', TAILS);
  assertInteger(n, 'n');
  const r = makeRng(seed);
  const nu = tail === 'cauchy' ? 1 : tail === 'nu2' ? 2 : tail === 'nu5' ? 5 : 0;
  const x = Array.from({ length: n }, () => (nu ? studentT(r, nu) : r.normal()));
  return { x, y: x.map((v) => v / (1 + Math.abs(v)) + 0.1 * r.normal()) };
}

export interface OutlierConfig { tail: TailName; activation: 'tanh' | 'relu'; n: number; steps: number; [k: string]: unknown }

/** §4: full-batch gradient descent on one neuron f(wx + b) from (0.5, 0.1), lr 0.1, on dataset 1000 + seed; divergence (loss > 1e12 or non-finite) is data. */
export function outlierTask(c: OutlierConfig, seed: number) {
  assertOneOf(c.activation, 'activation', ['tanh', 'relu'] as const);
  assertInteger(c.steps, 'steps');
  const d = outlierData(c.tail, c.n, 1000 + seed);
  const r = neuronDescent(activation(c.activation), d, { w0: 0.5, b0: 0.1, lr: 0.1, steps: c.steps });
  const every = r.path.filter((p) => p.step < 10 || p.step % 5 === 0); // every step at first, so a run that blows up early still shows
  return {
    diverged: r.divergedAt !== null ? 1 : 0, divergedAt: r.divergedAt, finalLoss: r.path.length ? r.path[r.path.length - 1].loss : null,
    pathStep: seed === 0 ? every.map((p) => p.step) : null, pathLoss: seed === 0 ? every.map((p) => p.loss) : null,
  };
}

export const outlierExperiment = defineExperiment<OutlierConfig>({
  name: 'survey-outliers', version: 2, module: MODULE, task: 'outlierTask', label: '§4 outliers',
  tasks: (p) => {
    const s = float64Sizes(p);
    const configs = TAILS.flatMap((tail) => (['tanh', 'relu'] as const).map((a) => ({ tail, activation: a, n: s.outlierN, steps: s.gdSteps })));
    return tasksOf(configs, seeds(s.outlierSeeds), (c) => (c.n * c.steps) / 1e6);
  },
});

// ---------------------------------------------------------------- § Landscape of learning: a curvature-based optimiser

/** A 1→h→1 net N(x) = Σ v_j φ(w_j x + b_j) + c as a flat vector [w (h), b (h), v (h), c]. */
export function smallNetLossGrad(theta: readonly number[], act: Activation, x: readonly number[], y: readonly number[]): { loss: number; grad: number[] } {
  const h = (theta.length - 1) / 3;
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`theta must have 3h + 1 entries (h ≥ 1), but got ${theta.length}`);
  if (x.length !== y.length || x.length === 0) throw new RangeError(`x and y must be non-empty and of equal length, but got ${x.length} and ${y.length}`);
  const grad = new Array<number>(theta.length).fill(0);
  let loss = 0;
  for (let i = 0; i < x.length; i++) {
    let out = theta[3 * h];
    const zs = new Array<number>(h);
    for (let j = 0; j < h; j++) { zs[j] = theta[j] * x[i] + theta[h + j]; out += theta[2 * h + j] * act.f(zs[j]); }
    const r = out - y[i];
    loss += 0.5 * r * r;
    for (let j = 0; j < h; j++) {
      const g = r * theta[2 * h + j] * act.df(zs[j]);
      grad[j] += g * x[i];
      grad[h + j] += g;
      grad[2 * h + j] += r * act.f(zs[j]);
    }
    grad[3 * h] += r;
  }
  return { loss: loss / x.length, grad: grad.map((g) => g / x.length) };
}

/** L-BFGS (memory m) with a backtracking Armijo line search; stops at `iters` iterations or when the step stalls. Returns the loss history. */
export function lbfgs(fg: (t: number[]) => { loss: number; grad: number[] }, theta0: readonly number[], o: { iters: number; memory?: number }): { theta: number[]; loss: number[] } {
  assertInteger(o.iters, 'iters');
  const m = assertInteger(o.memory ?? 10, 'memory');
  let t = theta0.slice(), cur = fg(t);
  const S: number[][] = [], Y: number[][] = [], loss = [cur.loss];
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  for (let it = 0; it < o.iters; it++) {
    // two-loop recursion: d = −H g
    const q = cur.grad.slice(), alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) { const a = dot(S[k], q) / dot(Y[k], S[k]); alpha[k] = a; for (let i = 0; i < q.length; i++) q[i] -= a * Y[k][i]; }
    const gamma = S.length ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1e-2;
    for (let i = 0; i < q.length; i++) q[i] *= gamma;
    for (let k = 0; k < S.length; k++) { const b = dot(Y[k], q) / dot(Y[k], S[k]); for (let i = 0; i < q.length; i++) q[i] += (alpha[k] - b) * S[k][i]; }
    let d = q.map((v) => -v), slope = dot(d, cur.grad);
    if (!(slope < 0)) { d = cur.grad.map((v) => -v); slope = -dot(cur.grad, cur.grad); S.length = 0; Y.length = 0; }
    let step = 1, next = fg(t.map((v, i) => v + step * d[i]));
    while (!(next.loss <= cur.loss + 1e-4 * step * slope) && step > 1e-12) { step /= 2; next = fg(t.map((v, i) => v + step * d[i])); }
    if (!(next.loss <= cur.loss + 1e-4 * step * slope)) break;
    const tn = t.map((v, i) => v + step * d[i]);
    const s = tn.map((v, i) => v - t[i]), yv = next.grad.map((v, i) => v - cur.grad[i]);
    if (dot(s, yv) > 1e-12) { S.push(s); Y.push(yv); if (S.length > m) { S.shift(); Y.shift(); } }
    t = tn; cur = next; loss.push(cur.loss);
  }
  return { theta: t, loss };
}

export interface LbfgsConfig { activation: 'tanh' | 'relu'; width: number; iters: number; [k: string]: unknown }

/** Curvature-based optimiser: L-BFGS on a 1→width→1 net fitted to sin(2x) at 64 points of [−π, π]; init w, b ~ N(0, 1), v ~ N(0, 1/width), seed 1200 + seed (shared by both activations). */
export function lbfgsTask(c: LbfgsConfig, seed: number) {
  assertOneOf(c.activation, 'activation', ['tanh', 'relu'] as const);
  assertInteger(c.width, 'width');
  assertInteger(c.iters, 'iters');
  const x = Array.from({ length: 64 }, (_, i) => -Math.PI + (2 * Math.PI * i) / 63), y = x.map((v) => Math.sin(2 * v));
  const rng = makeRng(1200 + seed), h = c.width;
  const theta0 = [...normals(rng, h), ...normals(rng, h), ...normals(rng, h, 1 / Math.sqrt(h)), 0];
  const act = activation(c.activation);
  const r = lbfgs((t) => smallNetLossGrad(t, act, x, y), theta0, { iters: c.iters });
  return { finalLoss: r.loss[r.loss.length - 1], iterations: r.loss.length - 1, loss: r.loss };
}

export const lbfgsExperiment = defineExperiment<LbfgsConfig>({
  name: 'survey-lbfgs', version: 1, module: MODULE, task: 'lbfgsTask', label: 'L-BFGS, tanh vs ReLU',
  tasks: (p) => {
    const s = float64Sizes(p);
    return tasksOf((['tanh', 'relu'] as const).map((a) => ({ activation: a, width: 16, iters: s.lbfgsIters })), seeds(s.lbfgsSeeds), (c) => c.iters / 100);
  },
});

export const FLOAT64_EXPERIMENTS: Experiment<any, any>[] = [flowExperiment, outlierExperiment, lbfgsExperiment];

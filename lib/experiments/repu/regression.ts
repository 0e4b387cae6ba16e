/**
 * Regression protocols of Kim & Kang (arXiv 2408.02697) §5.2: Table 4 (polynomials, Figs. 9–11) and Table 5
 * (differentiable functions, Figs. 12–14), one 5×32 network per task (config × seed), Adam on the MSE. What the
 * paper's text keeps (architecture, learning rates, C_W of MRePU, the 101-point grid on [−2, 2], the meshgrids)
 * is used as stated; the lost function formulas are replaced by stand-ins (docs/derivations/02-repu-mrepu.md §5):
 * x³ − 2x and x⁴ − 3x² (one variable), xyz and x²y − xy² (several), |x|^1.5, (x²+y²)^0.75, sin(πx)|y|^1.5.
 */
import { activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { buildMlp, predictRows, train, type Mlp } from '../../networks/train';
import { largestNonGrowingCw } from '../../theory/effective-theory';
import type { Profile } from '../../report/profile';
import { defineExperiment, seeds, tasksOf, type TaskSpec } from '../../runtime/experiment';
import { repuSizes, REPU_SEED } from './sizes';

export const REGRESSION_FUNCTIONS = ['poly1', 'poly1b', 'xyz', 'poly2b', 'g1', 'g2', 'g3'] as const;
export type RegressionFunction = (typeof REGRESSION_FUNCTIONS)[number];

interface Fn { label: string; dim: number; lo: number; hi: number; f: (v: number[]) => number; grad: (v: number[]) => number[] }

const sq = (v: number) => Math.sqrt(Math.abs(v));
/** The target functions (stand-ins except xyz), their domains [lo, hi]^dim and exact gradients. */
export const FUNCTIONS: Record<RegressionFunction, Fn> = {
  poly1: { label: 'x³ − 2x', dim: 1, lo: -2, hi: 2, f: (v) => v[0] ** 3 - 2 * v[0], grad: (v) => [3 * v[0] ** 2 - 2] },
  poly1b: { label: 'x⁴ − 3x²', dim: 1, lo: -2, hi: 2, f: (v) => v[0] ** 4 - 3 * v[0] ** 2, grad: (v) => [4 * v[0] ** 3 - 6 * v[0]] },
  xyz: { label: 'xyz', dim: 3, lo: -1, hi: 1, f: (v) => v[0] * v[1] * v[2], grad: (v) => [v[1] * v[2], v[0] * v[2], v[0] * v[1]] },
  poly2b: { label: 'x²y − xy²', dim: 2, lo: -1, hi: 1, f: (v) => v[0] ** 2 * v[1] - v[0] * v[1] ** 2, grad: (v) => [2 * v[0] * v[1] - v[1] ** 2, v[0] ** 2 - 2 * v[0] * v[1]] },
  g1: { label: 'g₁ = |x|^1.5', dim: 1, lo: -2, hi: 2, f: (v) => Math.abs(v[0]) ** 1.5, grad: (v) => [1.5 * Math.sign(v[0]) * sq(v[0])] },
  g2: { label: 'g₂ = (x²+y²)^0.75', dim: 2, lo: -1, hi: 1, f: (v) => (v[0] ** 2 + v[1] ** 2) ** 0.75,
    grad: (v) => { const r = Math.hypot(v[0], v[1]); return r === 0 ? [0, 0] : [(1.5 * v[0]) / Math.sqrt(r), (1.5 * v[1]) / Math.sqrt(r)]; } },
  g3: { label: 'g₃ = sin(πx)·|y|^1.5', dim: 2, lo: -1, hi: 1, f: (v) => Math.sin(Math.PI * v[0]) * Math.abs(v[1]) ** 1.5,
    grad: (v) => [Math.PI * Math.cos(Math.PI * v[0]) * Math.abs(v[1]) ** 1.5, Math.sin(Math.PI * v[0]) * 1.5 * Math.sign(v[1]) * sq(v[1])] },
};

/** Meshgrid with `points` per axis on [lo, hi]^dim (1-D: the paper's 101 points). */
export function meshgrid(dim: number, lo: number, hi: number, points: number): number[][] {
  assertInteger(dim, 'dim'); assertInteger(points, 'points', 2);
  const axis = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  let out: number[][] = [[]];
  for (let d = 0; d < dim; d++) out = out.flatMap((p) => axis.map((a) => [...p, a]));
  return out;
}

/** Evaluation points off the training grid, interior so that x ± h stays in the domain. */
export function evalPoints(fn: RegressionFunction): number[][] {
  const F = FUNCTIONS[fn];
  if (F.dim === 1) return Array.from({ length: 381 }, (_, i) => [-1.9 + 0.01 * i]);
  return meshgrid(F.dim, -0.9, 0.9, F.dim === 2 ? 19 : 7);
}

export type RegressionConfig = {
  fn: RegressionFunction;
  activation: 'mrepu' | 'relu' | 'gelu';
  p: number;
  cw: number;
  lr: number;
  epochs: number;
  batch: number;
  /** Training points per axis (1-D: 101). */
  grid: number;
  arm: string;
};

export type RegressionRecord = {
  finalLoss: number;
  /** Final loss ÷ Var(y) of the training targets (NaN when diverged). */
  relLoss: number;
  diverged: boolean;
  /** RMS error of the fitted gradient (central differences, h = 0.01) ÷ RMS of the exact gradient, on the evaluation points. */
  gradErr: number;
  /** Absolute RMS error of the fitted gradient. */
  gradErrAbs: number;
  /** RMS second difference of the fit ÷ the target's (1 = the target's own); NaN where the target's is 0. */
  roughness: number;
  /** xyz: RMS |fit − xyz| on the 21×21 slice z = 0.5 (the constant fit 0 when diverged); else NaN. */
  sliceErr: number;
  /** Seed 0 only (for the figures): training loss every ⌈epochs/100⌉ epochs, and the fit on plotting points. */
  curve: number[];
  /** 1-D: [x, fit, d/dx of the fit] per evaluation point every 0.02; 2-D/3-D: [x, y, fit, ∂fit/∂y] on a 0.2 grid (z = 0.5 for xyz). */
  plot: number[];
};

const H = 0.01;

function predict(mlp: Mlp, pts: number[][]): number[] {
  return predictRows(mlp, pts).map((r) => r[0]);
}

function shifted(pts: number[][], d: number, s: number): number[][] {
  return pts.map((p) => p.map((v, k) => (k === d ? v + s : v)));
}

/** RMS second difference (h = 0.01) of `vals` over the points and axes. */
function roughnessOf(vals: (pts: number[][]) => number[], ev: number[][], dim: number): number {
  const c = vals(ev);
  let s = 0;
  for (let d = 0; d < dim; d++) {
    const up = vals(shifted(ev, d, H)), dn = vals(shifted(ev, d, -H));
    c.forEach((v, i) => { s += ((up[i] - 2 * v + dn[i]) / (H * H)) ** 2; });
  }
  return Math.sqrt(s / (ev.length * dim));
}

/** Task: train one 5×32 network on one function (seed = the run: initialisation and mini-batch seeds derive from it). */
export async function trainRegression(c: RegressionConfig, seed: number): Promise<RegressionRecord> {
  assertOneOf(c.fn, 'fn', REGRESSION_FUNCTIONS);
  assertOneOf(c.activation, 'activation', ['mrepu', 'relu', 'gelu']);
  assertPositive(c.cw, 'cw'); assertPositive(c.lr, 'lr'); assertInteger(c.epochs, 'epochs'); assertInteger(c.batch, 'batch');
  await initBackend();
  const F = FUNCTIONS[c.fn];
  const x = meshgrid(F.dim, F.lo, F.hi, c.grid);
  const ys = x.map(F.f), my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const varY = ys.reduce((a, b) => a + (b - my) ** 2, 0) / ys.length;
  const act = c.activation === 'mrepu' ? activation('mrepu', { p: c.p }) : activation(c.activation);
  const mlp = buildMlp({ inputDim: F.dim, widths: [32, 32, 32, 32, 32], outputDim: 1, activation: act, cw: c.cw, cb: 0, seed: REPU_SEED + 700 + seed });
  let loss: number[] = [];
  let diverged = false;
  try {
    loss = (await train(mlp, { x, y: ys.map((v) => [v]) }, { epochs: c.epochs, batchSize: c.batch, lr: c.lr, seed: REPU_SEED + 800 + seed })).loss;
  } catch (e) { diverged = true; }
  const pred = (pts: number[][]) => predict(mlp, pts);
  const ev = evalPoints(c.fn);
  const trueGrad = ev.map(F.grad);
  const gradNorm = Math.sqrt(trueGrad.reduce((a, g) => a + g.reduce((b, v) => b + v * v, 0), 0) / ev.length);
  const fitGrad: number[][] = ev.map(() => []);
  let se = 0;
  for (let d = 0; d < F.dim; d++) {
    const up = pred(shifted(ev, d, H)), dn = pred(shifted(ev, d, -H));
    ev.forEach((_, i) => { const g = (up[i] - dn[i]) / (2 * H); fitGrad[i].push(g); se += (g - trueGrad[i][d]) ** 2; });
  }
  // a diverged (or non-finite) fit is scored as the constant fit 0: gradient error 1, no roughness
  const finite = !diverged && Number.isFinite(se);
  if (!finite) diverged = true;
  const gradErrAbs = finite ? Math.sqrt(se / ev.length) : gradNorm;
  const trueRough = roughnessOf((pts) => pts.map(F.f), ev, F.dim);
  const roughness = finite && trueRough > 1e-9 ? roughnessOf(pred, ev, F.dim) / trueRough : NaN;
  let sliceErr = NaN;
  if (c.fn === 'xyz') {
    const pts = meshgrid(2, -1, 1, 21).map(([a, b]) => [a, b, 0.5]);
    const v = finite ? pred(pts) : pts.map(() => 0);
    sliceErr = Math.sqrt(pts.reduce((s, p, k) => s + (v[k] - p[0] * p[1] * p[2]) ** 2, 0) / pts.length);
  }
  const curve: number[] = [], plot: number[] = [];
  if (seed === 0) {
    const every = Math.max(1, Math.ceil(c.epochs / 100));
    loss.forEach((l, e) => { if (e % every === 0 || e === loss.length - 1) curve.push(e + 1, l); });
    if (finite && F.dim === 1) {
      ev.forEach((p, i) => { if (i % 2 === 0) plot.push(p[0], pred([p])[0], fitGrad[i][0]); });
    } else if (finite) {
      const pts = meshgrid(2, -1, 1, 11).map(([a, b]) => (F.dim === 3 ? [a, b, 0.5] : [a, b]));
      const v = pred(pts), up = pred(shifted(pts, 1, H)), dn = pred(shifted(pts, 1, -H));
      pts.forEach((p, k) => plot.push(p[0], p[1], v[k], (up[k] - dn[k]) / (2 * H)));
    }
  }
  mlp.dispose();
  const fl = diverged ? NaN : loss[loss.length - 1];
  return { finalLoss: fl, relLoss: fl / varY, diverged, gradErr: gradErrAbs / gradNorm, gradErrAbs, roughness, sliceErr, curve, plot };
}

/** max over a grid of |x|²/n₀ (the largest input's K⁽¹⁾ / C_W). */
function scaleOf(fn: RegressionFunction): number {
  const F = FUNCTIONS[fn];
  return Math.max(F.lo ** 2, F.hi ** 2);
}

/** The C_W that lib/theory/effective-theory largestNonGrowingCw gives MRePU p = 2 for the function's largest input over 6 layers. */
export function cwByRule(fn: RegressionFunction): number {
  return largestNonGrowingCw(activation('mrepu', { p: 2 }), scaleOf(fn), 6, 1.0, 0.01);
}

/** The arms of each task: the paper's settings (§5.2) where they survive, MRePU also with C_W by rule and at p = 1. */
export function regressionConfigs(fn: RegressionFunction, epochs: number, grid: number): RegressionConfig[] {
  const base = { fn, epochs, grid, batch: fn === 'xyz' ? 256 : 128 };
  // [lr MRePU, lr others, paper C_W of MRePU (NaN: lost)]
  const paper: Record<RegressionFunction, [number, number, number]> = {
    poly1: [0.005, 0.005, 0.5], poly1b: [1e-4, 0.001, 0.8], xyz: [0.001, 0.001, 0.55], poly2b: [0.001, 0.001, 0.6],
    g1: [0.0004, 0.001, NaN], g2: [0.001, 0.001, NaN], g3: [0.002, 0.003, NaN],
  };
  const [lrM, lrO, cwP] = paper[fn];
  const rule = cwByRule(fn);
  const out: RegressionConfig[] = [];
  if (Number.isFinite(cwP)) {
    out.push({ ...base, activation: 'mrepu', p: 2, cw: cwP, lr: lrM, arm: 'MRePU, paper C_W' });
    out.push({ ...base, activation: 'mrepu', p: 1, cw: cwP, lr: lrM, arm: 'MRePU p=1, paper C_W' });
  }
  out.push({ ...base, activation: 'mrepu', p: 2, cw: rule, lr: lrM, arm: 'MRePU, C_W by rule' });
  out.push({ ...base, activation: 'relu', p: 1, cw: 1, lr: lrO, arm: 'ReLU' });
  out.push({ ...base, activation: 'gelu', p: 1, cw: 1, lr: lrO, arm: 'GELU' });
  return out;
}

/** Relative cost of a regression task: epochs × training points (thousands of sample-epochs ÷ 1000). */
const regCost = (c: RegressionConfig) => (c.epochs * c.grid ** FUNCTIONS[c.fn].dim) / 1e5 + 0.02;

/** Table 4 (polynomials): x³ − 2x, x⁴ − 3x², xyz on regGrid³, x²y − xy² on diffGrid². */
export function polyRegressionTasks(profile: Profile): TaskSpec<RegressionConfig>[] {
  const S = repuSizes(profile);
  const cfg = [
    ...regressionConfigs('poly1', S.regEpochs, 101), ...regressionConfigs('poly1b', S.regEpochs, 101),
    ...regressionConfigs('xyz', S.regEpochs, S.regGrid), ...regressionConfigs('poly2b', S.regEpochs, S.diffGrid),
  ];
  return tasksOf(cfg, seeds(S.regRuns), regCost);
}

/** Table 5 (differentiable functions): g₁ on 101 points, g₂ and g₃ on diffGrid². */
export function diffRegressionTasks(profile: Profile): TaskSpec<RegressionConfig>[] {
  const S = repuSizes(profile);
  const cfg = [...regressionConfigs('g1', S.regEpochs, 101), ...regressionConfigs('g2', S.regEpochs, S.diffGrid), ...regressionConfigs('g3', S.regEpochs, S.diffGrid)];
  return tasksOf(cfg, seeds(S.regRuns), regCost);
}

export const polyRegression = defineExperiment<RegressionConfig>({
  name: 'repu-poly-regression', label: 'Table 4 (polynomial regression)', version: 1,
  module: 'lib/experiments/repu/regression.ts', task: 'trainRegression', tasks: polyRegressionTasks,
});

export const diffRegression = defineExperiment<RegressionConfig>({
  name: 'repu-diff-regression', label: 'Table 5 (differentiable functions)', version: 1,
  module: 'lib/experiments/repu/regression.ts', task: 'trainRegression', tasks: diffRegressionTasks,
});

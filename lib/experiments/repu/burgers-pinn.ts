/**
 * The Burgers PINN of Kim & Kang (arXiv 2408.02697) §5.2 (Figs. 15–17), one training per task (config × seed):
 * u_t + u u_x = ν u_xx on [0, 1] × [−1, 1], u(0, x) = −sin(πx), u(t, ±1) = 0, ν = 0.01/π (Raissi et al. 2019, the
 * settings the paper's text lost; docs/derivations/02-repu-mrepu.md §5), scored against the Cole–Hopf solution
 * (lib/networks/burgers) by the relative L² error on a 51 × 101 grid of (t, x).
 */
import { activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { buildMlp } from '../../networks/train';
import { burgersColeHopf, predictU, relativeL2Error, trainBurgersPinn } from '../../networks/burgers';
import { largestNonGrowingCw } from '../../theory/effective-theory';
import type { Profile } from '../../report/profile';
import { defineExperiment, seeds, tasksOf } from '../../runtime/experiment';
import { repuSizes, REPU_SEED } from './sizes';

export type BurgersConfig = {
  activation: 'tanh' | 'gelu' | 'relu' | 'mrepu';
  p: number;
  cw: number;
  widths: number[];
  colloc: number;
  data: number;
  steps: number;
  every: number;
  arm: string;
};

export type BurgersRecord = {
  /** Step at which the loss became non-finite, −1 if never. */
  divergedAt: number;
  maxUInit: number;
  finalLoss: number;
  /** Relative L² error vs Cole–Hopf on the 51 × 101 grid; 1 (the error of u ≡ 0) when diverged. */
  relErr: number;
  /** RMS |u − u_exact| over x at t = 0, 0.1, …, 1 (the constant 0 when diverged). */
  errByT: number[];
  /** [step, loss] pairs. */
  curve: number[];
  /** Seed 0: u on the plotting grid (t every 0.1, x every 0.08: 11 × 26, t-major); and on the slices t = 0.25, 0.5, 0.75 (x every 0.02). */
  uMap: number[];
  uSlices: number[];
};

/** The 51 × 101 error grid (t-major) and the plotting grids. */
export function burgersGrids(): { err: number[][]; map: number[][]; sliceX: number[]; sliceT: number[] } {
  const err: number[][] = [];
  for (let i = 0; i <= 50; i++) for (let j = 0; j <= 100; j++) err.push([i / 50, -1 + j / 50]);
  const map: number[][] = [];
  for (let i = 0; i <= 10; i++) for (let j = 0; j <= 25; j++) map.push([i / 10, -1 + 0.08 * j]);
  return { err, map, sliceX: Array.from({ length: 101 }, (_, j) => -1 + j / 50), sliceT: [0.25, 0.5, 0.75] };
}

/** Task: one PINN (seed = the run: network seed and collocation points are shared by every activation, paired). */
export async function trainBurgers(c: BurgersConfig, seed: number): Promise<BurgersRecord> {
  assertOneOf(c.activation, 'activation', ['tanh', 'gelu', 'relu', 'mrepu']);
  assertPositive(c.cw, 'cw'); assertInteger(c.steps, 'steps'); assertInteger(c.every, 'every');
  c.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  await initBackend();
  const act = c.activation === 'mrepu' ? activation('mrepu', { p: c.p }) : activation(c.activation);
  const netSeed = REPU_SEED + 1100 + 17 * seed;
  const G = burgersGrids();
  const uExact = burgersColeHopf();
  const uRef = G.err.map(([t, x]) => uExact(t, x));
  const init = buildMlp({ inputDim: 2, widths: c.widths, outputDim: 1, activation: act, cw: c.cw, cb: 0, seed: netSeed });
  const maxUInit = Math.max(...Array.from(predictU(init, G.err), Math.abs));
  init.dispose();
  const r = await trainBurgersPinn(act, { widths: c.widths, nColloc: c.colloc, nData: c.data, steps: c.steps, lr: 1e-3, cw: c.cw, cb: 0, seed: netSeed, reportEvery: c.every });
  const raw = r.divergedAt === null ? Array.from(predictU(r.mlp, G.err)) : null;
  const pred = raw && raw.every(Number.isFinite) ? raw : null;
  const relErr = pred ? relativeL2Error(pred, uRef) : 1;
  const u = pred ?? uRef.map(() => 0);
  const errByT = Array.from({ length: 11 }, (_, k) => {
    const i = 5 * k; let s = 0;
    for (let j = 0; j <= 100; j++) s += (u[i * 101 + j] - uRef[i * 101 + j]) ** 2;
    return Math.sqrt(s / 101);
  });
  let uMap: number[] = [], uSlices: number[] = [];
  if (seed === 0 && pred) {
    uMap = Array.from(predictU(r.mlp, G.map));
    uSlices = G.sliceT.flatMap((t) => Array.from(predictU(r.mlp, G.sliceX.map((x) => [t, x]))));
  }
  r.mlp.dispose();
  const last = r.history[r.history.length - 1];
  return { divergedAt: r.divergedAt ?? -1, maxUInit, finalLoss: last ? last.loss : NaN, relErr, errByT, curve: r.history.flatMap((h) => [h.step, h.loss]), uMap, uSlices };
}

/** The arms: tanh, GELU, ReLU at C_W = 1; MRePU p = 2 at the paper's C_W = 0.45 and at C_W by rule; MRePU p = 1 at 0.45. */
export function burgersConfigs(profile: Profile): BurgersConfig[] {
  const B = repuSizes(profile).burgers;
  const base = { widths: B.widths, colloc: B.colloc, data: B.data, steps: B.steps, every: B.every };
  // K⁽¹⁾ = C_W (t² + x²)/2 ≤ C_W for the largest input
  const rule = largestNonGrowingCw(activation('mrepu', { p: 2 }), 1, B.widths.length + 1, 1.0, 0.01);
  return [
    { ...base, activation: 'tanh', p: 1, cw: 1, arm: 'tanh' },
    { ...base, activation: 'gelu', p: 1, cw: 1, arm: 'GELU' },
    { ...base, activation: 'relu', p: 1, cw: 1, arm: 'ReLU' },
    { ...base, activation: 'mrepu', p: 2, cw: 0.45, arm: 'MRePU, paper C_W' },
    { ...base, activation: 'mrepu', p: 2, cw: rule, arm: 'MRePU, C_W by rule' },
    { ...base, activation: 'mrepu', p: 1, cw: 0.45, arm: 'MRePU p=1, paper C_W' },
  ];
}

export const burgersPinn = defineExperiment<BurgersConfig>({
  name: 'repu-burgers-pinn', label: 'Burgers PINN (Figs. 15–17)', version: 1,
  module: 'lib/experiments/repu/burgers-pinn.ts', task: 'trainBurgers',
  tasks: (profile) => tasksOf(burgersConfigs(profile), seeds(repuSizes(profile).burgers.seeds),
    (c) => (c.steps * c.colloc * c.widths.reduce((s, w) => s + w * w, 0)) / 1e9 + 0.05),
});

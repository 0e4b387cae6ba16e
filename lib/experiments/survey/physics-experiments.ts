/**
 * Notebook 01's physics experiments as task grids for lib/runtime: §8 fitted potential-energy surfaces, forces and
 * molecular dynamics (SciencePedia, "Activation Functions", § Physics of smoothness), §9 PINNs (same section),
 * §10 the consumption–savings value function (§ Embracing the kinks), §11 bespoke activations (§ Building in physics)
 * and the universal-approximation rate (the survey's introduction). docs/derivations/01-survey.md states the choices.
 */
import * as tf from '@tensorflow/tfjs';
import { activation, Activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { buildMlp, train } from '../../networks/train';
import { toMlp64, valueAndGrad64, forward64, Mlp64 } from '../../networks/mlp-float64';
import * as PINN from '../../networks/pinn';
import { bySize, Profile } from '../../report/profile';
import { defineExperiment, Experiment, seeds, tasksOf } from '../../runtime/experiment';
import * as PES from './potentials';
import * as VF from './value-function';
import * as BESPOKE from './bespoke-activations';

const MODULE = 'lib/experiments/survey/physics-experiments.ts';

export const PHYSICS_SIZES = {
  quick: { morseN: 64, pesEpochs: 300, mbGrid: 22, mbEpochs: 150, mdTime: 20, pesSeeds: 2, mdSeeds: 2, pinnSteps: 300, pinnSeeds: 2, vfiGrid: 81, vfEpochs: 300, vfSeeds: 2, bespokeEpochs: 300, bespokeSeeds: 2, uaWidths: [2, 8, 32], uaEpochs: 400, uaSeeds: 2 },
  default: { morseN: 128, pesEpochs: 1000, mbGrid: 36, mbEpochs: 400, mdTime: 50, pesSeeds: 10, mdSeeds: 20, pinnSteps: 1000, pinnSeeds: 10, vfiGrid: 161, vfEpochs: 1000, vfSeeds: 20, bespokeEpochs: 1000, bespokeSeeds: 20, uaWidths: [2, 4, 8, 16, 32], uaEpochs: 1500, uaSeeds: 6 },
  paper: { morseN: 256, pesEpochs: 5000, mbGrid: 60, mbEpochs: 3000, mdTime: 200, pesSeeds: 30, mdSeeds: 30, pinnSteps: 10000, pinnSeeds: 30, vfiGrid: 401, vfEpochs: 5000, vfSeeds: 30, bespokeEpochs: 4000, bespokeSeeds: 30, uaWidths: [2, 4, 8, 16, 32, 64, 128], uaEpochs: 5000, uaSeeds: 30 },
};
export const physicsSizes = (p: Profile) => bySize(PHYSICS_SIZES, p);

type Smooth3 = 'tanh' | 'gelu' | 'relu';
const act3 = (a: Smooth3): Activation => activation(a);

// ---------------------------------------------------------------- §8 potentials

export const MORSE: PES.MorseParams = Object.freeze({ D: 1, a: 1.5, re: 1 }) as PES.MorseParams;
export const MB_BOX = Object.freeze({ x0: -1.5, x1: 1.0, y0: -0.4, y1: 2.0 });
export const MB_SCALE = 0.01;

/** Training points of the Morse fit: n points of r ∈ [0.6, 3.5]. */
export function morseData(n: number) {
  assertInteger(n, 'n', 2);
  const r = Array.from({ length: n }, (_, i) => 0.6 + (2.9 * i) / (n - 1));
  return { x: r.map((v) => [v]), y: r.map((v) => [PES.morse(v, MORSE)]) };
}

/** Training points of the Müller–Brown fit: a g × g grid of the box, kept where E < 0.5 (energy × 0.01). */
export function mbData(g: number) {
  assertInteger(g, 'g', 2);
  const pts: number[][] = [];
  for (let i = 0; i < g; i++) for (let j = 0; j < g; j++) {
    const x = MB_BOX.x0 + ((MB_BOX.x1 - MB_BOX.x0) * i) / (g - 1), y = MB_BOX.y0 + ((MB_BOX.y1 - MB_BOX.y0) * j) / (g - 1);
    if (PES.mullerBrown(x, y, MB_SCALE) < 0.5) pts.push([x, y]);
  }
  return { x: pts, y: pts.map(([x, y]) => [PES.mullerBrown(x, y, MB_SCALE)]) };
}

export interface PesConfig { surface: 'morse' | 'mb'; activation: Smooth3; epochs: number; size: number; mdTime: number; [k: string]: unknown }

/**
 * §8: fit a 32–32 MLP to the surface (Adam lr 0.005), then in float64: force RMSE against −∇E (Morse: r ∈ [0.65, 3.4];
 * Müller–Brown: where E < 0), the force-jump ratio J(1e-3)/J(1e-5) on r ∈ [0.9, 1.3] (Morse), and velocity-Verlet MD in the
 * fitted surface from the well bottom with kinetic energy 0.3 (dt 0.01 and 0.005, time mdTime): max |E − E₀|, its drift
 * per unit time, and its order in dt. Seed 0 also returns the fitted net (JSON) for the plots.
 */
export async function pesTask(c: PesConfig, seed: number) {
  assertOneOf(c.surface, 'surface', ['morse', 'mb'] as const);
  assertOneOf(c.activation, 'activation', ['tanh', 'gelu', 'relu'] as const);
  assertInteger(c.epochs, 'epochs');
  assertInteger(c.size, 'size', 2);
  assertPositive(c.mdTime, 'mdTime');
  await initBackend();
  const act = act3(c.activation);
  const morse = c.surface === 'morse';
  const data = morse ? morseData(c.size) : mbData(c.size);
  const mlp = buildMlp({ inputDim: morse ? 1 : 2, widths: [32, 32], outputDim: 1, activation: act, cb: 0.5, seed: (morse ? 801 : 811) + 100 * seed });
  let net: Mlp64, fitMse: number;
  try {
    const tr = await train(mlp, data, { epochs: c.epochs, batchSize: morse ? c.size : 128, lr: 0.005, seed: (morse ? 802 : 812) + 100 * seed });
    fitMse = tr.loss[tr.loss.length - 1];
    net = toMlp64(mlp);
  } finally {
    mlp.dispose();
  }
  const g = (q: number[]) => valueAndGrad64(net, q, act.f, act.df);
  let forceRmse: number, jumpRatio: number | null = null;
  if (morse) {
    const inner = Array.from({ length: 581 }, (_, i) => 0.62 + (2.8 * i) / 580).filter((r) => r >= 0.65 && r <= 3.4);
    forceRmse = Math.sqrt(inner.reduce((s, r) => s + (g([r]).grad[0] - PES.morseGrad(r, MORSE)) ** 2, 0) / inner.length);
    const F = (r: number) => -g([r]).grad[0];
    jumpRatio = PES.maxForceJump(F, 0.9, 1.3, 1e-3) / PES.maxForceJump(F, 0.9, 1.3, 1e-5);
  } else {
    const basin = data.x.filter(([x, y]) => PES.mullerBrown(x, y, MB_SCALE) < 0);
    forceRmse = Math.sqrt(basin.reduce((s, q) => { const a = g(q).grad, b = PES.mullerBrownGrad(q[0], q[1], MB_SCALE); return s + (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2; }, 0) / basin.length);
  }
  const q0 = morse ? [1] : [...PES.MB_MINIMA[0]], p0 = morse ? [Math.sqrt(0.6)] : [Math.sqrt(0.6), 0];
  const md = [0.01, 0.005].map((dt) => PES.energyError(PES.velocityVerlet(g, q0, p0, { dt, steps: Math.round(c.mdTime / dt) })));
  return {
    fitMse, forceRmse, jumpRatio, dE01: md[0].maxAbs, dE005: md[1].maxAbs, orderDt: Math.log2(md[0].maxAbs / md[1].maxAbs), drift01: md[0].slope,
    kinetic0: 0.3, net: seed === 0 ? JSON.stringify(net) : null,
  };
}

export const pesExperiment = defineExperiment<PesConfig>({
  name: 'survey-pes', version: 1, module: MODULE, task: 'pesTask', label: '§8 potential surfaces and MD',
  tasks: (p) => {
    const s = physicsSizes(p);
    const configs: PesConfig[] = [];
    for (const a of ['tanh', 'gelu', 'relu'] as const) {
      configs.push({ surface: 'morse', activation: a, epochs: s.pesEpochs, size: s.morseN, mdTime: s.mdTime });
      configs.push({ surface: 'mb', activation: a, epochs: s.mbEpochs, size: s.mbGrid, mdTime: s.mdTime });
    }
    const cost = (c: PesConfig) => (c.surface === 'morse' ? c.epochs * c.size : (c.epochs * c.size * c.size) / 2) / 1e5 + c.mdTime / 50;
    // the ReLU Morse fit alone also for seeds pesSeeds … mdSeeds − 1: the 'unstable' threshold claim on its MD energy error needs no smooth partner
    const extra = Array.from({ length: Math.max(0, s.mdSeeds - s.pesSeeds) }, (_, i) => s.pesSeeds + i);
    return [...tasksOf(configs, seeds(s.pesSeeds), cost), ...tasksOf(configs.filter((c) => c.surface === 'morse' && c.activation === 'relu'), extra, cost)];
  },
});

// ---------------------------------------------------------------- §9 PINN

export interface PinnConfig { activation: Smooth3; steps: number; [k: string]: unknown }

/** §9: the Poisson PINN u″ = −π² sin πx, u(0) = u(1) = 0 (lib/networks/pinn.ts), 1→32→1, Adam lr 0.01, 64 collocation points. */
export async function pinnTask(c: PinnConfig, seed: number) {
  assertOneOf(c.activation, 'activation', ['tanh', 'gelu', 'relu'] as const);
  assertInteger(c.steps, 'steps');
  await initBackend();
  const res = await PINN.trainPinn(act3(c.activation), PINN.POISSON_SINE.f, PINN.POISSON_SINE.u, { widths: [32], nColloc: 64, steps: c.steps, lr: 0.01, bcWeight: 10, seed: 901 + 100 * seed, reportEvery: 25 });
  try {
    const xs = Array.from({ length: 101 }, (_, i) => i / 100);
    const xt = tf.tensor2d(xs, [xs.length, 1]);
    const d = PINN.derivatives(res.mlp, xt);
    const u = Array.from(d.u.dataSync()), d2u = Array.from(d.d2u.dataSync());
    tf.dispose([xt, d.u, d.du, d.d2u]);
    return {
      relL2: res.relL2, finalLoss: res.history[res.history.length - 1].loss, maxD2: Math.max(...d2u.map(Math.abs)),
      historyStep: res.history.map((h) => h.step), historyLoss: res.history.map((h) => h.loss),
      u: seed === 0 ? u : null, d2u: seed === 0 ? d2u : null,
    };
  } finally {
    res.mlp.dispose();
  }
}

export const pinnExperiment = defineExperiment<PinnConfig>({
  name: 'survey-pinn', version: 1, module: MODULE, task: 'pinnTask', label: '§9 PINNs',
  tasks: (p) => {
    const s = physicsSizes(p);
    return [
      ...tasksOf([{ activation: 'tanh' as const, steps: s.pinnSteps }, { activation: 'gelu' as const, steps: s.pinnSteps }], seeds(s.pinnSeeds), (c) => c.steps / 100),
      ...tasksOf([{ activation: 'relu' as const, steps: s.pinnSteps }], [0], (c) => c.steps / 100),
    ];
  },
});

// ---------------------------------------------------------------- §10 value function

const vfiMemo = new Map<number, { grid: number[]; sol: VF.VfiResult }>();
/** The VFI ground truth on an n-point grid of x ∈ [0.5, 4] (memoised per process). */
export function vfiTruth(n: number) {
  assertInteger(n, 'n', 3);
  let m = vfiMemo.get(n);
  if (!m) {
    const grid = Array.from({ length: n }, (_, i) => 0.5 + (3.5 * i) / (n - 1));
    m = { grid, sol: VF.solveVfi(VF.DEFAULT_SAVINGS, { grid, tol: 1e-8 }) };
    vfiMemo.set(n, m);
  }
  return m;
}

/** The evaluation grid of §10: 501 points of x ∈ [0.5, 3]. */
export const VF_FINE = Array.from({ length: 501 }, (_, i) => 0.5 + (2.5 * i) / 500);
const z = (x: number) => (x - 2.25) / 1.75;

export interface VfConfig { activation: 'tanh' | 'relu'; grid: number; epochs: number; [k: string]: unknown }

/**
 * §10: fit 1→16→16→1 nets to the VFI policy c(x) and value V(x) (standardised, Adam lr 0.005, full batch) and measure,
 * in |x − x*| ≤ 0.2: the policy-fit error, the error of the fitted marginal value V̂′ against V′ = u′(c(x)) (envelope
 * theorem), and the error of the policy implied by V̂ (one Bellman step; also its mean over x ∈ [0.5, 2] and its kink); everywhere: max |V̂ − V|.
 */
export async function vfTask(c: VfConfig, seed: number) {
  assertOneOf(c.activation, 'activation', ['tanh', 'relu'] as const);
  assertInteger(c.epochs, 'epochs');
  await initBackend();
  const { grid, sol } = vfiTruth(c.grid);
  const m = VF.DEFAULT_SAVINGS;
  const act = activation(c.activation);
  const Vtrue = VF.pchip(grid, sol.V);
  const kink = VF.kinkLocation(sol);
  const cTrue = VF_FINE.map((x) => VF.bellmanPoint(m, x, Vtrue).c);
  const std = (v: number[]) => { const mu = v.reduce((s, a) => s + a, 0) / v.length; return { mu, sd: Math.sqrt(v.reduce((s, a) => s + (a - mu) ** 2, 0) / v.length) }; };
  const fit = async (target: number[], s: number) => {
    const st = std(target);
    const mlp = buildMlp({ inputDim: 1, widths: [16, 16], outputDim: 1, activation: act, cb: 0.5, seed: s });
    try {
      await train(mlp, { x: grid.map((x) => [z(x)]), y: target.map((v) => [(v - st.mu) / st.sd]) }, { epochs: c.epochs, batchSize: grid.length, lr: 0.005, seed: s + 1 });
      const net = toMlp64(mlp);
      return {
        f: (x: number) => st.mu + st.sd * forward64(net, [z(x)], act.f)[0],
        df: (x: number) => (st.sd / 1.75) * valueAndGrad64(net, [z(x)], act.f, act.df).grad[0],
      };
    } finally {
      mlp.dispose();
    }
  };
  const cHat = await fit(sol.c, 1001 + 10 * seed), vHat = await fit(sol.V, 1501 + 10 * seed);
  const implied = VF_FINE.map((x) => VF.bellmanPoint(m, x, vHat.f).c);
  const win = VF_FINE.map((x) => Math.abs(x - kink) <= 0.2);
  const maxOver = (v: number[], mask?: boolean[]) => Math.max(...v.filter((_, i) => !mask || mask[i]));
  const dVtrue = cTrue.map((cc) => VF.marginalUtility(cc, m.gamma));
  // the largest x where the implied policy consumes everything; the grid's left edge if it never binds there
  let impliedKink = NaN;
  VF_FINE.forEach((x, i) => { if (implied[i] >= x - 1e-6) impliedKink = x; });
  return {
    kink, cWin: maxOver(VF_FINE.map((x, i) => Math.abs(cHat.f(x) - cTrue[i])), win),
    cAll: maxOver(VF_FINE.map((x, i) => Math.abs(cHat.f(x) - cTrue[i]))),
    vAll: maxOver(VF_FINE.map((x) => Math.abs(vHat.f(x) - Vtrue(x)))),
    vRange: Math.max(...sol.V) - Math.min(...sol.V),
    dVWin: maxOver(VF_FINE.map((x, i) => Math.abs(vHat.df(x) - dVtrue[i]) / dVtrue[i]), win),
    implWin: maxOver(VF_FINE.map((_, i) => Math.abs(implied[i] - cTrue[i])), win),
    // the window's max saturates when the implied policy binds past |x − x*| = 0.2 (it is then x − c(x) at the window's edge, whatever the fit):
    // the mean error over x ∈ [0.5, 2] does not
    implMean: VF_FINE.reduce((a, x, i) => a + (x <= 2 ? Math.abs(implied[i] - cTrue[i]) : 0), 0) / VF_FINE.filter((x) => x <= 2).length,
    impliedKink: Number.isNaN(impliedKink) ? null : impliedKink,
    cCurve: seed === 0 ? VF_FINE.map((x) => cHat.f(x)) : null, impliedCurve: seed === 0 ? implied : null,
  };
}

export const vfExperiment = defineExperiment<VfConfig>({
  name: 'survey-value-function', version: 2, module: MODULE, task: 'vfTask', label: '§10 value function kinks',
  tasks: (p) => {
    const s = physicsSizes(p);
    return tasksOf([{ activation: 'tanh' as const, grid: s.vfiGrid, epochs: s.vfEpochs }, { activation: 'relu' as const, grid: s.vfiGrid, epochs: s.vfEpochs }], seeds(s.vfSeeds), (c) => (c.epochs * c.grid) / 1e5);
  },
});

// ---------------------------------------------------------------- §11 bespoke activations, universal approximation

export type BespokeName = 'tanh' | 'relu' | 'gto0' | 'gto1' | 'bspline1' | 'bspline2' | 'bspline3';
export const BESPOKE_NAMES: readonly BespokeName[] = ['tanh', 'relu', 'gto0', 'gto1', 'bspline1', 'bspline2', 'bspline3'];

/** The §11 activation by name. */
export function bespokeActivation(name: BespokeName): BESPOKE.ScalarActivation {
  assertOneOf(name, 'activation', BESPOKE_NAMES);
  if (name === 'tanh' || name === 'relu') return BESPOKE.fromZoo(activation(name));
  if (name.startsWith('gto')) return BESPOKE.gtoActivation(Number(name.slice(3)));
  return BESPOKE.bsplineActivation(Number(name.slice(7)));
}

/** The orbital-like target of §11: a 2p-like Slater lobe at 0 plus a 1s-like cusp at 1.5 (not a sum of GTO units). */
export const bespokeTarget = (x: number) => 1.2 * x * Math.exp(-Math.abs(x)) + 0.8 * Math.exp(-2 * Math.abs(x - 1.5));
export const BESPOKE_X = Array.from({ length: 64 }, (_, i) => -4 + (8 * i) / 63);
export const BESPOKE_XT = Array.from({ length: 401 }, (_, i) => -4 + (8 * i) / 400);

export interface BespokeConfig { activation: BespokeName; width: number; epochs: number; target: 'orbital' | 'wave'; [k: string]: unknown }

/** The universal-approximation target: a wave packet sin(3x)·e^{−x²/8} on [−4, 4] (no activation's own shape). */
export const waveTarget = (x: number) => Math.sin(3 * x) * Math.exp(-(x * x) / 8);

/** §11 and the approximation rate: fit a one-hidden-layer net (lib/experiments/survey/bespoke-activations.ts) and return the test MSE on 401 points, the training-loss history (every 10 epochs) and, for seed 0, the net. */
export async function bespokeTask(c: BespokeConfig, seed: number) {
  assertInteger(c.width, 'width');
  assertInteger(c.epochs, 'epochs');
  assertOneOf(c.target, 'target', ['orbital', 'wave'] as const);
  await initBackend();
  const act = bespokeActivation(c.activation);
  const target = c.target === 'orbital' ? bespokeTarget : waveTarget;
  const { net, loss } = await BESPOKE.fitOneHidden(act, BESPOKE_X, BESPOKE_X.map(target), { width: c.width, epochs: c.epochs, lr: 0.01, seed: 1101 + seed });
  const mse = BESPOKE_XT.reduce((a, x) => a + (BESPOKE.netDeriv(net, act, x) - target(x)) ** 2, 0) / BESPOKE_XT.length;
  return { mse, loss, net: seed === 0 ? JSON.stringify(net) : null };
}

export const bespokeExperiment = defineExperiment<BespokeConfig>({
  name: 'survey-bespoke', version: 1, module: MODULE, task: 'bespokeTask', label: '§11 bespoke activations',
  tasks: (p) => {
    const s = physicsSizes(p);
    return tasksOf(BESPOKE_NAMES.map((a) => ({ activation: a, width: 16, epochs: s.bespokeEpochs, target: 'orbital' as const })), seeds(s.bespokeSeeds), (c) => c.epochs / 100);
  },
});

export const universalExperiment = defineExperiment<BespokeConfig>({
  name: 'survey-universal', version: 1, module: MODULE, task: 'bespokeTask', label: 'universal approximation rate',
  tasks: (p) => {
    const s = physicsSizes(p);
    const configs = (['tanh', 'relu'] as const).flatMap((a) => s.uaWidths.map((width) => ({ activation: a as BespokeName, width, epochs: s.uaEpochs, target: 'wave' as const })));
    return tasksOf(configs, seeds(s.uaSeeds), (c) => (c.epochs * (1 + c.width / 16)) / 100);
  },
});

export const PHYSICS_EXPERIMENTS: Experiment<any, any>[] = [pesExperiment, pinnExperiment, vfExperiment, bespokeExperiment, universalExperiment];

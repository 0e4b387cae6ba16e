/**
 * The viscous Burgers equation u_t + u u_x = ν u_xx on x ∈ [−1, 1], t ∈ [0, 1],
 * u(0, x) = −sin(πx), u(t, ±1) = 0 (Raissi, Perdikaris & Karniadakis 2019; seed 002 §5.2,
 * Figs. 15–17, whose own settings are partly lost): the exact solution by the Cole–Hopf
 * transform (Gauss–Hermite quadrature), a finite-difference reference solver, and a
 * physics-informed network whose residual needs u_xx by nested tf.grad through the
 * nested-safe activation ops of lib/core/activations-tf (via lib/networks/train's buildMlp).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/activations';
import { buildMlp, mlpParamCount, MAX_TRAIN_STEPS, type Mlp } from './train';
import { gaussHermite } from '../core/gaussian';
import { assertFinite, assertInRange, assertInteger, assertNonNegative, assertPositive, assertWithinBudget, assertAllFinite } from '../core/guards';
import { makeRng } from '../core/rng';

/** ν = 0.01/π, the standard benchmark viscosity (Raissi et al. 2019). */
export const RAISSI_NU = 0.01 / Math.PI;

// ------------------------------------------------------------------ exact solution

/**
 * Exact solution of the benchmark by Cole–Hopf (Basdevant et al. 1986):
 *   u(t,x) = −∫ sin(π(x−η)) f(x−η) G(η) dη / ∫ f(x−η) G(η) dη,
 *   f(y) = exp(−cos(πy)/(2πν)),  G(η) = exp(−η²/(4νt)).
 * With η = √(4νt)·z the Gaussian becomes e^{−z²} and both integrals are n-point Gauss–Hermite
 * sums; f is evaluated relative to its largest node value (its range is e^{±1/(2πν)} = e^{±50}).
 * Returns a function u(t, x); u(0, x) = −sin(πx) exactly.
 */
export function burgersColeHopf(nu = RAISSI_NU, n = 100): (t: number, x: number) => number {
  assertPositive(nu, 'nu');
  assertInteger(n, 'n', 2);
  // gaussian.gaussHermite loses accuracy near its n = 200 limit (measured: n = 200 is wrong here, 60–180 agree to 1e-11)
  if (n > 180) throw new RangeError(`n must be <= 180 Gauss–Hermite nodes, but got ${n}`);
  const { x: z, w } = gaussHermite(n);
  const a = new Float64Array(n);
  return (t: number, x: number) => {
    assertNonNegative(t, 't');
    assertFinite(x, 'x');
    if (t === 0) return -Math.sin(Math.PI * x);
    const s = Math.sqrt(4 * nu * t);
    let m = -Infinity;
    for (let i = 0; i < n; i++) {
      a[i] = -Math.cos(Math.PI * (x - s * z[i])) / (2 * Math.PI * nu);
      if (a[i] > m) m = a[i];
    }
    let num = 0, den = 0;
    for (let i = 0; i < n; i++) {
      const e = w[i] * Math.exp(a[i] - m);
      num += e * Math.sin(Math.PI * (x - s * z[i]));
      den += e;
    }
    return -num / den;
  };
}

/**
 * Reference finite-difference solve of the same problem: conservative central differences for
 * (u²/2)_x and u_xx on nx uniform points of [−1, 1] (Dirichlet 0 at the ends), classic RK4 in time
 * with dt = cfl·min(dx, dx²/(2ν)). Returns u at time `tEnd` on the grid. For checking the Cole–Hopf
 * quadrature; the cell Péclet number dx·max|u|/ν must stay below 2 for central differences (checked).
 */
export function burgersFiniteDifference(nx: number, tEnd: number, nu = RAISSI_NU, cfl = 0.4): { x: Float64Array; u: Float64Array } {
  assertInteger(nx, 'nx', 3);
  assertWithinBudget(`burgersFiniteDifference with nx=${nx}`, nx, 1e7, 'cells');
  assertNonNegative(tEnd, 'tEnd');
  assertPositive(nu, 'nu');
  assertInRange(cfl, 'cfl', 1e-6, 1);
  const dx = 2 / (nx - 1);
  if (dx / nu >= 2) throw new RangeError(`nx = ${nx} is too coarse: cell Péclet number dx/ν = ${(dx / nu).toFixed(3)} must be < 2`);
  const x = Float64Array.from({ length: nx }, (_, i) => -1 + i * dx);
  let u = Float64Array.from(x, (v) => -Math.sin(Math.PI * v));
  u[0] = 0; u[nx - 1] = 0;
  const rhs = (v: Float64Array) => {
    const r = new Float64Array(nx);
    for (let i = 1; i < nx - 1; i++) {
      r[i] = -(v[i + 1] * v[i + 1] - v[i - 1] * v[i - 1]) / (4 * dx) + (nu * (v[i + 1] - 2 * v[i] + v[i - 1])) / (dx * dx);
    }
    return r;
  };
  const dtMax = cfl * Math.min(dx, (dx * dx) / (2 * nu));
  const steps = Math.max(1, Math.ceil(tEnd / dtMax));
  assertWithinBudget(`burgersFiniteDifference with nx=${nx} to tEnd=${tEnd} (${steps} RK4 steps)`, nx * steps, 1e10, 'cell updates');
  const dt = tEnd / steps;
  const tmp = new Float64Array(nx);
  const axpy = (a: number, k: Float64Array) => { for (let i = 0; i < nx; i++) tmp[i] = u[i] + a * k[i]; return tmp; };
  for (let s = 0; s < steps && tEnd > 0; s++) {
    const k1 = rhs(u), k2 = rhs(axpy(dt / 2, k1)), k3 = rhs(axpy(dt / 2, k2)), k4 = rhs(axpy(dt, k3));
    const next = new Float64Array(nx);
    for (let i = 0; i < nx; i++) next[i] = u[i] + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    u = next;
  }
  return { x, u };
}

// ------------------------------------------------------------------ PINN

/**
 * u, u_t, u_x, u_xx of any differentiable map u(t, x) (rows [t, x] → [N, 1]) by nested tf.grad; rows must
 * not interact (true for a network applied row-wise). u_xx is the x-derivative of the x-column of ∇u.
 */
export function derivativesOf(f: (tx: tf.Tensor2D) => tf.Tensor2D, tx: tf.Tensor2D): { u: tf.Tensor2D; ut: tf.Tensor2D; ux: tf.Tensor2D; uxx: tf.Tensor2D } {
  if (tx.rank !== 2 || tx.shape[1] !== 2) throw new RangeError(`points must be an [N, 2] tensor of (t, x), but got shape [${tx.shape.join(', ')}]`);
  return tf.tidy(() => {
    const grad1 = (s: tf.Tensor) => tf.grad((q: tf.Tensor) => f(q as tf.Tensor2D).sum())(s);
    const g = grad1(tx);
    const uxx = tf.grad((s: tf.Tensor) => grad1(s).slice([0, 1], [-1, 1]).sum())(tx).slice([0, 1], [-1, 1]);
    return {
      u: f(tx),
      ut: g.slice([0, 0], [-1, 1]) as tf.Tensor2D,
      ux: g.slice([0, 1], [-1, 1]) as tf.Tensor2D,
      uxx: uxx as tf.Tensor2D,
    };
  });
}

/** u, u_t, u_x, u_xx of a network u(t, x) at rows [t, x] (see derivativesOf). */
export function burgersDerivatives(mlp: Mlp, tx: tf.Tensor2D): { u: tf.Tensor2D; ut: tf.Tensor2D; ux: tf.Tensor2D; uxx: tf.Tensor2D } {
  checkInput(mlp, tx);
  return derivativesOf((q) => mlp.predict(q), tx);
}

/** The residual u_t + u u_x − ν u_xx of any differentiable map u(t, x) at rows [t, x]. */
export function residualOf(f: (tx: tf.Tensor2D) => tf.Tensor2D, tx: tf.Tensor2D, nu = RAISSI_NU): tf.Tensor2D {
  assertNonNegative(nu, 'nu');
  return tf.tidy(() => {
    const d = derivativesOf(f, tx);
    return d.ut.add(d.u.mul(d.ux)).sub(d.uxx.mul(nu)) as tf.Tensor2D;
  });
}

function checkInput(mlp: Mlp, tx: tf.Tensor2D): void {
  if (mlp.spec.inputDim !== 2 || mlp.spec.outputDim !== 1) throw new RangeError(`the Burgers network must map (t, x) to u: got inputDim ${mlp.spec.inputDim}, outputDim ${mlp.spec.outputDim}`);
  if (tx.rank !== 2 || tx.shape[1] !== 2) throw new RangeError(`points must be an [N, 2] tensor of (t, x), but got shape [${tx.shape.join(', ')}]`);
}

/** The PDE residual r = u_t + u u_x − ν u_xx of a network at rows [t, x]. */
export function burgersResidual(mlp: Mlp, tx: tf.Tensor2D, nu = RAISSI_NU): tf.Tensor2D {
  checkInput(mlp, tx);
  return residualOf((q) => mlp.predict(q), tx, nu);
}

/**
 * The residual by a single nested tf.grad: ∇u is taken inside the u_xx pass and kept (tf.keep) for u_t
 * and u_x, instead of being recomputed as in residualOf: the same values and parameter gradients,
 * measured ~2× faster for tanh. The kept tensor is pushed to `kept`; the caller disposes it after the
 * enclosing gradient (optimizer step) has run.
 */
export function residualKeep(mlp: Mlp, tx: tf.Tensor2D, nu: number, kept: tf.Tensor[]): tf.Tensor2D {
  checkInput(mlp, tx);
  return tf.tidy(() => {
    let g: tf.Tensor | null = null;
    const uxx = tf.grad((s: tf.Tensor) => {
      const gg = tf.grad((q: tf.Tensor) => mlp.predict(q as tf.Tensor2D).sum())(s);
      g = tf.keep(gg);
      kept.push(gg);
      return gg.slice([0, 1], [-1, 1]).sum();
    })(tx).slice([0, 1], [-1, 1]);
    const grad = g as unknown as tf.Tensor;
    const u = mlp.predict(tx);
    return grad.slice([0, 0], [-1, 1]).add(u.mul(grad.slice([0, 1], [-1, 1]))).sub(uxx.mul(nu)) as tf.Tensor2D;
  });
}

/**
 * PINN loss mean(r²) over collocation points + λ·mean((u − u_data)²) over initial/boundary points.
 * With `kept` given, the residual uses residualKeep (dispose `kept` after the gradient step).
 */
export function burgersLoss(mlp: Mlp, colloc: tf.Tensor2D, dataX: tf.Tensor2D, dataU: tf.Tensor2D, nu: number, dataWeight: number, kept?: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const r = kept ? residualKeep(mlp, colloc, nu, kept) : burgersResidual(mlp, colloc, nu);
    const fit = tf.mean(tf.square(tf.sub(mlp.predict(dataX), dataU)));
    return tf.add(tf.mean(tf.square(r)), tf.mul(dataWeight, fit)) as tf.Scalar;
  });
}

export interface BurgersPinnOptions {
  /** Hidden widths, e.g. seven of 64 (the paper) or four of 32. */
  widths: number[];
  /** Interior collocation points, uniform at random in [0, 1] × [−1, 1]. */
  nColloc: number;
  /** Initial + boundary points: half on t = 0 (x uniform), a quarter on each of x = ±1 (t uniform). */
  nData: number;
  steps: number;
  lr: number;
  /** Weight variance C_W and bias variance C_b of the initialisation (lib/networks/train buildMlp). */
  cw: number;
  cb: number;
  seed: number;
  nu?: number;
  /** Weight λ of the initial/boundary term (default 1, the plain sum of Raissi et al.). */
  dataWeight?: number;
  /** Called every `reportEvery` steps with (step, loss); default every 25 steps. */
  onStep?: (step: number, loss: number) => void;
  reportEvery?: number;
}

export interface BurgersPinnResult {
  mlp: Mlp;
  /** (step, total loss) every reportEvery steps and at the last step. */
  history: { step: number; loss: number }[];
  /** Step at which the loss became NaN/∞, else null (the network is then the last finite one's successor: do not use it). */
  divergedAt: number | null;
  /** The loss exploded but stayed finite (last > 1e10 × max(1, first), e.g. 7e36): flagged, not a result to plot. */
  exploded: boolean;
  wallMs: number;
}

/** The sampled training points of the PINN (seeded). */
export function burgersPoints(nColloc: number, nData: number, seed: number): { colloc: number[][]; dataX: number[][]; dataU: number[] } {
  assertInteger(nColloc, 'nColloc');
  assertInteger(nData, 'nData', 4);
  assertWithinBudget(`burgersPoints with ${nColloc} + ${nData} points`, nColloc + nData, 1e7, 'points');
  const rng = makeRng(seed);
  const colloc = Array.from({ length: nColloc }, () => [rng.uniform(), 2 * rng.uniform() - 1]);
  const nInit = Math.floor(nData / 2), nSide = Math.floor((nData - nInit) / 2);
  const dataX: number[][] = [], dataU: number[] = [];
  for (let i = 0; i < nInit; i++) { const x = 2 * rng.uniform() - 1; dataX.push([0, x]); dataU.push(-Math.sin(Math.PI * x)); }
  for (const side of [-1, 1]) for (let i = 0; i < nSide; i++) { dataX.push([rng.uniform(), side]); dataU.push(0); }
  return { colloc, dataX, dataU };
}

/** Train a Burgers PINN with Adam (full batch); the caller disposes result.mlp. Divergence is recorded, not thrown. */
export async function trainBurgersPinn(act: Activation, opts: BurgersPinnOptions): Promise<BurgersPinnResult> {
  opts.widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  assertInteger(opts.steps, 'steps');
  assertPositive(opts.lr, 'lr');
  const nu = assertNonNegative(opts.nu ?? RAISSI_NU, 'nu');
  const lambda = assertPositive(opts.dataWeight ?? 1, 'dataWeight');
  const every = assertInteger(opts.reportEvery ?? 25, 'reportEvery');
  assertWithinBudget(`trainBurgersPinn for ${opts.steps} steps`, opts.steps, MAX_TRAIN_STEPS, 'optimizer steps');
  // each step: u and three derivatives by nested autodiff at every point, ~30 flop per parameter per point
  assertWithinBudget(`trainBurgersPinn for ${opts.steps} steps on ${opts.nColloc}+${opts.nData} points`, 30 * opts.steps * (opts.nColloc + opts.nData) * mlpParamCount([2, ...opts.widths, 1]), 1e16, 'flop');
  const pts = burgersPoints(opts.nColloc, opts.nData, opts.seed + 1);
  const mlp = buildMlp({ inputDim: 2, widths: opts.widths, outputDim: 1, activation: act, cw: opts.cw, cb: opts.cb, seed: opts.seed });
  const colloc = tf.tensor2d(pts.colloc), dataX = tf.tensor2d(pts.dataX), dataU = tf.tensor2d(pts.dataU, [pts.dataU.length, 1]);
  const opt = tf.train.adam(opts.lr);
  const history: { step: number; loss: number }[] = [];
  let divergedAt: number | null = null;
  const t0 = Date.now();
  try {
    for (let s = 1; s <= opts.steps; s++) {
      const kept: tf.Tensor[] = [];
      const cost = opt.minimize(() => burgersLoss(mlp, colloc, dataX, dataU, nu, lambda, kept), true, mlp.params)!;
      tf.dispose(kept);
      if (s % every === 0 || s === opts.steps || s === 1) {
        const l = (await cost.data())[0];
        cost.dispose();
        if (!Number.isFinite(l)) { divergedAt = s; break; }
        history.push({ step: s, loss: l });
        opts.onStep?.(s, l);
      } else cost.dispose();
    }
  } finally {
    tf.dispose([colloc, dataX, dataU]);
    opt.dispose();
  }
  const first = history[0]?.loss, last = history[history.length - 1]?.loss;
  const exploded = divergedAt === null && last !== undefined && last > 1e10 * Math.max(1, first);
  return { mlp, history, divergedAt, exploded, wallMs: Date.now() - t0 };
}

/** The network's u on the rows [t, x] as a Float32Array. */
export function predictU(mlp: Mlp, tx: number[][]): Float32Array {
  return tf.tidy(() => mlp.predict(tf.tensor2d(tx)).dataSync() as Float32Array);
}

/** ‖u_net − u_ref‖₂ / ‖u_ref‖₂ over the rows [t, x] (u_ref given per row). */
export function relativeL2Error(pred: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (pred.length !== ref.length || pred.length === 0) throw new RangeError(`pred has ${pred.length} values but ref has ${ref.length}`);
  assertAllFinite(ref, 'ref');
  let num = 0, den = 0;
  for (let i = 0; i < ref.length; i++) { num += (pred[i] - ref[i]) ** 2; den += ref[i] ** 2; }
  if (den === 0) throw new RangeError(`relativeL2Error: ref is all zero (${ref.length} values), so the relative error is undefined`);
  return Math.sqrt(num / den);
}

/**
 * A physics-informed neural network (PINN) for the 1-D Poisson problem u″ = f on [0, 1],
 * u(0) = u(1) = 0 (seed 001, "PINNs ... must be able to compute its second derivatives").
 * u″ is taken by tf.grad(tf.grad(·)) through the nested-safe ops of lib/core/activations-tf, and
 * the loss mean (u″ − f)² + λ (u(0)² + u(1)²) is minimised with Adam on a fixed collocation grid.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/activations';
import { buildMlp, type Mlp } from './train';
import { assertInteger, assertPositive, assertWithinBudget } from '../core/guards';

export interface PinnOptions {
  /** Hidden widths. */
  widths: number[];
  /** Interior collocation points (uniform grid, excluding the ends). */
  nColloc: number;
  steps: number;
  lr: number;
  /** Weight λ of the boundary term. */
  bcWeight: number;
  seed: number;
  /** Called every `reportEvery` steps with (step, loss). */
  onStep?: (step: number, loss: number) => void;
  reportEvery?: number;
}
export const DEFAULT_PINN: Readonly<Omit<PinnOptions, 'seed'>> = Object.freeze({
  widths: [32], nColloc: 64, steps: 2000, lr: 0.01, bcWeight: 10, reportEvery: 50,
});

/** The test problem: f(x) = −π² sin(πx), exact solution u(x) = sin(πx). */
export const POISSON_SINE = Object.freeze({
  f: (x: number) => -Math.PI * Math.PI * Math.sin(Math.PI * x),
  u: (x: number) => Math.sin(Math.PI * x),
});

/** u, u′, u″ of a scalar network at the points x (column vector), by nested tf.grad (per-point, since points do not interact). */
export function derivatives(mlp: Mlp, x: tf.Tensor2D): { u: tf.Tensor2D; du: tf.Tensor2D; d2u: tf.Tensor2D } {
  const du1 = (t: tf.Tensor) => tf.grad((s: tf.Tensor) => mlp.predict(s as tf.Tensor2D).sum())(t);
  const d2 = tf.grad((t: tf.Tensor) => du1(t).sum());
  return tf.tidy(() => ({
    u: mlp.predict(x),
    du: du1(x) as tf.Tensor2D,
    d2u: d2(x) as tf.Tensor2D,
  }));
}

/** PINN loss mean(u″(x_i) − f(x_i))² + λ(u(0)² + u(1)²) (seed 001, second-order law as training signal). */
export function pinnLoss(mlp: Mlp, xc: tf.Tensor2D, fc: tf.Tensor2D, bcWeight: number): tf.Scalar {
  return tf.tidy(() => {
    const du1 = (t: tf.Tensor) => tf.grad((s: tf.Tensor) => mlp.predict(s as tf.Tensor2D).sum())(t);
    const d2u = tf.grad((t: tf.Tensor) => du1(t).sum())(xc);
    const res = tf.mean(tf.square(tf.sub(d2u, fc)));
    const ub = mlp.predict(tf.tensor2d([[0], [1]]));
    return tf.add(res, tf.mul(bcWeight, tf.sum(tf.square(ub)))) as tf.Scalar;
  });
}

export interface PinnResult {
  mlp: Mlp;
  /** (step, loss) every reportEvery steps, and the last step. */
  history: { step: number; loss: number }[];
  /** Relative L2 error ‖u_net − u‖/‖u‖ on a 201-point grid. */
  relL2: number;
  wallMs: number;
}

/** Train a PINN for u″ = f, u(0)=u(1)=0 with Adam; caller disposes result.mlp. */
export async function trainPinn(
  act: Activation, f: (x: number) => number, uExact: (x: number) => number, opts: PinnOptions,
): Promise<PinnResult> {
  const o = { ...DEFAULT_PINN, ...opts };
  assertInteger(o.nColloc, 'nColloc', 2);
  assertInteger(o.steps, 'steps');
  assertWithinBudget(`trainPinn for ${o.steps} steps`, o.steps, 1e7, 'optimizer steps');
  assertWithinBudget(`trainPinn on ${o.nColloc} collocation points`, o.nColloc, 1e7, 'points');
  const f0 = f(0.5), u0 = uExact(0.5);
  if (!Number.isFinite(f0) || !Number.isFinite(u0)) throw new RangeError(`trainPinn: f and uExact must be finite on [0, 1], but f(0.5)=${f0}, uExact(0.5)=${u0}`);
  assertPositive(o.lr, 'lr');
  assertPositive(o.bcWeight, 'bcWeight');
  const every = assertInteger(o.reportEvery ?? 50, 'reportEvery');
  const mlp = buildMlp({ inputDim: 1, widths: o.widths, outputDim: 1, activation: act, cw: 1, cb: 1, seed: o.seed });
  const xs = Array.from({ length: o.nColloc }, (_, i) => (i + 1) / (o.nColloc + 1));
  const xc = tf.tensor2d(xs, [o.nColloc, 1]);
  const fc = tf.tensor2d(xs.map(f), [o.nColloc, 1]);
  const opt = tf.train.adam(o.lr);
  const history: { step: number; loss: number }[] = [];
  const t0 = Date.now();
  try {
    for (let s = 1; s <= o.steps; s++) {
      const cost = opt.minimize(() => pinnLoss(mlp, xc, fc, o.bcWeight), true, mlp.params)!;
      if (s % every === 0 || s === o.steps) {
        const l = (await cost.data())[0];
        if (!Number.isFinite(l)) throw new Error(`PINN training diverged: loss ${l} at step ${s} (lr=${o.lr}, ${act.label})`);
        history.push({ step: s, loss: l });
        o.onStep?.(s, l);
      }
      cost.dispose();
    }
  } finally {
    tf.dispose([xc, fc]);
    opt.dispose();
  }
  return { mlp, history, relL2: relativeL2(mlp, uExact), wallMs: Date.now() - t0 };
}

/** ‖u_net − u‖₂ / ‖u‖₂ on 201 uniform points of [0, 1]. */
export function relativeL2(mlp: Mlp, uExact: (x: number) => number): number {
  const xs = Array.from({ length: 201 }, (_, i) => i / 200);
  const u = tf.tidy(() => mlp.predict(tf.tensor2d(xs, [201, 1])).dataSync());
  let num = 0, den = 0;
  xs.forEach((x, i) => { num += (u[i] - uExact(x)) ** 2; den += uExact(x) ** 2; });
  if (!(den > 0) || !Number.isFinite(den)) throw new RangeError(`relativeL2: uExact must be finite and not identically zero on [0, 1], but Σ uExact² = ${den}`);
  return Math.sqrt(num / den);
}

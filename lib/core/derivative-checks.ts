/**
 * Three independent routes to f′ and f″ of a zoo activation, compared with its closed forms:
 * central finite differences (float64), mathjs symbolic differentiation, and TF.js autodiff
 * (grad and grad∘grad; float32) through the nested-safe ops — plus the stock-op route that
 * shows the TF.js double-backprop trap.
 */
import * as tf from '@tensorflow/tfjs';
import * as math from 'mathjs';
import type { Activation } from './activations';
import { tfOp, rawTfOp } from './activations-tf';
import { assertAllFinite, assertFinite, assertInteger, assertPositive, assertWithinBudget } from './guards';

export interface DerivativeAgreement {
  label: string;
  /** Max over the grid of |route − closed form| / (1 + |closed form|). */
  fdD1: number;
  fdD2: number;
  mathjsD1?: number;
  mathjsD2?: number;
  tfD1: number;
  tfD2: number;
  /** Stock TF.js ops; Infinity where double backprop throws. */
  rawTfD2?: number;
}

type Op = (x: tf.Tensor) => tf.Tensor;

/** A grid on [lo, hi] that stays ≥ gap away from every kink, with points just either side of each. */
export function kinkAvoidingGrid(kinks: readonly number[], lo = -4, hi = 4, n = 97, gap = 1e-3): number[] {
  assertFinite(lo, 'kinkAvoidingGrid: lo');
  assertFinite(hi, 'kinkAvoidingGrid: hi');
  if (!(hi > lo)) throw new RangeError(`kinkAvoidingGrid: need hi > lo, but got lo=${lo}, hi=${hi}`);
  assertInteger(n, 'kinkAvoidingGrid: n', 2);
  assertWithinBudget(`kinkAvoidingGrid with n=${n}`, n, 1e7, 'points');
  assertPositive(gap, 'kinkAvoidingGrid: gap');
  assertAllFinite(kinks, 'kinks');
  const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  for (const k of kinks) xs.push(k - 10 * gap, k + 10 * gap);
  return xs.filter((x) => kinks.every((k) => Math.abs(x - k) >= gap)).sort((a, b) => a - b);
}

const relErr = (got: ArrayLike<number>, want: number[]) =>
  Math.max(...want.map((w, i) => Math.abs(got[i] - w) / (1 + Math.abs(w))));

/** f′ and f″ of an op by TF.js autodiff at xs (the `+0·x` keeps x in the graph where f″ ≡ 0). */
export function tfDerivatives(op: Op, xs: number[]): { d1: Float32Array; d2: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor1d(xs);
    const g1 = tf.grad((t: tf.Tensor) => op(t).sum());
    const g2 = tf.grad((t: tf.Tensor) => g1(t).sum().add(t.mul(0).sum()));
    return { d1: g1(x).dataSync() as Float32Array, d2: g2(x).dataSync() as Float32Array };
  });
}

/** Compare every route with the closed forms for each activation. */
export function derivativeAgreement(acts: readonly Activation[], h = 1e-5): DerivativeAgreement[] {
  return acts.map((a) => {
    const xs = kinkAvoidingGrid(a.kinks);
    const d1 = xs.map(a.df), d2 = xs.map(a.d2f);
    const fd1 = xs.map((x) => (a.f(x + h) - a.f(x - h)) / (2 * h));
    const fd2 = xs.map((x) => (a.df(x + h) - a.df(x - h)) / (2 * h));
    const out: DerivativeAgreement = { label: a.label, fdD1: relErr(fd1, d1), fdD2: relErr(fd2, d2), tfD1: 0, tfD2: 0 };
    if (a.expr) {
      const e1 = math.derivative(a.expr, 'x'), e2 = math.derivative(e1, 'x');
      const c1 = e1.compile(), c2 = e2.compile();
      const small = xs.map((x, i) => [x, i] as const).filter(([x]) => Math.abs(x) <= 3);
      out.mathjsD1 = Math.max(...small.map(([x, i]) => Math.abs(c1.evaluate({ x }) - d1[i]) / (1 + Math.abs(d1[i]))));
      out.mathjsD2 = Math.max(...small.map(([x, i]) => Math.abs(c2.evaluate({ x }) - d2[i]) / (1 + Math.abs(d2[i]))));
    }
    const t = tfDerivatives(tfOp(a), xs);
    out.tfD1 = relErr(t.d1, d1);
    out.tfD2 = relErr(t.d2, d2);
    const raw = rawTfOp(a);
    if (raw) {
      try {
        out.rawTfD2 = relErr(tfDerivatives(raw, xs).d2, d2);
      } catch {
        out.rawTfD2 = Infinity;
      }
    }
    return out;
  });
}

/**
 * Bespoke activations (seed 001, "Building in Physics"): Gaussian-type-orbital radial activations
 * x^l e^{−αx²} and cardinal B-spline activations whose degree k is a smoothness dial (C^{k−1}),
 * each as float64 functions with derivatives of any order and as a TF.js op safe under nested
 * tf.grad; a one-hidden-layer fitting loop for activations outside the zoo.
 */
import * as tf from '@tensorflow/tfjs';
import { safeExp, tfOp } from '../../core/activations-tf';
import type { Activation } from '../../core/activations';
import { assertInteger, assertPositive, assertNonNegative, assertFinite, assertWithinBudget } from '../../core/guards';
import { makeRng, normals } from '../../core/rng';

export interface ScalarActivation {
  readonly label: string;
  readonly f: (x: number) => number;
  /** m-th derivative (m ≥ 0); may be undefined at kinks (the right limit is returned). */
  readonly deriv: (x: number, m: number) => number;
  /** Points where some derivative jumps (for smoothness measurements). */
  readonly knots: readonly number[];
  readonly op: (x: tf.Tensor) => tf.Tensor;
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
function factorial(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

/**
 * Centred cardinal B-spline of degree k ≥ 1, B_k(x) = (1/k!) Σ_{j=0}^{k+1} (−1)^j C(k+1, j) (x + (k+1)/2 − j)_+^k
 * (de Boor 1978): support [−(k+1)/2, (k+1)/2], piecewise polynomial, C^{k−1}.
 */
export function bsplineActivation(k: number): ScalarActivation {
  assertInteger(k, 'degree k', 1);
  // the truncated-power sum cancels ~C(k+1, k/2)·h^k/k! down to O(1): beyond k = 20 it has lost more than half the digits
  if (k > 20) throw new RangeError(`degree k must be <= 20 (the truncated-power form loses its digits beyond), but got ${k}`);
  const h = (k + 1) / 2, kf = factorial(k);
  const coef = Array.from({ length: k + 2 }, (_, j) => ((-1) ** j * binom(k + 1, j)) / kf);
  const deriv = (x: number, m: number) => {
    assertNonNegative(m, 'm');
    if (m > k) return 0;
    const fall = factorial(k) / factorial(k - m);
    let s = 0;
    for (let j = 0; j <= k + 1; j++) {
      const t = x + h - j;
      if (t > 0) s += coef[j] * fall * (k - m === 0 ? 1 : t ** (k - m));
    }
    return s;
  };
  const op = (x: tf.Tensor) => tf.tidy(() => {
    let s: tf.Tensor = tf.zerosLike(x);
    for (let j = 0; j <= k + 1; j++) {
      const r = tf.relu(x.add(h - j));
      let p: tf.Tensor = r;
      for (let i = 1; i < k; i++) p = p.mul(r);
      s = s.add(p.mul(coef[j]));
    }
    return s;
  });
  return {
    label: `B-spline k=${k}`, f: (x) => deriv(x, 0), deriv,
    knots: Array.from({ length: k + 2 }, (_, j) => j - h), op,
  };
}

/** Gaussian-type-orbital radial activation x^l e^{−αx²} (Boys 1950), l ∈ {0, 1, 2}; derivatives by the product rule on Hermite-like polynomials. */
export function gtoActivation(l: number, alpha = 1): ScalarActivation {
  assertInteger(l, 'l', 0);
  if (l > 2) throw new RangeError(`l must be 0, 1 or 2, but got ${l}`);
  assertPositive(alpha, 'alpha');
  // f = P(x) e^{−αx²} with P a polynomial (coefficients low→high); d/dx: P′ − 2αx P
  const dpoly = (P: number[]) => {
    const out = new Array<number>(P.length + 1).fill(0);
    P.forEach((c, i) => { if (i > 0) out[i - 1] += i * c; out[i + 1] += -2 * alpha * c; });
    return out;
  };
  const polys: number[][] = [Array.from({ length: l + 1 }, (_, i) => (i === l ? 1 : 0))];
  const deriv = (x: number, m: number) => {
    assertNonNegative(m, 'm');
    while (polys.length <= m) polys.push(dpoly(polys[polys.length - 1]));
    const P = polys[m];
    let p = 0;
    for (let i = P.length - 1; i >= 0; i--) p = p * x + P[i];
    return p * Math.exp(-alpha * x * x);
  };
  const op = (x: tf.Tensor) => tf.tidy(() => {
    const g = safeExp(x.square().mul(-alpha));
    return l === 0 ? g : l === 1 ? x.mul(g) : x.square().mul(g);
  });
  return { label: `GTO ${['s', 'p', 'd'][l]} (x^${l} e^{−${alpha === 1 ? '' : alpha}x²})`, f: (x) => deriv(x, 0), deriv, knots: [], op };
}

/** Wrap a zoo activation (tanh, ReLU, …) as a ScalarActivation (derivatives up to order 2). */
export function fromZoo(a: Activation): ScalarActivation {
  return {
    label: a.label, f: a.f, knots: a.kinks, op: tfOp(a),
    deriv: (x, m) => {
      if (m === 0) return a.f(x);
      if (m === 1) return a.df(x);
      if (m === 2) return a.d2f(x);
      throw new RangeError(`zoo activations give derivatives up to order 2, but got m=${m}`);
    },
  };
}

export interface OneHiddenNet {
  /** Input weights w_j, biases b_j, output weights v_j and output bias c: N(x) = Σ v_j φ(w_j x + b_j) + c. */
  w: number[]; b: number[]; v: number[]; c: number;
}

/** m-th derivative of a one-hidden-layer net: Σ v_j w_j^m φ^{(m)}(w_j x + b_j) (+ c for m = 0). */
export function netDeriv(net: OneHiddenNet, act: ScalarActivation, x: number, m = 0): number {
  assertInteger(m, 'm (derivative order)', 0);
  assertFinite(x, 'x');
  let s = m === 0 ? net.c : 0;
  for (let j = 0; j < net.w.length; j++) s += net.v[j] * net.w[j] ** m * act.deriv(net.w[j] * x + net.b[j], m);
  return s;
}

export interface FitOptions {
  width: number;
  epochs: number;
  lr: number;
  seed: number;
  /** Std of the input weights and of the biases at initialisation. Defaults 1 and 2. */
  wStd?: number;
  bStd?: number;
}

/** Fit N(x) = Σ v_j φ(w_j x + b_j) + c to (x_i, y_i) by full-batch Adam on the MSE (1-D regression). */
export async function fitOneHidden(
  act: ScalarActivation, xs: readonly number[], ys: readonly number[], o: FitOptions,
): Promise<{ net: OneHiddenNet; loss: number[] }> {
  assertInteger(o.width, 'width');
  assertInteger(o.epochs, 'epochs');
  assertPositive(o.lr, 'lr');
  assertWithinBudget(`fitOneHidden for ${o.epochs} epochs`, o.epochs, 1e7, 'optimizer steps');
  assertWithinBudget(`fitOneHidden with width ${o.width} on ${xs.length} points`, 6 * o.epochs * o.width * xs.length, 1e14, 'flop');
  if (xs.length !== ys.length || xs.length === 0) throw new RangeError(`xs and ys must be non-empty and of equal length, but got ${xs.length} and ${ys.length}`);
  const rng = makeRng(o.seed);
  const W = tf.variable(tf.tensor2d(Float32Array.from(normals(rng, o.width, o.wStd ?? 1)), [1, o.width]));
  const B = tf.variable(tf.tensor1d(Float32Array.from(normals(rng, o.width, o.bStd ?? 2))));
  const V = tf.variable(tf.tensor2d(Float32Array.from(normals(rng, o.width, 1 / Math.sqrt(o.width))), [o.width, 1]));
  const C = tf.variable(tf.scalar(0));
  const X = tf.tensor2d(xs as number[], [xs.length, 1]), Y = tf.tensor2d(ys as number[], [ys.length, 1]);
  const opt = tf.train.adam(o.lr);
  const loss: number[] = [];
  try {
    for (let e = 1; e <= o.epochs; e++) {
      const cost = opt.minimize(() => tf.mean(tf.square(act.op(tf.add(tf.matMul(X, W), B)).matMul(V).add(C).sub(Y))) as tf.Scalar, true, [W, B, V, C])!;
      if (e % 10 === 0 || e === o.epochs) {
        const l = cost.dataSync()[0];
        if (!Number.isFinite(l)) throw new Error(`fit diverged: loss ${l} at epoch ${e} (${act.label}, lr=${o.lr})`);
        loss.push(l);
      }
      cost.dispose();
    }
    const net: OneHiddenNet = {
      w: Array.from(W.dataSync()), b: Array.from(B.dataSync()), v: Array.from(V.dataSync()), c: C.dataSync()[0],
    };
    return { net, loss };
  } finally {
    tf.dispose([W, B, V, C, X, Y]);
    opt.dispose();
  }
}

/**
 * Largest jump of the m-th derivative of a one-hidden-layer net across any neuron's knots:
 * max |N^{(m)}(x_k + ε) − N^{(m)}(x_k − ε)| (0 for a smooth activation). A C^{k−1} net has zero
 * jumps for m < k and a finite jump at m = k.
 */
export function derivativeJump(net: OneHiddenNet, act: ScalarActivation, m: number, eps = 1e-7): number {
  assertInteger(m, 'm (derivative order)', 0);
  assertPositive(eps, 'eps');
  if (!net || !Array.isArray(net.w) || net.b?.length !== net.w.length || net.v?.length !== net.w.length) {
    throw new RangeError(`derivativeJump: net must have w, b, v of equal length, but got ${net?.w?.length}, ${net?.b?.length}, ${net?.v?.length}`);
  }
  let jmax = 0;
  net.w.forEach((w, j) => {
    if (w === 0) return;
    for (const t of act.knots) {
      const xk = (t - net.b[j]) / w;
      jmax = Math.max(jmax, Math.abs(netDeriv(net, act, xk + eps, m) - netDeriv(net, act, xk - eps, m)));
    }
  });
  return jmax;
}

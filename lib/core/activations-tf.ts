/**
 * TF.js ops for the activation zoo that are correct when differentiated twice (or more).
 *
 * Trap (measured, tensorflow/tfjs#3252): the gradients of tf.sigmoid, tf.tanh, tf.exp and
 * tf.softplus reuse the op's saved output, so tf.grad(tf.grad(·)) through them throws or is
 * silently wrong (Swish″(0.3): 0.4889 instead of 0.4780). Here every transcendental is a
 * tf.customGrad whose gradient recomputes from the input with these same safe ops, so each
 * derivative is itself differentiable. Ops built from mul/add/relu/where/sin are already safe.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from './activations';

type Op = (x: tf.Tensor) => tf.Tensor;

/** Wrap tf.customGrad for a unary op (its typing takes a variadic signature). */
function safeUnary(body: (x: tf.Tensor) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor) => tf.Tensor }): Op {
  // The input must go through save(): a tensor captured only by the closure is disposed by the
  // enclosing tidy (e.g. optimizer.minimize) before the backward pass reads it.
  const g = tf.customGrad(((x: tf.Tensor, save: (ts: tf.Tensor[]) => void) => {
    save([x]);
    const { value } = body(x);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => body(saved[0]).gradFunc(dy),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return g as unknown as Op;
}

/** e^x whose gradient recomputes e^x from x (nested-safe). */
export const safeExp: Op = safeUnary((x) => ({
  value: tf.exp(x),
  gradFunc: (dy: tf.Tensor) => dy.mul(safeExp(x)),
}));

/** σ(x) whose gradient σ(1−σ) recomputes from x (nested-safe). */
export const safeSigmoid: Op = safeUnary((x) => ({
  value: tf.sigmoid(x),
  gradFunc: (dy: tf.Tensor) => {
    const s = safeSigmoid(x);
    return dy.mul(s.mul(tf.scalar(1).sub(s)));
  },
}));

/** tanh x = 2σ(2x) − 1, through the safe sigmoid. */
export const safeTanh: Op = (x) => tf.tidy(() => safeSigmoid(x.mul(2)).mul(2).sub(1));

/** softplus(x) = ln(1+e^x) whose gradient is the safe σ(x). */
export const safeSoftplus: Op = safeUnary((x) => ({
  value: tf.softplus(x),
  gradFunc: (dy: tf.Tensor) => dy.mul(safeSigmoid(x)),
}));

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Φ(x) = ½(1 + erf(x/√2)) whose gradient φ(x) = e^{−x²/2}/√(2π) uses the safe exp. */
export const safeNormalCdf: Op = safeUnary((x) => ({
  value: tf.erf(x.mul(SQRT1_2)).add(1).mul(0.5),
  gradFunc: (dy: tf.Tensor) => dy.mul(safeExp(x.square().mul(-0.5)).mul(INV_SQRT_2PI)),
}));

function intPow(x: tf.Tensor, p: number): tf.Tensor {
  let y = x;
  for (let i = 1; i < p; i++) y = y.mul(x);
  return y;
}

/** The nested-safe TF.js op of a zoo activation (same parameters as the float64 functions). */
export function tfOp(act: Activation): Op {
  if (act === null || typeof act !== 'object' || typeof act.name !== 'string') throw new TypeError(`tfOp: act must be a zoo Activation (lib/core/activations), but got ${typeof act === 'string' ? `'${act}'` : String(act)}`);
  const { alpha = 0, beta = 1, p = 1 } = (act.params ?? {}) as Record<string, number>;
  switch (act.name) {
    case 'identity': return (x) => x.mul(1);
    case 'heaviside': return (x) => tf.step(x, 0);
    case 'sigmoid': return safeSigmoid;
    case 'tanh': return safeTanh;
    case 'relu': return (x) => tf.relu(x);
    case 'leaky-relu': return (x) => tf.tidy(() => tf.relu(x).sub(tf.relu(x.neg()).mul(alpha)));
    // min(x, 0) written as −relu(−x): tf.minimum's gradient (LessEqual) has no gradient itself
    case 'elu': return (x) => tf.tidy(() => tf.relu(x).add(safeExp(tf.relu(x.neg()).neg()).sub(1).mul(alpha)));
    case 'softplus': return safeSoftplus;
    case 'gelu': return (x) => tf.tidy(() => x.mul(safeNormalCdf(x)));
    case 'swish': return (x) => tf.tidy(() => x.mul(safeSigmoid(x.mul(beta))));
    case 'mish': return (x) => tf.tidy(() => x.mul(safeTanh(safeSoftplus(x))));
    case 'sin': return (x) => tf.sin(x);
    case 'repu': return (x) => tf.tidy(() => intPow(tf.relu(x), p));
    case 'mrepu': return (x) => tf.tidy(() => x.mul(intPow(tf.relu(x.add(1)), p)));
    default: throw new RangeError(`no TF.js op for activation '${act.name}'`);
  }
}

/**
 * The same activations written with the stock TF.js ops (tf.sigmoid, tf.tanh, tf.exp, tf.softplus),
 * whose second derivatives are wrong or throw (tensorflow/tfjs#3252). Only for demonstrating and
 * testing the trap; undefined where the stock op is already nested-safe.
 */
export function rawTfOp(act: Activation): Op | undefined {
  if (act === null || typeof act !== 'object' || typeof act.name !== 'string') throw new TypeError(`rawTfOp: act must be a zoo Activation (lib/core/activations), but got ${typeof act === 'string' ? `'${act}'` : String(act)}`);
  const { alpha = 1, beta = 1 } = (act.params ?? {}) as Record<string, number>;
  switch (act.name) {
    case 'sigmoid': return (x) => tf.sigmoid(x);
    case 'tanh': return (x) => tf.tanh(x);
    case 'softplus': return (x) => tf.softplus(x);
    case 'swish': return (x) => x.mul(tf.sigmoid(x.mul(beta)));
    case 'mish': return (x) => x.mul(tf.tanh(tf.softplus(x)));
    case 'elu': return (x) => tf.relu(x).add(tf.exp(tf.relu(x.neg()).neg()).sub(1).mul(alpha));
    default: return undefined;
  }
}

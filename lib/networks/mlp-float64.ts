/**
 * A trained TF.js MLP copied into float64 plain TypeScript: forward pass with any scalar
 * activation, and the exact input gradient ∇ₓ N(x) by reverse mode (seed 001, "forces are the
 * negative gradient F = −∇E"). Used for molecular dynamics in a fitted potential (section 8)
 * and for swapping a trained network's activation for a cheap approximation (section 13).
 */
import type { Mlp } from './train';
import { assertAllFinite } from '../core/guards';

export interface Mlp64 {
  /** Weight matrices W_l as row-major [nIn][nOut]. */
  readonly weights: number[][][];
  readonly biases: number[][];
}

/** Copy an Mlp's parameters ([W1, b1, W2, b2, …]) into float64 arrays. */
export function toMlp64(mlp: Mlp): Mlp64 {
  const weights: number[][][] = [], biases: number[][] = [];
  for (let i = 0; i < mlp.params.length; i += 2) {
    weights.push(mlp.params[i].arraySync() as number[][]);
    biases.push(mlp.params[i + 1].arraySync() as number[]);
  }
  return { weights, biases };
}

function layer(h: readonly number[], W: number[][], b: number[]): number[] {
  const z = b.slice();
  for (let i = 0; i < h.length; i++) {
    const hi = h[i], row = W[i];
    if (hi === 0) continue;
    for (let j = 0; j < z.length; j++) z[j] += hi * row[j];
  }
  return z;
}

/** Network output N(x) (linear output layer) with hidden activation f. */
export function forward64(net: Mlp64, x: readonly number[], f: (z: number) => number): number[] {
  if (x.length !== net.weights[0].length) throw new RangeError(`x has ${x.length} entries, expected ${net.weights[0].length}`);
  assertAllFinite(x, 'x');
  let h: number[] = x.slice();
  const L = net.weights.length;
  for (let l = 0; l < L; l++) {
    const z = layer(h, net.weights[l], net.biases[l]);
    h = l === L - 1 ? z : z.map(f);
  }
  return h;
}

/** Value N(x)[0] and exact input gradient ∂N[0]/∂x by reverse mode, activation f with derivative df. */
export function valueAndGrad64(
  net: Mlp64, x: readonly number[], f: (z: number) => number, df: (z: number) => number,
): { value: number; grad: number[] } {
  assertAllFinite(x, 'x');
  if (x.length !== net.weights[0].length) throw new RangeError(`x has ${x.length} entries, expected ${net.weights[0].length}`);
  const L = net.weights.length;
  const zs: number[][] = [];
  let h: number[] = x.slice();
  for (let l = 0; l < L; l++) {
    const z = layer(h, net.weights[l], net.biases[l]);
    if (l < L - 1) { zs.push(z); h = z.map(f); } else h = z;
  }
  // backward: δ at the output is e_0
  let delta: number[] = new Array<number>(net.weights[L - 1][0].length).fill(0);
  delta[0] = 1;
  for (let l = L - 1; l >= 0; l--) {
    const W = net.weights[l], nIn = W.length, nOut = delta.length;
    const back = new Array<number>(nIn);
    for (let i = 0; i < nIn; i++) {
      const row = W[i];
      let s = 0;
      for (let j = 0; j < nOut; j++) s += row[j] * delta[j];
      back[i] = l > 0 ? s * df(zs[l - 1][i]) : s;
    }
    delta = back;
  }
  return { value: h[0], grad: delta };
}

/**
 * Stacks of linear maps collapse (seed 001, "The Spark of Non-Linearity"): an MLP without
 * activations, and message passing without activations, equal a single linear map.
 */
import { assertAllFinite } from '../../core/guards';

export type Matrix = number[][];

/** C = A B for dense row-major matrices. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const n = a.length, k = b.length, m = b[0]?.length ?? 0;
  if (n === 0 || k === 0 || m === 0) throw new RangeError(`matMul: A (${n} rows) and B (${k}×${m}) must be non-empty`);
  if ((a[0]?.length ?? 0) !== k) throw new RangeError(`matMul: A is ${n}×${a[0]?.length} but B is ${k}×${m}`);
  a.forEach((r, i) => { if (r.length !== k) throw new RangeError(`matMul: A is ragged: row ${i} has ${r.length} entries, expected ${k}`); });
  b.forEach((r, i) => { if (r.length !== m) throw new RangeError(`matMul: B is ragged: row ${i} has ${r.length} entries, expected ${m}`); });
  const c = Array.from({ length: n }, () => new Array(m).fill(0));
  for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) { const v = a[i][p]; if (v) for (let j = 0; j < m; j++) c[i][j] += v * b[p][j]; }
  return c;
}

/**
 * The single affine map x ↦ x W + b equal to the linear stack x ↦ (…((x W₁ + b₁) W₂ + b₂)…) W_L + b_L:
 * W = W₁ W₂ ⋯ W_L and b = (…(b₁ W₂ + b₂) W₃ + …) + b_L. Layers as {W: [nIn][nOut], b: [nOut]}.
 */
export function collapseAffineStack(layers: { W: Matrix; b: number[] }[]): { W: Matrix; b: number[] } {
  if (layers.length === 0) throw new RangeError('collapseAffineStack: need at least one layer');
  let W = layers[0].W, b = layers[0].b.slice();
  layers.forEach((l, i) => { l.W.forEach((r, j) => assertAllFinite(r, `layers[${i}].W[${j}]`)); assertAllFinite(l.b, `layers[${i}].b`); });
  for (const l of layers.slice(1)) {
    W = matMul(W, l.W);
    b = matMul([b], l.W)[0].map((v, j) => v + l.b[j]);
  }
  return { W, b };
}

/** Apply x ↦ x W + b to each row. */
export function applyAffine(x: Matrix, W: Matrix, b: number[]): Matrix {
  if (b.length !== (W[0]?.length ?? 0)) throw new RangeError(`applyAffine: b has ${b.length} entries but W has ${W[0]?.length ?? 0} columns`);
  return matMul(x, W).map((r) => r.map((v, j) => v + b[j]));
}

/** k rounds of linear message passing H ← Â H W_r (no activation), from H₀ = X. */
export function linearMessagePassing(A: Matrix, X: Matrix, Ws: Matrix[]): Matrix {
  let H = X;
  for (const W of Ws) H = matMul(matMul(A, H), W);
  return H;
}

/** The collapsed form of linearMessagePassing: Â^k X (W₁ ⋯ W_k), one propagation and one weight matrix. */
export function collapsedMessagePassing(A: Matrix, X: Matrix, Ws: Matrix[]): Matrix {
  if (!Array.isArray(Ws) || Ws.length === 0) throw new RangeError('collapsedMessagePassing: Ws must hold at least one weight matrix, but got none');
  let Ak = A;
  for (let r = 1; r < Ws.length; r++) Ak = matMul(Ak, A);
  const W = Ws.slice(1).reduce((acc, w) => matMul(acc, w), Ws[0]);
  return matMul(matMul(Ak, X), W);
}

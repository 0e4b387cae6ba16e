import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseAffineStack, applyAffine, linearMessagePassing, collapsedMessagePassing, matMul, Matrix } from './linear-stack';
import { makeRng } from '../../core/rng';

const rand = (rng: ReturnType<typeof makeRng>, n: number, m: number): Matrix => Array.from({ length: n }, () => Array.from({ length: m }, () => rng.normal()));

test('collapsed affine map equals the layer-by-layer stack (second route: apply each layer in turn)', () => {
  const rng = makeRng(1);
  const dims = [3, 5, 4, 6, 2];
  const layers = dims.slice(1).map((d, i) => ({ W: rand(rng, dims[i], d), b: Array.from({ length: d }, () => rng.normal()) }));
  const x = rand(rng, 7, 3);
  let h = x;
  for (const l of layers) h = applyAffine(h, l.W, l.b);
  const { W, b } = collapseAffineStack(layers);
  const y = applyAffine(x, W, b);
  h.forEach((r, i) => r.forEach((v, j) => assert.ok(Math.abs(v - y[i][j]) < 1e-10)));
  assert.equal(W.length, 3);
  assert.equal(W[0].length, 2);
});

test('linear message passing collapses to Â^k X W₁⋯W_k', () => {
  const rng = makeRng(2);
  const A = rand(rng, 6, 6), X = rand(rng, 6, 3), Ws = [rand(rng, 3, 4), rand(rng, 4, 4), rand(rng, 4, 2)];
  const a = linearMessagePassing(A, X, Ws), b = collapsedMessagePassing(A, X, Ws);
  a.forEach((r, i) => r.forEach((v, j) => assert.ok(Math.abs(v - b[i][j]) < 1e-9 * (1 + Math.abs(v)))));
});

test('bad shapes and values are refused', () => {
  assert.throws(() => matMul([[1, 2]], [[1, 2]]), /A is 1×2 but B is 1×2/);
  assert.throws(() => collapseAffineStack([{ W: [[NaN]], b: [0] }]), /layers\[0\]\.W\[0\]\[0\] must be finite, but got NaN/);
});

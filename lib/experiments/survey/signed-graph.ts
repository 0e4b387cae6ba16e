/**
 * The signed-graph thought experiment (seed 001, "The Modern Menagerie"): nodes joined by
 * excitatory (+1) and inhibitory (−1) edges; a node's label is the sign of the two-hop signed
 * aggregate of the scalar node signals. A two-layer message-passing network
 * z = Â φ(Â x W₁ + b₁) W₂ + b₂ must carry negative aggregates through φ to solve it.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../core/activations';
import { tfOp } from '../../core/activations-tf';
import { assertInRange, assertInteger, assertPositive, assertWithinBudget } from '../../core/guards';
import { makeRng, normals } from '../../core/rng';

export interface SignedGraph {
  /** Signed adjacency divided by the degree: Â_ij = ±1/deg(i) on edges, 0 elsewhere. */
  A: number[][];
  /** Scalar node signals x_i ~ N(0, 1). */
  x: number[];
  /** y_i = 1 if (Â Â x)_i > 0, else 0. */
  y: number[];
}

/** A random signed graph: each node links to `degree` random others; each edge inhibitory with probability `fracNegative`. */
export function makeSignedGraph(o: { n: number; degree: number; fracNegative: number; seed: number }): SignedGraph {
  assertInteger(o.n, 'n', 3);
  assertInteger(o.degree, 'degree');
  if (o.degree >= o.n) throw new RangeError(`degree must be < n = ${o.n}, but got ${o.degree}`);
  assertInRange(o.fracNegative, 'fracNegative', 0, 1);
  assertWithinBudget(`makeSignedGraph with n=${o.n} (a dense n×n adjacency)`, o.n * o.n, 1e8, 'matrix entries');
  const rng = makeRng(o.seed);
  const A = Array.from({ length: o.n }, () => new Array(o.n).fill(0));
  for (let i = 0; i < o.n; i++) {
    const nbrs = new Set<number>();
    while (nbrs.size < o.degree) { const j = rng.int(o.n); if (j !== i) nbrs.add(j); }
    for (const j of nbrs) A[i][j] = (rng.uniform() < o.fracNegative ? -1 : 1) / o.degree;
  }
  const x = Array.from(normals(rng, o.n));
  const ax = A.map((r) => r.reduce((s, a, j) => s + a * x[j], 0));
  const y = A.map((r) => (r.reduce((s, a, j) => s + a * ax[j], 0) > 0 ? 1 : 0));
  return { A, x, y };
}

export interface GnnResult {
  accuracy: number;
  loss: number[];
}

/** Train z = Â φ(Â x W₁ + b₁) W₂ + b₂ (hidden channels `width`) with logistic loss, full batch Adam; returns training accuracy. */
export async function trainSignedGnn(g: SignedGraph, act: Activation, o: { width: number; steps: number; lr: number; seed: number }): Promise<GnnResult> {
  assertInteger(o.width, 'width');
  assertInteger(o.steps, 'steps');
  assertPositive(o.lr, 'lr');
  assertWithinBudget(`trainSignedGnn for ${o.steps} steps`, o.steps, 1e7, 'optimizer steps');
  assertWithinBudget(`trainSignedGnn for ${o.steps} steps on ${g.x.length} nodes × width ${o.width}`, 6 * o.steps * (g.x.length * g.x.length + g.x.length * o.width), 1e15, 'flop');
  const rng = makeRng(o.seed);
  const phi = tfOp(act);
  const A = tf.tensor2d(g.A), X = tf.tensor2d(g.x, [g.x.length, 1]), Y = tf.tensor2d(g.y, [g.y.length, 1]);
  const W1 = tf.variable(tf.tensor2d(Float32Array.from(normals(rng, o.width, 1)), [1, o.width]));
  const b1 = tf.variable(tf.zeros([o.width]));
  const W2 = tf.variable(tf.tensor2d(Float32Array.from(normals(rng, o.width, 1 / Math.sqrt(o.width))), [o.width, 1]));
  const b2 = tf.variable(tf.zeros([1]));
  const logits = () => tf.matMul(tf.matMul(A, phi(tf.matMul(tf.matMul(A, X), W1).add(b1)) as tf.Tensor2D), W2).add(b2) as tf.Tensor2D;
  const opt = tf.train.adam(o.lr);
  const loss: number[] = [];
  try {
    for (let s = 0; s < o.steps; s++) {
      // first-order only: sigmoidCrossEntropy is fine for one gradient (its double backprop is the trap)
      const l = opt.minimize(() => tf.losses.sigmoidCrossEntropy(Y, logits()) as tf.Scalar, true, [W1, b1, W2, b2])!;
      const v = l.dataSync()[0];
      l.dispose();
      if (!Number.isFinite(v)) throw new Error(`signed GNN training diverged at step ${s}: loss ${v}`);
      loss.push(v);
    }
    const z = tf.tidy(() => logits().dataSync());
    let ok = 0;
    z.forEach((v, i) => { if ((v > 0 ? 1 : 0) === g.y[i]) ok++; });
    return { accuracy: ok / g.y.length, loss };
  } finally {
    tf.dispose([A, X, Y, W1, b1, W2, b2]);
    opt.dispose();
  }
}

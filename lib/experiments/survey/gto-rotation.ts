/**
 * Notebook 01, §11: is the 3-D rotational symmetry of Gaussian-type-orbital (GTO) units (SciencePedia, "Activation
 * Functions", § Building in physics: an angular part in spherical harmonics, "that symmetry is baked into its very DNA")
 * still there in a *trained* network? A network of s-type GTO units N(r) = Σ_j v_j exp(−α_j |r − c_j|²) + v₀ (free
 * centres c_j and exponents α_j: each unit is invariant about its own centre, the network about no point unless training
 * puts it there) and one-hidden-layer tanh and ReLU MLPs of exactly the same parameter count (5H + 1) are fitted to a
 * rotation-invariant 3-D target that none of them generates, and the invariance error of the learned function under
 * random rotations about the origin is measured on held-out points. docs/derivations/01-survey.md states the choices.
 */
import * as tf from '@tensorflow/tfjs';
import { safeExp, safeTanh } from '../../core/activations-tf';
import { initBackend } from '../../core/backend';
import { assertFinite, assertInteger, assertOneOf, assertPositive, assertWithinBudget } from '../../core/guards';
import { makeRng, normals, Rng } from '../../core/rng';
import { bySize, Profile } from '../../report/profile';
import { defineExperiment, seeds, tasksOf } from '../../runtime/experiment';

const MODULE = 'lib/experiments/survey/gto-rotation.ts';

export const ROTATION_MODELS = ['gto', 'tanh', 'relu'] as const;
export type RotationModel = (typeof ROTATION_MODELS)[number];

export const ROTATION_SIZES = {
  quick: { rotWidth: 16, rotEpochs: 200, rotTrain: 96, rotTest: 128, rotSeeds: 5 },
  default: { rotWidth: 16, rotEpochs: 1500, rotTrain: 256, rotTest: 512, rotSeeds: 10 },
  paper: { rotWidth: 32, rotEpochs: 6000, rotTrain: 1024, rotTest: 2048, rotSeeds: 30 },
};
export const rotationSizes = (p: Profile) => bySize(ROTATION_SIZES, p);

/** Spread of the input distribution: r ~ N(0, σ² I₃) with σ = 1.5 (training and held-out points alike). */
export const ROT_SIGMA = 1.5;
/** Rotation angles (degrees) of the invariance-error curve; the claim uses Haar-random rotations. */
export const ROT_ANGLES = [10, 30, 60, 90, 120, 180];

/**
 * The invariant target: a 2s-like Slater-type radial function (1 − ρ/2) e^{−ρ/2} of ρ = |r| (a cusp at the origin and a
 * radial node at ρ = 2): orbital-shaped, invariant under every rotation about the origin, and not a sum of Gaussians.
 */
export function rotationTarget(r: readonly number[]): number {
  if (!Array.isArray(r) || r.length !== 3) throw new RangeError(`rotationTarget: r must be a 3-vector, but got ${Array.isArray(r) ? `length ${r.length}` : typeof r}`);
  const rho = Math.hypot(assertFinite(r[0], 'r[0]'), assertFinite(r[1], 'r[1]'), assertFinite(r[2], 'r[2]'));
  return (1 - rho / 2) * Math.exp(-rho / 2);
}

/** A rotation matrix from a unit quaternion (w, x, y, z). */
function quatMatrix(w: number, x: number, y: number, z: number): number[][] {
  return [
    [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
    [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
    [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
  ];
}

/** A Haar-random rotation (a normalised Gaussian quaternion: uniform on SO(3)). */
export function randomRotation(rng: Rng): number[][] {
  const q = Array.from(normals(rng, 4)), n = Math.hypot(...q);
  return quatMatrix(q[0] / n, q[1] / n, q[2] / n, q[3] / n);
}

/** A rotation by `degrees` about a uniformly random axis. */
export function rotationByAngle(rng: Rng, degrees: number): number[][] {
  assertFinite(degrees, 'degrees');
  const a = Array.from(normals(rng, 3)), n = Math.hypot(...a), h = (degrees * Math.PI) / 360, s = Math.sin(h);
  return quatMatrix(Math.cos(h), (s * a[0]) / n, (s * a[1]) / n, (s * a[2]) / n);
}

const mv = (R: number[][], v: readonly number[]) => R.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]);

/** The trained parameters, in float64: GTO units (centres C, log-exponents logA) or an MLP layer (W: 3×H, b), output v, v0. */
export interface RotationNet { model: RotationModel; C?: number[][]; logA?: number[]; W?: number[][]; b?: number[]; v: number[]; v0: number }

/** N(r) of a trained net, in float64. */
export function rotationNetValue(net: RotationNet, r: readonly number[]): number {
  let s = net.v0;
  for (let j = 0; j < net.v.length; j++) {
    let h: number;
    if (net.model === 'gto') {
      const c = net.C![j], d2 = (r[0] - c[0]) ** 2 + (r[1] - c[1]) ** 2 + (r[2] - c[2]) ** 2;
      h = Math.exp(-Math.exp(net.logA![j]) * d2);
    } else {
      const z = net.W![0][j] * r[0] + net.W![1][j] * r[1] + net.W![2][j] * r[2] + net.b![j];
      h = net.model === 'tanh' ? Math.tanh(z) : Math.max(0, z);
    }
    s += net.v[j] * h;
  }
  return s;
}

/** Parameters of a width-H model: 5H + 1 for every model (GTO: 3 centre + 1 exponent + 1 output per unit; MLP: 3 weights + 1 bias + 1 output). */
export const rotationParams = (width: number) => 5 * assertInteger(width, 'width') + 1;

/**
 * Relative invariance error of f under the rotations Rs on the points xs: √(mean (f(Rr) − f(r))²) / scale
 * (scale: the target's standard deviation on the same points).
 */
export function invarianceError(f: (r: number[]) => number, xs: readonly number[][], Rs: readonly number[][][], scale: number): number {
  assertPositive(scale, 'scale');
  if (!xs.length || !Rs.length) throw new RangeError(`invarianceError: need points and rotations, but got ${xs.length} points and ${Rs.length} rotations`);
  let s = 0;
  for (const r of xs) { const f0 = f(r as number[]); for (const R of Rs) s += (f(mv(R, r)) - f0) ** 2; }
  return Math.sqrt(s / (xs.length * Rs.length)) / scale;
}

const cloud = (rng: Rng, n: number) => Array.from({ length: n }, () => Array.from(normals(rng, 3, ROT_SIGMA)));

export interface RotationConfig { model: RotationModel; width: number; epochs: number; nTrain: number; nTest: number; [k: string]: unknown }

/**
 * Fit one model (full-batch Adam, lr 0.01, MSE) to the invariant target on nTrain points r ~ N(0, 1.5² I₃) (data seed
 * 1170 + seed, the same for every model: paired), initialisation seed 1180 + seed. Then, on nTest held-out points (seed
 * 1190 + seed): the relative test RMSE, the relative invariance error under 16 Haar-random rotations per point, and under
 * 8 random axes at each angle of ROT_ANGLES. A run whose loss is not finite is reported as diverged (errors null).
 */
export async function rotationTask(c: RotationConfig, seed: number) {
  assertOneOf(c.model, 'model', ROTATION_MODELS);
  const H = assertInteger(c.width, 'width'), epochs = assertInteger(c.epochs, 'epochs');
  assertInteger(c.nTrain, 'nTrain', 2);
  assertInteger(c.nTest, 'nTest', 2);
  assertWithinBudget(`rotationTask for ${epochs} epochs`, epochs, 1e6, 'optimizer steps');
  assertWithinBudget(`rotationTask with width ${H} on ${c.nTrain} points`, 30 * epochs * H * c.nTrain, 1e13, 'flop');
  await initBackend();
  const xs = cloud(makeRng(1170 + seed), c.nTrain), ys = xs.map(rotationTarget);
  const rng = makeRng(1180 + seed);
  const mat = (rows: number, cols: number, std: number) => tf.variable(tf.tensor2d(Float32Array.from(normals(rng, rows * cols, std)), [rows, cols]));
  const vars: tf.Variable[] = [];
  let forward: (X: tf.Tensor2D) => tf.Tensor2D;
  let P: Record<string, tf.Variable>;
  if (c.model === 'gto') {
    // centres spread like the data, exponents α = 0.5 (width ~ 1, the scale of the target), output weights N(0, 1/H)
    P = { C: mat(H, 3, ROT_SIGMA), logA: tf.variable(tf.fill([H], Math.log(0.5))), v: mat(H, 1, 1 / Math.sqrt(H)), v0: tf.variable(tf.scalar(0)) };
    forward = (X) => tf.tidy(() => {
      const d2 = tf.relu(tf.sum(X.square(), 1, true).sub(tf.matMul(X, P.C, false, true).mul(2)).add(tf.sum(P.C.square(), 1).reshape([1, H])));
      return safeExp(d2.mul(safeExp(P.logA).reshape([1, H])).neg()).matMul(P.v).add(P.v0) as tf.Tensor2D;
    });
  } else {
    // LeCun (tanh, C_W = 1) or He (ReLU, C_W = 2) for the input dimension 3 at the input scale σ; biases N(0, 1)
    const cw = c.model === 'relu' ? 2 : 1;
    P = { W: mat(3, H, Math.sqrt(cw / 3) / ROT_SIGMA), b: tf.variable(tf.tensor1d(Float32Array.from(normals(rng, H, 1)))), v: mat(H, 1, 1 / Math.sqrt(H)), v0: tf.variable(tf.scalar(0)) };
    forward = (X) => tf.tidy(() => { const z = tf.matMul(X, P.W).add(P.b); return (c.model === 'tanh' ? safeTanh(z) : tf.relu(z)).matMul(P.v).add(P.v0) as tf.Tensor2D; });
  }
  vars.push(...Object.values(P));
  const X = tf.tensor2d(xs, [xs.length, 3]), Y = tf.tensor2d(ys, [ys.length, 1]);
  const opt = tf.train.adam(0.01);
  let finalLoss = NaN, diverged = false;
  const net: RotationNet = { model: c.model, v: [], v0: 0 };
  try {
    for (let e = 1; e <= epochs; e++) {
      const cost = opt.minimize(() => tf.mean(tf.square(forward(X).sub(Y))) as tf.Scalar, e % 50 === 0 || e === epochs, vars);
      if (cost) {
        finalLoss = cost.dataSync()[0];
        cost.dispose();
        if (!Number.isFinite(finalLoss)) { diverged = true; break; }
      }
    }
    const arr = (t: tf.Tensor) => Array.from(t.dataSync());
    const rows = (t: tf.Tensor, cols: number) => { const a = arr(t); return Array.from({ length: a.length / cols }, (_, i) => a.slice(i * cols, (i + 1) * cols)); };
    net.v = arr(P.v);
    net.v0 = arr(P.v0)[0];
    if (c.model === 'gto') { net.C = rows(P.C, 3); net.logA = arr(P.logA); } else { net.W = rows(P.W, H); net.b = arr(P.b); }
  } finally {
    tf.dispose([X, Y, ...vars]);
    opt.dispose();
  }
  if (diverged || ![...net.v, net.v0].every(Number.isFinite)) return { diverged: true, finalLoss: null, testRel: null, invRel: null, invByAngle: null, nParams: rotationParams(H), net: null };
  const test = cloud(makeRng(1190 + seed), c.nTest), yt = test.map(rotationTarget);
  const mu = yt.reduce((a, b) => a + b, 0) / yt.length, scale = Math.sqrt(yt.reduce((a, b) => a + (b - mu) ** 2, 0) / yt.length);
  const f = (r: number[]) => rotationNetValue(net, r);
  const testRel = Math.sqrt(test.reduce((a, r, i) => a + (f(r) - yt[i]) ** 2, 0) / test.length) / scale;
  const rr = makeRng(1195 + seed);
  const invRel = invarianceError(f, test, Array.from({ length: 16 }, () => randomRotation(rr)), scale);
  const invByAngle = ROT_ANGLES.map((deg) => invarianceError(f, test, Array.from({ length: 8 }, () => rotationByAngle(rr, deg)), scale));
  return { diverged: false, finalLoss, testRel, invRel, invByAngle, nParams: rotationParams(H), net: seed === 0 ? JSON.stringify(net) : null };
}

export const rotationExperiment = defineExperiment<RotationConfig>({
  name: 'survey-gto-rotation', version: 2, module: MODULE, task: 'rotationTask', label: '§11 learned 3-D rotation invariance',
  tasks: (p) => {
    const s = rotationSizes(p);
    return tasksOf(ROTATION_MODELS.map((model) => ({ model, width: s.rotWidth, epochs: s.rotEpochs, nTrain: s.rotTrain, nTest: s.rotTest })), seeds(s.rotSeeds),
      (c) => (c.epochs * c.nTrain * c.width) / 2e6);
  },
});

/**
 * One neuron ŷ = f(w x + b) with the squared-error loss L(w, b) = (1/m) Σ ½ (ŷ_i − y_i)²
 * (seed 001, "The Landscape of Learning" and "Bounded, Unbounded"): loss, gradient and
 * Hessian in closed form from f, f′, f″, and plain gradient descent.
 */
import type { Activation } from '../../core/activations';
import { assertAllFinite, assertInteger, assertPositive, assertFinite, assertWithinBudget } from '../../core/guards';

export interface NeuronData {
  x: number[];
  y: number[];
}

function check(d: NeuronData): void {
  if (d.x.length === 0 || d.x.length !== d.y.length) throw new RangeError(`x has ${d.x.length} points but y has ${d.y.length}`);
  assertAllFinite(d.x, 'x');
  assertAllFinite(d.y, 'y');
}

/** O(1) checks at every evaluation (the O(m) finiteness check runs once, in neuronDescent). */
function checkPoint(w: number, b: number, d: NeuronData): void {
  assertFinite(w, 'w');
  assertFinite(b, 'b');
  if (!d || d.x.length === 0 || d.x.length !== d.y.length) throw new RangeError(`x has ${d?.x?.length} points but y has ${d?.y?.length}; they must be non-empty and of equal length`);
}

/** L(w, b) = (1/m) Σ ½ (f(w x_i + b) − y_i)². */
export function neuronLoss(act: Activation, w: number, b: number, d: NeuronData): number {
  checkPoint(w, b, d);
  let s = 0;
  for (let i = 0; i < d.x.length; i++) s += 0.5 * (act.f(w * d.x[i] + b) - d.y[i]) ** 2;
  return s / d.x.length;
}

/** ∇L = (1/m) Σ r f′(z) (x, 1) with r = f(z) − y, z = w x + b. */
export function neuronGradient(act: Activation, w: number, b: number, d: NeuronData): [number, number] {
  checkPoint(w, b, d);
  let gw = 0, gb = 0;
  for (let i = 0; i < d.x.length; i++) {
    const z = w * d.x[i] + b, g = (act.f(z) - d.y[i]) * act.df(z);
    gw += g * d.x[i];
    gb += g;
  }
  return [gw / d.x.length, gb / d.x.length];
}

/** ∇²L = (1/m) Σ (f′(z)² + r f″(z)) (x, 1)(x, 1)ᵀ: the Gauss–Newton part plus the curvature part. */
export function neuronHessian(act: Activation, w: number, b: number, d: NeuronData): [[number, number], [number, number]] {
  checkPoint(w, b, d);
  let hww = 0, hwb = 0, hbb = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i], z = w * x + b, fp = act.df(z);
    const c = fp * fp + (act.f(z) - d.y[i]) * act.d2f(z);
    hww += c * x * x;
    hwb += c * x;
    hbb += c;
  }
  const m = d.x.length;
  return [[hww / m, hwb / m], [hwb / m, hbb / m]];
}

/** Eigenvalues of a symmetric 2×2 matrix, ascending. */
export function eig2(h: [[number, number], [number, number]]): [number, number] {
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) assertFinite(h?.[i]?.[j], `h[${i}][${j}]`);
  const tr = h[0][0] + h[1][1], det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return [tr / 2 - disc, tr / 2 + disc];
}

export interface DescentResult {
  path: { step: number; w: number; b: number; loss: number; gradNorm: number }[];
  /** Step at which the loss first became non-finite or exceeded `blowUp`, or null. */
  divergedAt: number | null;
}

/** Full-batch gradient descent on (w, b); records the path; stops (without NaN) on divergence. */
export function neuronDescent(act: Activation, d: NeuronData, o: { w0: number; b0: number; lr: number; steps: number; blowUp?: number }): DescentResult {
  check(d);
  assertPositive(o.lr, 'lr');
  assertInteger(o.steps, 'steps');
  assertFinite(o.w0, 'w0');
  assertFinite(o.b0, 'b0');
  assertWithinBudget(`neuronDescent for ${o.steps} steps`, o.steps, 1e7, 'steps (each recorded in path)');
  assertWithinBudget(`neuronDescent for ${o.steps} steps on ${d.x.length} points`, o.steps * d.x.length, 1e9, 'point evaluations');
  let { w0: w, b0: b } = o;
  const path: DescentResult['path'] = [];
  const blowUp = o.blowUp ?? 1e12;
  for (let s = 0; s <= o.steps; s++) {
    const loss = neuronLoss(act, w, b, d);
    const [gw, gb] = neuronGradient(act, w, b, d);
    const gradNorm = Math.hypot(gw, gb);
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm) || loss > blowUp) return { path, divergedAt: s };
    path.push({ step: s, w, b, loss, gradNorm });
    w -= o.lr * gw;
    b -= o.lr * gb;
  }
  return { path, divergedAt: null };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gateProbabilities, logPartition, meanGate, meanSignal, esp, espDerivative, espBetaDerivative, lambertW,
  reluGapClosedForm, reluGapOnGrid, propagateScale, logGamma, exactBinomialRate, saddlePoint, saddlePointRate,
  crossEntropyRate,
} from './mean-field-gate';
import { sigmoid, swish } from '../core/activations';
import { makeRng } from '../core/rng';

const close = (a: number, b: number, tol: number, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

test('eq. (4)–(5): enumeration equals β⁻¹∂_b log Z and ∂_β log Z (finite differences)', () => {
  for (const [h, beta] of [[0.7, 1], [-2, 0.3], [3, 5], [-0.4, -2]]) {
    const e = 1e-6;
    // ∂_b: h = w x + b, so ∂_b log Z = ∂_h log Z
    const dLogZdb = (logPartition(h + e, beta) - logPartition(h - e, beta)) / (2 * e) / beta;
    const dLogZdBeta = (logPartition(h, beta + e) - logPartition(h, beta - e)) / (2 * e);
    close(meanGate(h, beta), dLogZdb, 1e-8, 'mean gate');
    close(meanSignal(h, beta), dLogZdBeta, 1e-8, 'mean signal');
    close(meanSignal(h, beta), h * sigmoid(beta * h), 1e-15, 'swish');
    const [p0, p1] = gateProbabilities(h, beta);
    close(p0 + p1, 1, 1e-15);
  }
});

test('eq. (2) enumeration: Boltzmann weights by hand, no overflow at |βh| = 800, and it detects a wrong formula', () => {
  // by hand: h = 1, β = ln 3 → weights 1 and 3, Z = 4
  const [p0, p1] = gateProbabilities(1, Math.log(3));
  close(p0, 0.25, 1e-15);
  close(p1, 0.75, 1e-15);
  assert.deepEqual(gateProbabilities(800, 1), [0, 1]);
  assert.deepEqual(gateProbabilities(-800, 1), [1, 0]);
  // the enumerated mean differs from a wrong closed form (σ(h) instead of σ(βh)) at β ≠ 1
  assert.ok(Math.abs(meanGate(1, 3) - sigmoid(1)) > 0.1);
  assert.throws(() => gateProbabilities(NaN, 1), /h/);
});

test('eq. (7): g(h) and ∂β against finite differences and the zoo swish', () => {
  for (const [h, beta] of [[0.3, 1], [-2.4, 1], [5, 0.2], [-1, 3]]) {
    const e = 1e-6;
    close(espDerivative(h, beta), (esp(h + e, beta) - esp(h - e, beta)) / (2 * e), 1e-8);
    close(espBetaDerivative(h, beta), (esp(h, beta + e) - esp(h, beta - e)) / (2 * e), 1e-8);
    if (beta > 0) close(espDerivative(h, beta), swish(beta).df(h), 1e-14);
  }
});

test('Lambert W: W e^W = x; W(1/e) = 0.2784645428; W(−1/e) = −1', () => {
  for (const x of [-0.36, -0.2, 0, 0.1, 1 / Math.E, 1, 10, 1e6]) {
    const w = lambertW(x);
    close(w * Math.exp(w), x, 1e-13, `x=${x}`);
  }
  close(lambertW(1 / Math.E), 0.2784645428, 1e-10);
  close(lambertW(-1 / Math.E), -1, 1e-6);
  assert.throws(() => lambertW(-1), /below −1\/e/);
});

test('eq. (6) rate: grid sup gap equals W(1/e)/β', () => {
  for (const beta of [0.5, 1, 4, 20]) {
    const exact = reluGapClosedForm(beta), grid = reluGapOnGrid(beta, 10 / beta);
    close(grid.gap, exact.gap, 1e-8);
    close(Math.abs(grid.at), exact.at, 1e-3);
  }
});

test('§2.2: ReLU nets are homogeneous of degree 1 in the input scale; sigmoid nets are not', () => {
  const rng = makeRng(3), widths = [4, 16, 16];
  const weights = [new Float64Array(64), new Float64Array(256)].map((w, l) => w.map(() => rng.normal() * Math.sqrt(2 / widths[l])));
  const inputs = [0, 1, 2].map(() => Float64Array.from({ length: 4 }, () => rng.normal()));
  const relu = (h: number) => Math.max(h, 0);
  const a = propagateScale(relu, weights, widths, inputs, 1), b = propagateScale(relu, weights, widths, inputs, 1000);
  a.rms.forEach((r, l) => close(b.rms[l], 1000 * r, 1e-12));
  const s1 = propagateScale(sigmoid, weights, widths, inputs, 1), s2 = propagateScale(sigmoid, weights, widths, inputs, 1000);
  assert.ok(s2.rms[1] / s1.rms[1] < 2, 'sigmoid output does not scale with its input');
  assert.throws(() => propagateScale(relu, weights, widths, inputs, -1), /scale/);
});

test('logGamma against factorials and Γ(1/2)', () => {
  let f = 0;
  for (let n = 1; n < 30; n++) { f += Math.log(n); close(logGamma(n + 1), f, 1e-13); }
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
});

test('Appendix A: Newton saddle point = eq. (15) closed form; rate = cross-entropy − H(y); exact rate → I(y)', () => {
  for (const [y, q] of [[0.3, 0.6], [0.9, 0.2], [0.5, 0.5]]) {
    const s = saddlePointRate(y, q);
    close(s.lambda, saddlePoint(y, q), 1e-10);
    close(s.rate, crossEntropyRate(y, q), 1e-12);
  }
  // exact −(1/m) log P approaches I(y) with O(log m / m) corrections
  const y = 0.3, q = 0.6, I = crossEntropyRate(y, q);
  const err = [100, 10000].map((m) => Math.abs(exactBinomialRate(m, Math.round(y * m), q) - I));
  assert.ok(err[1] < err[0] / 30, `errors ${err}`);
  assert.throws(() => exactBinomialRate(10, 11, 0.5), /exceeds/);
  assert.throws(() => saddlePoint(0, 0.5), /y/);
});

test('eqs. (1)–(3): product-of-deltas mass, the three normalisations of P(s), the RBM conditional; guards', async () => {
  const { productOfDeltasMass, layerGateSums, rbmConditionalError } = await import('./mean-field-gate');
  // one point: a single Gaussian, mass 1; two coincident points: the product of two identical Gaussians, 1/√(4πε²)
  assert.ok(Math.abs(productOfDeltasMass([0.3], 0.1) - 1) < 1e-12);
  assert.ok(Math.abs(productOfDeltasMass([0.3, 0.3], 0.1) - 1 / Math.sqrt(4 * Math.PI * 0.01)) < 1e-10);
  assert.ok(productOfDeltasMass([0, 1, 2], 0.05) < 1e-100);
  const w = [[0.5, -1], [1.2, 0.3]], b = [0.1, -0.2], beta = [1.5, 0.7], X = [[1, 0.5], [-0.3, 2], [0.8, -1]];
  const s = layerGateSums(w, b, beta, X);
  assert.ok(Math.abs(s.mixture - 1) < 1e-12 && Math.abs(s.perExample - 1) < 1e-12 && s.meanGateError < 1e-12);
  assert.ok(Math.abs(s.printed - 1) > 1e-3);
  assert.ok(rbmConditionalError([[0.4, -0.7, 1.1], [0.2, 0.9, -0.5]], [0.3, -0.1], [0.2, -0.4, 0.6]) < 1e-12);
  assert.throws(() => productOfDeltasMass([0, 1], 0), /eps/);
  assert.throws(() => productOfDeltasMass([], 1), /points must be a non-empty array/);
  assert.throws(() => layerGateSums(w, [0.1], beta, X), /b and beta must have one entry per unit \(2\)/);
  assert.throws(() => layerGateSums([[1], [1], [1], [1], [1]], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [[1], [1], [1], [1]]), /per-example gate states/);
  assert.throws(() => rbmConditionalError([[1, 2]], [0], [0]), /w must be 1 × 1/);
});

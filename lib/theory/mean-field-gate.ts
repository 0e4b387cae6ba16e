/**
 * The maximum-entropy synaptic gate of Milletarì, Chotibut & Trevisanutto (seed 003, §2.3–2.4
 * and Appendix A): a binary gate s ∈ {0,1} coupled to the coarse-grained signal h with
 * P(s|h) = e^{βsh}/Z, Z = 1 + e^{βh} (eq. 2). Its mean ⟨s⟩ is the sigmoid (eq. 4), the mean
 * transmitted signal ⟨hs⟩ is Swish/ESP (eq. 5), whose β → ∞ limit is ReLU (eq. 6) and whose
 * derivative is the back-propagated factor g (eq. 7). Appendix A's large-deviation route to the
 * cross-entropy is the Bernoulli rate function, computed here by a saddle point and exactly.
 */
import { assertFinite, assertInteger, assertInRange, assertPositive, assertWithinBudget } from '../core/guards';
import { sigmoid, softplus } from '../core/activations';

/**
 * Gate probabilities [P(s=0|h), P(s=1|h)] by direct enumeration of eq. (2): the Boltzmann weights
 * e^{βsh} of the two states, divided by their sum Z. No sigmoid is used, so comparing the means
 * below with σ(βh) and hσ(βh) is an independent check of eqs. (4)–(5).
 */
export function gateProbabilities(h: number, beta: number): [number, number] {
  assertFinite(h, 'h'); assertFinite(beta, 'beta');
  // weights e^{β s h − c} for s = 0, 1, with c = max_s βsh so that neither overflows
  const energies = [0, 1].map((s) => beta * s * h);
  const c = Math.max(...energies);
  const w = energies.map((e) => Math.exp(e - c));
  const Z = w[0] + w[1];
  return [w[0] / Z, w[1] / Z];
}

/** log Z(h, β) = log(1 + e^{βh}) (the denominator of eq. 2), overflow-safe. */
export function logPartition(h: number, beta: number): number {
  assertFinite(h, 'h'); assertFinite(beta, 'beta');
  return softplus(beta * h);
}

/** Mean gate ⟨s⟩ = Σ_s s P(s|h) (enumeration); equals σ(βh), eq. (4). */
export function meanGate(h: number, beta: number): number {
  const [p0, p1] = gateProbabilities(h, beta);
  return 0 * p0 + 1 * p1;
}

/** Mean transmitted signal ⟨j⟩ = ⟨h s⟩ = Σ_s h s P(s|h) (enumeration); equals h σ(βh), eq. (5). */
export function meanSignal(h: number, beta: number): number {
  const [p0, p1] = gateProbabilities(h, beta);
  return h * 0 * p0 + h * 1 * p1;
}

/** Swish/ESP with noise parameter β: h σ(βh) (eq. 5); β may be of either sign, as trained. */
export function esp(h: number, beta: number): number {
  return h * sigmoid(beta * h);
}

/** Back-propagated factor g(h) = ∂(h σ(βh))/∂h = σ(βh)[1 + βh σ(−βh)] (eq. 7). */
export function espDerivative(h: number, beta: number): number {
  const s = sigmoid(beta * h);
  return s * (1 + beta * h * sigmoid(-beta * h));
}

/** ∂(h σ(βh))/∂β = h² σ(βh) σ(−βh) (the trainable-β gradient of the authors' code). */
export function espBetaDerivative(h: number, beta: number): number {
  return h * h * sigmoid(beta * h) * sigmoid(-beta * h);
}

/** Lambert W₀(x) for x ≥ −1/e by Halley's iteration (principal branch). */
export function lambertW(x: number): number {
  assertFinite(x, 'x');
  if (x < -1 / Math.E) throw new RangeError(`lambertW: x = ${x} is below −1/e, outside the principal branch`);
  if (x === 0) return 0;
  if (1 + Math.E * x <= 1e-15) return -1; // the branch point, where Halley's step is 0/0
  let w = x < 1 ? Math.log1p(x) : Math.log(x) - Math.log(Math.log(x) + 1e-300 + 1);
  if (x < -0.3) w = -1 + Math.sqrt(2 * (1 + Math.E * x)); // branch-point series
  for (let i = 0; i < 100; i++) {
    const ew = Math.exp(w), f = w * ew - x;
    const step = f / (ew * (w + 1) - ((w + 2) * f) / (2 * w + 2));
    w -= step;
    if (Math.abs(step) <= 1e-16 * (1 + Math.abs(w))) break;
  }
  return w;
}

/** Closed form of sup_h |h σ(βh) − ReLU(h)| = W(1/e)/|β|, attained at |h| = (1 + W(1/e))/|β| (eq. 6, rate). */
export function reluGapClosedForm(beta: number): { gap: number; at: number } {
  assertPositive(Math.abs(beta), '|beta|');
  const w = lambertW(1 / Math.E);
  return { gap: w / Math.abs(beta), at: (1 + w) / Math.abs(beta) };
}

/** sup_h |h σ(βh) − ReLU(h)| measured on a grid of h (the numeric route to the eq. 6 rate). */
export function reluGapOnGrid(beta: number, hMax: number, n = 200001): { gap: number; at: number } {
  assertPositive(beta, 'beta'); assertPositive(hMax, 'hMax'); assertInteger(n, 'n', 3);
  assertWithinBudget(`reluGapOnGrid with n=${n}`, n, 1e9, 'grid points');
  let gap = 0, at = 0;
  for (let i = 0; i < n; i++) {
    const h = -hMax + (2 * hMax * i) / (n - 1);
    const d = Math.abs(esp(h, beta) - Math.max(h, 0));
    if (d > gap) { gap = d; at = h; }
  }
  return { gap, at };
}

/** Propagation of signal scale through depth (§2.2 made concrete): depth-L output for input scale s. */
export interface ScaleProbe {
  /** Input scale s (the "unit" of the signal). */
  readonly scale: number;
  /** Root-mean-square activation after each layer, l = 1…L. */
  readonly rms: number[];
}

/**
 * Forward a fixed batch of unit-scale inputs, multiplied by `scale`, through `weights` (dimensionless,
 * zero bias) with activation f, recording the RMS activation per layer (seed 003, §2.2).
 */
export function propagateScale(
  f: (h: number) => number, weights: readonly Float64Array[], widths: readonly number[],
  inputs: readonly Float64Array[], scale: number,
): ScaleProbe {
  assertPositive(scale, 'scale');
  widths.forEach((w, i) => assertInteger(w, `widths[${i}]`));
  weights.forEach((W, l) => { if (l + 1 < widths.length && W.length !== widths[l] * widths[l + 1]) throw new RangeError(`propagateScale: weights[${l}] has ${W.length} entries, expected widths[${l}]·widths[${l + 1}] = ${widths[l] * widths[l + 1]}`); });
  if (weights.length !== widths.length - 1) throw new RangeError(`propagateScale: ${weights.length} weight matrices for ${widths.length} widths`);
  const rms: number[] = [];
  let acts = inputs.map((x) => { if (x.length !== widths[0]) throw new RangeError(`input has ${x.length} entries, expected ${widths[0]}`); return x.map((v) => v * scale); });
  for (let l = 0; l < weights.length; l++) {
    const nIn = widths[l], nOut = widths[l + 1], W = weights[l];
    let sq = 0;
    acts = acts.map((a) => {
      const out = new Float64Array(nOut);
      for (let j = 0; j < nOut; j++) {
        let h = 0;
        for (let i = 0; i < nIn; i++) h += W[j * nIn + i] * a[i];
        out[j] = f(h);
        sq += out[j] * out[j];
      }
      return out;
    });
    rms.push(Math.sqrt(sq / (acts.length * nOut)));
  }
  return { scale, rms };
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  assertPositive(x, 'x');
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Exact −(1/m) log P(k positives in m Bernoulli(q) trials) — the "exact log-likelihood" side of
 * Appendix A, eqs. (9)–(14), for m repeated examples sharing the output probability q.
 */
export function exactBinomialRate(m: number, k: number, q: number): number {
  assertInteger(m, 'm', 1); assertInteger(k, 'k', 0);
  if (k > m) throw new RangeError(`k = ${k} exceeds m = ${m}`);
  assertInRange(q, 'q', Number.MIN_VALUE, 1 - Number.EPSILON);
  const logC = logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
  return -(logC + k * Math.log(q) + (m - k) * Math.log1p(-q)) / m;
}

/** Saddle point λ_c = log[y(1−q)/(q(1−y))] of Appendix A, eq. (15) (with −iλ → λ). */
export function saddlePoint(y: number, q: number): number {
  assertInRange(y, 'y', Number.MIN_VALUE, 1 - Number.EPSILON);
  assertInRange(q, 'q', Number.MIN_VALUE, 1 - Number.EPSILON);
  return Math.log((y * (1 - q)) / (q * (1 - y)));
}

/**
 * Steepest-descent rate I(y) = sup_λ [λy − log(q e^λ + 1 − q)] found numerically by Newton's
 * method on the exponent of eq. (14) (independent of the closed form), with the λ it reached.
 */
export function saddlePointRate(y: number, q: number): { rate: number; lambda: number; iterations: number } {
  assertInRange(y, 'y', Number.MIN_VALUE, 1 - Number.EPSILON);
  assertInRange(q, 'q', Number.MIN_VALUE, 1 - Number.EPSILON);
  let lambda = 0, it = 0;
  for (; it < 200; it++) {
    const p = sigmoid(lambda + Math.log(q / (1 - q))); // tilted mean q e^λ/(q e^λ + 1 − q)
    const grad = y - p, hess = -p * (1 - p);
    const step = grad / hess;
    lambda -= step;
    if (Math.abs(step) < 1e-14 * (1 + Math.abs(lambda))) break;
  }
  const cgf = softplus(lambda + Math.log(q / (1 - q))) + Math.log1p(-q); // log(q e^λ + 1 − q)
  return { rate: lambda * y - cgf, lambda, iterations: it + 1 };
}

/** Cross-entropy form of the rate, eq. (16): −[y log q + (1−y) log(1−q)] − H(y). */
export function crossEntropyRate(y: number, q: number): number {
  assertInRange(y, 'y', 0, 1); assertInRange(q, 'q', Number.MIN_VALUE, 1 - Number.EPSILON);
  const xlogx = (a: number) => (a > 0 ? a * Math.log(a) : 0);
  const ce = -(y * Math.log(q) + (1 - y) * Math.log1p(-q));
  const entropy = -(xlogx(y) + xlogx(1 - y));
  return ce - entropy;
}

/**
 * Eq. (1)'s "empirical estimator" P(x) = ∏_μ δ(x − x^μ), with each δ regularised as a Gaussian of width ε
 * (1-D inputs): its total mass ∫ ∏_μ N(x; x^μ, ε²) dx in closed form (a product of Gaussians),
 * (2πε²)^{−(m−1)/2} m^{−1/2} exp(−Σ_μ (x^μ − x̄)² / 2ε²), which → 0 as ε → 0 for m ≥ 2 distinct inputs, whereas
 * the empirical distribution (1/m) Σ_μ δ(x − x^μ) has mass 1 at every ε (docs/derivations/03-milletari.md §3.8).
 */
export function productOfDeltasMass(points: readonly number[], eps: number): number {
  if (!Array.isArray(points) || points.length === 0) throw new RangeError(`points must be a non-empty array of inputs, but got ${JSON.stringify(points)}`);
  points.forEach((p, i) => assertFinite(p, `points[${i}]`));
  assertPositive(eps, 'eps');
  const m = points.length, mean = points.reduce((a, b) => a + b, 0) / m;
  const ss = points.reduce((a, p) => a + (p - mean) ** 2, 0);
  return Math.exp(-((m - 1) / 2) * Math.log(2 * Math.PI * eps * eps) - 0.5 * Math.log(m) - ss / (2 * eps * eps));
}

/** States of n binary gates, s ∈ {0,1}^n, as bit patterns 0 … 2^n − 1. */
const bit = (s: number, i: number) => (s >> i) & 1;

/**
 * Sums over the gate states of a layer with couplings w (n1 × n), biases b, noise β and inputs X (m × n),
 * ĥ_i^μ = Σ_j w_ij x_j^μ + b_i, Z_iμ = 1 + e^{β_i ĥ_i^μ} (eqs. 2–3):
 * - printed: Σ_s of eq. (3) as printed, e^{Σ_{μ,i} β_i s_i ĥ_i^μ} / (m^{−1} ∏_{μ,i} Z_iμ), one s shared by all examples;
 * - mixture: Σ_s of (1/m) Σ_μ ∏_i e^{β_i s_i ĥ_i^μ} / Z_iμ, i.e. ∫ dh P(s|h) P(h) with the empirical (1/m) Σ_μ δ;
 * - perExample: Σ over one gate vector s^μ per example of ∏_μ ∏_i e^{β_i s_i^μ ĥ_i^μ} / Z_iμ (the printed form without m^{−1});
 * and the mixture's ⟨s_i⟩ against (1/m) Σ_μ σ(β_i ĥ_i^μ) (eq. 4 per example), as max |difference|.
 */
export function layerGateSums(w: readonly (readonly number[])[], b: readonly number[], beta: readonly number[], X: readonly (readonly number[])[]): { printed: number; mixture: number; perExample: number; meanGateError: number } {
  const n1 = w.length, m = X.length;
  assertInteger(n1, 'number of units (rows of w)');
  assertInRange(n1, 'number of units (rows of w)', 1, 12);
  assertInteger(m, 'number of examples (rows of X)');
  assertWithinBudget(`layerGateSums with ${n1} units × ${m} examples`, 2 ** (n1 * m), 2 ** 16, 'per-example gate states');
  if (b.length !== n1 || beta.length !== n1) throw new RangeError(`b and beta must have one entry per unit (${n1}), but have ${b.length} and ${beta.length}`);
  const hh = X.map((x, mu) => w.map((row, i) => {
    if (row.length !== x.length) throw new RangeError(`w[${i}] has ${row.length} entries but X[${mu}] has ${x.length}`);
    return row.reduce((a, wij, j) => a + wij * assertFinite(x[j], `X[${mu}][${j}]`), assertFinite(b[i], `b[${i}]`));
  }));
  const logZ = hh.map((h) => h.map((v, i) => softplus(assertFinite(beta[i], `beta[${i}]`) * v)));
  let printed = 0, mixture = 0, perExample = 0, meanGateError = 0;
  const meanS = new Array(n1).fill(0);
  for (let s = 0; s < 2 ** n1; s++) {
    let e = 0, mix = 0;
    for (let mu = 0; mu < m; mu++) {
      let em = 0;
      for (let i = 0; i < n1; i++) em += beta[i] * bit(s, i) * hh[mu][i] - logZ[mu][i];
      e += em; mix += Math.exp(em) / m;
    }
    printed += m * Math.exp(e); mixture += mix;
    for (let i = 0; i < n1; i++) meanS[i] += bit(s, i) * mix;
  }
  for (let i = 0; i < n1; i++) meanGateError = Math.max(meanGateError, Math.abs(meanS[i] - hh.reduce((a, h) => a + sigmoid(beta[i] * h[i]), 0) / m));
  for (let S = 0; S < 2 ** (n1 * m); S++) {
    let e = 0;
    for (let mu = 0; mu < m; mu++) for (let i = 0; i < n1; i++) e += beta[i] * bit(S, mu * n1 + i) * hh[mu][i] - logZ[mu][i];
    perExample += Math.exp(e);
  }
  return { printed, mixture, perExample, meanGateError };
}

/**
 * A restricted Boltzmann machine with binary visible x ∈ {0,1}^n and hidden s ∈ {0,1}^{n1}, energy
 * E(x, s) = −Σ_ij s_i w_ij x_j − Σ_i b_i s_i − Σ_j a_j x_j: the conditional P(s|x) by brute force from the joint
 * e^{−E}/Z over all (x, s), against eq. (2)'s product e^{Σ_i s_i h_i}/∏_i (1 + e^{h_i}) with h = wx + b (β = 1;
 * a β_i is absorbed into row i of w and b). Returns max |difference| over every x and s (§2.1, "ℋ has the form of a RBM").
 */
export function rbmConditionalError(w: readonly (readonly number[])[], b: readonly number[], a: readonly number[]): number {
  const n1 = w.length, n = a.length;
  assertInRange(n1, 'number of hidden units (rows of w)', 1, 10);
  assertInRange(n, 'number of visible units (length of a)', 1, 10);
  if (b.length !== n1 || w.some((r) => r.length !== n)) throw new RangeError(`w must be ${n1} × ${n} and b of length ${n1}, but got w rows of ${w.map((r) => r.length).join('/')} and b of ${b.length}`);
  const E = (x: number, s: number) => { let e = 0; for (let i = 0; i < n1; i++) { if (!bit(s, i)) continue; e -= assertFinite(b[i], `b[${i}]`); for (let j = 0; j < n; j++) e -= assertFinite(w[i][j], `w[${i}][${j}]`) * bit(x, j); } for (let j = 0; j < n; j++) e -= assertFinite(a[j], `a[${j}]`) * bit(x, j); return e; };
  let worst = 0;
  for (let x = 0; x < 2 ** n; x++) {
    const joint = Array.from({ length: 2 ** n1 }, (_, s) => Math.exp(-E(x, s))), px = joint.reduce((p, q) => p + q, 0);
    const h = w.map((row, i) => row.reduce((acc, wij, j) => acc + wij * bit(x, j), b[i]));
    for (let s = 0; s < 2 ** n1; s++) {
      let eq2 = 1;
      for (let i = 0; i < n1; i++) eq2 *= Math.exp(bit(s, i) * h[i] - softplus(h[i]));
      worst = Math.max(worst, Math.abs(joint[s] / px - eq2));
    }
  }
  return worst;
}

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

/**
 * The float64 network of Milletarì, Chotibut & Trevisanutto, "Mean-field theory of activation
 * functions" (seed 003), as actually run in the authors' code
 * (WessZumino/meanfield-theory-of-activation-functions, TF/esp_tf_utils.py;
 * docs/derivations/03-milletari.md §5): an MLP with hidden activation ReLU, sigmoid σ(βh) or
 * ESP/Swish h·σ(βh) (eq. 5), a sigmoid output unit ŷ = σ(β_out·h_out), mean binary cross-entropy,
 * per-unit β trainable only for ESP (all layers, output included), full-batch TF1 Adam with
 * lr = 0.01·0.9^(t/500).
 *
 * Exact derivatives: the reverse-mode gradient is written once over dual numbers (value, tangent);
 * evaluated with tangent v it yields the exact Hessian-vector product H·v (forward-over-reverse,
 * docs/derivations/03-milletari.md §3.7). The dense Hessian is N such products with unit vectors, as
 * the authors' TF1 `hessian()` builds it row by row. `gaussNewtonHessian` is the PSD part of the
 * exact BCE split H = (1/m)Σσ'(z)∇z∇zᵀ + (1/m)Σ(σ(z)−y)∇²z (docs/derivations/03-milletari.md §3.6).
 *
 * Parameter vector: one flat Float64Array in the authors' (TF variable creation) order
 * W1 (row-major [out, in]), b1, [β1], W2, b2, [β2], … (docs/derivations/03-milletari.md: symbols,
 * and §3.6 "parameter counts").
 */
import { assertAllFinite, assertFinite, assertInteger, assertWithinBudget } from '../../core/guards';
import { makeRng, type Rng } from '../../core/rng';
import type { DenseMatrix } from '../../analysis/hessian';
import { sigmoid, softplus } from '../../core/activations';

export type HiddenActivation = 'relu' | 'sigmoid' | 'esp';

export interface EspNetOptions {
  /** layer sizes, input first, output (1 unit) last: [2, 10, 1] or [2, 8, 2, 1] */
  sizes: number[];
  activation: HiddenActivation;
  /** relu/sigmoid control of docs/derivations/03-milletari.md §5 (our choice): make the output β trainable (init 1). ESP always has it. */
  trainableOutputBeta?: boolean;
}

export interface LayerLayout {
  nIn: number;
  nOut: number;
  /** offsets into θ; beta = -1 when this layer's β is fixed at 1 (not a parameter) */
  w: number;
  b: number;
  beta: number;
}

export interface EspNet {
  readonly sizes: readonly number[];
  readonly activation: HiddenActivation;
  readonly trainableOutputBeta: boolean;
  readonly layers: readonly LayerLayout[];
  /** number of parameters N */
  readonly nParams: number;
  /** a human-readable name per parameter, e.g. 'W1[3,0]', 'b2[0]', 'beta1[7]' */
  readonly paramNames: readonly string[];
}

/** Build the layout of a network (parameter order and counts: docs/derivations/03-milletari.md, symbols and §3.6 "parameter counts"). */
export function makeEspNet(o: EspNetOptions): EspNet {
  const { sizes, activation } = o;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new Error(`sizes must list at least input and output sizes, but got ${JSON.stringify(sizes)}`);
  sizes.forEach((s, i) => assertInteger(s, `sizes[${i}]`));
  let nParams = 0;
  for (let l = 1; l < sizes.length; l++) nParams += sizes[l] * (sizes[l - 1] + 2);
  assertWithinBudget(`makeEspNet with layers ${sizes.join('×')}`, nParams, 1e7, 'parameters (each named)');
  if (sizes[sizes.length - 1] !== 1) throw new Error(`the output layer must have 1 unit (binary classification), but sizes ends with ${sizes[sizes.length - 1]}`);
  if (activation !== 'relu' && activation !== 'sigmoid' && activation !== 'esp') throw new Error(`activation must be 'relu', 'sigmoid' or 'esp', but got '${String(activation)}'`);
  const trainableOutputBeta = activation === 'esp' ? true : !!o.trainableOutputBeta;
  const layers: LayerLayout[] = [];
  const names: string[] = [];
  let off = 0;
  const L = sizes.length - 1;
  for (let l = 1; l <= L; l++) {
    const nIn = sizes[l - 1], nOut = sizes[l];
    const w = off;
    for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) names.push(`W${l}[${i},${j}]`);
    off += nIn * nOut;
    const b = off;
    for (let i = 0; i < nOut; i++) names.push(`b${l}[${i}]`);
    off += nOut;
    const hasBeta = activation === 'esp' || (l === L && trainableOutputBeta);
    let beta = -1;
    if (hasBeta) {
      beta = off;
      for (let i = 0; i < nOut; i++) names.push(`beta${l}[${i}]`);
      off += nOut;
    }
    layers.push({ nIn, nOut, w, b, beta });
  }
  return { sizes: sizes.slice(), activation, trainableOutputBeta, layers, nParams: off, paramNames: names };
}

/**
 * Initial parameters (docs/derivations/03-milletari.md §5 "initialisation"): Glorot-uniform weights,
 * limit √(6/(fan_in+fan_out)), zero biases, ESP β ~ N(0, 0.004²) (stdbeta = 0.004); a trainable
 * output β of the relu/sigmoid control starts at 1 (its fixed value otherwise). The TF xavier stream
 * itself cannot be reproduced.
 */
export function initParams(net: EspNet, seed: number | Rng, stdBeta = 0.004): Float64Array {
  const rng = typeof seed === 'number' ? makeRng(seed) : seed;
  assertFinite(stdBeta, 'stdBeta');
  const th = new Float64Array(net.nParams);
  for (const ly of net.layers) {
    const lim = Math.sqrt(6 / (ly.nIn + ly.nOut));
    for (let k = 0; k < ly.nIn * ly.nOut; k++) th[ly.w + k] = (2 * rng.uniform() - 1) * lim;
    if (ly.beta >= 0) for (let i = 0; i < ly.nOut; i++) th[ly.beta + i] = net.activation === 'esp' ? stdBeta * rng.normal() : 1;
  }
  return th;
}

/** Stable logistic σ(z) and softplus log(1 + e^z): the zoo's (lib/core/activations). */
export { sigmoid };

/** Row-major copy of the inputs with shape checks. */
function packX(net: EspNet, X: readonly (readonly number[])[], name = 'X'): Float64Array {
  if (!Array.isArray(X)) throw new Error(`${name} must be an array of rows`);
  const d = net.sizes[0];
  const out = new Float64Array(X.length * d);
  X.forEach((r, i) => {
    if (!r || r.length !== d) throw new Error(`${name}[${i}] must have ${d} entries (sizes[0]), but has ${r ? r.length : String(r)}`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(r[j])) throw new Error(`${name}[${i}][${j}] must be finite, but got ${String(r[j])}`);
      out[i * d + j] = r[j];
    }
  });
  return out;
}

function checkY(y: readonly number[], m: number): void {
  if (!y || y.length !== m) throw new Error(`y must have one label per row of X (${m}), but has ${y ? y.length : String(y)}`);
  for (let i = 0; i < m; i++) if (y[i] !== 0 && y[i] !== 1) throw new Error(`y[${i}] must be 0 or 1, but got ${String(y[i])}`);
}

function checkTheta(net: EspNet, th: ArrayLike<number>, name = 'theta'): void {
  if (!th || th.length !== net.nParams) throw new Error(`${name} must have ${net.nParams} entries (nParams), but has ${th ? th.length : String(th)}`);
  assertAllFinite(th, name);
}

type OutMode = 'bce' | 'logit';

/** Preallocated per-sample buffers (values and tangents). */
interface Work {
  h: Float64Array[]; hd: Float64Array[];
  a: Float64Array[]; ad: Float64Array[];
  s: Float64Array[]; sd: Float64Array[];
  dh: Float64Array[]; dhd: Float64Array[];
  da: Float64Array[]; dad: Float64Array[];
}

function makeWork(net: EspNet): Work {
  const mk = () => net.sizes.map((s) => new Float64Array(s));
  return { h: mk(), hd: mk(), a: mk(), ad: mk(), s: mk(), sd: mk(), dh: mk(), dhd: mk(), da: mk(), dad: mk() };
}

/**
 * One sample through the network over dual numbers: forward, then reverse, accumulating into g
 * (and its tangent gd). Mode 'bce': ∂ℓ/∂z = (σ(z) − y)/m with tangent σ'(z)ż/m; mode 'logit':
 * ∂z/∂z = 1 (per-sample logit gradient). With td null the tangent is not computed. Returns the
 * logit z (and ż in zd[0]).
 */
function samplePass(
  net: EspNet, th: ArrayLike<number>, td: ArrayLike<number> | null, X: Float64Array, row: number,
  w: Work, g: Float64Array | null, gd: Float64Array | null, mode: OutMode, yi: number, invM: number, zd: Float64Array,
): number {
  const L = net.layers.length;
  const act = net.activation;
  const dual = td !== null;
  const d0 = net.sizes[0];
  const a0 = w.a[0];
  for (let j = 0; j < d0; j++) { a0[j] = X[row * d0 + j]; w.ad[0][j] = 0; }
  // forward
  for (let l = 1; l <= L; l++) {
    const ly = net.layers[l - 1];
    const aPrev = w.a[l - 1], adPrev = w.ad[l - 1];
    const h = w.h[l], hd = w.hd[l], a = w.a[l], ad = w.ad[l], s = w.s[l], sd = w.sd[l];
    const nIn = ly.nIn;
    for (let i = 0; i < ly.nOut; i++) {
      let v = th[ly.b + i];
      let vd = dual ? td![ly.b + i] : 0;
      const base = ly.w + i * nIn;
      for (let j = 0; j < nIn; j++) {
        v += th[base + j] * aPrev[j];
        if (dual) vd += td![base + j] * aPrev[j] + th[base + j] * adPrev[j];
      }
      h[i] = v; hd[i] = vd;
      if (l === L) continue; // output: logit formed below
      const beta = ly.beta >= 0 ? th[ly.beta + i] : 1;
      const betad = dual && ly.beta >= 0 ? td![ly.beta + i] : 0;
      if (act === 'relu') {
        a[i] = v > 0 ? v : 0;
        ad[i] = v > 0 ? vd : 0;
      } else {
        const si = sigmoid(beta * v);
        const sdi = dual ? si * (1 - si) * (betad * v + beta * vd) : 0;
        s[i] = si; sd[i] = sdi;
        if (act === 'sigmoid') { a[i] = si; ad[i] = sdi; } else { a[i] = v * si; ad[i] = vd * si + v * sdi; }
      }
    }
  }
  // output logit z = β_out·h_out
  const lyL = net.layers[L - 1];
  const hL = w.h[L][0], hLd = w.hd[L][0];
  const bo = lyL.beta >= 0 ? th[lyL.beta] : 1;
  const bod = dual && lyL.beta >= 0 ? td![lyL.beta] : 0;
  const z = bo * hL;
  const zdot = dual ? bod * hL + bo * hLd : 0;
  zd[0] = zdot;
  if (g === null) return z;
  let dz = 1, dzd = 0;
  if (mode === 'bce') {
    const sz = sigmoid(z);
    dz = (sz - yi) * invM;
    dzd = sz * (1 - sz) * zdot * invM;
  }
  // reverse: output unit
  if (lyL.beta >= 0) {
    g[lyL.beta] += dz * hL;
    if (dual) gd![lyL.beta] += dzd * hL + dz * hLd;
  }
  w.dh[L][0] = dz * bo;
  w.dhd[L][0] = dual ? dzd * bo + dz * bod : 0;
  for (let l = L; l >= 1; l--) {
    const ly = net.layers[l - 1];
    const dh = w.dh[l], dhd = w.dhd[l];
    const aPrev = w.a[l - 1], adPrev = w.ad[l - 1];
    const nIn = ly.nIn;
    // parameter gradients of layer l
    for (let i = 0; i < ly.nOut; i++) {
      const di = dh[i], ddi = dhd[i];
      g[ly.b + i] += di;
      if (dual) gd![ly.b + i] += ddi;
      if (di === 0 && ddi === 0) continue;
      const base = ly.w + i * nIn;
      for (let j = 0; j < nIn; j++) {
        g[base + j] += di * aPrev[j];
        if (dual) gd![base + j] += ddi * aPrev[j] + di * adPrev[j];
      }
    }
    if (l === 1) break;
    // back to the previous layer's activations: da = Wᵀ dh
    const da = w.da[l - 1], dad = w.dad[l - 1];
    da.fill(0); dad.fill(0);
    for (let i = 0; i < ly.nOut; i++) {
      const di = dh[i], ddi = dhd[i];
      const base = ly.w + i * nIn;
      for (let j = 0; j < nIn; j++) {
        da[j] += th[base + j] * di;
        if (dual) dad[j] += td![base + j] * di + th[base + j] * ddi;
      }
    }
    // through layer l−1's activation to its pre-activation and β
    const lp = net.layers[l - 2];
    const hp = w.h[l - 1], hpd = w.hd[l - 1], sp = w.s[l - 1], spd = w.sd[l - 1];
    const dhp = w.dh[l - 1], dhpd = w.dhd[l - 1];
    for (let i = 0; i < lp.nOut; i++) {
      const v = hp[i], vd = hpd[i];
      if (act === 'relu') {
        // ReLU'(0) = 0, as TF
        dhp[i] = v > 0 ? da[i] : 0;
        dhpd[i] = v > 0 ? dad[i] : 0;
        continue;
      }
      const beta = lp.beta >= 0 ? th[lp.beta + i] : 1;
      const betad = dual && lp.beta >= 0 ? td![lp.beta + i] : 0;
      const si = sp[i], sdi = spd[i];
      const q = si * (1 - si), qd = (1 - 2 * si) * sdi;
      if (act === 'sigmoid') {
        // a = σ(βh), β fixed: ∂a/∂h = β q
        const gh = beta * q, ghd = betad * q + beta * qd;
        dhp[i] = da[i] * gh;
        dhpd[i] = dual ? dad[i] * gh + da[i] * ghd : 0;
      } else {
        // ESP a = h σ(βh): ∂a/∂h = s + βh q (eq. 7), ∂a/∂β = h² q (docs/derivations/03-milletari.md §3.3)
        const gh = si + beta * v * q;
        const ghd = sdi + betad * v * q + beta * vd * q + beta * v * qd;
        dhp[i] = da[i] * gh;
        dhpd[i] = dual ? dad[i] * gh + da[i] * ghd : 0;
        const gb = v * v * q, gbd = 2 * v * vd * q + v * v * qd;
        g[lp.beta + i] += da[i] * gb;
        if (dual) gd![lp.beta + i] += dad[i] * gb + da[i] * gbd;
      }
    }
  }
  return z;
}

/** Batch-major buffers for the training path: per layer and unit, one Float64Array of length m. */
interface BatchBuf { m: number; H: Float64Array[][]; S: Float64Array[][]; A: Float64Array[][]; D: Float64Array[][]; }

function makeBatchBuf(net: EspNet, m: number): BatchBuf {
  const mk = () => net.sizes.map((s) => Array.from({ length: s }, () => new Float64Array(m)));
  return { m, H: mk(), S: mk(), A: mk(), D: mk() };
}

/**
 * Loss and gradient without tangents, batch-major (inner loops over the m samples; the training
 * hot path). Same maths as samplePass in 'bce' mode. Writes the gradient into g, returns the loss.
 */
function plainLossGrad(net: EspNet, th: Float64Array, Xp: Float64Array, y: readonly number[], g: Float64Array, B: BatchBuf): number {
  const L = net.layers.length, m = y.length, d0 = net.sizes[0];
  const esp = net.activation === 'esp', relu = net.activation === 'relu';
  const { H, S, A, D } = B;
  g.fill(0);
  for (let j = 0; j < d0; j++) { const a = A[0][j]; for (let r = 0; r < m; r++) a[r] = Xp[r * d0 + j]; }
  for (let l = 1; l <= L; l++) {
    const ly = net.layers[l - 1], nIn = ly.nIn, Ap = A[l - 1];
    for (let i = 0; i < ly.nOut; i++) {
      const h = H[l][i];
      h.fill(th[ly.b + i]);
      const base = ly.w + i * nIn;
      for (let j = 0; j < nIn; j++) { const wij = th[base + j], a = Ap[j]; for (let r = 0; r < m; r++) h[r] += wij * a[r]; }
      if (l === L) break;
      const a = A[l][i], sg = S[l][i];
      if (relu) { for (let r = 0; r < m; r++) a[r] = h[r] > 0 ? h[r] : 0; continue; }
      const beta = ly.beta >= 0 ? th[ly.beta + i] : 1;
      for (let r = 0; r < m; r++) { const si = sigmoid(beta * h[r]); sg[r] = si; a[r] = esp ? h[r] * si : si; }
    }
  }
  const lyL = net.layers[L - 1];
  const bo = lyL.beta >= 0 ? th[lyL.beta] : 1;
  const hL = H[L][0], dL = D[L][0];
  const invM = 1 / m;
  let loss = 0, gbo = 0;
  for (let r = 0; r < m; r++) {
    const z = bo * hL[r], yi = y[r];
    loss += softplus(z) - yi * z;
    const dz = (sigmoid(z) - yi) * invM;
    gbo += dz * hL[r];
    dL[r] = dz * bo;
  }
  if (lyL.beta >= 0) g[lyL.beta] += gbo;
  for (let l = L; l >= 1; l--) {
    const ly = net.layers[l - 1], nIn = ly.nIn, Ap = A[l - 1], Dl = D[l];
    for (let i = 0; i < ly.nOut; i++) {
      const di = Dl[i];
      let sb = 0;
      for (let r = 0; r < m; r++) sb += di[r];
      g[ly.b + i] += sb;
      const base = ly.w + i * nIn;
      for (let j = 0; j < nIn; j++) { const a = Ap[j]; let sw = 0; for (let r = 0; r < m; r++) sw += di[r] * a[r]; g[base + j] += sw; }
    }
    if (l === 1) break;
    const lp = net.layers[l - 2];
    for (let j = 0; j < nIn; j++) {
      const dp = D[l - 1][j], h = H[l - 1][j], sg = S[l - 1][j];
      dp.fill(0);
      for (let i = 0; i < ly.nOut; i++) { const wij = th[ly.w + i * nIn + j], di = Dl[i]; for (let r = 0; r < m; r++) dp[r] += wij * di[r]; }
      if (relu) { for (let r = 0; r < m; r++) if (!(h[r] > 0)) dp[r] = 0; continue; }
      const beta = lp.beta >= 0 ? th[lp.beta + j] : 1;
      if (esp) {
        let gb = 0;
        for (let r = 0; r < m; r++) {
          const v = h[r], si = sg[r], q = si * (1 - si), da = dp[r];
          gb += da * v * v * q;
          dp[r] = da * (si + beta * v * q);
        }
        g[lp.beta + j] += gb;
      } else {
        for (let r = 0; r < m; r++) { const si = sg[r]; dp[r] *= beta * si * (1 - si); }
      }
    }
  }
  return loss * invM;
}

/** Training-path gradient (exported for tests): identical maths to `gradient`, flat buffers. */
export function fastGradient(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): { loss: number; grad: Float64Array } {
  const Xp = prep(net, th, X, y);
  const grad = new Float64Array(net.nParams);
  const loss = plainLossGrad(net, Float64Array.from(th), Xp, y, grad, makeBatchBuf(net, y.length));
  return { loss, grad };
}

/** Full-batch pass: mean BCE, its gradient, and (with v) the exact H·v. */
function batchPass(net: EspNet, th: ArrayLike<number>, v: ArrayLike<number> | null, Xp: Float64Array, y: readonly number[],
  wantGrad: boolean): { loss: number; grad: Float64Array | null; hv: Float64Array | null } {
  const m = y.length;
  const w = makeWork(net);
  const g = wantGrad ? new Float64Array(net.nParams) : null;
  const gd = wantGrad && v ? new Float64Array(net.nParams) : null;
  const zd = new Float64Array(1);
  let loss = 0;
  const invM = 1 / m;
  for (let r = 0; r < m; r++) {
    const yi = y[r];
    const z = samplePass(net, th, v, Xp, r, w, g, gd, 'bce', yi, invM, zd);
    loss += softplus(z) - yi * z;
  }
  return { loss: loss / m, grad: g, hv: gd };
}

function prep(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): Float64Array {
  checkTheta(net, th);
  const Xp = packX(net, X);
  checkY(y, X.length);
  if (X.length === 0) throw new Error('X must have at least one row');
  return Xp;
}

/** Mean binary cross-entropy, mean(softplus(z) − y·z), z = β_out·h_out (docs/derivations/03-milletari.md §3.6, §5 "output"). */
export function lossOf(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): number {
  const Xp = prep(net, th, X, y);
  return batchPass(net, th, null, Xp, y, false).loss;
}

/** Exact gradient ∇_θ ε by analytic reverse mode, float64 (eq. 7 back-prop factor for ESP). */
export function gradient(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): { loss: number; grad: Float64Array } {
  const Xp = prep(net, th, X, y);
  const r = batchPass(net, th, null, Xp, y, true);
  return { loss: r.loss, grad: r.grad! };
}

/** Exact H·v by forward-over-reverse (dual numbers; docs/derivations/03-milletari.md §3.7 "exact Hessian–vector products"). */
export function hessianVectorProduct(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[], v: ArrayLike<number>): Float64Array {
  const Xp = prep(net, th, X, y);
  checkTheta(net, v, 'v');
  return batchPass(net, th, v, Xp, y, true).hv!;
}

/** A reusable H·v closure for one (θ, X, y): inputs are validated once (for Lanczos, SLQ, power iteration). */
export function hvpOperator(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): (v: Float64Array) => Float64Array {
  const Xp = prep(net, th, X, y);
  const thc = Float64Array.from(th);
  return (v) => {
    if (v.length !== net.nParams) throw new Error(`v must have ${net.nParams} entries, but has ${v.length}`);
    return batchPass(net, thc, v, Xp, y, true).hv!;
  };
}

/**
 * Exact dense Hessian (docs/derivations/03-milletari.md §3.7, §5 "Hessian": one row per unit vector),
 * with its raw asymmetry max|H − Hᵀ| reported before symmetrising to (H + Hᵀ)/2.
 */
export function denseHessian(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): DenseMatrix & { asymmetry: number } {
  const Xp = prep(net, th, X, y);
  const n = net.nParams;
  const data = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    e.fill(0); e[i] = 1;
    const row = batchPass(net, th, e, Xp, y, true).hv!;
    data.set(row, i * n);
  }
  let asym = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const a = data[i * n + j], b = data[j * n + i];
    asym = Math.max(asym, Math.abs(a - b));
    const s = 0.5 * (a + b);
    data[i * n + j] = s; data[j * n + i] = s;
  }
  return { n, data, asymmetry: asym };
}

/** Per-sample logit Jacobian ∇_θ z_μ (rows μ), the building block of the Gauss–Newton term (docs/derivations/03-milletari.md §3.6). */
export function logitJacobian(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[]): { z: Float64Array; J: Float64Array[] } {
  checkTheta(net, th);
  const Xp = packX(net, X);
  const w = makeWork(net);
  const zd = new Float64Array(1);
  const z = new Float64Array(X.length);
  const J: Float64Array[] = [];
  for (let r = 0; r < X.length; r++) {
    const g = new Float64Array(net.nParams);
    z[r] = samplePass(net, th, null, Xp, r, w, g, null, 'logit', 0, 1, zd);
    J.push(g);
  }
  return { z, J };
}

/**
 * Gauss–Newton (PSD) part of the BCE Hessian, (1/m)Σ σ(z)(1−σ(z)) ∇z∇zᵀ (the exact split of
 * docs/derivations/03-milletari.md §3.6); H − GN is the residual part (1/m)Σ(σ(z)−y)∇²z.
 */
export function gaussNewtonHessian(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): DenseMatrix {
  prep(net, th, X, y);
  const { z, J } = logitJacobian(net, th, X);
  const n = net.nParams, m = X.length;
  const data = new Float64Array(n * n);
  for (let r = 0; r < m; r++) {
    const s = sigmoid(z[r]);
    const c = (s * (1 - s)) / m;
    const g = J[r];
    for (let i = 0; i < n; i++) {
      const gi = c * g[i];
      if (gi === 0) continue;
      const off = i * n;
      for (let j = 0; j < n; j++) data[off + j] += gi * g[j];
    }
  }
  return { n, data };
}

/**
 * Pre-activations h_l = W_l a_{l−1} + b_l of every layer l = 1…L: out[l−1][μ·n_l + i] (for dead-unit
 * counts, docs/derivations/03-milletari.md §3.6, and for checking that finite differences do not
 * cross a ReLU kink).
 */
export function preactivations(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[]): Float64Array[] {
  checkTheta(net, th);
  const Xp = packX(net, X);
  const w = makeWork(net);
  const zd = new Float64Array(1);
  const out = net.layers.map((ly) => new Float64Array(X.length * ly.nOut));
  for (let r = 0; r < X.length; r++) {
    samplePass(net, th, null, Xp, r, w, null, null, 'logit', 0, 1, zd);
    net.layers.forEach((ly, l) => out[l].set(w.h[l + 1], r * ly.nOut));
  }
  return out;
}

/** Network output ŷ = σ(β_out·h_out) per row (docs/derivations/03-milletari.md §5 "output"). */
export function predict(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[]): Float64Array {
  checkTheta(net, th);
  const Xp = packX(net, X);
  const w = makeWork(net);
  const zd = new Float64Array(1);
  const out = new Float64Array(X.length);
  for (let r = 0; r < X.length; r++) out[r] = sigmoid(samplePass(net, th, null, Xp, r, w, null, null, 'logit', 0, 1, zd));
  return out;
}

/** Accuracy as coded: mean((ŷ > 0.5) == (y == 1)) (the authors' code, WessZumino/meanfield-theory-of-activation-functions). */
export function accuracy(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[]): number {
  checkY(y, X.length);
  const p = predict(net, th, X);
  let ok = 0;
  for (let i = 0; i < p.length; i++) if ((p[i] > 0.5) === (y[i] === 1)) ok++;
  return ok / p.length;
}

/** Fraction of zero residuals as coded: mean(|ŷ − y| ≤ 1e-5), no division by m (docs/derivations/03-milletari.md §4 on §3's residuals, §5 "zero residual"). */
export function zeroResidualFraction(net: EspNet, th: ArrayLike<number>, X: readonly (readonly number[])[], y: readonly number[], tol = 1e-5): number {
  checkY(y, X.length);
  const p = predict(net, th, X);
  let k = 0;
  for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - y[i]) <= tol) k++;
  return k / p.length;
}

/**
 * The authors' recorded epochs (`epoch_sampling` in
 * WessZumino/meanfield-theory-of-activation-functions; docs/derivations/03-milletari.md §5
 * "records"): 0, then 11, 21, …, 191, then 211, 261, … for epochs e < E (epoch e = after e+1
 * updates). Counts 36 / 62 / 66 for E = 1000 / 2300 / 2500, matching §5 there, and 66 for every E in
 * 2462…2511 as its "epochs" bound implies.
 */
export function authorsRecordSchedule(E: number): number[] {
  assertInteger(E, 'E');
  assertWithinBudget(`authorsRecordSchedule for E=${E} epochs`, E / 50, 1e7, 'recorded epochs');
  const out: number[] = [0];
  for (let e = 11; e <= 191 && e < E; e += 10) out.push(e);
  for (let e = 211; e < E; e += 50) out.push(e);
  return out.filter((e) => e < E);
}

export interface TrainRecord {
  /** epoch index e (0-based; recorded after the (e+1)-th update) */
  epoch: number;
  loss: number;
  trainAcc: number;
  /** test accuracy; null when no test set was given */
  testAcc: number | null;
  zeroResidual: number;
  /** copy of θ after the update */
  theta: Float64Array;
  /** dense Hessian at θ (only with recordHessian) */
  hessian?: DenseMatrix & { asymmetry: number };
}

export interface TrainEspOptions {
  xTrain: number[][];
  yTrain: number[];
  xTest?: number[][];
  yTest?: number[];
  sizes: number[];
  activation: HiddenActivation;
  trainableOutputBeta?: boolean;
  seed: number;
  epochs: number;
  /** epochs at which to record (default authorsRecordSchedule(epochs)) */
  recordAt?: number[];
  /** also store the dense Hessian at each record */
  recordHessian?: boolean;
  lr0?: number;
  decayRate?: number;
  decaySteps?: number;
  /** initial θ (default initParams(net, seed)) */
  theta0?: Float64Array;
  onRecord?: (r: TrainRecord) => void;
}

export interface TrainEspResult {
  net: EspNet;
  theta: Float64Array;
  theta0: Float64Array;
  records: TrainRecord[];
  /** loss before each update (length epochs) */
  lossCurve: Float64Array;
}

/**
 * Full-batch TF1 Adam (docs/derivations/03-milletari.md §5 "optimiser"): lr = lr0·decay^(t/500) with
 * t = updates done so far (continuous), lr_t = lr·√(1−β2^k)/(1−β1^k) at update k = t+1,
 * θ ← θ − lr_t·m/(√v + 1e-8), β1 = 0.9, β2 = 0.999; one step per epoch; records taken after the
 * update. Throws on a non-finite loss.
 */
export function trainEsp(o: TrainEspOptions): TrainEspResult {
  const net = makeEspNet({ sizes: o.sizes, activation: o.activation, trainableOutputBeta: o.trainableOutputBeta });
  assertInteger(o.epochs, 'epochs');
  assertWithinBudget(`trainEsp for ${o.epochs} epochs`, o.epochs, 1e7, 'epochs (full-batch steps)');
  if (Array.isArray(o.xTrain)) assertWithinBudget(`trainEsp for ${o.epochs} epochs on ${o.xTrain.length} rows × ${net.nParams} parameters`, 6 * o.epochs * o.xTrain.length * net.nParams, 1e15, 'flop');
  const lr0 = o.lr0 ?? 0.01, decay = o.decayRate ?? 0.9, decaySteps = o.decaySteps ?? 500;
  assertFinite(lr0, 'lr0'); assertFinite(decay, 'decayRate'); assertInteger(decaySteps, 'decaySteps');
  const th = o.theta0 ? Float64Array.from(o.theta0) : initParams(net, o.seed);
  checkTheta(net, th, 'theta0');
  const theta0 = Float64Array.from(th);
  const Xp = packX(net, o.xTrain, 'xTrain');
  checkY(o.yTrain, o.xTrain.length);
  if (o.xTest) { packX(net, o.xTest, 'xTest'); checkY(o.yTest ?? [], o.xTest.length); }
  const recordAt = new Set(o.recordAt ?? authorsRecordSchedule(o.epochs));
  for (const e of recordAt) assertInteger(e, 'recordAt entry', 0);
  const n = net.nParams;
  const mA = new Float64Array(n), vA = new Float64Array(n);
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  let b1p = 1, b2p = 1;
  const records: TrainRecord[] = [];
  const lossCurve = new Float64Array(o.epochs);
  const g = new Float64Array(n), buf = makeBatchBuf(net, o.yTrain.length);
  for (let e = 0; e < o.epochs; e++) {
    const loss = plainLossGrad(net, th, Xp, o.yTrain, g, buf);
    if (!Number.isFinite(loss)) throw new Error(`trainEsp: loss became non-finite (${loss}) at epoch ${e} for activation '${o.activation}' (sizes ${JSON.stringify(o.sizes)}, seed ${o.seed})`);
    lossCurve[e] = loss;
    b1p *= b1; b2p *= b2;
    const lr = lr0 * Math.pow(decay, e / decaySteps);
    const lrt = (lr * Math.sqrt(1 - b2p)) / (1 - b1p);
    for (let i = 0; i < n; i++) {
      mA[i] = b1 * mA[i] + (1 - b1) * g[i];
      vA[i] = b2 * vA[i] + (1 - b2) * g[i] * g[i];
      th[i] -= (lrt * mA[i]) / (Math.sqrt(vA[i]) + eps);
    }
    if (recordAt.has(e)) {
      const lossAfter = batchPass(net, th, null, Xp, o.yTrain, false).loss;
      if (!Number.isFinite(lossAfter)) throw new Error(`trainEsp: loss became non-finite (${lossAfter}) after the update of epoch ${e} for activation '${o.activation}'`);
      const rec: TrainRecord = {
        epoch: e,
        loss: lossAfter,
        trainAcc: accuracy(net, th, o.xTrain, o.yTrain),
        testAcc: o.xTest && o.xTest.length ? accuracy(net, th, o.xTest, o.yTest!) : null,
        zeroResidual: zeroResidualFraction(net, th, o.xTrain, o.yTrain),
        theta: Float64Array.from(th),
      };
      if (o.recordHessian) rec.hessian = denseHessian(net, th, o.xTrain, o.yTrain);
      records.push(rec);
      o.onRecord?.(rec);
    }
  }
  return { net, theta: th, theta0, records, lossCurve };
}

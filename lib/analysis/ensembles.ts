/**
 * Finite-width MLP ensembles at initialisation, two independent ways (seed 002 §3.2, §4.2):
 * (a) `sampleEnsembleTf`: materialise W ~ N(0, C_W/n), b ~ N(0, C_b) as float32 TF.js tensors and run
 *     the forward pass, as the paper does;
 * (b) `sampleEnsembleMetric`: sample exactly layer by layer from the stochastic metric: given layer ℓ,
 *     the neurons of layer ℓ+1 are i.i.d. N(0, Ĝ) with Ĝ_{αβ} = C_b + (C_W/n_ℓ) Σ_j σ(z_{j;α}) σ(z_{j;β})
 *     (seed 002 §2.2 "stochastic metric"), costing O(L·n·k²) per network instead of O(L·n²).
 * Both return the empirical kernel and four-point vertex per layer over the ensemble, and detect,
 * exclude and count members that overflow (|z| above the float32 range, as the paper excludes them).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../core/activations';
import { tfOp } from '../core/activations-tf';
import { assertFinite, assertInteger, assertNonNegative, assertPositive, assertAllFinite, assertKnownOptions, assertWithinBudget } from '../core/guards';
import { makeRng, normals, type Rng } from '../core/rng';
import type { Mlp } from '../networks/train';
import type { Interval } from '../core/statistics';
import { piecewisePoly } from '../theory/effective-theory';

/** Float32's largest finite value: the overflow line for both samplers (the paper trains in float32). */
export const FLOAT32_MAX = 3.4028234663852886e38;

export interface EnsembleSpec {
  activation: Activation;
  cw: number;
  cb: number;
  /** Inputs x_α (k rows of length n₀); the same inputs for every member. */
  inputs: number[][];
  /** Width n of every hidden layer. */
  width: number;
  /** Number of preactivation layers ℓ = 1…depth, all of width n. */
  depth: number;
  /** Ensemble size. */
  members: number;
  seed: number;
  /** |z| above this (or non-finite) marks a member as overflowed. Default FLOAT32_MAX. */
  overflow?: number;
  /** Return all preactivations of this layer (valid members × n × k, member-major) for distribution tests. */
  keepLayer?: number;
  /** (a) only: members per batched forward pass. */
  chunk?: number;
}

/** Ensemble statistics of one layer ℓ, over the valid (never overflowed) members. */
export interface LayerStats {
  layer: number;
  /** Mean over members of K̂_αα = (1/n) Σ_i z_{i;α}², per input α. */
  kernel: number[];
  /** Standard deviation over members of K̂_αα, per input α. */
  kernelStd: number[];
  /** Mean over members of K̂_{12} (0 when k = 1). */
  kernel12: number;
  /** Four-point vertex from the connected 4-point function, V̂ = (n_{ℓ−1}/3)(E z⁴ − 3(E z²)²), input 0 (seed 002 eq. (3)). */
  V: number;
  /** Four-point vertex from the spread of the stochastic metric, V̂ = n_{ℓ−1} Var(Ĝ⁽ˡ⁾), input 0 (seed 002 §2.2). */
  Vmetric: number;
}

export interface EnsembleResult {
  method: 'tfjs' | 'metric';
  members: number;
  valid: number;
  overflowed: number;
  /** First overflowing layer of each overflowed member. */
  overflowLayers: number[];
  layers: LayerStats[];
  /** Per layer, K̂_00 of each valid member (for spreads and plots). */
  memberKernels: Float64Array[];
  /** Per layer, (1/n) Σ_i z_{i;0}⁴ of each valid member (same order as memberKernels; for bootstrapping V̂). */
  memberM4: Float64Array[];
  /** Per layer, the width n_{ℓ−1} of the layer feeding it (n₀ for layer 1): the prefactor of V̂. */
  nPrev: number[];
  /** Preactivations at keepLayer, valid members × n × k (index (m·n + i)·k + α). */
  kept?: Float64Array;
}

const DEFAULT_CHUNK = 16;

function checkSpec(s: EnsembleSpec): { n0: number; k: number } {
  assertPositive(s.cw, 'cw');
  assertNonNegative(s.cb, 'cb');
  assertInteger(s.width, 'width');
  assertInteger(s.depth, 'depth');
  assertInteger(s.members, 'members');
  assertFinite(s.seed, 'seed');
  if (!s.inputs.length) throw new RangeError('inputs must hold at least one input, but got 0');
  const n0 = s.inputs[0].length;
  s.inputs.forEach((r, i) => {
    if (r.length !== n0) throw new RangeError(`inputs[${i}] must have length ${n0}, but got ${r.length}`);
    r.forEach((v, j) => assertFinite(v, `inputs[${i}][${j}]`));
  });
  if (s.keepLayer !== undefined) {
    assertInteger(s.keepLayer, 'keepLayer');
    if (s.keepLayer > s.depth) throw new RangeError(`keepLayer must be <= depth (${s.depth}), but got ${s.keepLayer}`);
  }
  return { n0, k: s.inputs.length };
}

/** Accumulates per-layer sums over valid members; members are committed only if they never overflow. */
class Accumulator {
  private readonly rows: { K: number[][]; K12: number[]; m2: number[]; m4: number[]; G: number[] }[] = [];
  private readonly keptRows: Float64Array[] = [];
  overflowLayers: number[] = [];
  constructor(private readonly s: EnsembleSpec, private readonly k: number, private readonly n0: number) {
    for (let l = 0; l < s.depth; l++) this.rows.push({ K: Array.from({ length: k }, () => []), K12: [], m2: [], m4: [], G: [] });
  }
  /** z: one member's preactivations per layer, each n × k (index i·k + α). Returns false if it overflowed. */
  commit(zs: ArrayLike<number>[], G: number[]): boolean {
    const lim = this.s.overflow ?? FLOAT32_MAX;
    const n = this.s.width, k = this.k, depth = this.s.depth;
    if (zs.length < depth) {
      // the sampler stopped early: report the first layer whose values are out of range (or the next one)
      let first = zs.length + 1;
      for (let l = 0; l < zs.length && first > l + 1; l++) for (let t = 0; t < zs[l].length; t++) if (!(Math.abs(zs[l][t]) <= lim)) { first = l + 1; break; }
      this.overflowLayers.push(first);
      return false;
    }
    const stats = new Float64Array(depth * (k + 3)); // per layer: K̂_αα (k), K̂_12, m2, m4
    for (let l = 0; l < depth; l++) {
      const z = zs[l];
      let m2 = 0, m4 = 0, k12 = 0, bad = false;
      const o = l * (k + 3);
      for (let i = 0; i < n; i++) {
        const b = i * k, z0 = z[b];
        if (!(Math.abs(z0) <= lim)) bad = true;
        const z02 = z0 * z0;
        m2 += z02; m4 += z02 * z02;
        if (k > 1) k12 += z0 * z[b + 1];
        for (let a = 1; a < k; a++) { const v = z[b + a]; if (!(Math.abs(v) <= lim)) bad = true; stats[o + a] += v * v; }
      }
      if (bad) { this.overflowLayers.push(l + 1); return false; }
      stats[o] = m2; stats[o + k] = k12; stats[o + k + 1] = m2; stats[o + k + 2] = m4;
    }
    for (let l = 0; l < depth; l++) {
      const row = this.rows[l], o = l * (k + 3);
      for (let a = 0; a < k; a++) row.K[a].push(stats[o + a] / n);
      row.K12.push(stats[o + k] / n); row.m2.push(stats[o + k + 1] / n); row.m4.push(stats[o + k + 2] / n); row.G.push(G[l]);
    }
    if (this.s.keepLayer) this.keptRows.push(Float64Array.from(zs[this.s.keepLayer - 1]));
    return true;
  }
  result(method: 'tfjs' | 'metric'): EnsembleResult {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const sd = (xs: number[]) => { const m = mean(xs); return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))); };
    const valid = this.rows[0].m2.length;
    const layers: LayerStats[] = this.rows.map((r, l) => {
      const nPrev = l === 0 ? this.n0 : this.s.width;
      const m2 = mean(r.m2), m4 = mean(r.m4);
      const Vm = l === 0 ? 0 : nPrev * sd(r.G) ** 2;
      return { layer: l + 1, kernel: r.K.map(mean), kernelStd: r.K.map(sd), kernel12: mean(r.K12), V: (nPrev / 3) * (m4 - 3 * m2 * m2), Vmetric: Vm };
    });
    let kept: Float64Array | undefined;
    if (this.s.keepLayer) {
      kept = new Float64Array(this.keptRows.reduce((a, r) => a + r.length, 0));
      let o = 0;
      for (const r of this.keptRows) { kept.set(r, o); o += r.length; }
    }
    return {
      method, members: this.s.members, valid, overflowed: this.s.members - valid, overflowLayers: this.overflowLayers,
      layers, memberKernels: this.rows.map((r) => Float64Array.from(r.K[0])), memberM4: this.rows.map((r) => Float64Array.from(r.m4)),
      nPrev: this.rows.map((_, l) => (l === 0 ? this.n0 : this.s.width)), kept,
    };
  }
}

/** Lower Cholesky factor of a k×k PSD matrix (row-major); zero pivots (rank-deficient Ĝ) give zero columns. */
export function choleskyPsd(A: ArrayLike<number>, k: number): Float64Array {
  assertInteger(k, 'k');
  if (A.length !== k * k) throw new RangeError(`choleskyPsd: A must hold k·k = ${k * k} entries, but has ${A.length}`);
  assertAllFinite(A, 'choleskyPsd: A');
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = A[j * k + j];
    for (let t = 0; t < j; t++) d -= L[j * k + t] ** 2;
    // a pivot below −(rounding) means A is not PSD: the factor would silently be wrong
    if (d < -1e-8 * Math.max(1, Math.abs(A[j * k + j]))) throw new RangeError(`choleskyPsd: A is not positive semi-definite (pivot ${j} is ${d.toPrecision(3)} < 0)`);
    const ljj = d > 1e-14 * Math.abs(A[j * k + j]) ? Math.sqrt(d) : 0;
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = A[i * k + j];
      for (let t = 0; t < j; t++) s -= L[i * k + t] * L[j * k + t];
      L[i * k + j] = ljj > 0 ? s / ljj : 0;
    }
  }
  return L;
}

/** n i.i.d. draws of N(0, G) for a k×k covariance G, as n × k (index i·k + α). */
function drawRows(rng: Rng, G: ArrayLike<number>, k: number, n: number): Float64Array {
  const L = choleskyPsd(G, k), z = new Float64Array(n * k), xi = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) xi[a] = rng.normal();
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b <= a; b++) s += L[a * k + b] * xi[b];
      z[i * k + a] = s;
    }
  }
  return z;
}

/** σ as a Horner-evaluated polynomial above its threshold when the activation is piecewise polynomial (same values as act.f, no Math.pow). */
function fastActivation(act: Activation): (x: number) => number {
  const pp = piecewisePoly(act);
  if (!pp) return act.f;
  const c = Float64Array.from(pp.coeffs), a = pp.a, m = c.length - 1;
  return (x: number) => {
    if (!(x >= a)) return x !== x ? NaN : 0;
    let r = c[m];
    for (let j = m - 1; j >= 0; j--) r = r * x + c[j];
    return r;
  };
}

/**
 * (b) Exact layer-by-layer sampling through the stochastic metric (Kim & Kang §2.2; docs/derivations/02-repu-mrepu.md §3.10),
 * float64. Layer 1 is N(0, K⁽¹⁾) with K⁽¹⁾ = C_b + C_W x·x/n₀, exactly.
 */
export function sampleEnsembleMetric(spec: EnsembleSpec): EnsembleResult {
  const { n0, k } = checkSpec(spec);
  const { width: n, depth, cw, cb } = spec;
  const f = fastActivation(spec.activation);
  const acc = new Accumulator(spec, k, n0);
  const K1 = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    K1[a * k + b] = cb + (cw * spec.inputs[a].reduce((s, v, j) => s + v * spec.inputs[b][j], 0)) / n0;
  }
  const root = makeRng(spec.seed);
  const lim = spec.overflow ?? FLOAT32_MAX;
  const G = new Float64Array(k * k), s = new Float64Array(n * k);
  for (let m = 0; m < spec.members; m++) {
    const rng = root.split();
    const zs: Float64Array[] = [drawRows(rng, K1, k, n)];
    const gs: number[] = [K1[0]];
    for (let l = 1; l < depth; l++) {
      const z = zs[l - 1];
      let bad = false;
      for (let t = 0; t < n * k; t++) { const v = f(z[t]); s[t] = v; if (!(v - v === 0)) bad = true; }
      for (let a = 0; a < k; a++) for (let b = 0; b <= a; b++) {
        let acc2 = 0;
        for (let i = 0; i < n; i++) acc2 += s[i * k + a] * s[i * k + b];
        G[a * k + b] = G[b * k + a] = cb + (cw * acc2) / n;
      }
      if (bad || !(G[0] <= lim * lim)) break; // this member overflows at layer l+1; commit() will count it
      zs.push(drawRows(rng, G, k, n));
      gs.push(G[0]);
      if (!(Math.abs(zs[l][0]) <= lim)) break;
    }
    acc.commit(zs, gs);
  }
  return acc.result('metric');
}

/**
 * (a) Materialised weights and a float32 TF.js forward pass (the paper's way, seed 002 §3.2). Members are
 * run `chunk` at a time as one batched matmul; weights are drawn JS-side from the seed (backend-independent).
 */
export function sampleEnsembleTf(spec: EnsembleSpec): EnsembleResult {
  const { n0, k } = checkSpec(spec);
  const { width: n, depth, cw, cb } = spec;
  const chunk = assertInteger(spec.chunk ?? DEFAULT_CHUNK, 'chunk');
  const act = tfOp(spec.activation);
  const acc = new Accumulator(spec, k, n0);
  const root = makeRng(spec.seed);
  const X = spec.inputs.flat();
  for (let start = 0; start < spec.members; start += chunk) {
    const C = Math.min(chunk, spec.members - start);
    const rng = root.split();
    const perLayer: Float32Array[] = [];
    const gLayer: Float32Array[] = [];
    tf.tidy(() => {
      let h = tf.tensor3d(Float32Array.from({ length: C * k * n0 }, (_, t) => X[t % (k * n0)]), [C, k, n0]);
      let nIn = n0;
      for (let l = 0; l < depth; l++) {
        if (l > 0) {
          // stochastic metric of this layer, Ĝ₀₀ = C_b + C_W/n Σ σ(z_{j;0})², for the metric-spread estimator
          const s0 = h.slice([0, 0, 0], [C, 1, nIn]);
          gLayer.push(s0.square().sum([1, 2]).mul(cw / nIn).add(cb).dataSync() as Float32Array);
        } else gLayer.push(new Float32Array(C).fill(NaN));
        const W = tf.tensor3d(Float32Array.from(normals(rng, C * nIn * n, Math.sqrt(cw / nIn))), [C, nIn, n]);
        let z = tf.matMul(h, W) as tf.Tensor3D;
        if (cb > 0) z = z.add(tf.tensor3d(Float32Array.from(normals(rng, C * n, Math.sqrt(cb))), [C, 1, n])) as tf.Tensor3D;
        perLayer.push(z.dataSync() as Float32Array); // [C, k, n]
        h = act(z) as tf.Tensor3D;
        nIn = n;
      }
    });
    for (let c = 0; c < C; c++) {
      const zs: Float64Array[] = [];
      for (let l = 0; l < depth; l++) {
        const src = perLayer[l], z = new Float64Array(n * k);
        for (let a = 0; a < k; a++) for (let i = 0; i < n; i++) z[i * k + a] = src[(c * k + a) * n + i];
        zs.push(z);
      }
      acc.commit(zs, Array.from({ length: depth }, (_, l) => gLayer[l][c]));
    }
  }
  return acc.result('tfjs');
}

// ---------------------------------------------------------------- resampling members

/**
 * K̂, V̂ = (n_{ℓ−1}/3)(E z⁴ − 3(E z²)²) and R̂ = V̂/K̂² of layer `layer` (1-based, input 0) over the members
 * `idx` of an ensemble (indices into the valid members, repeats allowed: a bootstrap resample). Without
 * `idx` it is every valid member and equals `layers[layer−1]`.
 */
export function layerVertex(res: EnsembleResult, layer: number, idx?: readonly number[]): { K: number; V: number; R: number } {
  assertInteger(layer, 'layer');
  if (layer > res.layers.length) throw new RangeError(`layer must be <= ${res.layers.length}, but got ${layer}`);
  const k2 = res.memberKernels[layer - 1], k4 = res.memberM4[layer - 1];
  const N = idx ? idx.length : k2.length;
  if (N === 0) throw new RangeError('layerVertex needs at least one member, but got none');
  let m2 = 0, m4 = 0;
  for (let j = 0; j < N; j++) {
    const m = idx ? idx[j] : j;
    if (!(m >= 0 && m < k2.length) || !Number.isInteger(m)) throw new RangeError(`member index must be an integer in [0, ${k2.length}), but got ${m}`);
    m2 += k2[m]; m4 += k4[m];
  }
  m2 /= N; m4 /= N;
  const V = (res.nPrev[layer - 1] / 3) * (m4 - 3 * m2 * m2);
  return { K: m2, V, R: V / (m2 * m2) };
}

/**
 * Stratified percentile bootstrap over members of several independent ensembles (Efron 1979): each
 * group g of `sizes[g]` members is resampled with replacement on its own, and `stat` receives one index
 * array per group. Seeded, so the same data give the same interval. Returns the statistic on the full
 * groups and the percentile interval at `level` (widened to contain the estimate where a biased statistic,
 * e.g. a minimum, puts it outside). Resamples on which the statistic is non-finite are dropped (at most 10 %).
 */
export function stratifiedBootstrap(sizes: readonly number[], stat: (idx: number[][]) => number, opts: { B?: number; seed?: number; level?: number } = {}): Interval {
  if (!sizes.length) throw new RangeError('stratifiedBootstrap needs at least one group, but got none');
  sizes.forEach((n, g) => { assertInteger(n, `sizes[${g}]`); if (n < 2) throw new RangeError(`sizes[${g}] must be >= 2 to resample, but got ${n}`); });
  const B = assertInteger(opts.B ?? 1000, 'B'), level = opts.level ?? 0.95;
  assertKnownOptions(opts, 'stratifiedBootstrap options', ['B', 'seed', 'level']);
  assertWithinBudget(`stratifiedBootstrap with B=${B}`, B * sizes.reduce((s, n) => s + n, 0), 1e9, 'resampled indices');
  if (B < 100) throw new RangeError(`B must be >= 100, but got ${B}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), but got ${level}`);
  const full = sizes.map((n) => Array.from({ length: n }, (_, i) => i));
  const estimate = stat(full);
  if (!Number.isFinite(estimate)) throw new RangeError(`the statistic on the full sample must be finite, but got ${estimate}`);
  const rng = makeRng(opts.seed ?? 4242);
  const reps: number[] = [];
  for (let b = 0; b < B; b++) {
    const v = stat(sizes.map((n) => Array.from({ length: n }, () => rng.int(n))));
    if (Number.isFinite(v)) reps.push(v);
  }
  if (reps.length < 0.9 * B) throw new RangeError(`the statistic was non-finite on ${B - reps.length} of ${B} resamples`);
  reps.sort((a, b) => a - b);
  const q = (p: number) => reps[Math.min(reps.length - 1, Math.max(0, Math.round(p * (reps.length - 1))))];
  return { estimate, lo: Math.min(estimate, q((1 - level) / 2)), hi: Math.max(estimate, q((1 + level) / 2)), n: Math.min(...sizes), level, method: `stratified bootstrap over members (B = ${B})` };
}

// ---------------------------------------------------------------- distribution test

/** Kolmogorov distribution tail Q_KS(λ) = 2 Σ (−1)^{j−1} e^{−2j²λ²}. */
function qks(lambda: number): number {
  if (lambda < 0.2) return 1;
  let s = 0;
  for (let j = 1; j <= 100; j++) {
    const t = 2 * (j % 2 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    s += t;
    if (Math.abs(t) < 1e-12) break;
  }
  return Math.max(0, Math.min(1, s));
}

/** Two-sample Kolmogorov–Smirnov statistic D and its asymptotic p-value (Numerical Recipes kstwo). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { D: number; pValue: number } {
  assertInteger(a.length, 'a.length');
  assertInteger(b.length, 'b.length');
  assertAllFinite(a, 'a');
  assertAllFinite(b, 'b');
  const x = Float64Array.from(a).sort(), y = Float64Array.from(b).sort();
  let i = 0, j = 0, D = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    D = Math.max(D, Math.abs(i / x.length - j / y.length));
  }
  const ne = Math.sqrt((x.length * y.length) / (x.length + y.length));
  return { D, pValue: qks((ne + 0.12 + 0.11 / ne) * D) };
}

// ---------------------------------------------------------------- statistics of trained TF.js networks

/** Preactivations z⁽ˡ⁾ of every layer of an Mlp (hidden layers and the output), as tensors the caller disposes. */
export function preactivations(mlp: Mlp, x: tf.Tensor2D): tf.Tensor2D[] {
  const act = tfOp(mlp.spec.activation);
  const out: tf.Tensor2D[] = [];
  const nLayers = mlp.params.length / 2;
  let h: tf.Tensor2D = x;
  for (let l = 0; l < nLayers; l++) {
    const z = tf.tidy(() => tf.add(tf.matMul(h, mlp.params[2 * l]), mlp.params[2 * l + 1]) as tf.Tensor2D);
    if (h !== x) h.dispose();
    out.push(z);
    if (l < nLayers - 1) h = act(z) as tf.Tensor2D;
  }
  return out;
}

/** Empirical kernel per layer of one network: K̂⁽ˡ⁾ = mean over inputs and neurons of z² (seed 002 §3.2). */
export function networkKernels(mlp: Mlp, x: number[][]): number[] {
  const xt = tf.tensor2d(x);
  const zs = preactivations(mlp, xt);
  const ks = zs.map((z) => tf.tidy(() => z.square().mean().dataSync()[0]));
  zs.forEach((z) => z.dispose());
  xt.dispose();
  return ks;
}

/**
 * Empirical perpendicular susceptibility per hidden layer ℓ of a (trained) network:
 * χ̂⊥⁽ˡ⁾ = (1/n_{ℓ+1}) Σ_{ij} W_ij² ⟨σ′(z_j⁽ˡ⁾)²⟩_x, which at initialisation has mean C_W⟨σ′²⟩ (seed 002 eq. (5)).
 */
export function networkChiPerp(mlp: Mlp, x: number[][]): number[] {
  const act = tfOp(mlp.spec.activation);
  const xt = tf.tensor2d(x);
  const zs = preactivations(mlp, xt);
  const dact = tf.grad((z: tf.Tensor) => act(z).sum());
  const out: number[] = [];
  for (let l = 0; l + 1 < zs.length; l++) {
    out.push(tf.tidy(() => {
      const d2 = dact(zs[l]).square().mean(0); // ⟨σ′(z_j)²⟩ over inputs, [n_ℓ]
      const W = mlp.params[2 * (l + 1)] as tf.Tensor2D; // [n_ℓ, n_{ℓ+1}]
      return W.square().sum(1).mul(d2).sum().div(W.shape[1]).dataSync()[0];
    }));
  }
  zs.forEach((z) => z.dispose());
  xt.dispose();
  return out;
}

// ---------------------------------------------------------------- kernel and vertex of a (trained) batched ensemble

/** Per-member, per-input power sums Σ_i z^p (p = 1..4) over the n neurons of one layer. */
export interface MemberPowerSums {
  members: number;
  inputs: number;
  neurons: number;
  /** Index m·inputs + α. */
  s1: Float64Array;
  s2: Float64Array;
  s3: Float64Array;
  s4: Float64Array;
  /**
   * (member, input) pairs whose power sums overflowed float64 (z⁴ beyond 1e308, or a non-finite z): an exploded layer is data;
   * ensembleVertex refuses such sums rather than returning NaN. Optional for hand-built sums (then counted on use).
   */
  overflowed?: number;
}

/** Power sums of one layer's preactivations z, flat [E, B, n] (member, input, neuron), e.g. lib/networks/batched-training `batchedPreactivations`. */
export function memberPowerSums(z: ArrayLike<number>, members: number, inputs: number, neurons: number): MemberPowerSums {
  assertInteger(members, 'members'); assertInteger(inputs, 'inputs'); assertInteger(neurons, 'neurons');
  if (z.length !== members * inputs * neurons) throw new RangeError(`z has ${z.length} entries, but members·inputs·neurons is ${members * inputs * neurons}`);
  const N = members * inputs;
  let overflowed = 0;
  const s1 = new Float64Array(N), s2 = new Float64Array(N), s3 = new Float64Array(N), s4 = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    let a = 0, b = 0, c = 0, d = 0;
    for (let i = 0, o = t * neurons; i < neurons; i++) { const v = z[o + i], v2 = v * v; a += v; b += v2; c += v2 * v; d += v2 * v2; }
    s1[t] = a; s2[t] = b; s3[t] = c; s4[t] = d;
    if (!Number.isFinite(d) || !Number.isFinite(a)) overflowed++;
  }
  return { members, inputs, neurons, s1, s2, s3, s4, overflowed };
}

/**
 * Ensemble kernel and four-point vertex of one layer from member power sums, averaged over the inputs:
 * per input α, K̂_α = E z², and V̂_α = (n_{ℓ−1}/3)(c₄ − 3c₂²) with c_k the central moments about the ensemble
 * mean (seed 002 eq. (3); at initialisation the mean is 0 and this is eq. (3) exactly; after training it is the
 * connected 4-point function of the trained ensemble). Expectations run over members and neurons (neurons are
 * exchangeable across an ensemble), members weighted by `weights` (default 1 each; 0 excludes; bootstrap counts).
 * Returns the input means of K̂, V̂ and R̂ = V̂/ĉ₂².
 */
export function ensembleVertex(ps: MemberPowerSums, nPrev: number, weights?: ArrayLike<number>): { K: number; V: number; R: number } {
  assertPositive(nPrev, 'nPrev');
  const { members: E, inputs: B, neurons: n } = ps;
  if (weights && weights.length !== E) throw new RangeError(`weights has ${weights.length} entries, but members is ${E}`);
  if (weights) {
    let any = false;
    for (let m = 0; m < E; m++) {
      if (!(weights[m] >= 0) || !Number.isFinite(weights[m])) throw new RangeError(`weights[${m}] must be a finite number >= 0, but got ${weights[m]}`);
      any ||= weights[m] > 0;
    }
    if (!any) throw new RangeError('weights must give at least one member a weight > 0, but all are 0');
  }
  for (let t = 0; t < E * B; t++) {
    if (!Number.isFinite(ps.s4[t]) || !Number.isFinite(ps.s1[t])) {
      throw new RangeError(`ensembleVertex: the power sums of member ${Math.floor(t / B)}, input ${t % B} overflowed (s4 = ${ps.s4[t]}; ${ps.overflowed ?? 'some'} of ${E * B} overflowed): the preactivations exploded — report memberPowerSums(...).overflowed instead of a vertex`);
    }
  }
  let K = 0, V = 0, R = 0;
  for (let a = 0; a < B; a++) {
    let w = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    for (let m = 0; m < E; m++) {
      const c = weights ? weights[m] : 1;
      if (!c) continue;
      const t = m * B + a;
      w += c * n; t1 += c * ps.s1[t]; t2 += c * ps.s2[t]; t3 += c * ps.s3[t]; t4 += c * ps.s4[t];
    }
    const mu = t1 / w, m2 = t2 / w, m3 = t3 / w, m4 = t4 / w;
    const c2 = m2 - mu * mu, c4 = m4 - 4 * mu * m3 + 6 * mu * mu * m2 - 3 * mu ** 4;
    const v = (nPrev / 3) * (c4 - 3 * c2 * c2);
    K += m2 / B; V += v / B; R += v / (c2 * c2) / B;
  }
  return { K, V, R };
}

/** Bootstrap over members (resampled with replacement, `reps` times) of ensembleVertex: the estimate and the standard deviation of K̂, V̂, R̂. */
export function bootstrapVertex(ps: MemberPowerSums, nPrev: number, reps: number, seed: number, members?: number[]):
  { K: number; V: number; R: number; sdK: number; sdV: number; sdR: number } {
  assertInteger(reps, 'reps');
  assertWithinBudget(`bootstrapVertex with reps=${reps}`, reps * ps.members * ps.inputs, 1e9, 'member-input sums');
  const E = ps.members, pool = members ?? Array.from({ length: E }, (_, m) => m);
  if (!pool.length) throw new RangeError('members must hold at least one member index, but got none');
  const base = new Float64Array(E);
  pool.forEach((m) => { base[m] = 1; });
  const est = ensembleVertex(ps, nPrev, base);
  const rng = makeRng(seed);
  const acc = { K: [0, 0], V: [0, 0], R: [0, 0] };
  const w = new Float64Array(E);
  for (let r = 0; r < reps; r++) {
    w.fill(0);
    for (let j = 0; j < pool.length; j++) w[pool[Math.floor(rng.uniform() * pool.length)]] += 1;
    const e = ensembleVertex(ps, nPrev, w);
    for (const k of ['K', 'V', 'R'] as const) { acc[k][0] += e[k]; acc[k][1] += e[k] * e[k]; }
  }
  const sd = (a: number[]) => Math.sqrt(Math.max(0, a[1] / reps - (a[0] / reps) ** 2));
  return { ...est, sdK: sd(acc.K), sdV: sd(acc.V), sdR: sd(acc.R) };
}

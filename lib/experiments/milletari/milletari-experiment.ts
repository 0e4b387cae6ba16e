/**
 * The numerical analysis of Milletarì, Chotibut & Trevisanutto (seed 003, §3, Figs. 1–3 and the
 * seed's "Fig. (??)"): train a small float64 network in the authors' recovered setup
 * (docs/derivations/03-milletari.md §5) and, at each recorded epoch, take the exact dense Hessian and
 * its indices α (fraction of negative eigenvalues) and γ (fraction of zero eigenvalues), both as
 * the authors coded them and with relative tolerances (docs/derivations/03-milletari.md §3.6).
 */
import { assertFinite, assertInteger } from '../../core/guards';
import { trainEsp, denseHessian, makeEspNet, preactivations, type HiddenActivation, type EspNet } from './esp-network';
import { eigenWithZeroRowsSplit, indicesAsCoded, indicesRobust, meanIpr, type DenseMatrix, type SymmetricEigen } from '../../analysis/hessian';

/** Relative tolerances τ (× max|λ|) of the robust indices (docs/derivations/03-milletari.md §3.6). */
export const ROBUST_TOLERANCES = [1e-8, 1e-6, 1e-4] as const;

/** The authors' epoch counts (docs/derivations/03-milletari.md §5): linear 1000; non-linear 2300 (one layer), ≈2500 (8-2, inferred). */
export function authorsEpochs(task: 'linear' | 'nonlinear', hiddenLayers: number): number {
  assertInteger(hiddenLayers, 'hiddenLayers');
  if (task === 'linear') return 1000;
  if (task === 'nonlinear') return hiddenLayers === 1 ? 2300 : 2500;
  throw new Error(`task must be 'linear' or 'nonlinear', but got '${String(task)}'`);
}

export interface SpectralSummary {
  /** α as coded: mean(λ < 0) with no tolerance (zero rows contribute exact zeros, as LAPACK's balancing gives). */
  alphaCoded: number;
  /** γ as coded: mean(λ == 0) = the fraction of identically-zero Hessian rows (docs/derivations/03-milletari.md §3.6). */
  gammaCoded: number;
  /** α and γ with τ = relTol·max|λ|, one entry per ROBUST_TOLERANCES. */
  alphaRobust: number[];
  gammaRobust: number[];
  lambdaMin: number;
  lambdaMax: number;
  /** Standard deviation of the eigenvalues (the "spread" of the distribution, §3). */
  spread: number;
  /** median|λ| / max|λ| outside the zero rows: how concentrated the live bulk is at zero relative to the edge (→ 0: singular). */
  bulkRatio: number;
  /** Mean inverse participation ratio of eigenvectors outside the near-null space (τ = 1e-8). */
  ipr: number;
  /** max |H − Hᵀ| before symmetrisation. */
  asymmetry: number;
  eig: SymmetricEigen;
}

/** α, γ (both definitions), extremes, spread and IPR of a dense symmetric Hessian (docs/derivations/03-milletari.md §3.6). */
export function spectralSummary(H: DenseMatrix, asymmetry = 0): SpectralSummary {
  const eig = eigenWithZeroRowsSplit(H);
  const coded = indicesAsCoded(eig.values);
  const robust = ROBUST_TOLERANCES.map((t) => indicesRobust(eig.values, t));
  const n = eig.values.length;
  let mean = 0;
  for (const v of eig.values) mean += v / n;
  let var_ = 0;
  for (const v of eig.values) var_ += (v - mean) ** 2 / n;
  const allZero = eig.values.every((v) => v === 0);
  // the zero rows contribute exact zeros, the smallest |λ|: drop that many
  const abs = Array.from(eig.values, Math.abs).sort((a, b) => a - b).slice(eig.zeroRows.length);
  const nl = abs.length;
  const medAbs = nl === 0 ? 0 : nl % 2 ? abs[nl >> 1] : (abs[(nl >> 1) - 1] + abs[nl >> 1]) / 2;
  return {
    alphaCoded: coded.alpha,
    gammaCoded: eig.zeroRows.length / n,
    alphaRobust: robust.map((r) => r.alpha),
    gammaRobust: robust.map((r) => r.gamma),
    lambdaMin: eig.values[0],
    lambdaMax: eig.values[n - 1],
    spread: Math.sqrt(var_),
    bulkRatio: allZero ? NaN : medAbs / abs[nl - 1],
    ipr: allZero ? NaN : meanIpr(eig, 1e-8).mean,
    asymmetry,
    eig,
  };
}

export interface RunConfig {
  task: 'linear' | 'nonlinear';
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
  sizes: number[];
  activation: HiddenActivation;
  seed: number;
  epochs: number;
  /** take the dense Hessian at every k-th recorded epoch (0: never) */
  hessianEvery: number;
  trainableOutputBeta?: boolean;
  recordAt?: number[];
}

/** One recorded epoch, flattened for a table or a plot. */
export interface RunRow {
  [key: string]: number | string | boolean | null;
  task: string;
  arch: string;
  activation: string;
  seed: number;
  epoch: number;
  loss: number;
  trainAcc: number;
  testAcc: number | null;
  zeroResidual: number;
  alphaCoded: number | null;
  gammaCoded: number | null;
  alphaTol6: number | null;
  gammaTol6: number | null;
  lambdaMin: number | null;
  lambdaMax: number | null;
  spread: number | null;
  ipr: number | null;
}

export interface RunResult {
  config: Omit<RunConfig, 'xTrain' | 'yTrain' | 'xTest' | 'yTest'>;
  net: EspNet;
  rows: RunRow[];
  /** Summaries at the first and last recorded epochs (always computed). */
  first: SpectralSummary;
  last: SpectralSummary;
  lossCurve: Float64Array;
  theta: Float64Array;
  /** θ at initialisation */
  theta0: Float64Array;
}

/** Architecture label as the paper writes it: [2, 8, 2, 1] → "8-2", [2, 10, 1] → "10". */
export function archLabel(sizes: readonly number[]): string {
  return sizes.slice(1, -1).join('-');
}

/** Train one network in the authors' setup and measure the Hessian indices along the way (§3). */
export function runExperiment(c: RunConfig): RunResult {
  assertInteger(c.hessianEvery, 'hessianEvery', 0);
  const net = makeEspNet({ sizes: c.sizes, activation: c.activation, trainableOutputBeta: c.trainableOutputBeta });
  const arch = archLabel(c.sizes);
  const summaryAt = (theta: Float64Array): SpectralSummary => {
    const H = denseHessian(net, theta, c.xTrain, c.yTrain);
    return spectralSummary(H, H.asymmetry);
  };
  const rows: RunRow[] = [];
  let k = 0;
  const res = trainEsp({
    xTrain: c.xTrain, yTrain: c.yTrain, xTest: c.xTest, yTest: c.yTest, sizes: c.sizes, activation: c.activation,
    trainableOutputBeta: c.trainableOutputBeta, seed: c.seed, epochs: c.epochs, recordAt: c.recordAt,
    onRecord: (r) => {
      const s = c.hessianEvery > 0 && k % c.hessianEvery === 0 ? summaryAt(r.theta) : null;
      k++;
      rows.push({
        task: c.task, arch, activation: c.activation, seed: c.seed, epoch: r.epoch, loss: r.loss, trainAcc: r.trainAcc,
        testAcc: r.testAcc, zeroResidual: r.zeroResidual,
        alphaCoded: s ? s.alphaCoded : null, gammaCoded: s ? s.gammaCoded : null,
        alphaTol6: s ? s.alphaRobust[1] : null, gammaTol6: s ? s.gammaRobust[1] : null,
        lambdaMin: s ? s.lambdaMin : null, lambdaMax: s ? s.lambdaMax : null, spread: s ? s.spread : null, ipr: s ? s.ipr : null,
      });
    },
  });
  if (res.records.length === 0) throw new Error(`runExperiment: no epoch recorded (epochs ${c.epochs}); give recordAt within the run`);
  const first = summaryAt(res.records[0].theta);
  const last = summaryAt(res.records[res.records.length - 1].theta);
  const { xTrain, yTrain, xTest, yTest, ...config } = c;
  void xTrain; void yTrain; void xTest; void yTest;
  return { config, net, rows, first, last, lossCurve: res.lossCurve, theta: res.theta, theta0: res.theta0 };
}

/** First epoch at which a loss curve falls below `threshold` (null if never). */
export function epochsTo(lossCurve: ArrayLike<number>, threshold: number): number | null {
  assertFinite(threshold, 'threshold');
  for (let e = 0; e < lossCurve.length; e++) if (lossCurve[e] < threshold) return e;
  return null;
}

/**
 * Epochs to reach loss < `threshold`, right-censored at the run length: a run that never gets
 * there counts as `lossCurve.length` epochs (flagged `censored`), so that comparisons over seeds
 * stay finite and a slow arm is not dropped. The censoring can only understate the difference.
 */
export function epochsToCensored(lossCurve: ArrayLike<number>, threshold: number): { epochs: number; censored: boolean } {
  if (lossCurve.length === 0) throw new RangeError('epochsToCensored: lossCurve is empty');
  const e = epochsTo(lossCurve, threshold);
  return e === null ? { epochs: lossCurve.length, censored: true } : { epochs: e, censored: false };
}

/** Runs of two arms matched on (task, arch, seed), for paired comparisons; a key used twice in one arm throws. */
export function pairRuns<T extends { task: string; arch: string; seed: number }>(a: readonly T[], b: readonly T[]): { pairs: [T, T][]; unmatched: number } {
  const key = (r: T) => `${r.task}|${r.arch}|${r.seed}`;
  const byKey = new Map<string, T>();
  for (const r of b) {
    if (byKey.has(key(r))) throw new RangeError(`pairRuns: (task, arch, seed) = ${key(r)} appears twice in the second arm`);
    byKey.set(key(r), r);
  }
  const seen = new Set<string>();
  const pairs: [T, T][] = [];
  for (const r of a) {
    if (seen.has(key(r))) throw new RangeError(`pairRuns: (task, arch, seed) = ${key(r)} appears twice in the first arm`);
    seen.add(key(r));
    const m = byKey.get(key(r));
    if (m) pairs.push([r, m]);
  }
  return { pairs, unmatched: a.length + b.length - 2 * pairs.length };
}

/** Number of eigenvalues with |λ| > relTol·max|λ| (the live part of a spectrum; 0 for an all-zero one). */
export function liveEigenvalueCount(values: ArrayLike<number>, relTol = 1e-8): number {
  assertFinite(relTol, 'relTol');
  if (!(relTol >= 0 && relTol < 1)) throw new RangeError(`relTol must lie in [0, 1), but got ${relTol}`);
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    assertFinite(values[i], `values[${i}]`);
    max = Math.max(max, Math.abs(values[i]));
  }
  if (max === 0) return 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > relTol * max) n++;
  return n;
}

/**
 * §3's "suboptimal plateau": the loss falls by less than `flat` (relative) over the second half of
 * training, and the final training accuracy is at least `gap` below a reference accuracy.
 */
export function isPlateau(lossCurve: ArrayLike<number>, finalTrainAcc: number, referenceAcc: number, opts: { flat?: number; gap?: number } = {}): boolean {
  if (lossCurve.length < 2) throw new RangeError(`isPlateau: need at least 2 epochs, but got ${lossCurve.length}`);
  assertFinite(finalTrainAcc, 'finalTrainAcc');
  assertFinite(referenceAcc, 'referenceAcc');
  const flat = opts.flat ?? 0.05, gap = opts.gap ?? 0.05;
  const n = lossCurve.length, half = lossCurve[Math.floor(n / 2)], end = lossCurve[n - 1];
  assertFinite(half, 'loss at half-time');
  assertFinite(end, 'final loss');
  return (half - end) / half < flat && finalTrainAcc < referenceAcc - gap;
}

/**
 * Dead hidden units: a ReLU unit whose preactivation is ≤ 0 on every given input row outputs 0 on all
 * of them, so its incoming weights, bias and outgoing weights get no gradient and their Hessian rows
 * vanish (γ as coded, docs/derivations/03-milletari.md §3.6). A smooth unit (sigmoid, Swish) is dead
 * only if its preactivation is exactly 0 on every row. `deadLayer`: some hidden layer is entirely
 * dead, so the network's output no longer depends on its input.
 */
export function deadUnits(net: EspNet, theta: ArrayLike<number>, X: readonly (readonly number[])[]): { perLayer: number[]; total: number; deadLayer: boolean } {
  if (!Array.isArray(X) || X.length === 0) throw new RangeError(`deadUnits: X must be a non-empty array of input rows, but got ${Array.isArray(X) ? 'an empty array' : String(X)}`);
  const pre = preactivations(net, theta, X);
  const perLayer: number[] = [];
  for (let l = 0; l < net.layers.length - 1; l++) {
    const nOut = net.layers[l].nOut, h = pre[l];
    let dead = 0;
    for (let j = 0; j < nOut; j++) {
      let alive = false;
      for (let r = 0; r < X.length && !alive; r++) {
        const v = h[r * nOut + j];
        alive = net.activation === 'relu' ? v > 0 : v !== 0;
      }
      if (!alive) dead++;
    }
    perLayer.push(dead);
  }
  return { perLayer, total: perLayer.reduce((a, b) => a + b, 0), deadLayer: perLayer.some((d, l) => d === net.layers[l].nOut) };
}

/** §3's "suboptimal plateau" from the loss at half-time and at the end (see isPlateau). */
export function isPlateauFromLosses(lossHalf: number, lossEnd: number, finalTrainAcc: number, referenceAcc: number, opts: { flat?: number; gap?: number } = {}): boolean {
  assertFinite(lossHalf, 'lossHalf');
  assertFinite(lossEnd, 'lossEnd');
  assertFinite(finalTrainAcc, 'finalTrainAcc');
  assertFinite(referenceAcc, 'referenceAcc');
  if (lossHalf <= 0) throw new RangeError(`lossHalf must be > 0, but got ${lossHalf}`);
  const flat = opts.flat ?? 0.05, gap = opts.gap ?? 0.05;
  return (lossHalf - lossEnd) / lossHalf < flat && finalTrainAcc < referenceAcc - gap;
}

/**
 * The "experimental dataset" of Milletarì, Chotibut & Trevisanutto (seed 003, §3: "we considered both
 * artificial and experimental datasets"): scikit-learn's 8×8 digits in the authors' digits script
 * (WessZumino/meanfield-theory-of-activation-functions, TF/mnist_esp.py; data/digits/README.md,
 * data/milletari-runs/README.md; docs/derivations/03-milletari.md §5 "digits"). Setup as they ran it:
 * inputs = pixels/255; layers [64, 25, 10]; hidden ReLU, sigmoid σ(βh) or ESP/Swish hσ(βh); ten sigmoid
 * outputs with logits β_out·h; the mean sigmoid cross-entropy over all m × 10 outputs against
 * one_hot(label − 1) (label k ≥ 1 → output k − 1; label 0 → an all-zero target, so the accuracy as coded,
 * argmax(ŷ) = argmax(target), counts output 0 as right for both digits 0 and 1); β per unit trainable
 * for ESP only (hidden and output), N(0, 0.004) at start; Glorot-uniform weights, zero biases;
 * full-batch TF1 Adam with lr = 0.01·0.9^(t/500), 2000 epochs.
 *
 * Exact float64 gradient and Hessian–vector products (forward-over-reverse by hand: every reverse-mode
 * quantity carries its directional derivative along v); the dense Hessian is N products with unit vectors.
 * Parameter order as the authors' (TF creation order): w1 [25, 64] row-major, b1, [β1], w2 [10, 25], b2, [β2].
 */
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng } from '../../core/rng';
import { sigmoid, softplus } from '../../core/activations';
import { REPO_ROOT, defineExperiment } from '../../runtime/experiment';
import { symmetricEigenvalues, type DenseMatrix } from '../../analysis/hessian';
import { loadStoredRun } from '../../data/milletari-runs';
import { bySize, type Profile } from '../../report/profile';
import { authorsRecordSchedule, type HiddenActivation } from './esp-network';

export const DIGITS_SHA256 = '3f9a518935bd8e5c44211527aeb3a50d7cf20e22698598e6f55063c545069870';
export const DIGITS_PATH = path.join(REPO_ROOT, 'data', 'digits', 'digits.csv');

export interface DigitsData {
  /** m × 64 inputs (pixels / 255), row-major, training rows in the authors' order */
  xTrain: Float64Array;
  labelsTrain: number[];
  xTest: Float64Array;
  labelsTest: number[];
}

/** Load data/digits/digits.csv after its checksum; inputs divided by 255 as the authors did. */
export function loadDigits(file = DIGITS_PATH): DigitsData {
  if (!fs.existsSync(file)) throw new Error(`digits file not found at '${file}' (see data/digits/README.md)`);
  const buf = fs.readFileSync(file);
  const got = createHash('sha256').update(buf).digest('hex');
  if (got !== DIGITS_SHA256) throw new Error(`digits file '${file}' fails its checksum: sha256 ${got}, expected ${DIGITS_SHA256}`);
  const lines = buf.toString('utf8').trim().split('\n');
  const train: { order: number; x: number[]; label: number }[] = [];
  const xTest: number[] = [], labelsTest: number[] = [];
  for (let r = 1; r < lines.length; r++) {
    const f = lines[r].split(',');
    if (f.length !== 67) throw new Error(`digits row ${r}: expected 67 fields, got ${f.length}`);
    const x = f.slice(0, 64).map((v) => Number(v) / 255), label = Number(f[64]);
    if (!Number.isInteger(label) || label < 0 || label > 9) throw new Error(`digits row ${r}: label must be 0–9, but got ${f[64]}`);
    if (f[65] === 'train') train.push({ order: Number(f[66]), x, label });
    else if (f[65] === 'test') { xTest.push(...x); labelsTest.push(label); } else throw new Error(`digits row ${r}: split must be train or test, but got '${f[65]}'`);
  }
  train.sort((a, b) => a.order - b.order);
  return { xTrain: Float64Array.from(train.flatMap((t) => t.x)), labelsTrain: train.map((t) => t.label), xTest: Float64Array.from(xTest), labelsTest };
}

/** The authors' target index: one_hot(label − 1) puts label k ≥ 1 at output k − 1 and label 0 nowhere (all-zero row). */
export function targetIndex(label: number): number {
  assertInteger(label, 'label', 0);
  if (label > 9) throw new RangeError(`label must be 0–9, but got ${label}`);
  return label - 1;
}

export interface DigitsNet { activation: HiddenActivation; nIn: number; nHid: number; nOut: number; nParams: number; o: { w1: number; b1: number; be1: number; w2: number; b2: number; be2: number } }

export function makeDigitsNet(activation: HiddenActivation, nIn = 64, nHid = 25, nOut = 10): DigitsNet {
  assertOneOf(activation, 'activation', ['relu', 'sigmoid', 'esp'] as const);
  assertInteger(nIn, 'nIn'); assertInteger(nHid, 'nHid'); assertInteger(nOut, 'nOut');
  const esp = activation === 'esp';
  const w1 = 0, b1 = nIn * nHid, be1 = esp ? b1 + nHid : -1, w2 = b1 + nHid * (esp ? 2 : 1), b2 = w2 + nHid * nOut, be2 = esp ? b2 + nOut : -1;
  return { activation, nIn, nHid, nOut, nParams: b2 + nOut * (esp ? 2 : 1), o: { w1, b1, be1, w2, b2, be2 } };
}

/** Glorot-uniform weights, zero biases, β ~ N(0, stdBeta) for ESP (docs/derivations/03-milletari.md §5 "init"). */
export function initDigits(net: DigitsNet, seed: number, stdBeta = 0.004): Float64Array {
  const rng = makeRng(seed), th = new Float64Array(net.nParams), { o } = net;
  const lim1 = Math.sqrt(6 / (net.nIn + net.nHid)), lim2 = Math.sqrt(6 / (net.nHid + net.nOut));
  for (let k = 0; k < net.nIn * net.nHid; k++) th[o.w1 + k] = (2 * rng.uniform() - 1) * lim1;
  if (o.be1 >= 0) for (let j = 0; j < net.nHid; j++) th[o.be1 + j] = stdBeta * rng.normal();
  for (let k = 0; k < net.nHid * net.nOut; k++) th[o.w2 + k] = (2 * rng.uniform() - 1) * lim2;
  if (o.be2 >= 0) for (let i = 0; i < net.nOut; i++) th[o.be2 + i] = stdBeta * rng.normal();
  return th;
}

function checkArgs(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[]): number {
  if (th.length !== net.nParams) throw new RangeError(`theta must have ${net.nParams} entries, but has ${th.length}`);
  for (let i = 0; i < th.length; i++) if (!Number.isFinite(th[i])) throw new RangeError(`theta[${i}] must be finite, but got ${th[i]}`);
  const m = labels.length;
  if (m === 0 || X.length !== m * net.nIn) throw new RangeError(`X must hold ${net.nIn} inputs per label (${m} labels), but has ${X.length} values`);
  return m;
}

/**
 * Loss ε = mean over m·nOut of the sigmoid cross-entropy, its gradient, and (with v) the exact H·v.
 * Everything in float64; one pass over the samples.
 */
export function digitsPass(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[], v: ArrayLike<number> | null): { loss: number; grad: Float64Array; hv: Float64Array | null } {
  const m = checkArgs(net, th, X, labels);
  const { nIn, nHid, nOut, o } = net, act = net.activation, dual = v !== null;
  if (dual && v!.length !== net.nParams) throw new RangeError(`v must have ${net.nParams} entries, but has ${v!.length}`);
  const g = new Float64Array(net.nParams), hv = dual ? new Float64Array(net.nParams) : null;
  const z1 = new Float64Array(nHid), z1d = new Float64Array(nHid), a = new Float64Array(nHid), ad = new Float64Array(nHid);
  const gz = new Float64Array(nHid), gzd = new Float64Array(nHid), gb = new Float64Array(nHid), gbd = new Float64Array(nHid);
  const z2 = new Float64Array(nOut), z2d = new Float64Array(nOut), dz2 = new Float64Array(nOut), dz2d = new Float64Array(nOut);
  const inv = 1 / (m * nOut);
  let loss = 0;
  for (let r = 0; r < m; r++) {
    const xo = r * nIn, t = labels[r] - 1;
    for (let j = 0; j < nHid; j++) {
      let s = th[o.b1 + j], sd = dual ? v![o.b1 + j] : 0;
      const base = o.w1 + j * nIn;
      for (let k = 0; k < nIn; k++) { s += th[base + k] * X[xo + k]; if (dual) sd += v![base + k] * X[xo + k]; }
      z1[j] = s; z1d[j] = sd;
      if (act === 'relu') { a[j] = s > 0 ? s : 0; gz[j] = s > 0 ? 1 : 0; gb[j] = 0; ad[j] = gz[j] * sd; gzd[j] = 0; gbd[j] = 0; } else {
        const beta = act === 'esp' ? th[o.be1 + j] : 1, betad = act === 'esp' && dual ? v![o.be1 + j] : 0;
        const u = beta * s, ud = betad * s + beta * sd, sg = sigmoid(u), s1 = sg * (1 - sg), s2 = s1 * (1 - 2 * sg);
        if (act === 'sigmoid') { a[j] = sg; gz[j] = s1; gb[j] = 0; ad[j] = s1 * sd; gzd[j] = s2 * sd; gbd[j] = 0; } else {
          a[j] = s * sg; gz[j] = sg + u * s1; gb[j] = s * s * s1;
          ad[j] = gz[j] * sd + gb[j] * betad; gzd[j] = (2 * s1 + u * s2) * ud; gbd[j] = 2 * s * sd * s1 + s * s * s2 * ud;
        }
      }
    }
    for (let i = 0; i < nOut; i++) {
      let s = th[o.b2 + i], sd = dual ? v![o.b2 + i] : 0;
      const base = o.w2 + i * nHid;
      for (let j = 0; j < nHid; j++) { s += th[base + j] * a[j]; if (dual) sd += v![base + j] * a[j] + th[base + j] * ad[j]; }
      z2[i] = s; z2d[i] = sd;
      const bo = o.be2 >= 0 ? th[o.be2 + i] : 1, bod = o.be2 >= 0 && dual ? v![o.be2 + i] : 0;
      const l = bo * s, ld = bod * s + bo * sd, p = sigmoid(l), y = i === t ? 1 : 0;
      loss += (softplus(l) - y * l) * inv;
      const d = (p - y) * inv, dd = p * (1 - p) * ld * inv;
      if (o.be2 >= 0) { g[o.be2 + i] += d * s; if (dual) hv![o.be2 + i] += dd * s + d * sd; }
      dz2[i] = d * bo; dz2d[i] = dd * bo + d * bod;
      g[o.b2 + i] += dz2[i]; if (dual) hv![o.b2 + i] += dz2d[i];
      for (let j = 0; j < nHid; j++) { g[base + j] += dz2[i] * a[j]; if (dual) hv![base + j] += dz2d[i] * a[j] + dz2[i] * ad[j]; }
    }
    for (let j = 0; j < nHid; j++) {
      let da = 0, dad = 0;
      for (let i = 0; i < nOut; i++) { const w = th[o.w2 + i * nHid + j]; da += w * dz2[i]; if (dual) dad += v![o.w2 + i * nHid + j] * dz2[i] + w * dz2d[i]; }
      if (o.be1 >= 0) { g[o.be1 + j] += da * gb[j]; if (dual) hv![o.be1 + j] += dad * gb[j] + da * gbd[j]; }
      const dz = da * gz[j], dzd = dad * gz[j] + da * gzd[j];
      if (dz === 0 && dzd === 0) continue;
      g[o.b1 + j] += dz; if (dual) hv![o.b1 + j] += dzd;
      const base = o.w1 + j * nIn;
      for (let k = 0; k < nIn; k++) { g[base + k] += dz * X[xo + k]; if (dual) hv![base + k] += dzd * X[xo + k]; }
    }
  }
  return { loss, grad: g, hv };
}

/** Exact dense Hessian of ε (N products H·e_i), symmetrised after recording max|H − Hᵀ|. */
export function digitsHessian(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[]): DenseMatrix & { asymmetry: number } {
  const n = net.nParams, data = new Float64Array(n * n), e = new Float64Array(n);
  for (let i = 0; i < n; i++) { e.fill(0); e[i] = 1; data.set(digitsPass(net, th, X, labels, e).hv!, i * n); }
  let asym = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const p = data[i * n + j], q = data[j * n + i];
    asym = Math.max(asym, Math.abs(p - q));
    data[i * n + j] = data[j * n + i] = 0.5 * (p + q);
  }
  return { n, data, asymmetry: asym };
}

/** Accuracy as the authors coded it: argmax(ŷ) == argmax(one_hot(label − 1)), the all-zero target of label 0 having argmax 0. */
export function digitsAccuracy(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[]): number {
  const m = checkArgs(net, th, X, labels), { nIn, nHid, nOut, o } = net;
  const a = new Float64Array(nHid);
  let ok = 0;
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < nHid; j++) {
      let s = th[o.b1 + j];
      for (let k = 0; k < nIn; k++) s += th[o.w1 + j * nIn + k] * X[r * nIn + k];
      a[j] = net.activation === 'relu' ? Math.max(s, 0) : net.activation === 'sigmoid' ? sigmoid(s) : s * sigmoid(th[o.be1 + j] * s);
    }
    let best = -Infinity, arg = 0;
    for (let i = 0; i < nOut; i++) {
      let s = th[o.b2 + i];
      for (let j = 0; j < nHid; j++) s += th[o.w2 + i * nHid + j] * a[j];
      const l = (o.be2 >= 0 ? th[o.be2 + i] : 1) * s;
      if (l > best) { best = l; arg = i; }
    }
    if (arg === Math.max(0, labels[r] - 1)) ok++;
  }
  return ok / m;
}

/** Full-batch TF1 Adam, lr = lr0·0.9^(t/500) (as ./esp-network's trainEsp); returns the final θ and the loss after each update at `recordAt`. */
export function trainDigits(net: DigitsNet, d: DigitsData, o: { seed: number; epochs: number; lr0?: number; recordAt?: number[]; snapshotAt?: number[]; onSnapshot?: (epoch: number, theta: Float64Array) => void }): { theta: Float64Array; losses: { epoch: number; loss: number }[]; diverged: boolean } {
  assertInteger(o.epochs, 'epochs');
  const lr0 = assertPositive(o.lr0 ?? 0.01, 'lr0');
  const th = initDigits(net, o.seed), n = net.nParams;
  const mA = new Float64Array(n), vA = new Float64Array(n);
  let b1p = 1, b2p = 1;
  const snap = new Set(o.snapshotAt ?? []);
  const rec = new Set(o.recordAt ?? [o.epochs - 1]), losses: { epoch: number; loss: number }[] = [];
  for (let e = 0; e < o.epochs; e++) {
    const { loss, grad } = digitsPass(net, th, d.xTrain, d.labelsTrain, null);
    if (!Number.isFinite(loss)) return { theta: th, losses, diverged: true };
    b1p *= 0.9; b2p *= 0.999;
    const lrt = (lr0 * Math.pow(0.9, e / 500) * Math.sqrt(1 - b2p)) / (1 - b1p);
    for (let i = 0; i < n; i++) {
      mA[i] = 0.9 * mA[i] + 0.1 * grad[i];
      vA[i] = 0.999 * vA[i] + 0.001 * grad[i] * grad[i];
      th[i] -= (lrt * mA[i]) / (Math.sqrt(vA[i]) + 1e-8);
    }
    if (rec.has(e)) losses.push({ epoch: e, loss: digitsPass(net, th, d.xTrain, d.labelsTrain, null).loss });
    if (snap.has(e)) o.onSnapshot?.(e, th);
  }
  return { theta: th, losses, diverged: false };
}

/**
 * Parameters whose Hessian row vanishes identically, found structurally (no eigen-solver): every
 * parameter of a dead hidden unit (ReLU preactivation ≤ 0 on every training row: its incoming weights
 * and bias, its β, its outgoing weights) and every first-layer weight W1[j, k] whose input pixel k is 0
 * on every training row where unit j is active (for smooth units: on every row). Their count over N is γ as the authors coded it (docs/derivations/03-milletari.md §3.6).
 */
export function structuralZeroRows(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[]): { rows: number; deadUnits: number; deadInputs: number } {
  const m = checkArgs(net, th, X, labels), { nIn, nHid, nOut, o } = net;
  const deadIn: boolean[] = Array.from({ length: nIn }, (_, k) => { for (let r = 0; r < m; r++) if (X[r * nIn + k] !== 0) return false; return true; });
  const zero = new Uint8Array(net.nParams);
  let deadUnits = 0;
  const active = new Uint8Array(m);
  for (let j = 0; j < nHid; j++) {
    // a ReLU unit passes gradient only on the rows where its preactivation is > 0; a smooth unit on every row
    let alive = false;
    for (let r = 0; r < m; r++) {
      let s = th[o.b1 + j];
      for (let k = 0; k < nIn; k++) s += th[o.w1 + j * nIn + k] * X[r * nIn + k];
      active[r] = net.activation !== 'relu' || s > 0 ? 1 : 0;
      if (active[r]) alive = true;
    }
    // W1[j, k] has a zero row when x_k = 0 on every row where unit j is active
    for (let k = 0; k < nIn; k++) {
      let used = false;
      for (let r = 0; r < m && !used; r++) used = active[r] === 1 && X[r * nIn + k] !== 0;
      if (!used) zero[o.w1 + j * nIn + k] = 1;
    }
    if (!alive) {
      deadUnits++;
      zero[o.b1 + j] = 1;
      if (o.be1 >= 0) zero[o.be1 + j] = 1;
      for (let i = 0; i < nOut; i++) zero[o.w2 + i * nHid + j] = 1;
    }
  }
  return { rows: zero.reduce((a, b) => a + b, 0), deadUnits, deadInputs: deadIn.filter(Boolean).length };
}

const digitsCache: { d?: DigitsData } = {};
function digitsData(): DigitsData { return (digitsCache.d ??= loadDigits()); }

export interface DigitsConfig { [k: string]: unknown; activation: HiddenActivation; epochs: number; spectraAt: number[]; seedBase: number }

/** The eigenvalue spectrum of the exact Hessian at θ (structured assembly, then LAPACK or Householder + QL) and what the authors computed from it. */
export function digitsSpectrum(net: DigitsNet, th: ArrayLike<number>, d: DigitsData): { values: number[]; alphaCoded: number; alphaTol6: number; gammaTol6: number; lambdaMin: number; lambdaMax: number } {
  const ev = Array.from(symmetricEigenvalues(digitsHessianStructured(net, th, d.xTrain, d.labelsTrain)));
  const tau = 1e-6 * Math.max(...ev.map(Math.abs)), n = ev.length;
  return { values: ev, alphaCoded: ev.filter((v) => v < 0).length / n, alphaTol6: ev.filter((v) => v < -tau).length / n, gammaTol6: ev.filter((v) => Math.abs(v) <= tau).length / n, lambdaMin: ev[0], lambdaMax: ev[n - 1] };
}

/** Final loss, accuracies (as coded) and structural γ (no eigen-solver). */
function digitsSummary(net: DigitsNet, th: ArrayLike<number>, d: DigitsData): Record<string, unknown> {
  const z = structuralZeroRows(net, th, d.xTrain, d.labelsTrain);
  return {
    nParams: net.nParams, loss: digitsPass(net, th, d.xTrain, d.labelsTrain, null).loss,
    trainAcc: digitsAccuracy(net, th, d.xTrain, d.labelsTrain), testAcc: digitsAccuracy(net, th, d.xTest, d.labelsTest),
    gammaStructural: z.rows / net.nParams, deadUnits: z.deadUnits, deadInputs: z.deadInputs,
  };
}

/**
 * Task: train the authors' digits network from one seed (seedBase + seed) for `epochs` updates; the loss at each of
 * the authors' recorded epochs (./esp-network authorsRecordSchedule), and at each epoch of `spectraAt` (which must be
 * recorded epochs) the dense Hessian spectrum with α as coded, α and γ with τ = 1e-6·max|λ| and structural γ.
 * A divergence is returned as data.
 */
export function digitsTask(c: DigitsConfig, seed: number): Record<string, unknown> {
  assertOneOf(c.activation, 'activation', ['relu', 'sigmoid', 'esp'] as const);
  assertInteger(c.epochs, 'epochs', 1);
  assertInteger(seed, 'seed', 0);
  const schedule = authorsRecordSchedule(c.epochs);
  for (const e of c.spectraAt) if (!schedule.includes(e)) throw new RangeError(`spectraAt must hold recorded epochs (0, 11, 21, …, 191, 211, 261, … < ${c.epochs}), but got ${e}`);
  const d = digitsData(), net = makeDigitsNet(c.activation);
  const snaps = new Map<number, Float64Array>();
  const r = trainDigits(net, d, { seed: c.seedBase + seed, epochs: c.epochs, recordAt: schedule, snapshotAt: c.spectraAt, onSnapshot: (e, th) => snaps.set(e, Float64Array.from(th)) });
  if (r.diverged) return { diverged: true, divergedAt: r.losses.length ? r.losses[r.losses.length - 1].epoch : 0 };
  const spectra = c.spectraAt.map((e) => { const th = snaps.get(e)!, z = structuralZeroRows(net, th, d.xTrain, d.labelsTrain); return { epoch: e, loss: digitsPass(net, th, d.xTrain, d.labelsTrain, null).loss, gammaStructural: z.rows / net.nParams, deadUnits: z.deadUnits, ...digitsSpectrum(net, th, d) }; });
  return { diverged: false, ...digitsSummary(net, r.theta, d), losses: r.losses, spectra, theta: Array.from(r.theta) };
}

/** Task: the authors' stored digits run of one activation, recomputed at its final parameters (with `hessian`, our spectrum of our Hessian there against their stored eigenvalues). */
export function digitsStoredTask(c: { activation: HiddenActivation; hessian: boolean }, seed: number): Record<string, unknown> {
  if (seed !== 0) throw new RangeError(`digitsStoredTask: the authors ran one seed, so seed must be 0, but got ${seed}`);
  const run = loadStoredRun('digits', [25], c.activation);
  const d = digitsData(), net = makeDigitsNet(c.activation);
  if (net.nParams !== run.nParams) throw new Error(`stored digits run ${c.activation}: ${run.nParams} parameters, this library's network ${net.nParams}`);
  const k = run.records - 1, th = run.params[k];
  const theirEv = [...run.eigenvaluesReal[k]].sort((a, b) => a - b);
  const out: Record<string, unknown> = { ...digitsSummary(net, th, d), costTheirs: run.cost[k], trainAccTheirs: run.accuracyTrain[k], testAccTheirs: run.accuracyTest[k], alphaTheirs: run.alpha[k], gammaTheirs: run.gamma[k],
    theirLambdaMin: theirEv[0], theirLambdaMax: theirEv[theirEv.length - 1], costsTheirs: run.cost, alphasTheirs: run.alpha, alphaCoded: null, spectrumRelDiff: null };
  if (c.hessian) {
    const s = digitsSpectrum(net, th, d), scale = Math.max(...theirEv.map(Math.abs));
    out.alphaCoded = s.alphaCoded; out.alphaTol6 = s.alphaTol6; out.gammaTol6 = s.gammaTol6;
    out.spectrumRelDiff = Math.max(...s.values.map((v, i) => Math.abs(v - theirEv[i]))) / scale;
  }
  return out;
}

/** The authors' eigenvalues (real parts, ascending) at record `k` of their stored digits run (k < 0 counts from the end). */
export function storedDigitsSpectrum(activation: HiddenActivation, k: number): { epoch: number; values: number[]; alpha: number; cost: number } {
  const run = loadStoredRun('digits', [25], activation), idx = k < 0 ? run.records + k : k;
  assertInteger(idx, 'record index', 0);
  if (idx >= run.records) throw new RangeError(`record index must be below ${run.records}, but got ${k}`);
  return { epoch: authorsRecordSchedule(2000)[idx], values: [...run.eigenvaluesReal[idx]].sort((a, b) => a - b), alpha: run.alpha[idx], cost: run.cost[idx] };
}

export interface DigitsSizes { seeds: number; epochScale: number; spectraAt: number[]; storedHessian: boolean }
/** Sizes per profile: default runs the authors' full 2000 epochs, one seed, spectra at three of their records; paper ten seeds (for N1's rate) and six records. */
export const DIGITS_SIZES: Record<Profile, DigitsSizes> = {
  quick: { seeds: 1, epochScale: 0.05, spectraAt: [], storedHessian: false },
  default: { seeds: 1, epochScale: 1, spectraAt: [0, 211, 1961], storedHessian: true },
  paper: { seeds: 10, epochScale: 1, spectraAt: [0, 61, 211, 511, 1011, 1961], storedHessian: true },
};

export const digitsRuns = defineExperiment<DigitsConfig>({
  name: 'milletari-digits-runs', label: '03 digits runs', version: 2, module: 'lib/experiments/milletari/digits.ts', task: 'digitsTask',
  tasks: (profile) => {
    const s = bySize(DIGITS_SIZES, profile);
    return (['relu', 'sigmoid', 'esp'] as const).flatMap((activation) => Array.from({ length: s.seeds }, (_, k) => ({
      config: { activation, epochs: Math.max(50, Math.round(2000 * s.epochScale)), spectraAt: s.spectraAt, seedBase: 1805 }, seed: k,
      // training ≈ 20 units at 2000 epochs, each spectrum ≈ 5 (ESP ≈ 2× both)
      cost: (activation === 'esp' ? 2 : 1) * (s.epochScale * 20 + 5 * s.spectraAt.length) })));
  },
});

export const digitsStored = defineExperiment<{ activation: HiddenActivation; hessian: boolean }>({
  name: 'milletari-digits-stored', label: '03 the authors\' digits runs', version: 2, module: 'lib/experiments/milletari/digits.ts', task: 'digitsStoredTask',
  tasks: (profile) => (['relu', 'sigmoid', 'esp'] as const).map((activation) => ({ config: { activation, hessian: bySize(DIGITS_SIZES, profile).storedHessian }, seed: 0, cost: bySize(DIGITS_SIZES, profile).storedHessian ? 5 : 1 })),
});

/**
 * The same exact dense Hessian as `digitsHessian`, assembled from its structure instead of N Hessian–vector
 * products (docs/derivations/03-milletari.md §3.7 "the digits Hessian"). Per sample r the loss depends on the
 * first-layer weights only through z_j = Σ_k W1[j,k]·x_k + b1_j, which is linear in them, so with K_r the Hessian
 * of the per-sample loss in the internal variables u = (z, [β1], W2, b2, [β2]) — the parameters from b1 on, in
 * their order, with z in place of b1 —
 *   H[W1jk, W1j'k'] = Σ_r x_rk x_rk' K_r[z_j, z_j'],  H[W1jk, u_q] = Σ_r x_rk K_r[z_j, q],  H[u_p, u_q] = Σ_r K_r[p, q].
 * K_r = Σ_i (c_i ∇l_i ∇l_iᵀ + d_i ∇²l_i) over the output logits l_i = β_out,i·(W2 a + b2)_i, with d_i = ∂ε/∂l_i
 * and c_i = ∂²ε/∂l_i²; zero pixels are skipped. About 1e9 multiply-adds for the authors' network instead of 2e10.
 */
export function digitsHessianStructured(net: DigitsNet, th: ArrayLike<number>, X: Float64Array, labels: readonly number[]): DenseMatrix & { asymmetry: number } {
  const m = checkArgs(net, th, X, labels);
  const { nIn, nHid, nOut, o } = net, act = net.activation, esp = act === 'esp';
  const N = net.nParams, nU = N - o.b1, inv = 1 / (m * nOut);
  // offsets inside u: z at 0, β1 at uB1, W2 at uW2, b2 at uB2, β2 at uBo
  const uB1 = esp ? nHid : -1, uW2 = o.w2 - o.b1, uB2 = o.b2 - o.b1, uBo = esp ? o.be2 - o.b1 : -1;
  const H = new Float64Array(N * N), K = new Float64Array(nU * nU);
  const a = new Float64Array(nHid), gz = new Float64Array(nHid), gb = new Float64Array(nHid), azz = new Float64Array(nHid), azb = new Float64Array(nHid), abb = new Float64Array(nHid);
  const gi = new Float64Array(nU), idx = new Int32Array(nU), nz = new Int32Array(nIn);
  // K_r[z_j, z_j'] of every sample, for the W1–W1 block assembled pair by pair after the loop (cache-friendly)
  const kzz = new Float64Array(m * nHid * nHid);
  for (let r = 0; r < m; r++) {
    const xo = r * nIn, t = labels[r] - 1;
    for (let j = 0; j < nHid; j++) {
      let s = th[o.b1 + j];
      for (let k = 0; k < nIn; k++) s += th[o.w1 + j * nIn + k] * X[xo + k];
      if (act === 'relu') { a[j] = s > 0 ? s : 0; gz[j] = s > 0 ? 1 : 0; gb[j] = azz[j] = azb[j] = abb[j] = 0; continue; }
      const beta = esp ? th[o.be1 + j] : 1, u = beta * s, sg = sigmoid(u), s1 = sg * (1 - sg), s2 = s1 * (1 - 2 * sg);
      if (!esp) { a[j] = sg; gz[j] = s1; azz[j] = s2; gb[j] = azb[j] = abb[j] = 0; continue; }
      a[j] = s * sg; gz[j] = sg + u * s1; gb[j] = s * s * s1;
      azz[j] = beta * (2 * s1 + u * s2); azb[j] = s * (2 * s1 + u * s2); abb[j] = s * s * s * s2;
    }
    K.fill(0);
    for (let i = 0; i < nOut; i++) {
      const wRow = uW2 + i * nHid, w2 = o.w2 + i * nHid;
      let sOut = th[o.b2 + i];
      for (let j = 0; j < nHid; j++) sOut += th[w2 + j] * a[j];
      const bo = esp ? th[o.be2 + i] : 1, l = bo * sOut, p = sigmoid(l);
      const d = (p - (i === t ? 1 : 0)) * inv, c = p * (1 - p) * inv;
      // ∇l_i on its support: z_j, β1_j, W2[i, j], b2_i, β2_i
      let n = 0;
      for (let j = 0; j < nHid; j++) { idx[n] = j; gi[n++] = bo * th[w2 + j] * gz[j]; }
      if (esp) for (let j = 0; j < nHid; j++) { idx[n] = uB1 + j; gi[n++] = bo * th[w2 + j] * gb[j]; }
      for (let j = 0; j < nHid; j++) { idx[n] = wRow + j; gi[n++] = bo * a[j]; }
      idx[n] = uB2 + i; gi[n++] = bo;
      if (esp) { idx[n] = uBo + i; gi[n++] = sOut; }
      for (let p1 = 0; p1 < n; p1++) { const cp = c * gi[p1], row = idx[p1] * nU; if (cp !== 0) for (let p2 = 0; p2 < n; p2++) K[row + idx[p2]] += cp * gi[p2]; }
      // d_i ∇²l_i, each symmetric pair added both ways
      const add = (p1: number, p2: number, v: number) => { if (v === 0) return; K[p1 * nU + p2] += v; if (p1 !== p2) K[p2 * nU + p1] += v; };
      for (let j = 0; j < nHid; j++) {
        const w = th[w2 + j];
        add(j, wRow + j, d * bo * gz[j]);
        add(j, j, d * bo * w * azz[j]);
        if (esp) {
          add(uB1 + j, wRow + j, d * bo * gb[j]); add(j, uB1 + j, d * bo * w * azb[j]); add(uB1 + j, uB1 + j, d * bo * w * abb[j]);
          add(uBo + i, j, d * w * gz[j]); add(uBo + i, uB1 + j, d * w * gb[j]); add(uBo + i, wRow + j, d * a[j]);
        }
      }
      if (esp) add(uBo + i, uB2 + i, d);
    }
    let nnz = 0;
    for (let k = 0; k < nIn; k++) if (X[xo + k] !== 0) nz[nnz++] = k;
    // u–u block
    for (let p1 = 0; p1 < nU; p1++) { const hr = (o.b1 + p1) * N + o.b1, kr = p1 * nU; for (let p2 = 0; p2 < nU; p2++) H[hr + p2] += K[kr + p2]; }
    for (let j = 0; j < nHid; j++) {
      const kr = j * nU;
      // W1–u block (upper: W1 rows, u columns)
      for (let q = 0; q < nnz; q++) { const k = nz[q], xk = X[xo + k], hr = (o.w1 + j * nIn + k) * N + o.b1; for (let p2 = 0; p2 < nU; p2++) H[hr + p2] += xk * K[kr + p2]; }
      for (let j2 = j; j2 < nHid; j2++) kzz[(r * nHid + j) * nHid + j2] = K[kr + j2];
    }
  }
  // W1–W1 block, pairs j' ≥ j: Σ_r K_r[z_j, z_j'] x_r x_rᵀ, accumulated in one nIn × nIn block at a time
  const blk = new Float64Array(nIn * nIn);
  for (let j = 0; j < nHid; j++) for (let j2 = j; j2 < nHid; j2++) {
    blk.fill(0);
    let any = false;
    for (let r = 0; r < m; r++) {
      const c = kzz[(r * nHid + j) * nHid + j2];
      if (c === 0) continue;
      any = true;
      const xo = r * nIn;
      for (let k = 0; k < nIn; k++) {
        const ck = c * X[xo + k];
        if (ck === 0) continue;
        const br = k * nIn;
        for (let k2 = 0; k2 < nIn; k2++) blk[br + k2] += ck * X[xo + k2];
      }
    }
    if (!any) continue;
    for (let k = 0; k < nIn; k++) H.set(blk.subarray(k * nIn, (k + 1) * nIn), (o.w1 + j * nIn + k) * N + o.w1 + j2 * nIn);
  }
  // fill the lower triangle from the computed upper blocks (W1–W1 for j' ≥ j, W1–u)
  const nW = o.b1;
  for (let a1 = 0; a1 < nW; a1++) {
    const j = Math.floor(a1 / nIn);
    for (let b1 = (j + 1) * nIn; b1 < nW; b1++) H[b1 * N + a1] = H[a1 * N + b1];
    for (let b1 = nW; b1 < N; b1++) H[b1 * N + a1] = H[a1 * N + b1];
  }
  return { n: N, data: H, asymmetry: 0 };
}

/**
 * ELENA benchmark data (ESPRIT BRP 6891; Chinea, ref. [7], "Discussion"): the real `phoneme`
 * database loaded with nodejs-polars after a SHA-256 check, and the artificial Gaussian database
 * regenerated from the ELENA recipe with a fixed seed. The ELENA `Clouds`
 * set was not found (§5.3); nothing here is named "Clouds": `cloudsSubstitute` is our own 2-D design
 * (3-Gaussian mixture vs one broad Gaussian, Bayes error ≈ 10 % by quadrature), not the ELENA data.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import pl from 'nodejs-polars';
import { assertFinite, assertInteger, assertPositive, assertInRange, assertWithinBudget, assertSameLength } from '../core/guards';
import { makeRng, permutation, type Rng } from '../core/rng';

/** SHA-256 of data/elena/phoneme.dat (data/elena/README.md). */
export const PHONEME_SHA256 = 'c0eebb5b33f68008d6030ed36148b79d3d370f060902fa0f23b9d801e213be58';
export const PHONEME_PATH = 'data/elena/phoneme.dat';
export const PHONEME_COLUMNS = ['h1', 'h2', 'h3', 'h4', 'h5', 'cls'] as const;

export interface LabelledData {
  /** features, one row per pattern */
  x: number[][];
  /** class label as a one-column target (0 or 1), ready for lib/networks/train */
  y: number[][];
  name: string;
}

/** Hex SHA-256 of a file's bytes. */
export function sha256File(path: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(path)).digest('hex');
}

export interface PhonemeOptions {
  /** expected SHA-256; null skips the check (for validating other copies). Default PHONEME_SHA256. */
  sha256?: string | null;
  /** expected number of rows; null skips. Default 5404. */
  rows?: number | null;
}

/**
 * Load ELENA phoneme (5 harmonic amplitudes, class 0 = nasal, 1 = oral; 5 404 rows) as a polars
 * DataFrame and plain arrays. Refuses a file whose checksum, shape, types or labels are wrong.
 */
export function loadPhoneme(path: string = PHONEME_PATH, o: PhonemeOptions = {}): LabelledData & { df: pl.DataFrame } {
  if (!fs.existsSync(path)) throw new Error(`phoneme file not found at '${path}' (expected data/elena/phoneme.dat; see data/elena/README.md)`);
  const want = o.sha256 === undefined ? PHONEME_SHA256 : o.sha256;
  if (want !== null) {
    const got = sha256File(path);
    if (got !== want) throw new Error(`phoneme file '${path}' fails its checksum: sha256 ${got}, expected ${want} (altered or wrong file)`);
  }
  let df: pl.DataFrame;
  try {
    df = pl.readCSV(fs.readFileSync(path), { hasHeader: false });
  } catch (e) {
    throw new Error(`phoneme file '${path}' is not a readable CSV: ${String(e)}`);
  }
  if (df.width !== 6) throw new Error(`phoneme file '${path}' must have 6 columns (5 features + class), but has ${df.width}`);
  df = df.rename(Object.fromEntries(df.columns.map((c, i) => [c, PHONEME_COLUMNS[i]])));
  const wantRows = o.rows === undefined ? 5404 : o.rows;
  if (wantRows !== null && df.height !== wantRows) throw new Error(`phoneme file '${path}' must have ${wantRows} rows, but has ${df.height}`);
  for (const c of PHONEME_COLUMNS) {
    const s = df.getColumn(c);
    if (!s.isNumeric()) throw new Error(`phoneme column '${c}' must be numeric, but has type ${String(s.dtype)}`);
    if (s.nullCount() > 0) throw new Error(`phoneme column '${c}' has ${s.nullCount()} missing values (ragged or empty fields)`);
  }
  // check the labels before the Int32 cast, which would silently turn 0.5 into 0
  (df.getColumn('cls').toArray() as number[]).forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new Error(`phoneme row ${i + 1}: class must be 0 or 1, but got ${v}`);
  });
  df = df.withColumns(pl.col('cls').cast(pl.Int32));
  const rows = df.rows() as number[][];
  rows.forEach((r, i) => {
    for (let j = 0; j < 5; j++) if (!Number.isFinite(r[j])) throw new Error(`phoneme row ${i + 1}, column ${j + 1} must be finite, but got ${r[j]}`);
    if (r[5] !== 0 && r[5] !== 1) throw new Error(`phoneme row ${i + 1}: class must be 0 or 1, but got ${r[5]}`);
  });
  return { x: rows.map((r) => r.slice(0, 5)), y: rows.map((r) => [r[5]]), name: 'phoneme', df };
}

/**
 * ELENA Gaussian database in d dimensions: class 0 ~ N(0, I_d), class 1 ~
 * N(0, 4 I_d), nPerClass patterns each, shuffled. Statistically equivalent to gauss_dD.dat, not
 * byte-identical (the original seed is unknown). As in ELENA, the d-D set is the first d columns of the 8-D set.
 * @param dim dimension 1…8 (Gauss8D: 8)
 */
export function gaussElena(dim = 8, nPerClass = 2500, seed = 6891): LabelledData {
  assertInteger(dim, 'dim');
  assertInRange(dim, 'dim', 1, 8);
  assertInteger(nPerClass, 'nPerClass');
  assertWithinBudget(`gaussElena with ${nPerClass} points per class`, 2 * nPerClass * dim, 1e8, 'coordinates');
  const rng = makeRng(seed);
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < 2 * nPerClass; i++) {
    const cls = i < nPerClass ? 0 : 1;
    const sd = cls === 0 ? 1 : 2;
    const row: number[] = [];
    for (let j = 0; j < 8; j++) row.push(sd * rng.normal());
    x.push(row.slice(0, dim));
    y.push([cls]);
  }
  const perm = permutation(rng, x.length);
  return { x: Array.from(perm, (i) => x[i]), y: Array.from(perm, (i) => y[i]), name: `gauss${dim}D (regenerated)` };
}

/** Bayes-optimal rule for the ELENA Gaussian sets: class 1 iff ‖x‖² ≥ (8/3) d ln 2. */
export function gaussBayesRule(x: readonly number[]): 0 | 1 {
  const r2 = x.reduce((s, v) => s + v * v, 0);
  return r2 >= (8 / 3) * x.length * Math.LN2 ? 1 : 0;
}

/** Regularized lower incomplete gamma P(a, x) by its series (x < a+1) or continued fraction. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnGa = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a, term = 1 / a;
    for (let n = 1; n < 500; n++) { term *= x / (a + n); sum += term; if (term < sum * 1e-16) break; }
    return sum * Math.exp(-x + a * Math.log(x) - lnGa);
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d; // Lentz
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c; if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lnGa) * h;
}

function lnGamma(z: number): number {
  const g = 7, c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  z -= 1;
  let s = c[0];
  for (let i = 1; i < g + 2; i++) s += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Exact Bayes error of the ELENA Gaussian set in d dimensions, from χ²_d tails . */
export function gaussBayesError(dim: number): number {
  assertInteger(dim, 'dim');
  const t = (8 / 3) * dim * Math.LN2;
  const err0 = 1 - gammaP(dim / 2, t / 2); // class 0: ‖x‖² ~ χ²_d, misclassified when ≥ t
  const err1 = gammaP(dim / 2, t / 8); // class 1: ‖x‖²/4 ~ χ²_d, misclassified when < t
  return 0.5 * (err0 + err1);
}

/** Fraction of rows a classifier gets wrong. */
export function errorRate(data: LabelledData, rule: (x: readonly number[]) => number): number {
  if (!data || !Array.isArray(data.x) || data.x.length === 0) throw new RangeError(`errorRate: data must hold at least one row, but got ${data && Array.isArray(data.x) ? 0 : String(data?.x)} rows`);
  assertSameLength(data.x, 'errorRate: data.x', data.y, 'data.y');
  let wrong = 0;
  data.x.forEach((r, i) => { if (rule(r) !== data.y[i][0]) wrong++; });
  return wrong / data.x.length;
}

/**
 * Test error of the k-nearest-neighbour rule (Euclidean, majority vote of the k nearest training
 * patterns; ties to class 1): a reference level for the error plots, next to chance and Bayes.
 * @param k odd integer in [1, train size]
 */
export function knnError(train: LabelledData, test: LabelledData, k: number): number {
  assertInteger(k, 'k');
  if (k % 2 === 0 || k > train.x.length) throw new RangeError(`k must be an odd integer in [1, ${train.x.length}], but got ${k}`);
  if (test.x.length === 0) throw new RangeError('knnError needs a non-empty test set, but got 0 rows');
  if (test.x[0].length !== train.x[0].length) throw new RangeError(`test rows have ${test.x[0].length} features, train rows ${train.x[0].length}`);
  let wrong = 0;
  const d2 = new Float64Array(train.x.length);
  for (let t = 0; t < test.x.length; t++) {
    const q = test.x[t];
    for (let i = 0; i < train.x.length; i++) { let s = 0; const r = train.x[i]; for (let j = 0; j < q.length; j++) s += (r[j] - q[j]) ** 2; d2[i] = s; }
    const idx = Array.from(d2.keys()).sort((a, b) => d2[a] - d2[b] || a - b).slice(0, k);
    const ones = idx.filter((i) => train.y[i][0] === 1).length;
    if ((2 * ones >= k ? 1 : 0) !== test.y[t][0]) wrong++;
  }
  return wrong / test.x.length;
}

/** A seeded train/test split; testFraction of the rows (rounded) go to test. */
export function trainTestSplit(data: LabelledData, testFraction: number, rng: Rng): { train: LabelledData; test: LabelledData } {
  assertPositive(testFraction, 'testFraction');
  assertInRange(testFraction, 'testFraction', 0, 1);
  const perm = permutation(rng, data.x.length);
  const nTest = Math.round(testFraction * data.x.length);
  const pick = (ix: ArrayLike<number>, tag: string): LabelledData => ({
    x: Array.from(ix, (i) => data.x[i]), y: Array.from(ix, (i) => data.y[i]), name: `${data.name} ${tag}`,
  });
  return { test: pick(perm.subarray(0, nTest), 'test'), train: pick(perm.subarray(nTest), 'train') };
}

/** Standardise features with the training set's mean and std (applied to both sets). */
export function standardize(train: LabelledData, test: LabelledData): { train: LabelledData; test: LabelledData } {
  const d = train.x[0].length, n = train.x.length;
  const mu = new Array(d).fill(0), sd = new Array(d).fill(0);
  for (const r of train.x) r.forEach((v, j) => (mu[j] += v / n));
  for (const r of train.x) r.forEach((v, j) => (sd[j] += (v - mu[j]) ** 2 / n));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const f = (D: LabelledData): LabelledData => ({ ...D, x: D.x.map((r) => r.map((v, j) => (v - mu[j]) / sd[j])) });
  return { train: f(train), test: f(test) };
}

/** One isotropic 2-D Gaussian component: weight in the class mixture, mean, standard deviation. */
export interface Gauss2DComponent { weight: number; mean: readonly [number, number]; sd: number }

/** The parameters of a two-class 2-D Gaussian-mixture set: class 0 and class 1 mixtures, equal priors. */
export interface CloudsParams { class0: readonly Gauss2DComponent[]; class1: readonly Gauss2DComponent[] }

/**
 * `clouds-substitute`: OUR design, not the ELENA Clouds data, whose recipe is
 * unknown. Class 0 is a 3-Gaussian mixture, class 1 one broad Gaussian overlapping it; the class-1
 * sd was chosen so that the Bayes error (quadrature) is near the ~10 % the note recalls, unverified.
 */
export const CLOUDS_SUBSTITUTE: CloudsParams = Object.freeze({
  class0: Object.freeze([
    Object.freeze({ weight: 0.5, mean: Object.freeze([0, 0]) as readonly [number, number], sd: 0.4 }),
    Object.freeze({ weight: 0.3, mean: Object.freeze([1.5, 1]) as readonly [number, number], sd: 0.3 }),
    Object.freeze({ weight: 0.2, mean: Object.freeze([-1.2, 1.2]) as readonly [number, number], sd: 0.25 }),
  ]),
  class1: Object.freeze([
    Object.freeze({ weight: 1, mean: Object.freeze([0.2, 0.5]) as readonly [number, number], sd: 2.3 }),
  ]),
});

function checkCloudsParams(p: CloudsParams): void {
  for (const cls of ['class0', 'class1'] as const) {
    const comps = p[cls];
    if (!Array.isArray(comps) || comps.length === 0) throw new RangeError(`${cls} must be a non-empty array of components, but got ${String(comps)}`);
    comps.forEach((c, i) => {
      assertPositive(c.weight, `${cls}[${i}].weight`);
      assertPositive(c.sd, `${cls}[${i}].sd`);
      assertFinite(c.mean[0], `${cls}[${i}].mean[0]`);
      assertFinite(c.mean[1], `${cls}[${i}].mean[1]`);
    });
    const w = comps.reduce((s, c) => s + c.weight, 0);
    if (Math.abs(w - 1) > 1e-12) throw new RangeError(`${cls} weights must sum to 1, but sum to ${w}`);
  }
}

function check2D(x: readonly number[]): void {
  if (x.length !== 2) throw new RangeError(`x must be a 2-D point, but has length ${x.length}`);
  assertFinite(x[0], 'x[0]');
  assertFinite(x[1], 'x[1]');
}

function mixtureDensity(comps: readonly Gauss2DComponent[], x0: number, x1: number): number {
  let s = 0;
  for (const c of comps) {
    const d0 = x0 - c.mean[0], d1 = x1 - c.mean[1], v = c.sd * c.sd;
    s += (c.weight / (2 * Math.PI * v)) * Math.exp(-(d0 * d0 + d1 * d1) / (2 * v));
  }
  return s;
}

/** Class-conditional density p(x | cls) of clouds-substitute (or of other `params`). */
export function cloudsSubstituteDensity(x: readonly number[], cls: 0 | 1, params: CloudsParams = CLOUDS_SUBSTITUTE): number {
  check2D(x);
  if (cls !== 0 && cls !== 1) throw new RangeError(`cls must be 0 or 1, but got ${String(cls)}`);
  return mixtureDensity(cls === 0 ? params.class0 : params.class1, x[0], x[1]);
}

/** Bayes-optimal rule for clouds-substitute (equal priors): class 1 iff p(x | 1) > p(x | 0). */
export function cloudsSubstituteBayesRule(x: readonly number[], params: CloudsParams = CLOUDS_SUBSTITUTE): 0 | 1 {
  return cloudsSubstituteDensity(x, 1, params) > cloudsSubstituteDensity(x, 0, params) ? 1 : 0;
}

/**
 * Draw clouds-substitute (our design, not ELENA Clouds): nPerClass 2-D patterns per class from
 * `params` (default CLOUDS_SUBSTITUTE), shuffled; deterministic in the seed.
 */
export function cloudsSubstitute(nPerClass = 2500, seed = 6891, params: CloudsParams = CLOUDS_SUBSTITUTE): LabelledData {
  assertInteger(nPerClass, 'nPerClass');
  assertWithinBudget(`cloudsSubstitute with ${nPerClass} points per class`, 2 * nPerClass * 2, 1e8, 'coordinates');
  checkCloudsParams(params);
  const rng = makeRng(seed);
  const draw = (comps: readonly Gauss2DComponent[]): number[] => {
    let u = rng.uniform(), k = 0;
    while (k < comps.length - 1 && u >= comps[k].weight) { u -= comps[k].weight; k++; }
    const c = comps[k];
    return [c.mean[0] + c.sd * rng.normal(), c.mean[1] + c.sd * rng.normal()];
  };
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < 2 * nPerClass; i++) {
    const cls = i < nPerClass ? 0 : 1;
    x.push(draw(cls === 0 ? params.class0 : params.class1));
    y.push([cls]);
  }
  const perm = permutation(rng, x.length);
  return { x: Array.from(perm, (i) => x[i]), y: Array.from(perm, (i) => y[i]), name: 'clouds-substitute' };
}

/**
 * Bayes error ½∫min(p0, p1) dx of clouds-substitute by 2-D quadrature: a tensor product of
 * `order`-point Gauss–Legendre rules on `cells` × `cells` panels over a box holding every
 * component's mean ± 9 sd (mass outside < 1e-17). Returns the error and the box masses of p0, p1.
 */
export function cloudsSubstituteBayesErrorDetail(cells = 400, order = 4, params: CloudsParams = CLOUDS_SUBSTITUTE): { error: number; mass0: number; mass1: number; box: [number, number, number, number] } {
  assertInteger(cells, 'cells');
  assertWithinBudget(`cloudsSubstituteBayesError on ${cells}² cells × ${order}² nodes`, cells * cells * order * order, 1e8, 'density evaluations');
  assertInRange(order, 'order', 1, 5);
  assertInteger(order, 'order');
  checkCloudsParams(params);
  const all = [...params.class0, ...params.class1];
  const lo0 = Math.min(...all.map((c) => c.mean[0] - 9 * c.sd)), hi0 = Math.max(...all.map((c) => c.mean[0] + 9 * c.sd));
  const lo1 = Math.min(...all.map((c) => c.mean[1] - 9 * c.sd)), hi1 = Math.max(...all.map((c) => c.mean[1] + 9 * c.sd));
  const [nodes, weights] = GAUSS_LEGENDRE[order];
  const h0 = (hi0 - lo0) / cells, h1 = (hi1 - lo1) / cells;
  const xs0: number[] = [], ws0: number[] = [], xs1: number[] = [], ws1: number[] = [];
  for (let i = 0; i < cells; i++) nodes.forEach((t, k) => {
    xs0.push(lo0 + h0 * (i + (t + 1) / 2)); ws0.push((h0 / 2) * weights[k]);
    xs1.push(lo1 + h1 * (i + (t + 1) / 2)); ws1.push((h1 / 2) * weights[k]);
  });
  let err = 0, m0 = 0, m1 = 0;
  for (let i = 0; i < xs0.length; i++) {
    let e = 0, a = 0, b = 0;
    for (let j = 0; j < xs1.length; j++) {
      const p0 = mixtureDensity(params.class0, xs0[i], xs1[j]), p1 = mixtureDensity(params.class1, xs0[i], xs1[j]);
      e += ws1[j] * Math.min(p0, p1); a += ws1[j] * p0; b += ws1[j] * p1;
    }
    err += ws0[i] * e; m0 += ws0[i] * a; m1 += ws0[i] * b;
  }
  return { error: 0.5 * err, mass0: m0, mass1: m1, box: [lo0, hi0, lo1, hi1] };
}

/** Bayes error of clouds-substitute (equal priors) by 2-D Gauss–Legendre quadrature (see the Detail variant). */
export function cloudsSubstituteBayesError(cells = 400, order = 4, params: CloudsParams = CLOUDS_SUBSTITUTE): number {
  return cloudsSubstituteBayesErrorDetail(cells, order, params).error;
}

/** Gauss–Legendre nodes and weights on [−1, 1] for orders 1…5. */
const GAUSS_LEGENDRE: Record<number, [number[], number[]]> = {
  1: [[0], [2]],
  2: [[-1 / Math.sqrt(3), 1 / Math.sqrt(3)], [1, 1]],
  3: [[-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)], [5 / 9, 8 / 9, 5 / 9]],
  4: [[-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526],
    [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538]],
  5: [[-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831, 0.9061798459386640],
    [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891]],
};

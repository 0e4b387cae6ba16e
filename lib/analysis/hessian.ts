/**
 * Spectral tools for Hessians (docs/derivations/03-milletari.md §3.6–3.7): dense
 * symmetric eigendecomposition (Householder tridiagonalisation + implicit QL, the JAMA
 * tred2/tql2 algorithm, and cyclic Jacobi as an independent route), the α/γ indices of
 * Milletarì et al. (seed 003) "as coded" and with a relative tolerance, zero Hessian rows,
 * inverse participation ratios, and matrix-free methods on an H·v closure as in PyHessian
 * (Yao et al., arXiv:1912.07145): Lanczos with full re-orthogonalisation, stochastic Lanczos
 * quadrature (SLQ) with Gaussian broadening, power iteration and Hutchinson's trace.
 *
 * Matrices are `DenseMatrix` = { n, data } with `data` a row-major n×n Float64Array.
 * Eigen-decompositions return ascending `values` and `vectors[k]`, the unit eigenvector of values[k].
 *
 * On γ: the authors computed mean(eigvals(H) == 0) with numpy's general (LAPACK geev, balanced)
 * solver, which returns exact zeros for the identically-zero rows of H and for nothing else
 * (docs/derivations/03-milletari.md §3.6, verified on all stored runs). A symmetric solver such as
 * tred2/tql2 generally returns tiny non-zero values (±1e-17) for that null space instead, so
 * `zeroRowFraction(H)` is the faithful "γ as coded"; `indicesAsCoded` applied to a symmetric solver's
 * eigenvalues is not. `eigenWithZeroRowsSplit` gives those rows exact zero eigenvalues and coordinate
 * eigenvectors.
 */
import { assertAllFinite, assertFinite, assertInteger, assertPositive, assertWithinBudget } from '../core/guards';
import type { Rng } from '../core/rng';
import { lapackSymmetricEigen } from '../core/native-blas';

export interface DenseMatrix {
  n: number;
  /** row-major n×n */
  data: Float64Array;
}

export interface SymmetricEigen {
  /** ascending eigenvalues */
  values: Float64Array;
  /** vectors[k]: unit eigenvector of values[k] */
  vectors: Float64Array[];
}

export type Hvp = (v: Float64Array) => Float64Array;

/** Dense matrix from rows (number[][]), checked square and finite. */
export function fromRows(rows: readonly (readonly number[])[]): DenseMatrix {
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError(`fromRows: rows must hold at least one row, but got ${Array.isArray(rows) ? 'none' : String(rows)}`);
  const n = rows.length;
  const data = new Float64Array(n * n);
  rows.forEach((r, i) => {
    if (!r || r.length !== n) throw new Error(`matrix must be square: row ${i} has ${r ? r.length : String(r)} entries, expected ${n}`);
    for (let j = 0; j < n; j++) {
      if (!Number.isFinite(r[j])) throw new RangeError(`fromRows: A[${i},${j}] must be finite, but got ${String(r[j])} (rows[${i}][${j}])`);
      data[i * n + j] = r[j];
    }
  });
  return { n, data };
}

/** Rows of a dense matrix as number[][] (for plotting). */
export function toRows(M: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < M.n; i++) out.push(Array.from(M.data.subarray(i * M.n, (i + 1) * M.n)));
  return out;
}

/** y = M·v. */
export function matVec(M: DenseMatrix, v: ArrayLike<number>): Float64Array {
  const { n, data } = M;
  if (v.length !== n) throw new Error(`vector must have ${n} entries, but has ${v.length}`);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * n;
    for (let j = 0; j < n; j++) s += data[o + j] * v[j];
    y[i] = s;
  }
  return y;
}

/** An H·v closure for a dense matrix (to test the matrix-free routines against dense ones). */
export function denseOperator(M: DenseMatrix): Hvp {
  checkMatrix(M, 'M');
  return (v) => matVec(M, v);
}

/** Validate shape and finiteness; returns max|A − Aᵀ| and max|A|. */
function checkMatrix(A: DenseMatrix, name: string): { asym: number; maxAbs: number } {
  if (!A || !Number.isInteger(A.n) || A.n < 1) throw new Error(`${name}.n must be a positive integer, but got ${A ? String(A.n) : String(A)}`);
  if (!(A.data instanceof Float64Array) || A.data.length !== A.n * A.n) throw new Error(`${name}.data must be a Float64Array of n² = ${A.n * A.n} entries, but has ${A.data ? A.data.length : String(A.data)}`);
  const { n, data } = A;
  let asym = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = data[i * n + j];
      if (!Number.isFinite(a)) throw new Error(`${name}[${i},${j}] must be finite, but got ${a}`);
      maxAbs = Math.max(maxAbs, Math.abs(a));
      if (j > i) asym = Math.max(asym, Math.abs(a - data[j * n + i]));
    }
  }
  return { asym, maxAbs };
}

function checkSymmetric(A: DenseMatrix, relTol: number, name: string): void {
  const { asym, maxAbs } = checkMatrix(A, name);
  if (asym > relTol * Math.max(maxAbs, Number.MIN_VALUE)) throw new Error(`${name} is not symmetric: max|A − Aᵀ| = ${asym.toExponential(3)} > ${relTol}·max|A| = ${(relTol * maxAbs).toExponential(3)}`);
}

/** Rows of (A + Aᵀ)/2, the working copy both tred2 routes overwrite. */
function symmetrisedRows(A: DenseMatrix): Float64Array[] {
  const n = A.n;
  return Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    for (let j = 0; j < n; j++) r[j] = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
    return r;
  });
}

/**
 * Symmetric eigendecomposition by Householder tridiagonalisation + implicit QL with shifts (JAMA
 * EigenvalueDecomposition tred2/tql2, after EISPACK; docs/derivations/03-milletari.md §3.7
 * "eigensolvers"). The input is symmetrised as (A + Aᵀ)/2 after checking max|A − Aᵀ| ≤ symTol·max|A|.
 */
export function symmetricEigen(A: DenseMatrix, symTol = 1e-10): SymmetricEigen {
  checkSymmetric(A, symTol, 'A');
  // n ≥ LAPACK_MIN_N with the native module built: LAPACK dsyevd (lib/core/native-blas); NATIVE_LAPACK=0 keeps this route
  const lapack = lapackSymmetricEigen(A);
  if (lapack) return lapack;
  const n = A.n;
  const V = symmetrisedRows(A);
  const d = new Float64Array(n), e = new Float64Array(n);
  // the symmetric input equals its transpose, so V can be handed to the transposed tred2 as W = Vᵀ;
  // on return its rows are the columns of the Householder transform, as tql2 wants
  const Vt = V;
  tred2(n, Vt, d, e);
  tql2(n, Vt, d, e);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  return { values: Float64Array.from(order, (i) => d[i]), vectors: order.map((i) => Vt[i]) };
}

/**
 * Eigenvalues only (ascending) by the same Householder + QL route without accumulating the
 * transform: about 4/3·n³ flops instead of ~9n³, for α/γ of large Hessians.
 */
export function symmetricEigenvalues(A: DenseMatrix, symTol = 1e-10): Float64Array {
  checkSymmetric(A, symTol, 'A');
  const lapack = lapackSymmetricEigen(A, false);
  if (lapack) return lapack.values;
  const n = A.n;
  const W = symmetrisedRows(A);
  const d = new Float64Array(n), e = new Float64Array(n);
  tred2(n, W, d, e, false);
  tql2(n, null, d, e);
  return Float64Array.from(d).sort();
}

/** tred2 on the transposed array W = Vᵀ (every JAMA V[a][b] read as W[b][a]) so inner loops run along rows. */
function tred2(n: number, W: Float64Array[], d: Float64Array, e: Float64Array, accumulate = true): void {
  for (let j = 0; j < n; j++) d[j] = W[j][n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) { d[j] = W[j][i - 1]; W[j][i] = 0; W[i][j] = 0; }
    } else {
      for (let k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        W[i][j] = f;
        g = e[j] + W[j][j] * f;
        const Wj = W[j];
        for (let k = j + 1; k <= i - 1; k++) {
          const Vkj = Wj[k]; // V[k][j]
          g += Vkj * d[k];
          e[k] += Vkj * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j]; g = e[j];
        const Wj = W[j];
        for (let k = j; k <= i - 1; k++) Wj[k] -= f * e[k] + g * d[k];
        d[j] = W[j][i - 1];
        W[j][i] = 0;
      }
    }
    d[i] = h;
  }
  if (!accumulate) {
    // the reduced matrix's diagonal is left on W's diagonal (JAMA copies it to d via row n−1)
    for (let j = 0; j < n; j++) d[j] = W[j][j];
    e[0] = 0;
    return;
  }
  for (let i = 0; i < n - 1; i++) {
    W[i][n - 1] = W[i][i];
    W[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[i + 1][k] / h;
      const Wi1 = W[i + 1];
      for (let j = 0; j <= i; j++) {
        const Wj = W[j];
        let g = 0;
        for (let k = 0; k <= i; k++) g += Wi1[k] * Wj[k];
        for (let k = 0; k <= i; k++) Wj[k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) W[i + 1][k] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = W[j][n - 1]; W[j][n - 1] = 0; }
  W[n - 1][n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e); Vt[i] is the i-th column of the accumulated transform. */
function tql2(n: number, Vt: Float64Array[] | null, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  const eps = Math.pow(2, -52);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) { if (Math.abs(e[m]) <= eps * tst1) break; m++; }
    if (m === n) m = n - 1; // e[n-1] = 0 always breaks; defensive
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error(`symmetricEigen: QL iteration did not converge for eigenvalue ${l} after 100 sweeps`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (Vt === null) continue;
          const a = Vt[i], b = Vt[i + 1];
          for (let k = 0; k < n; k++) {
            const hk = b[k];
            b[k] = s * a[k] + c * hk;
            a[k] = c * a[k] - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

/**
 * Symmetric eigendecomposition by cyclic Jacobi rotations (independent second route,
 * docs/derivations/03-milletari.md §3.7 "eigensolvers"); O(n³) per sweep, for n up to a few hundred.
 */
export function jacobiEigen(A: DenseMatrix, symTol = 1e-10, maxSweeps = 100): SymmetricEigen {
  assertInteger(maxSweeps, 'maxSweeps');
  checkSymmetric(A, symTol, 'A');
  const n = A.n;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
  // Vt[k] = k-th column of V (eigenvector k)
  const Vt: Float64Array[] = [];
  for (let i = 0; i < n; i++) { const r = new Float64Array(n); r[i] = 1; Vt.push(r); }
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  let sweep = 0;
  for (; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] ** 2;
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p], aqq = a[q * n + q];
        if (Math.abs(apq) < 1e-300 || Math.abs(apq) <= 1e-18 * Math.sqrt(Math.abs(app * aqq))) { a[p * n + q] = 0; a[q * n + p] = 0; continue; }
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) { // columns p, q
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        const rp = p * n, rq = q * n;
        for (let k = 0; k < n; k++) { // rows p, q
          const apk = a[rp + k], aqk = a[rq + k];
          a[rp + k] = c * apk - s * aqk;
          a[rq + k] = s * apk + c * aqk;
        }
        a[rp + q] = 0; a[rq + p] = 0;
        const vp = Vt[p], vq = Vt[q];
        for (let k = 0; k < n; k++) {
          const x = vp[k], y = vq[k];
          vp[k] = c * x - s * y;
          vq[k] = s * x + c * y;
        }
      }
    }
  }
  if (sweep === maxSweeps) throw new Error(`jacobiEigen: no convergence in ${maxSweeps} sweeps (n = ${n})`);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x] - a[y * n + y]);
  return { values: Float64Array.from(order, (i) => a[i * n + i]), vectors: order.map((i) => Vt[i]) };
}

/** Indices of identically-zero rows of H (every entry === 0): parameters of dead units (docs/derivations/03-milletari.md §3.6). */
export function zeroRows(H: DenseMatrix): number[] {
  checkMatrix(H, 'H');
  const out: number[] = [];
  for (let i = 0; i < H.n; i++) {
    let zero = true;
    for (let j = 0; j < H.n; j++) if (H.data[i * H.n + j] !== 0) { zero = false; break; }
    if (zero) out.push(i);
  }
  return out;
}

/** Fraction of identically-zero rows of H = the authors' γ as coded (docs/derivations/03-milletari.md §3.6 "α and γ as the authors coded them"). */
export function zeroRowFraction(H: DenseMatrix): number {
  return zeroRows(H).length / H.n;
}

function checkEigs(eigs: ArrayLike<number>): void {
  if (!eigs || eigs.length === 0) throw new Error('eigenvalue list must be non-empty');
  assertAllFinite(eigs, 'eigs');
}

/**
 * α and γ exactly as the authors coded them: α = mean(λ < 0), γ = mean(λ == 0) (docs/derivations/03-milletari.md §3.6).
 * Faithful only for eigenvalues from a general balanced solver; see the module note on γ.
 */
export function indicesAsCoded(eigs: ArrayLike<number>): { alpha: number; gamma: number } {
  checkEigs(eigs);
  let neg = 0, zero = 0;
  for (let i = 0; i < eigs.length; i++) { if (eigs[i] < 0) neg++; else if (eigs[i] === 0) zero++; }
  return { alpha: neg / eigs.length, gamma: zero / eigs.length };
}

/** Tolerant α and γ (docs/derivations/03-milletari.md §3.6 "robust versions"): τ = relTol·max|λ|; α = mean(λ < −τ), γ = mean(|λ| ≤ τ). */
export function indicesRobust(eigs: ArrayLike<number>, relTol: number): { alpha: number; gamma: number; tau: number } {
  checkEigs(eigs);
  assertFinite(relTol, 'relTol');
  if (relTol < 0) throw new Error(`relTol must be >= 0, but got ${relTol}`);
  let mx = 0;
  for (let i = 0; i < eigs.length; i++) mx = Math.max(mx, Math.abs(eigs[i]));
  const tau = relTol * mx;
  let neg = 0, zero = 0;
  for (let i = 0; i < eigs.length; i++) { if (eigs[i] < -tau) neg++; else if (Math.abs(eigs[i]) <= tau) zero++; }
  return { alpha: neg / eigs.length, gamma: zero / eigs.length, tau };
}

/** Inverse participation ratio per vector, Σ v_i⁴ / (Σ v_i²)² (1/N delocalised … 1 localised; docs/derivations/03-milletari.md §3.6 "localisation"). */
export function inverseParticipationRatio(vectors: readonly ArrayLike<number>[]): Float64Array {
  return Float64Array.from(vectors, (v, k) => {
    assertAllFinite(v, `vectors[${k}]`);
    let s2 = 0, s4 = 0;
    for (let i = 0; i < v.length; i++) { const x = v[i] * v[i]; s2 += x; s4 += x * x; }
    if (s2 === 0) throw new Error(`vectors[${k}] is the zero vector (IPR undefined)`);
    return s4 / (s2 * s2);
  });
}

/**
 * Mean IPR over eigenvectors with |λ| > relTol·max|λ|, excluding the (near-)null space whose basis
 * is arbitrary (docs/derivations/03-milletari.md §3.6 "localisation"); `uniform` = 1/N for comparison.
 */
export function meanIpr(eig: SymmetricEigen, relTol = 1e-8): { mean: number; count: number; excluded: number; uniform: number } {
  checkEigs(eig.values);
  let mx = 0;
  for (const v of eig.values) mx = Math.max(mx, Math.abs(v));
  const keep = eig.vectors.filter((_, k) => Math.abs(eig.values[k]) > relTol * mx);
  const ipr = inverseParticipationRatio(keep);
  const mean = ipr.length ? ipr.reduce((a, b) => a + b, 0) / ipr.length : NaN;
  return { mean, count: keep.length, excluded: eig.values.length - keep.length, uniform: 1 / eig.values.length };
}

/**
 * Eigendecomposition with the identically-zero rows split off (docs/derivations/03-milletari.md
 * §3.6): those parameters get λ = 0 exactly and coordinate eigenvectors e_i; the rest comes from
 * symmetricEigen of the reduced matrix, embedded back. Returns values ascending and the zero-row
 * indices.
 */
export function eigenWithZeroRowsSplit(H: DenseMatrix, symTol = 1e-10): SymmetricEigen & { zeroRows: number[] } {
  checkSymmetric(H, symTol, 'H');
  const zr = zeroRows(H);
  const isZero = new Uint8Array(H.n);
  for (const i of zr) isZero[i] = 1;
  const keep: number[] = [];
  for (let i = 0; i < H.n; i++) if (!isZero[i]) keep.push(i);
  const pairs: { value: number; vector: Float64Array }[] = zr.map((i) => { const v = new Float64Array(H.n); v[i] = 1; return { value: 0, vector: v }; });
  if (keep.length) {
    const r = keep.length;
    const R = new Float64Array(r * r);
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) R[a * r + b] = H.data[keep[a] * H.n + keep[b]];
    const e = symmetricEigen({ n: r, data: R }, symTol);
    e.vectors.forEach((u, k) => {
      const v = new Float64Array(H.n);
      keep.forEach((i, a) => (v[i] = u[a]));
      pairs.push({ value: e.values[k], vector: v });
    });
  }
  pairs.sort((x, y) => x.value - y.value);
  return { values: Float64Array.from(pairs, (p) => p.value), vectors: pairs.map((p) => p.vector), zeroRows: zr };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function rademacher(n: number, rng: Rng): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform() < 0.5 ? -1 : 1;
  return v;
}

function applyHvp(hvp: Hvp, v: Float64Array, n: number): Float64Array {
  const w = hvp(v);
  if (!w || w.length !== n) throw new Error(`hvp must return ${n} entries, but returned ${w ? w.length : String(w)}`);
  assertAllFinite(w, 'hvp(v)');
  return w;
}

export interface LanczosResult {
  /** diagonal of the tridiagonal T (length k' ≤ k) */
  alphas: Float64Array;
  /** off-diagonal of T (length k' − 1) */
  betas: Float64Array;
  /** orthonormal Lanczos vectors q_0 … q_{k'−1} */
  vectors: Float64Array[];
  /** true when an invariant subspace was found before k steps (β ≈ 0): T is then exact on it */
  breakdown: boolean;
}

/**
 * Lanczos with full re-orthogonalisation (docs/derivations/03-milletari.md §3.7 "matrix-free
 * methods"): k steps from a Rademacher start (or `v0`), giving T = tridiag(β, α, β). Stops early,
 * without restarting, when β_j ≤ 1e-12·‖T‖.
 */
export function lanczos(hvp: Hvp, n: number, k: number, rng: Rng, o: { v0?: ArrayLike<number> } = {}): LanczosResult {
  assertInteger(n, 'n');
  assertInteger(k, 'k');
  const steps = Math.min(k, n);
  assertWithinBudget(`lanczos with ${steps} steps in dimension ${n}`, steps * n, 1e9, 'stored numbers');
  let q: Float64Array = o.v0 ? Float64Array.from(o.v0) : rademacher(n, rng);
  if (q.length !== n) throw new Error(`v0 must have ${n} entries, but has ${q.length}`);
  assertAllFinite(q, 'v0');
  const nq = Math.sqrt(dot(q, q));
  if (nq === 0) throw new Error('v0 must be non-zero');
  for (let i = 0; i < n; i++) q[i] /= nq;
  const Q: Float64Array[] = [q];
  const alphas: number[] = [], betas: number[] = [];
  let scale = 0, breakdown = false;
  for (let j = 0; j < steps; j++) {
    const w = applyHvp(hvp, Q[j], n);
    const a = dot(w, Q[j]);
    alphas.push(a);
    for (let i = 0; i < n; i++) w[i] -= a * Q[j][i] + (j > 0 ? betas[j - 1] * Q[j - 1][i] : 0);
    for (let pass = 0; pass < 2; pass++) {
      for (const qi of Q) {
        const c = dot(w, qi);
        for (let i = 0; i < n; i++) w[i] -= c * qi[i];
      }
    }
    const b = Math.sqrt(dot(w, w));
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? betas[j - 1] : 0));
    if (j === steps - 1) break;
    if (b <= 1e-12 * Math.max(scale, Number.MIN_VALUE)) { breakdown = true; break; }
    betas.push(b);
    for (let i = 0; i < n; i++) w[i] /= b;
    Q.push(w);
  }
  return { alphas: Float64Array.from(alphas), betas: Float64Array.from(betas), vectors: Q, breakdown };
}

/** Eigen-decomposition of the Lanczos tridiagonal T (Ritz values ascending, eigenvectors of T). */
export function tridiagonalEigen(alphas: ArrayLike<number>, betas: ArrayLike<number>): SymmetricEigen {
  const k = alphas.length;
  if (betas.length !== k - 1) throw new Error(`betas must have ${k - 1} entries (alphas.length − 1), but has ${betas.length}`);
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    T[i * k + i] = alphas[i];
    if (i < k - 1) { T[i * k + i + 1] = betas[i]; T[(i + 1) * k + i] = betas[i]; }
  }
  return symmetricEigen({ n: k, data: T });
}

/** Extreme eigenvalues from k Lanczos steps: the smallest and largest Ritz values (docs/derivations/03-milletari.md §3.7). */
export function extremeEigenvalues(hvp: Hvp, n: number, k: number, rng: Rng): { min: number; max: number; ritz: Float64Array } {
  const L = lanczos(hvp, n, k, rng);
  const ritz = tridiagonalEigen(L.alphas, L.betas).values;
  return { min: ritz[0], max: ritz[ritz.length - 1], ritz };
}

export interface SlqResult {
  /** all probes' Ritz values */
  nodes: Float64Array;
  /** matching weights τ_k/probes (sum to 1): ∫f dμ ≈ Σ w f(θ) ≈ tr f(H)/n */
  weights: Float64Array;
  perProbe: { nodes: Float64Array; weights: Float64Array; v0: Float64Array }[];
}

/**
 * Stochastic Lanczos quadrature (docs/derivations/03-milletari.md §3.7 "matrix-free methods"): per
 * Rademacher probe, nodes = Ritz values of T and weights = squared first components of T's
 * eigenvectors; averaged over probes.
 */
export function stochasticLanczosQuadrature(hvp: Hvp, n: number, o: { steps: number; probes: number; rng: Rng }): SlqResult {
  assertInteger(o.steps, 'steps');
  assertInteger(o.probes, 'probes');
  assertWithinBudget(`stochasticLanczosQuadrature with ${o.probes} probes × ${o.steps} steps`, o.probes * Math.min(o.steps, n), 1e7, 'Hessian-vector products');
  const perProbe: SlqResult['perProbe'] = [];
  const nodes: number[] = [], weights: number[] = [];
  for (let p = 0; p < o.probes; p++) {
    const v0 = rademacher(n, o.rng);
    const L = lanczos(hvp, n, o.steps, o.rng, { v0 });
    const e = tridiagonalEigen(L.alphas, L.betas);
    const w = Float64Array.from(e.vectors, (u) => u[0] * u[0]);
    perProbe.push({ nodes: e.values, weights: w, v0 });
    e.values.forEach((t, i) => { nodes.push(t); weights.push(w[i] / o.probes); });
  }
  return { nodes: Float64Array.from(nodes), weights: Float64Array.from(weights), perProbe };
}

/** Gaussian-broadened spectral density ρ(t) = Σ_k w_k N(t; θ_k, σ²) on a grid (PyHessian density_generate, docs/derivations/03-milletari.md §3.7). */
export function spectralDensity(nodes: ArrayLike<number>, weights: ArrayLike<number>, grid: ArrayLike<number>, sigma: number): Float64Array {
  assertPositive(sigma, 'sigma');
  if (nodes.length !== weights.length) throw new Error(`nodes (${nodes.length}) and weights (${weights.length}) must have equal length`);
  assertAllFinite(nodes, 'nodes'); assertAllFinite(weights, 'weights'); assertAllFinite(grid, 'grid');
  const c = 1 / (sigma * Math.sqrt(2 * Math.PI));
  return Float64Array.from(grid as ArrayLike<number>, (t) => {
    let s = 0;
    for (let k = 0; k < nodes.length; k++) { const u = (t - nodes[k]) / sigma; s += weights[k] * Math.exp(-0.5 * u * u); }
    return c * s;
  });
}

/**
 * Power iteration for the eigenvalue of largest |λ − shift| (PyHessian `eigenvalues`,
 * docs/derivations/03-milletari.md §3.7): Rayleigh quotient of H; use shift = λ_max to reach λ_min.
 */
export function powerIteration(hvp: Hvp, n: number, o: { rng: Rng; maxIter?: number; tol?: number; shift?: number }): { eigenvalue: number; vector: Float64Array; iterations: number; converged: boolean } {
  assertInteger(n, 'n');
  const maxIter = o.maxIter ?? 1000, tol = o.tol ?? 1e-10, shift = o.shift ?? 0;
  assertInteger(maxIter, 'maxIter'); assertFinite(tol, 'tol'); assertFinite(shift, 'shift');
  assertWithinBudget(`powerIteration with maxIter=${maxIter}`, maxIter, 1e7, 'Hessian-vector products');
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = o.rng.normal();
  let nv = Math.sqrt(dot(v, v));
  for (let i = 0; i < n; i++) v[i] /= nv;
  let lam = NaN;
  for (let it = 1; it <= maxIter; it++) {
    const w = applyHvp(hvp, v, n);
    const rq = dot(w, v); // Rayleigh quotient of H
    for (let i = 0; i < n; i++) w[i] -= shift * v[i];
    nv = Math.sqrt(dot(w, w));
    if (nv === 0) return { eigenvalue: rq, vector: v, iterations: it, converged: true };
    const prev = lam;
    lam = rq;
    v = w.map((x) => x / nv);
    if (it > 1 && Math.abs(lam - prev) <= tol * (Math.abs(prev) + 1e-300)) {
      const final = dot(applyHvp(hvp, v, n), v);
      return { eigenvalue: final, vector: v, iterations: it, converged: true };
    }
  }
  return { eigenvalue: dot(applyHvp(hvp, v, n), v), vector: v, iterations: maxIter, converged: false };
}

/** Hutchinson trace estimator with Rademacher probes, tr(H) ≈ mean vᵀHv (PyHessian `trace`, docs/derivations/03-milletari.md §3.7). */
export function hutchinsonTrace(hvp: Hvp, n: number, o: { probes: number; rng: Rng }): { estimate: number; stderr: number; samples: Float64Array } {
  assertInteger(n, 'n');
  assertInteger(o.probes, 'probes');
  assertWithinBudget(`hutchinsonTrace with ${o.probes} probes`, o.probes, 1e7, 'Hessian-vector products');
  const samples = new Float64Array(o.probes);
  for (let p = 0; p < o.probes; p++) {
    const v = rademacher(n, o.rng);
    samples[p] = dot(applyHvp(hvp, v, n), v);
  }
  const mean = samples.reduce((a, b) => a + b, 0) / o.probes;
  // one probe has no spread: stderr = Infinity (no error estimate), never NaN
  const varS = o.probes > 1 ? samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (o.probes - 1) : Infinity;
  return { estimate: mean, stderr: Math.sqrt(varS / o.probes), samples };
}

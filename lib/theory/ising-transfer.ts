/**
 * Exact finite-lattice averages of the periodic L×L square-lattice Ising model (J = 1, k_B = 1) by the row
 * transfer matrix, for lattices past exact enumeration (L = 6, 8): a third route for the Monte Carlo of
 * lib/theory/ising-mc and the finite-size reference for its scaling fits (Sakthivadivel §2.3 tested against
 * the 2-D lattice; method in docs/derivations/04-sakthivadivel.md §3.10).
 *
 * Row states σ ∈ {±1}^L (2^L of them); T(σ, σ') = exp(−β[E_int(σ, σ') + E_row(σ')] + iθM(σ')), with
 * E_int = −Σ_x s_x s'_x, E_row = −Σ_x s'_x s'_{x+1}, so that Z(β, θ) = Tr T^L = Σ_M W_M e^{iθM}. Evaluating at the
 * N + 1 angles θ_j = πj/(N + 1) and inverting the discrete Fourier transform gives the exact weights W_M of every
 * magnetisation M (N = L²), hence ⟨|m|⟩, ⟨m²⟩, ⟨m⁴⟩, U₄ and χ; the energy is ⟨E⟩ = L·Tr[(Ẽ∘T)T^{L−1}]/Tr T^L at θ = 0
 * and c = −β²/N d⟨E⟩/dβ by a central difference of that exact ⟨E⟩.
 */
import { assertInteger, assertPositive } from '../core/guards';
import type { IsingObservables } from './ising-mc';

/** Largest L the transfer matrix is run at (2^L × 2^L complex matrices, (L² + 1)/2 traces). */
export const TRANSFER_MAX_L = 8;

interface Rows { n: number; M: Int32Array; Erow: Float64Array; Eint: Float64Array }

function rowTables(L: number): Rows {
  const n = 1 << L;
  const spin = (st: number, x: number) => ((st >> x) & 1 ? 1 : -1);
  const M = new Int32Array(n), Erow = new Float64Array(n), Eint = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    let m = 0, e = 0;
    for (let x = 0; x < L; x++) { m += spin(a, x); e -= spin(a, x) * spin(a, (x + 1) % L); }
    M[a] = m; Erow[a] = e;
    for (let b = 0; b < n; b++) {
      // s_x s'_x = +1 where the bits agree: Σ = L − 2·popcount(a XOR b)
      let d = a ^ b, pc = 0;
      while (d) { pc += d & 1; d >>= 1; }
      Eint[a * n + b] = -(L - 2 * pc);
    }
  }
  return { n, M, Erow, Eint };
}

/** C = A·B for n×n complex matrices stored as (re, im) row-major arrays (im may be null: real). */
function cmul(n: number, ar: Float64Array, ai: Float64Array | null, br: Float64Array, bi: Float64Array | null): [Float64Array, Float64Array | null] {
  const cr = new Float64Array(n * n), ci = ai || bi ? new Float64Array(n * n) : null;
  for (let i = 0; i < n; i++) {
    const ro = i * n;
    for (let k = 0; k < n; k++) {
      const xr = ar[ro + k], xi = ai ? ai[ro + k] : 0, ko = k * n;
      if (xr === 0 && xi === 0) continue;
      if (ci && bi) {
        for (let j = 0; j < n; j++) {
          const yr = br[ko + j], yi = bi[ko + j];
          cr[ro + j] += xr * yr - xi * yi;
          ci[ro + j] += xr * yi + xi * yr;
        }
      } else if (ci) {
        for (let j = 0; j < n; j++) { const yr = br[ko + j]; cr[ro + j] += xr * yr; ci[ro + j] += xi * yr; }
      } else {
        for (let j = 0; j < n; j++) cr[ro + j] += xr * br[ko + j];
      }
    }
  }
  return [cr, ci];
}

/** A^p by repeated squaring. */
function cpow(n: number, ar: Float64Array, ai: Float64Array | null, p: number): [Float64Array, Float64Array | null] {
  let rr: Float64Array | null = null, ri: Float64Array | null = null;
  let br = ar, bi = ai;
  for (let e = p; e > 0; e >>= 1) {
    if (e & 1) {
      if (rr === null) { rr = br.slice(); ri = bi ? bi.slice() : null; } else { [rr, ri] = cmul(n, rr, ri, br, bi); }
    }
    if (e > 1) [br, bi] = cmul(n, br, bi, br, bi);
  }
  return [rr!, ri];
}

/** Tr(A·B) (real part and imaginary part) in O(n²). */
function traceProduct(n: number, ar: Float64Array, ai: Float64Array | null, br: Float64Array, bi: Float64Array | null): [number, number] {
  let re = 0, im = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const xr = ar[i * n + j], xi = ai ? ai[i * n + j] : 0, yr = br[j * n + i], yi = bi ? bi[j * n + i] : 0;
    re += xr * yr - xi * yi;
    im += xr * yi + xi * yr;
  }
  return [re, im];
}

/** The scaled transfer matrix at (β, θ): entries ≤ 1 (a common factor e^{−2βL} drops out of every ratio). */
function transfer(rows: Rows, L: number, beta: number, theta: number): [Float64Array, Float64Array | null] {
  const { n, M, Erow, Eint } = rows;
  const re = new Float64Array(n * n), im = theta === 0 ? null : new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    const w = Math.exp(-beta * (Eint[a * n + b] + Erow[b] + 2 * L));
    re[a * n + b] = w * Math.cos(theta * M[b]);
    if (im) im[a * n + b] = w * Math.sin(theta * M[b]);
  }
  return [re, im];
}

/** ⟨E⟩ (total) at β, exactly: L·Tr[(Ẽ∘T)·T^{L−1}] / Tr[T·T^{L−1}]. */
function meanEnergy(rows: Rows, L: number, beta: number): number {
  const [t] = transfer(rows, L, beta, 0);
  const { n, Erow, Eint } = rows;
  const te = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) te[a * n + b] = (Eint[a * n + b] + Erow[b]) * t[a * n + b];
  const [p] = cpow(n, t, null, L - 1);
  return (L * traceProduct(n, te, null, p, null)[0]) / traceProduct(n, t, null, p, null)[0];
}

/** Exact weights W_M / Z of the magnetisation M = −N, −N + 2, …, N at temperature T (index k ↔ M = −N + 2k). */
export function magnetisationDistribution(L: number, T: number): Float64Array {
  assertInteger(L, 'L', 2);
  if (L > TRANSFER_MAX_L) throw new RangeError(`L must be ≤ ${TRANSFER_MAX_L} for the transfer matrix (2^L states per row), but got ${L}`);
  assertPositive(T, 'T');
  const rows = rowTables(L), N = L * L, K = N + 1, beta = 1 / T, half = L >> 1;
  // Ŵ_j = e^{iθ_j N} Z(θ_j) = Σ_k W_k u_j^k with u_j = e^{2iθ_j} = e^{2πij/K}; Ŵ_{K−j} = conj(Ŵ_j)
  const hr = new Float64Array(K), hi = new Float64Array(K);
  for (let j = 0; 2 * j <= K; j++) {
    const theta = (Math.PI * j) / K;
    const [tr, ti] = transfer(rows, L, beta, theta);
    const [ar, ai] = cpow(rows.n, tr, ti, half), [br, bi] = L - half === half ? [ar, ai] : cpow(rows.n, tr, ti, L - half);
    const [zr, zi] = traceProduct(rows.n, ar, ai, br, bi);
    const c = Math.cos(theta * N), s = Math.sin(theta * N);
    hr[j] = zr * c - zi * s; hi[j] = zr * s + zi * c;
    if (j > 0 && j < K) { hr[K - j] = hr[j]; hi[K - j] = -hi[j]; }
  }
  const W = new Float64Array(K);
  let Z = 0;
  for (let k = 0; k < K; k++) {
    let acc = 0;
    for (let j = 0; j < K; j++) { const ph = (-2 * Math.PI * j * k) / K; acc += hr[j] * Math.cos(ph) - hi[j] * Math.sin(ph); }
    W[k] = Math.max(0, acc / K);
    Z += W[k];
  }
  for (let k = 0; k < K; k++) W[k] /= Z;
  return W;
}

/** Exact ⟨|m|⟩, ⟨m²⟩, ⟨m⁴⟩, e, c, χ (with ⟨|m|⟩, as the Monte Carlo) and U₄ of the periodic L×L lattice at T (L ≤ 8). */
export function transferObservables(L: number, T: number): IsingObservables {
  const W = magnetisationDistribution(L, T);
  const N = L * L, rows = rowTables(L), beta = 1 / T;
  let aM = 0, m2 = 0, m4 = 0;
  W.forEach((w, k) => { const m = (-N + 2 * k) / N; aM += w * Math.abs(m); m2 += w * m * m; m4 += w * m ** 4; });
  const E = meanEnergy(rows, L, beta), h = 1e-4 * beta;
  const dEdb = (meanEnergy(rows, L, beta + h) - meanEnergy(rows, L, beta - h)) / (2 * h);
  const e = E / N, c = (-beta * beta * dEdb) / N;
  if (![aM, m2, m4, e, c].every(Number.isFinite)) throw new Error(`transferObservables: non-finite result at L = ${L}, T = ${T}`);
  return { L, T, absM: aM, m2, m4, e, c, chi: (N * (m2 - aM * aM)) / T, binder: 1 - m4 / (3 * m2 * m2) };
}

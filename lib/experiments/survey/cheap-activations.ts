/**
 * Cheap approximations of tanh and the logistic sigmoid for microcontrollers (seed 001, "The
 * Gritty Realities": "replace the exact function with ... a piecewise linear spline or a low-degree
 * polynomial"): hard tanh, uniform-knot piecewise-linear interpolants, clamped odd least-squares
 * polynomials, and Lambert's rational approximant; their max error and a per-evaluation op count.
 */
import { assertInteger, assertPositive, assertWithinBudget, assertFinite } from '../../core/guards';

export interface CheapApprox {
  /** Label for plots and tables. */
  readonly label: string;
  readonly family: 'piecewise-linear' | 'polynomial' | 'rational' | 'exact';
  readonly f: (x: number) => number;
  /** Arithmetic + comparison operations per evaluation (counted by hand from the code below; table lookups count 1). */
  readonly ops: number;
}

const clamp1 = (v: number) => (v > 1 ? 1 : v < -1 ? -1 : v);

/** Hard tanh: clip(x, −1, 1). 2 comparisons. */
export function hardTanh(): CheapApprox {
  return { label: 'hard tanh', family: 'piecewise-linear', f: clamp1, ops: 2 };
}

/**
 * Piecewise-linear interpolant of tanh on `segments` uniform segments of [0, L], odd-extended and
 * saturated to ±1 beyond L. Ops: abs, compare, multiply, floor, subtract, lookup×2, fma(2), sign → 10.
 */
export function pwlTanh(segments: number, L = 4): CheapApprox {
  assertInteger(segments, 'segments');
  assertWithinBudget(`pwlTanh with ${segments} segments`, segments, 1e7, 'segments');
  assertPositive(L, 'L');
  const h = L / segments;
  const knots = Array.from({ length: segments + 1 }, (_, i) => Math.tanh(i * h));
  knots[segments] = 1; // saturate continuously
  const f = (x: number) => {
    const a = Math.abs(x);
    if (a >= L) return x > 0 ? 1 : -1;
    const u = a / h, i = Math.floor(u), t = u - i;
    const v = knots[i] + t * (knots[i + 1] - knots[i]);
    return x < 0 ? -v : v;
  };
  return { label: `PWL ${segments} seg`, family: 'piecewise-linear', f, ops: 10 };
}

/** Solve the small dense system A c = b by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length, M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    if (Math.abs(M[c][c]) < 1e-300) throw new Error('singular least-squares system');
    for (let r = c + 1; r < n; r++) {
      const k = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= k * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Least-squares coefficients of the odd polynomial Σ c_k x^{2k+1} (degree d) fitting g on [0, L]. */
export function oddLeastSquares(g: (x: number) => number, degree: number, L: number, n = 400): number[] {
  assertInteger(degree, 'degree');
  if (degree % 2 === 0) throw new RangeError(`degree must be odd, but got ${degree}`);
  assertPositive(L, 'L');
  assertInteger(n, 'n');
  assertWithinBudget(`oddLeastSquares of degree ${degree} on ${n} points`, ((degree + 1) / 2) ** 2 * n + ((degree + 1) / 2) ** 3, 1e9, 'multiply-adds');
  const m = (degree + 1) / 2;
  const A = Array.from({ length: m }, () => new Array<number>(m).fill(0)), b = new Array<number>(m).fill(0);
  for (let i = 0; i <= n; i++) {
    const x = (i / n) * L, phi = Array.from({ length: m }, (_, k) => x ** (2 * k + 1));
    for (let r = 0; r < m; r++) { b[r] += phi[r] * g(x); for (let c = 0; c < m; c++) A[r][c] += phi[r] * phi[c]; }
  }
  return solve(A, b);
}

/**
 * Odd least-squares polynomial of tanh of the given degree on [−L, L], clamped to [−1, 1], with the
 * fit range L chosen from a scan to minimise the max error on [−8, 8]. Ops (Horner in x²): 1 + 2·(d−1)/2 + 1 + 2 = d + 3.
 */
export function polyTanh(degree: number): CheapApprox {
  let best: { f: (x: number) => number; err: number } | null = null;
  for (let L = 1; L <= 5.001; L += 0.1) {
    const c = oddLeastSquares(Math.tanh, degree, L);
    const f = (x: number) => {
      if (x >= L) return 1;
      if (x <= -L) return -1;
      const x2 = x * x;
      let p = c[c.length - 1];
      for (let k = c.length - 2; k >= 0; k--) p = p * x2 + c[k];
      return clamp1(p * x);
    };
    const err = maxAbsError(f, Math.tanh, -8, 8, 4001);
    if (!best || err < best.err) best = { f, err };
  }
  return { label: `odd poly deg ${degree}`, family: 'polynomial', f: best!.f, ops: degree + 3 };
}

/** Lambert's continued fraction x/(1 + x²/(3 + x²/5)) = x(15 + x²)/(15 + 6x²) (the [3/2] Padé approximant), clamped. Ops: x², 2 add, 3 mul, 1 div, 2 cmp → 9. */
export function rationalTanh(): CheapApprox {
  return { label: 'Padé 3/2', family: 'rational', f: (x) => { const x2 = x * x; return clamp1((x * (15 + x2)) / (15 + 6 * x2)); }, ops: 9 };
}

/** The exact reference Math.tanh (its op count is not defined: exp and a division in libm). */
export function exactTanh(): CheapApprox {
  return { label: 'Math.tanh', family: 'exact', f: Math.tanh, ops: NaN };
}

/** The sigmoid version of a tanh approximation: σ(x) = (1 + tanh(x/2))/2 (2 extra multiplies and 1 add). */
export function sigmoidFrom(a: CheapApprox): CheapApprox {
  return { label: `${a.label} → σ`, family: a.family, f: (x) => 0.5 + 0.5 * a.f(0.5 * x), ops: a.ops + 3 };
}

/** Keras' hard sigmoid clip(0.2x + 0.5, 0, 1). Ops: fma(2), 2 cmp → 4. */
export function hardSigmoid(): CheapApprox {
  return { label: 'hard sigmoid (0.2x+0.5)', family: 'piecewise-linear', f: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)), ops: 4 };
}

/** max |f − g| on a uniform grid of n points in [lo, hi]. */
export function maxAbsError(f: (x: number) => number, g: (x: number) => number, lo = -8, hi = 8, n = 20001): number {
  assertInteger(n, 'n', 2);
  assertFinite(lo, 'lo');
  assertFinite(hi, 'hi');
  assertWithinBudget(`maxAbsError on ${n} points`, n, 1e9, 'evaluations');
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    m = Math.max(m, Math.abs(f(x) - g(x)));
  }
  return m;
}

/**
 * Wall time per evaluation (ns) of f over `n` inputs spread on [−6, 6], best of `reps` runs.
 * For display only: timings depend on the machine and the JIT; never assert on them.
 */
export function nsPerEval(f: (x: number) => number, n = 1_000_000, reps = 5): { ns: number; checksum: number } {
  assertInteger(n, 'n');
  assertInteger(reps, 'reps');
  assertWithinBudget(`nsPerEval with n=${n}, reps=${reps}`, n * reps, 1e10, 'evaluations');
  assertWithinBudget(`nsPerEval with n=${n}`, n, 1e8, 'stored inputs');
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = -6 + (12 * ((i * 7919) % n)) / n;
  let best = Infinity, checksum = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    let s = 0;
    for (let i = 0; i < n; i++) s += f(xs[i]);
    const dt = Number(process.hrtime.bigint() - t0);
    best = Math.min(best, dt / n);
    checksum = s;
  }
  return { ns: best, checksum };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  symmetricEigen, symmetricEigenvalues, jacobiEigen, fromRows, toRows, matVec, denseOperator, zeroRows, zeroRowFraction, indicesAsCoded,
  indicesRobust, inverseParticipationRatio, meanIpr, eigenWithZeroRowsSplit, lanczos, tridiagonalEigen,
  extremeEigenvalues, stochasticLanczosQuadrature, spectralDensity, powerIteration, hutchinsonTrace, type DenseMatrix,
  type SymmetricEigen,
} from './hessian';
import { makeRng } from '../core/rng';

const close = (a: number, b: number, tol: number, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

function randomSym(n: number, seed: number): DenseMatrix {
  const rng = makeRng(seed);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { const v = rng.normal(); data[i * n + j] = v; data[j * n + i] = v; }
  return { n, data };
}

/** A = Q diag(λ) Qᵀ with a random orthogonal Q (Gram–Schmidt). */
function withSpectrum(lams: number[], seed: number): DenseMatrix {
  const n = lams.length, rng = makeRng(seed);
  const Q: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    for (const q of Q) { let c = 0; for (let i = 0; i < n; i++) c += v[i] * q[i]; for (let i = 0; i < n; i++) v[i] -= c * q[i]; }
    let s = 0; for (let i = 0; i < n; i++) s += v[i] * v[i];
    s = Math.sqrt(s); for (let i = 0; i < n; i++) v[i] /= s;
    Q.push(v);
  }
  const data = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] += lams[k] * Q[k][i] * Q[k][j];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { const s = 0.5 * (data[i * n + j] + data[j * n + i]); data[i * n + j] = s; data[j * n + i] = s; }
  return { n, data };
}

function checkDecomposition(A: DenseMatrix, e: SymmetricEigen, tol: number, label: string): void {
  const n = A.n;
  let maxA = 0; for (const v of A.data) maxA = Math.max(maxA, Math.abs(v));
  for (let k = 1; k < n; k++) assert.ok(e.values[k] >= e.values[k - 1], `${label}: ascending`);
  let rec = 0, orth = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0; for (let k = 0; k < n; k++) s += e.vectors[k][i] * e.values[k] * e.vectors[k][j];
    rec = Math.max(rec, Math.abs(s - A.data[i * n + j]));
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let s = 0; for (let i = 0; i < n; i++) s += e.vectors[a][i] * e.vectors[b][i];
    orth = Math.max(orth, Math.abs(s - (a === b ? 1 : 0)));
  }
  assert.ok(rec <= tol * maxA, `${label}: ‖A − VΛVᵀ‖max = ${rec}`);
  assert.ok(orth <= tol, `${label}: ‖VᵀV − I‖max = ${orth}`);
}

test('tred2/tql2 and Jacobi reconstruct random symmetric matrices (n = 5, 60) and agree', () => {
  for (const [n, seed] of [[5, 1], [60, 2], [1, 3], [2, 4]]) {
    const A = randomSym(n, seed);
    const e1 = symmetricEigen(A), e2 = jacobiEigen(A);
    checkDecomposition(A, e1, 1e-12, `tql2 n=${n}`);
    checkDecomposition(A, e2, 1e-12, `jacobi n=${n}`);
    for (let k = 0; k < n; k++) close(e1.values[k], e2.values[k], 1e-12 * n, `λ${k} n=${n}`);
  }
});

test('values-only route (no accumulated transform) gives the same eigenvalues', () => {
  for (const [n, seed] of [[1, 1], [5, 2], [60, 3], [150, 4]]) {
    const A = randomSym(n, seed);
    const full = symmetricEigen(A).values, vals = symmetricEigenvalues(A);
    for (let k = 0; k < n; k++) close(vals[k], full[k], 1e-12 * n, `n=${n} λ${k}`);
  }
  const lams = [-2, -2, 0, 0, 0, 1e-3, 3, 3, 7];
  symmetricEigenvalues(withSpectrum(lams, 11)).forEach((v, k) => close(v, lams[k], 1e-13));
  assert.deepEqual(Array.from(symmetricEigenvalues({ n: 3, data: new Float64Array(9) })), [0, 0, 0]);
  assert.throws(() => symmetricEigenvalues(fromRows([[1, 2], [3, 4]])), /not symmetric/);
});

test('eigen: known spectrum with degeneracies, a diagonal matrix and a zero matrix', () => {
  const lams = [-2, -2, 0, 0, 0, 1e-3, 3, 3, 7];
  const A = withSpectrum(lams, 11);
  const e = symmetricEigen(A), j = jacobiEigen(A);
  lams.forEach((l, k) => { close(e.values[k], l, 1e-13, 'tql2'); close(j.values[k], l, 1e-13, 'jacobi'); });
  checkDecomposition(A, e, 1e-13, 'degenerate');
  const D = fromRows([[3, 0, 0], [0, -1, 0], [0, 0, 2]]);
  assert.deepEqual(Array.from(symmetricEigen(D).values), [-1, 2, 3]);
  const Z = { n: 4, data: new Float64Array(16) };
  assert.deepEqual(Array.from(symmetricEigen(Z).values), [0, 0, 0, 0]);
  assert.deepEqual(toRows(D), [[3, 0, 0], [0, -1, 0], [0, 0, 2]]);
});

test('eigen: bad input is refused naming the fault', () => {
  assert.throws(() => fromRows([[1, 2], [3]]), /must be square: row 1 has 1 entries, expected 2/);
  assert.throws(() => symmetricEigen(fromRows([[1, 2], [3, 4]])), /not symmetric: max\|A − Aᵀ\| = 1\.000e\+0/);
  assert.throws(() => jacobiEigen(fromRows([[1, NaN], [NaN, 4]])), /A\[0,1\] must be finite, but got NaN/);
  assert.throws(() => symmetricEigen({ n: 3, data: new Float64Array(4) }), /must be a Float64Array of n² = 9 entries, but has 4/);
  assert.throws(() => symmetricEigen({ n: -1, data: new Float64Array(0) }), /n must be a positive integer, but got -1/);
  // tiny asymmetry (round-off) is accepted and symmetrised
  const A = fromRows([[1, 2 + 1e-15], [2, 1]]);
  close(symmetricEigen(A).values[1], 3, 1e-14);
});

test('zero rows, α/γ as coded and robust, and the zero-row split', () => {
  // H with rows 1 and 3 identically zero
  const H = fromRows([
    [2, 0, 1, 0],
    [0, 0, 0, 0],
    [1, 0, -1, 0],
    [0, 0, 0, 0],
  ]);
  assert.deepEqual(zeroRows(H), [1, 3]);
  assert.equal(zeroRowFraction(H), 0.5);
  assert.deepEqual(indicesAsCoded([-1, 0, 0, 2]), { alpha: 0.25, gamma: 0.5 });
  assert.deepEqual(indicesAsCoded([-1e-18, 1e-17, 3, 4]), { alpha: 0.25, gamma: 0 });
  const r = indicesRobust([-1e-18, 1e-17, 3, -4], 1e-8);
  assert.equal(r.alpha, 0.25); assert.equal(r.gamma, 0.5); close(r.tau, 4e-8, 1e-22);
  const s = eigenWithZeroRowsSplit(H);
  assert.deepEqual(s.zeroRows, [1, 3]);
  assert.equal(s.values.filter((v) => v === 0).length, 2);
  assert.deepEqual(indicesAsCoded(s.values).gamma, 0.5);
  // coordinate eigenvectors for the zero rows; the rest reconstructs H
  checkDecomposition(H, s, 1e-14, 'split');
  const zeroVecs = s.vectors.filter((_, k) => s.values[k] === 0);
  assert.deepEqual(zeroVecs.map((v) => Array.from(v)), [[0, 1, 0, 0], [0, 0, 0, 1]]);
  assert.throws(() => indicesAsCoded([]), /non-empty/);
  assert.throws(() => indicesRobust([1, NaN], 1e-6), /eigs\[1\] must be finite/);
  assert.throws(() => indicesRobust([1, 2], -1), /relTol must be >= 0/);
});

test('IPR: 1 for a coordinate vector, 1/N for a flat one; meanIpr excludes the null space', () => {
  const ipr = inverseParticipationRatio([[0, 0, 3, 0], [1, 1, 1, 1], [1, -1, 0, 0]]);
  close(ipr[0], 1, 1e-15); close(ipr[1], 0.25, 1e-15); close(ipr[2], 0.5, 1e-15);
  assert.throws(() => inverseParticipationRatio([[0, 0]]), /zero vector/);
  const H = fromRows([[2, 0, 1, 0], [0, 0, 0, 0], [1, 0, -1, 0], [0, 0, 0, 0]]);
  const m = meanIpr(eigenWithZeroRowsSplit(H), 1e-8);
  assert.equal(m.count, 2); assert.equal(m.excluded, 2); assert.equal(m.uniform, 0.25);
  assert.ok(m.mean > 0.5 && m.mean < 1);
});

test('Lanczos extremes match the dense spectrum; k ≥ n reproduces every eigenvalue', () => {
  const A = randomSym(60, 21);
  const dense = symmetricEigen(A).values;
  const op = denseOperator(A);
  const ex = extremeEigenvalues(op, 60, 40, makeRng(1));
  close(ex.max, dense[59], 1e-8, 'λmax'); close(ex.min, dense[0], 1e-8, 'λmin');
  const L = lanczos(op, 60, 60, makeRng(2));
  const ritz = tridiagonalEigen(L.alphas, L.betas).values;
  for (let k = 0; k < 60; k++) close(ritz[k], dense[k], 1e-10, `ritz ${k}`);
  // orthonormal Lanczos basis
  for (let a = 0; a < L.vectors.length; a += 7) for (let b = 0; b < L.vectors.length; b += 5) {
    let s = 0; for (let i = 0; i < 60; i++) s += L.vectors[a][i] * L.vectors[b][i];
    close(s, a === b ? 1 : 0, 1e-12, 'QᵀQ');
  }
  // a matrix with 3 distinct eigenvalues breaks down after 3 steps (invariant subspace)
  const B = withSpectrum([1, 1, 1, 2, 2, 5, 5, 5], 3);
  const LB = lanczos(denseOperator(B), 8, 8, makeRng(3));
  assert.ok(LB.breakdown); assert.equal(LB.alphas.length, 3);
  assert.throws(() => lanczos(op, 60, 0, makeRng(1)), /k must be an integer >= 1/);
  assert.throws(() => lanczos(() => new Float64Array(3), 60, 5, makeRng(1)), /hvp must return 60 entries, but returned 3/);
  assert.throws(() => lanczos(() => new Float64Array(60).fill(NaN), 60, 5, makeRng(1)), /hvp\(v\)\[0\] must be finite/);
});

test('SLQ: exact quadrature of v0ᵀAᵏv0 per probe; nodes are eigenvalues at steps ≥ n; moments of the dense spectrum', () => {
  const n = 30;
  const A = randomSym(n, 31);
  const dense = symmetricEigen(A).values;
  const op = denseOperator(A);
  const slq = stochasticLanczosQuadrature(op, n, { steps: n, probes: 400, rng: makeRng(7) });
  close(slq.weights.reduce((a, b) => a + b, 0), 1, 1e-12, 'Σw');
  // per probe: Σ τ θ^k = q0ᵀ A^k q0 exactly (Gauss quadrature with full Krylov space)
  const p0 = slq.perProbe[0];
  const q0 = p0.v0.map((v) => v / Math.sqrt(n));
  let Akq = q0;
  for (let k = 1; k <= 4; k++) {
    Akq = matVec(A, Akq);
    const direct = q0.reduce((s, v, i) => s + v * Akq[i], 0);
    const quad = p0.nodes.reduce((s, t, i) => s + p0.weights[i] * t ** k, 0);
    close(quad, direct, 1e-10 * Math.max(1, Math.abs(direct)), `k=${k}`);
  }
  // with steps ≥ n each probe's nodes are the dense eigenvalues
  for (let k = 0; k < n; k++) close(p0.nodes[k], dense[k], 1e-9, `node ${k}`);
  // n·Σ w θ and n·Σ w θ² estimate tr A and tr A² (statistical error)
  const trA = dense.reduce((a, b) => a + b, 0), trA2 = dense.reduce((a, b) => a + b * b, 0);
  const est = (f: (t: number) => number) => n * slq.nodes.reduce((s, t, i) => s + slq.weights[i] * f(t), 0);
  const perProbe = (f: (t: number) => number) => slq.perProbe.map((p) => n * p.nodes.reduce((s, t, i) => s + p.weights[i] * f(t), 0));
  for (const [f, exact, name] of [[(t: number) => t, trA, 'tr A'], [(t: number) => t * t, trA2, 'tr A²']] as const) {
    const xs = perProbe(f);
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    const se = Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (xs.length - 1) / xs.length);
    close(est(f), mu, 1e-9 * Math.abs(mu) + 1e-9);
    assert.ok(Math.abs(mu - exact) <= 4 * se, `${name}: ${mu} vs ${exact} (4·se = ${4 * se})`);
  }
  // broadened density integrates to 1 on a wide grid
  const grid = Array.from({ length: 4001 }, (_, i) => dense[0] - 2 + (i / 4000) * (dense[n - 1] - dense[0] + 4));
  const rho = spectralDensity(slq.nodes, slq.weights, grid, 0.1);
  const dx = grid[1] - grid[0];
  close(rho.reduce((a, b) => a + b, 0) * dx, 1, 1e-6, '∫ρ');
  assert.throws(() => spectralDensity([1], [1, 2], [0], 0.1), /equal length/);
  assert.throws(() => spectralDensity([1], [1], [0], 0), /sigma must be > 0/);
});

test('power iteration (with shift for λmin) and Hutchinson trace', () => {
  const lams = Array.from({ length: 40 }, (_, i) => (i < 5 ? -1 - i * 0.1 : i * 0.2));
  lams[39] = 20;
  const A = withSpectrum(lams, 5);
  const op = denseOperator(A);
  const top = powerIteration(op, 40, { rng: makeRng(1) });
  assert.ok(top.converged); close(top.eigenvalue, 20, 1e-8, 'λmax');
  const bot = powerIteration(op, 40, { rng: makeRng(2), shift: top.eigenvalue, maxIter: 5000, tol: 1e-13 });
  close(bot.eigenvalue, -1.4, 1e-6, 'λmin by shift');
  const tr = lams.reduce((a, b) => a + b, 0);
  const h = hutchinsonTrace(op, 40, { probes: 500, rng: makeRng(3) });
  assert.ok(Math.abs(h.estimate - tr) <= 4 * h.stderr, `Hutchinson ${h.estimate} vs ${tr} ± ${h.stderr}`);
  // Rademacher probes are exact for a diagonal matrix
  const D = fromRows([[1, 0, 0], [0, 2, 0], [0, 0, -5]]);
  const hd = hutchinsonTrace(denseOperator(D), 3, { probes: 3, rng: makeRng(4) });
  assert.equal(hd.estimate, -2); assert.equal(hd.stderr, 0);
  assert.throws(() => hutchinsonTrace(op, 40, { probes: 0, rng: makeRng(1) }), /probes must be an integer >= 1/);
});

/**
 * Exact polynomial reconstruction with MRePU networks (Kim & Kang, arXiv:2408.02697, §5.1, Lemma 7 and Theorem 8), in float64.
 *
 * Lemma 7 (one variable; the paper's own construction is lost from our copy, this is the one in
 * docs/derivations/02-repu-mrepu.md §3.8):
 * on a domain where every preactivation stays ≥ −1, σ_{m;p}(t + b) = (t + b)(t + b + 1)^p is a polynomial of
 * degree p+1 in t, and p+2 distinct shifts b_k give polynomials that span 𝒫_{p+1}. So one hidden layer
 * Σ_k a_k σ_{m;p}(t + b_k) with p+2 neurons equals any polynomial of degree ≤ p+1 on t ∈ [−1, 1] (shifts b_k ≥ 0),
 * a from a (p+2)×(p+2) linear system.
 *
 * Theorem 8 (several variables, via products as in Shen et al. for RePU): with Lemma 7 giving t ↦ t² and
 * t ↦ t exactly, xy = B_x B_y (t₊² − t₋²) with t± = (x/B_x ± y/B_y)/2 ∈ [−1, 1] is one hidden MRePU layer, and so
 * is carrying a variable unchanged (identity). A monomial of degree D is then D−1 successive products; a
 * polynomial is a linear combination of its monomials. The network below does all monomials in parallel:
 * hidden block k multiplies every unfinished monomial's running product by its next factor and carries the
 * inputs, so depth = max(1, D−1) hidden layers. Consecutive affine maps are merged, so the result is an ordinary
 * MLP z⁽ˡ⁺¹⁾ = W⁽ˡ⁺¹⁾ σ(z⁽ˡ⁾) + b⁽ˡ⁺¹⁾ with MRePU everywhere, evaluated by `evalNetwork`.
 */
import { assertFinite, assertInteger, assertPositive, assertAllFinite, assertWithinBudget } from '../core/guards';

/** σ_{m;p}(x) = x · max(0, x + 1)^p (seed 002 Def. 6). */
export function mrepuF(p: number, x: number): number {
  return x > -1 ? x * (x + 1) ** p : 0;
}

/** Solve A x = y (n×n, row-major rows) by Gaussian elimination with partial pivoting (float64). */
export function solveLinear(A: number[][], y: number[]): number[] {
  const n = y.length;
  if (A.length !== n || A.some((r) => r.length !== n)) throw new RangeError(`A must be ${n}×${n}`);
  A.forEach((r, i) => assertAllFinite(r, `A[${i}]`));
  assertAllFinite(y, 'y');
  const M = A.map((r, i) => [...r, y[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (M[piv][c] === 0) throw new RangeError('A is singular');
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** One-hidden-layer MRePU network t ↦ Σ_k a_k σ_{m;p}(t + b_k) + c (c = 0 here). */
export interface OneVarNet {
  p: number;
  /** Shifts b_k (hidden biases; hidden weights are 1). */
  shifts: number[];
  /** Output weights a_k. */
  a: number[];
}

/**
 * Lemma 7: the p+2-neuron network equal to Σ_j coeffs[j] t^j (degree ≤ p+1) wherever t + b_k ≥ −1 for all k
 * (shifts b_k = k·spacing ≥ 0, so all of t ≥ −1, in particular [−1, 1]).
 */
export function lemma7(coeffs: number[], p: number, spacing = 0.5): OneVarNet {
  assertInteger(p, 'p', 1);
  assertPositive(spacing, 'spacing');
  if (coeffs.length > p + 2) throw new RangeError(`coeffs has degree ${coeffs.length - 1}, but MRePU of order p = ${p} with one hidden layer reaches degree ≤ ${p + 1}`);
  coeffs.forEach((c, j) => assertFinite(c, `coeffs[${j}]`));
  const deg = p + 1;
  const shifts = Array.from({ length: deg + 1 }, (_, k) => spacing * k);
  // column k: coefficients of (t + b)(t + b + 1)^p in powers of t
  const cols = shifts.map((b) => {
    let q = [b, 1];
    for (let i = 0; i < p; i++) {
      const r = new Array(q.length + 1).fill(0);
      q.forEach((v, j) => { r[j] += v * (b + 1); r[j + 1] += v; });
      q = r;
    }
    return q;
  });
  const target = Array.from({ length: deg + 1 }, (_, j) => coeffs[j] ?? 0);
  const A = target.map((_, j) => cols.map((c) => c[j]));
  return { p, shifts, a: solveLinear(A, target) };
}

/** Value of a one-variable Lemma 7 network at t. */
export function evalOneVar(net: OneVarNet, t: number): number {
  return net.a.reduce((s, ak, k) => s + ak * mrepuF(net.p, t + net.shifts[k]), 0);
}

/** A deep MRePU MLP: hidden layers z⁽ˡ⁾ = W⁽ˡ⁾ h⁽ˡ⁻¹⁾ + b⁽ˡ⁾, h = σ_{m;p}(z), then a linear output layer. */
export interface MrepuNetwork {
  p: number;
  /** Hidden and output layers; W is [n_out][n_in]. The last layer is the (linear) output. */
  layers: { W: number[][]; b: number[] }[];
}

/** Forward pass of an MrepuNetwork in float64 (also returns every hidden preactivation's minimum, to check the ≥ −1 domain). */
export function evalNetwork(net: MrepuNetwork, x: number[]): { y: number[]; minPreactivation: number } {
  const nIn = net.layers[0]?.W[0]?.length;
  if (x.length !== nIn) throw new RangeError(`evalNetwork: x has ${x.length} entries, but the first layer takes ${nIn}`);
  assertAllFinite(x, 'x');
  let h = x, minPre = Infinity;
  net.layers.forEach((L, l) => {
    const z = L.W.map((row, i) => row.reduce((s, w, j) => s + w * h[j], L.b[i]));
    if (l < net.layers.length - 1) {
      z.forEach((v) => { minPre = Math.min(minPre, v); });
      h = z.map((v) => mrepuF(net.p, v));
    } else h = z;
  });
  return { y: h, minPreactivation: minPre };
}

/** Sizes of a network: hidden layers, hidden neurons, parameters (weights + biases), largest width. */
export function networkSize(net: MrepuNetwork): { hiddenLayers: number; neurons: number; parameters: number; width: number } {
  const hidden = net.layers.slice(0, -1);
  return {
    hiddenLayers: hidden.length,
    neurons: hidden.reduce((s, L) => s + L.b.length, 0),
    parameters: net.layers.reduce((s, L) => s + L.b.length * (L.W[0]?.length ?? 0) + L.b.length, 0),
    width: Math.max(...hidden.map((L) => L.b.length)),
  };
}

/** A polynomial in d variables: terms c · Π_i x_i^{e_i}. */
export interface Polynomial {
  vars: number;
  terms: { coeff: number; exps: number[] }[];
}

export function evalPolynomial(P: Polynomial, x: number[]): number {
  if (x.length !== P.vars) throw new RangeError(`evalPolynomial: x has ${x.length} entries, but the polynomial has vars = ${P.vars}`);
  assertAllFinite(x, 'x');
  return P.terms.reduce((s, t) => s + t.coeff * t.exps.reduce((q, e, i) => q * x[i] ** e, 1), 0);
}

/** One "affine → MRePU → affine" unit: output_o = Σ_k G[o][k] σ(A_k · v + c_k) + g_o, for a block of units. */
interface Block {
  A: number[][];
  c: number[];
  G: number[][];
  g: number[];
}

/**
 * Theorem 8 (constructive, our version): an MRePU network of order p that equals P exactly on the box
 * [−radius, radius]^d (up to float64 rounding), with max(1, D−1) hidden layers for total degree D.
 */
export function theorem8(P: Polynomial, p = 2, radius = 1): MrepuNetwork {
  assertInteger(p, 'p', 1);
  assertPositive(radius, 'radius');
  const d = assertInteger(P.vars, 'vars', 1);
  P.terms.forEach((t, i) => {
    assertFinite(t.coeff, `terms[${i}].coeff`);
    if (t.exps.length !== d) throw new RangeError(`terms[${i}].exps has ${t.exps.length} entries, but vars is ${d}`);
    t.exps.forEach((e, j) => assertInteger(e, `terms[${i}].exps[${j}]`, 0));
    assertWithinBudget(`theorem8: terms[${i}] of total degree ${t.exps.reduce((s, e) => s + e, 0)}`, t.exps.reduce((s, e) => s + e, 0), 1e4, 'degree (network depth grows with it)');
  });
  assertWithinBudget(`theorem8 with ${P.terms.length} terms in ${d} variables`, P.terms.length * d, 1e6, 'term-variable pairs');
  const sq = lemma7([0, 0, 1], p), id = lemma7([0, 1], p);
  // factor lists of the monomials of degree ≥ 2 (degree 0/1 go straight to the output layer)
  const mons = P.terms.map((t) => t.exps.flatMap((e, i) => new Array(e).fill(i) as number[]));
  const deep = mons.map((f, i) => ({ f, i })).filter((m) => m.f.length >= 2);
  const D = Math.max(1, ...mons.map((f) => f.length));
  const nBlocks = Math.max(1, D - 1);
  // state after block k: [x_1..x_d, running product of each deep monomial]; bounds for scaling
  let bound = [...new Array(d).fill(radius), ...deep.map((m) => radius)];
  const blocks: Block[] = [];
  for (let k = 0; k < nBlocks; k++) {
    const m = k === 0 ? d : d + deep.length; // input dimension of this block
    const A: number[][] = [], c: number[] = [], G: number[][] = [], g: number[] = [];
    const outDim = d + deep.length;
    const newBound = [...bound];
    const addIdentity = (src: number, dst: number) => {
      // v_src = B · t, t = v_src / B ∈ [−1, 1]: identity through Lemma 7
      const B = bound[src];
      id.shifts.forEach((s, j) => {
        const row = new Array(m).fill(0); row[src] = 1 / B; A.push(row); c.push(s);
        const gcol = new Array(outDim).fill(0); gcol[dst] = B * id.a[j]; G.push(gcol);
      });
      newBound[dst] = B;
    };
    const addProduct = (i: number, j: number, dst: number) => {
      // v_i v_j = B_i B_j (t₊² − t₋²), t± = (v_i/B_i ± v_j/B_j)/2
      const Bi = bound[i], Bj = bound[j];
      for (const sign of [1, -1]) sq.shifts.forEach((s, q) => {
        const row = new Array(m).fill(0); row[i] += 0.5 / Bi; row[j] += (sign * 0.5) / Bj; A.push(row); c.push(s);
        const gcol = new Array(outDim).fill(0); gcol[dst] = sign * Bi * Bj * sq.a[q]; G.push(gcol);
      });
      newBound[dst] = Bi * Bj;
    };
    for (let v = 0; v < d; v++) addIdentity(v, v);
    deep.forEach((mon, r) => {
      const slot = d + r;
      if (k === 0) addProduct(mon.f[0], mon.f[1], slot); // the product of the first two factors
      else if (k + 1 < mon.f.length) addProduct(slot, mon.f[k + 1], slot); // times the next factor
      else addIdentity(slot, slot); // finished: carry
    });
    g.push(...new Array(outDim).fill(0));
    // G is stored per hidden neuron (column); transpose to [out][hidden]
    const Gt = Array.from({ length: outDim }, (_, o) => G.map((col) => col[o]));
    blocks.push({ A, c, G: Gt, g });
    bound = newBound;
  }
  // output: P = Σ_{deg ≤ 1} terms on x + Σ_deep coeff · product
  const outRow = new Array(d + deep.length).fill(0);
  let outBias = 0;
  P.terms.forEach((t, i) => {
    const f = mons[i];
    if (f.length === 0) outBias += t.coeff;
    else if (f.length === 1) outRow[f[0]] += t.coeff;
  });
  deep.forEach((mon, r) => { outRow[d + r] += P.terms[mon.i].coeff; });
  // merge: layer 1 = A₁ x + c₁; layer k+1 = A_{k+1}(G_k h + g_k) + c_{k+1}; output = outRow · (G_K h + g_K) + bias
  const layers: { W: number[][]; b: number[] }[] = [{ W: blocks[0].A, b: blocks[0].c }];
  for (let k = 1; k < blocks.length; k++) {
    const { A, c } = blocks[k], { G, g } = blocks[k - 1];
    layers.push({
      W: A.map((row) => G[0].map((_, h) => row.reduce((s, a, o) => s + a * G[o][h], 0))),
      b: A.map((row, i) => row.reduce((s, a, o) => s + a * g[o], c[i])),
    });
  }
  const last = blocks[blocks.length - 1];
  layers.push({
    W: [last.G[0].map((_, h) => outRow.reduce((s, a, o) => s + a * last.G[o][h], 0))],
    b: [outRow.reduce((s, a, o) => s + a * last.g[o], outBias)],
  });
  return { p, layers };
}

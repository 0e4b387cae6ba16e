import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as et from './effective-theory';
import { repu, mrepu, relu, tanhAct, gelu, sigmoidAct, identity } from '../core/activations';
import { arcCosineKernel } from '../core/gaussian';
import { makeRng } from '../core/rng';

const TOL = 1e-8;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('RePU χ∥, χ⊥ (eq. 6): double-factorial closed form = truncated-moment closed form = quadrature (both forms) = finite difference', () => {
  for (const p of [1, 2, 3, 4]) {
    for (const K of [0.3, 1, 2.5]) {
      for (const cw of [0.5, 2]) {
        const c = et.repuChi(p, K, cw), cf = et.closedForms(repu(p), K, cw)!;
        const qa = et.chiPar(repu(p), K, cw), qb = et.chiPar(repu(p), K, cw, 'moment'), qp = et.chiPerp(repu(p), K, cw);
        assert.ok(rel(cf.chiPar, c.chiPar) < TOL && rel(qa, c.chiPar) < TOL && rel(qb, c.chiPar) < TOL, `χ∥ p=${p} K=${K}`);
        assert.ok(rel(cf.chiPerp, c.chiPerp) < TOL && rel(qp, c.chiPerp) < TOL, `χ⊥ p=${p} K=${K}`);
        assert.ok(rel(et.chiParFd(repu(p), K, cw), c.chiPar) < 1e-7);
        assert.ok(rel(qa / qp, (2 * p - 1) / p) < TOL);
      }
    }
  }
  // the note's worked example: p=2, K=1, C_W=1 → χ∥ = 3, χ⊥ = 2
  assert.deepEqual(et.repuChi(2, 1, 1), { chiPar: 3, chiPerp: 2, ratio: 1.5 });
});

test('MRePU (eq. 7): closed forms via truncated moments match split quadrature for p = 1, 2, 3', () => {
  for (const p of [1, 2, 3]) {
    for (const K of [1e-3, 0.05, 0.5, 2]) {
      const a = mrepu(p), cf = et.closedForms(a, K, 1)!;
      assert.ok(rel(cf.sigma2, et.sigma2(a, K)) < TOL, `σ² p=${p} K=${K}`);
      assert.ok(rel(cf.sigma4, et.sigma4(a, K)) < TOL, `σ⁴ p=${p} K=${K}`);
      assert.ok(rel(cf.chiPar, et.chiPar(a, K)) < TOL && rel(cf.chiPar, et.chiPar(a, K, 1, 'moment')) < 1e-7, `χ∥ p=${p} K=${K}`);
      assert.ok(rel(cf.chiPerp, et.chiPerp(a, K)) < TOL, `χ⊥ p=${p} K=${K}`);
    }
  }
});

test('MRePU small-K: ratio → 1 as K → 0 with slope 5p² − 3p; a₁ = 3p(2p−1) from Taylor data and from the map', () => {
  for (const p of [1, 2, 3]) {
    const a = mrepu(p), K = 1e-6;
    const r = et.chiRatio(a, K);
    assert.ok(Math.abs((r - 1) / K - (5 * p * p - 3 * p)) / (5 * p * p - 3 * p) < 1e-3, `p=${p}: ${(r - 1) / K}`);
    const sk = et.smallKCoefficients(a);
    assert.ok(Math.abs(sk.a1 - 3 * p * (2 * p - 1)) < 1e-6 && Math.abs(sk.b1 - p * (7 * p - 3)) < 1e-6);
    const cls = et.universalityClass(a);
    assert.equal(cls.cls, 'K*=0');
    assert.equal(cls.strict, false);
    assert.ok(Math.abs(cls.a1! - 3 * p * (2 * p - 1)) / (3 * p * (2 * p - 1)) < 1e-3);
  }
  // large K: tends to the RePU(p+1) ratio (2(p+1)−1)/(p+1) = 5/3 for p = 2
  const big = et.chiRatio(mrepu(2), 1e4);
  assert.ok(Math.abs(big - 5 / 3) < 0.02, `${big}`);
});

test('RePU kernel flow: quadrature recursion follows the exact double exponential; K* unstable with χ∥(K*) = p', () => {
  for (const cw of [0.5, 1, 3]) {
    const f = et.kernelFlow(repu(2), 1, 6, { cw, cb: 0 });
    f.K.forEach((k, i) => assert.ok(Math.abs(Math.log(k) - et.repuLogKernelExact(2, cw, 1, i + 1)) < 1e-9, `cw=${cw} layer ${i + 1}`));
  }
  const Ks = et.repuFixedPoint(2, 1);
  assert.ok(rel(Ks, 2 / 3) < 1e-14);
  const fp = et.fixedPoints(repu(2), { cw: 1, cb: 0 });
  assert.equal(fp.length, 2);
  assert.ok(rel(fp[1].K, Ks) < 1e-10 && rel(fp[1].chiPar, 2) < 1e-8 && !fp[1].stable && fp[0].stable);
  // the note's trajectory (C_W = 1): 1, 1.5, 3.4, 17, 438, 2.9e5
  const f1 = et.kernelFlow(repu(2), 1, 6, { cw: 1, cb: 0 }).K;
  assert.ok(Math.abs(f1[4] - 437.89) < 0.01);
});

test('kernelFlow records the overflow layer instead of returning ∞ or NaN', () => {
  const f = et.kernelFlow(repu(2), 1, 40, { cw: 3, cb: 0 });
  assert.ok(f.overflowAt !== null && f.overflowAt < 12, `overflow at ${f.overflowAt}`);
  assert.ok(f.K.every(Number.isFinite));
});

test('criticality: none for RePU p ≥ 2 (with the reason), ReLU scale-invariant at C_W = 2, tanh K*=0 strict, GELU half-stable and self-consistent', () => {
  for (const p of [2, 3, 4]) {
    const c = et.criticality(repu(p));
    assert.equal(c.exists, false);
    assert.match(c.reason, /never equals 1.*σ′\(0\) = 0/);
    assert.ok(Math.abs(c.ratioMin - (2 * p - 1) / p) < 1e-9);
  }
  const r = et.universalityClass(relu());
  assert.equal(r.cls, 'scale-invariant');
  assert.ok(Math.abs(r.criticality.solutions[0].cw - 2) < 1e-10);
  const t = et.universalityClass(tanhAct());
  assert.equal(t.cls, 'K*=0');
  assert.ok(t.strict && Math.abs(t.a1! + 2) < 1e-3);
  const g = et.universalityClass(gelu());
  assert.equal(g.cls, 'half-stable');
  const crit = g.criticality.solutions.find((s) => s.kind === 'finite K*');
  assert.ok(crit);
  // self-consistency: K* is a fixed point and both susceptibilities are 1 there
  assert.ok(rel(et.kernelMap(gelu(), crit!.K, crit!), crit!.K) < 1e-9);
  assert.ok(Math.abs(et.chiPar(gelu(), crit!.K, crit!.cw) - 1) < 1e-8 && Math.abs(et.chiPerp(gelu(), crit!.K, crit!.cw) - 1) < 1e-9);
  assert.equal(et.universalityClass(sigmoidAct()).cls, 'none');
});

test('two-input recursion: ReLU off-diagonal equals the arc-cosine map; identity keeps K', () => {
  const k = { k11: 1.2, k12: 0.5, k22: 0.9 };
  const m = et.kernelMap2(relu(), k, { cw: 2, cb: 0.1 });
  assert.ok(rel(m.k12, 0.1 + 2 * arcCosineKernel(1, k)) < TOL);
  assert.ok(rel(m.k11, 0.1 + 1.2) < TOL);
  const id = et.kernelMap2(identity(), k, { cw: 1, cb: 0 });
  assert.ok(rel(id.k12, 0.5) < 1e-12);
  const fl = et.kernelFlow2(repu(2), { k11: 1, k12: 0.5, k22: 1 }, 4, { cw: 1, cb: 0 });
  assert.equal(fl.K.length, 4);
  assert.ok(rel(fl.K[1].k12, arcCosineKernel(2, { k11: 1, k12: 0.5, k22: 1 })) < TOL);
});

test('four-point vertex: RePU recursion equals the closed form R = c_p (p^{2(ℓ−1)} − 1)/(p² − 1) for any C_W; ReLU R = 5(ℓ−1)', () => {
  for (const cw of [0.7, 1.3]) {
    const f = et.fourPointFlow(repu(2), 0.5, 6, { cw, cb: 0 });
    f.R.forEach((r, i) => assert.ok(Math.abs(r - et.repuFourPointR(2, i + 1)) < 1e-8 * Math.max(1, r), `layer ${i + 1}: ${r}`));
  }
  const relu6 = et.fourPointFlow(relu(), 1, 6, { cw: 2, cb: 0 });
  relu6.R.forEach((r, i) => assert.ok(Math.abs(r - 5 * i) < 1e-8));
});

test('four-point vertex: Monte Carlo of one hidden layer (exact for ℓ = 2) matches V⁽²⁾ within 4 standard errors', () => {
  // z⁽²⁾ = Σ_j W_j σ(z_j⁽¹⁾) with n₁ = 4 neurons: E z⁴ − 3(E z²)² = 3 V⁽²⁾ / n₁ exactly (no 1/n corrections at ℓ = 2).
  const rng = makeRng(5), n1 = 4, K1 = 0.8, cw = 1.5, N = 400000, a = mrepu(2);
  let m2 = 0, m4 = 0;
  const xs = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    let z = 0;
    for (let j = 0; j < n1; j++) z += Math.sqrt(cw / n1) * rng.normal() * a.f(Math.sqrt(K1) * rng.normal());
    xs[t] = z; m2 += z * z; m4 += z ** 4;
  }
  m2 /= N; m4 /= N;
  const kappa = m4 - 3 * m2 * m2;
  let v = 0;
  for (const z of xs) v += (z ** 4 - 6 * m2 * z * z - kappa) ** 2;
  const se = Math.sqrt(v / N / N);
  const V2 = et.fourPointFlow(a, K1, 2, { cw, cb: 0 }).V[1];
  assert.ok(Math.abs(kappa - (3 * V2) / n1) < 4 * se, `κ=${kappa} ± ${se}, theory ${(3 * V2) / n1}`);
});

test('bad input throws with the argument named', () => {
  assert.throws(() => et.kernelMap(relu(), 1, { cw: -1, cb: 0 }), /cw must be > 0, but got -1/);
  assert.throws(() => et.kernelMap(relu(), 1, { cw: 1, cb: -0.1 }), /cb must be >= 0, but got -0.1/);
  assert.throws(() => et.kernelFlow(relu(), 1, 0), /depth must be an integer >= 1, but got 0/);
  assert.throws(() => et.chiPar(relu(), 0), /K must be > 0, but got 0/);
  assert.throws(() => et.repuFixedPoint(1), /p must be an integer >= 2, but got 1/);
  assert.throws(() => et.firstLayerKernel([[1, 2], [3]]), /x\[1\] must have length 2, but got 1/);
  assert.throws(() => et.fourPointFlow(relu(), 1, 4, { cw: 2, cb: 0 }, [2, 3]), /widths must list/);
  assert.throws(() => et.smallKCoefficients(repu(2)), /σ′\(0\) ≠ 0/);
});

test('largestNonGrowingCw: RePU p=2 with K⁽¹⁾ = C_W gives the grid value below √(2/3); ReLU gives C_W = 2', () => {
  assert.equal(et.largestNonGrowingCw(repu(2), 1, 4), 0.8);
  assert.equal(et.largestNonGrowingCw(relu(), 1, 4, 3, 0.25), 2);
  assert.ok(Number.isNaN(et.largestNonGrowingCw(repu(2), 1e6, 3, 1, 0.5)));
  assert.throws(() => et.largestNonGrowingCw(repu(2), 1, 1), /layers must be an integer >= 2, but got 1/);
});

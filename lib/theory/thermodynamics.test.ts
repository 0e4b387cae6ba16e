import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binomBig, compositions, compositionsByConvolution, compositionsFloat64, lambda1, lambda1SeedLiteral, lnBig,
  netParams, hiddenLevels, outputLevels, thermodynamics, generatingFunction, enumerateMicrostates,
  thermoFromPolynomial, seedLiteralSUphi, polyToString, midpointThreshold, thermoCurves, deltaFromRule, claimFlags, meanActiveLevel,
  type NetParams,
} from './thermodynamics';

const TOL = 1e-10; // float64 log-space arithmetic
const close = (a: number, b: number, tol = TOL, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

/** Fixture from docs/derivations/00-chinae.md §3.2: enumeration of the g0 = g1 = 2, K = 2, δ1 = θ1 = 3, Δ = 2, m = 1 ReLU net (Chinea's M(z), *Methods*). */
const FIXTURE_M = [0, 0, 0, 1, 0, 3, 4, 2, 12, 10, 4, 13, 12, 3].map(BigInt);
const TINY = { g0: 2, g1: 2, p: 2, delta1: 3, theta1: 3, Delta: 2 };

test('binomBig: exact values and the zero convention for a < b and negative arguments', () => {
  assert.equal(binomBig(5, 2), 10n);
  assert.equal(binomBig(200, 100), 90548514656103281165404177077484163874504589675413336841320n);
  assert.equal(binomBig(3, 5), 0n);
  assert.equal(binomBig(-1, 0), 0n);
  assert.equal(binomBig(0, 0), 1n);
  assert.throws(() => binomBig(2.5, 1), /integers.*a=2.5/);
});

test('compositions: brute force for g ≤ 5, K ≤ 4', () => {
  for (let g = 1; g <= 5; g++) {
    for (let K = 1; K <= 4; K++) {
      const counts = new Array(g * K + 1).fill(0n);
      const x = new Array(g).fill(1);
      for (let s = 0; s < K ** g; s++) {
        counts[x.reduce((a, b) => a + b, 0)] += 1n;
        for (let d = 0; d < g; d++) { if (x[d] < K) { x[d]++; break; } x[d] = 1; }
      }
      assert.deepEqual(compositions(g, K), counts, `g=${g} K=${K}`);
    }
  }
});

test('compositions: inclusion–exclusion equals convolution for big coefficients (g0 up to 60, K up to 10)', () => {
  for (const [g, K] of [[20, 4], [30, 2], [60, 10], [45, 7]]) {
    const a = compositions(g, K), b = compositionsByConvolution(g, K);
    assert.equal(a.length, b.length);
    assert.ok(a.every((v, i) => v === b[i]), `g=${g} K=${K}`);
  }
});

test('compositions: invariants (total K^g, symmetry, support, non-negative)', () => {
  for (const [g, K] of [[7, 3], [25, 4], [40, 2]]) {
    const c = compositions(g, K);
    assert.equal(c.reduce((s, v) => s + v, 0n), BigInt(K) ** BigInt(g));
    for (let n = 0; n <= g * K; n++) {
      assert.ok(c[n] >= 0n);
      if (n < g) assert.equal(c[n], 0n);
      else assert.equal(c[n], c[g * (K + 1) - n], `symmetry n=${n}`);
    }
  }
});

test('float64 inclusion–exclusion breaks down (docs/derivations/00-chinae.md §3.1), BigInt does not', () => {
  const exact = compositions(30, 2), f = compositionsFloat64(30, 2);
  const relErr = Math.max(...exact.map((v, i) => (v === 0n ? 0 : Math.abs(f[i] - Number(v)) / Number(v))));
  assert.ok(relErr > 1, `expected garbage in float64, got max rel. error ${relErr}`);
  const small = compositionsFloat64(6, 3), se = compositions(6, 3);
  assert.ok(small.every((v, i) => v === Number(se[i])));
});

test('lambda1: closed form equals the sum of compositions below threshold; the seed-literal form is δ1 − g0', () => {
  for (const [g, K] of [[3, 2], [10, 3], [50, 4]]) {
    const c = compositions(g, K);
    for (let t = g + 1; t <= g * K; t += Math.max(1, Math.floor(g / 3))) {
      assert.equal(lambda1(g, K, t), c.slice(0, t).reduce((s, v) => s + v, 0n), `g=${g} K=${K} δ=${t}`);
      assert.equal(lambda1SeedLiteral(g, K, t), BigInt(t - g));
    }
  }
});

test('lnBig: exact for small values, accurate for huge ones, −∞ at 0', () => {
  close(lnBig(12345n), Math.log(12345), 1e-15);
  close(lnBig(2n ** 5000n), 5000 * Math.LN2, 1e-14);
  close(lnBig(3n ** 3000n * 7n), 3000 * Math.log(3) + Math.log(7), 1e-14);
  assert.equal(lnBig(0n), -Infinity);
  assert.throws(() => lnBig(-1n), /x ≥ 0.*-1/);
});

test('M(z): matches the docs/derivations/00-chinae.md §3.2 fixture and brute-force enumeration of every microstate', () => {
  const P = netParams(TINY);
  assert.deepEqual(generatingFunction(P), FIXTURE_M);
  assert.deepEqual(enumerateMicrostates(P), FIXTURE_M);
  assert.equal(polyToString(FIXTURE_M).slice(0, 14), 'z^3 + 3 z^5 + ');
});

test('M(z) = enumeration for every hidden-unit model and a few shapes', () => {
  const cases: Partial<NetParams>[] = [
    { hidden: 'relu', reluLevel: 'H1' }, { hidden: 'relu', reluLevel: 'H2' },
    { hidden: 'sigmoid' }, { hidden: 'tanh', tanhReading: 'gap2' },
  ];
  for (const shape of [{ g0: 3, g1: 2, p: 2 }, { g0: 2, g1: 3, p: 3 }, { g0: 1, g1: 2, p: 2 }]) {
    for (const c of cases) {
      const P = netParams({ ...shape, ...c });
      assert.deepEqual(generatingFunction(P), enumerateMicrostates(P), JSON.stringify({ ...shape, ...c }));
    }
  }
  // symmetric tanh has level m − Δ = −1 < 0 with Δ = K = 2: not a polynomial, refused clearly
  assert.throws(() => generatingFunction(netParams({ g0: 2, hidden: 'tanh', tanhReading: 'symmetric' })), /integer energies m \+ e ≥ 0/);
});

test('thermodynamics = the same quantities read off the exact M(z)', () => {
  for (const c of [{ hidden: 'relu' as const }, { hidden: 'relu' as const, reluLevel: 'H2' as const }, { hidden: 'sigmoid' as const }, { hidden: 'tanh' as const }]) {
    const P = netParams({ g0: 3, g1: 3, p: 2, ...c });
    const M = generatingFunction(P);
    for (const beta of [0.05, 0.7, 3]) {
      const a = thermodynamics(P, beta), b = thermoFromPolynomial(M, beta);
      close(a.lnZ, b.lnZ, 1e-12, 'lnZ');
      close(a.U, b.U, 1e-12, 'U');
      close(a.S, b.S, 1e-12, 'S');
      close(a.C, b.C, 1e-10, 'C');
      close(a.Uphi, a.U - P.m * (P.g1 + 1), 1e-12);
    }
  }
});

test('C = −β dS/dβ = β² d²lnZ/dβ², and U = −d lnZ/dβ, by finite differences', () => {
  const P = netParams({ g0: 12, p: 3 });
  for (const beta of [0.2, 1, 2.5]) {
    const h = 1e-4 * beta;
    const t = thermodynamics(P, beta), tp = thermodynamics(P, beta + h), tm = thermodynamics(P, beta - h);
    close(t.U, -(tp.lnZ - tm.lnZ) / (2 * h), 1e-7, 'U');
    close(t.C, -beta * (tp.S - tm.S) / (2 * h), 1e-6, 'C via S');
    close(t.C, beta * beta * (tp.lnZ - 2 * t.lnZ + tm.lnZ) / (h * h), 1e-4, 'C via lnZ');
  }
});

test('limits: β → 0 gives S → (g0 g1 + g1) ln K, C → 0; β → ∞ gives ground-state degeneracy, U_φ → 0', () => {
  for (const hidden of ['relu', 'sigmoid', 'tanh'] as const) {
    const P = netParams({ g0: 9, g1: 3, p: 3, hidden });
    const K = 3;
    const hot = thermodynamics(P, 1e-7);
    close(hot.S, (P.g0 * P.g1 + P.g1) * Math.log(K), 1e-5, `${hidden} S(β→0)`);
    assert.ok(hot.C < 1e-6);
    const cold = thermodynamics(P, 60);
    const ground = P.g1 * lnBig(hiddenLevels(P)[0].g) + lnBig(outputLevels(P)[0].g);
    close(cold.S, ground, 1e-9, `${hidden} S(β→∞)`);
    assert.ok(cold.Uphi < 1e-12 && cold.C < 1e-12);
  }
});

test('S is non-increasing in β and C ≥ 0 along a β grid', () => {
  const P = netParams({ g0: 20, p: 2 });
  let prev = Infinity;
  for (let beta = 0.01; beta < 10; beta *= 1.3) {
    const t = thermodynamics(P, beta);
    assert.ok(t.S <= prev + 1e-12, `S increased at β=${beta}`);
    assert.ok(t.C >= 0);
    prev = t.S;
  }
});

test('P0 values at g0 = 10, β = 1 (docs/derivations/00-chinae.md §3.6 table)', () => {
  const want = { 'relu-H1': [22.2, 0.82], 'relu-H2': [11.3, 1.67], sigmoid: [10.7, 2.02], tanh: [16.2, 1.73] } as const;
  const got = {
    'relu-H1': thermodynamics(netParams({ g0: 10 }), 1),
    'relu-H2': thermodynamics(netParams({ g0: 10, reluLevel: 'H2' }), 1),
    sigmoid: thermodynamics(netParams({ g0: 10, hidden: 'sigmoid' }), 1),
    tanh: thermodynamics(netParams({ g0: 10, hidden: 'tanh' }), 1),
  };
  for (const k of Object.keys(want) as (keyof typeof want)[]) {
    close(got[k].SoverUphi, want[k][0], 0.06 / want[k][0], `${k} S/Uφ`);
    close(got[k].C, want[k][1], 0.006 / want[k][1], `${k} C`);
  }
});

test('tanh readings: symmetric and gap-2Δ give the same S and C, U_φ shifted by −g1 Δ', () => {
  const a = thermodynamics(netParams({ g0: 7, hidden: 'tanh', tanhReading: 'gap2' }), 0.8);
  const b = thermodynamics(netParams({ g0: 7, hidden: 'tanh', tanhReading: 'symmetric' }), 0.8);
  close(a.S, b.S, 1e-12);
  close(a.C, b.C, 1e-12);
  close(b.Uphi, a.Uphi - 2 * 2, 1e-12);
});

test('the seed-literal S and U_φ (typos 2, 3) disagree with enumeration; the corrected ones agree', () => {
  const P = netParams(TINY);
  const beta = 1;
  const exact = thermoFromPolynomial(enumerateMicrostates(P), beta);
  const fixed = thermodynamics(P, beta);
  const lit = seedLiteralSUphi(P, beta);
  close(fixed.S, exact.S, 1e-12);
  close(fixed.Uphi, exact.U - 3, 1e-12);
  assert.ok(Math.abs(lit.Uphi - (exact.U - 3)) > 0.1, `literal U_φ ${lit.Uphi} should differ from ${exact.U - 3}`);
  assert.ok(Math.abs(lit.S - exact.S) > 0.1);
  assert.throws(() => seedLiteralSUphi(netParams({ g0: 2, hidden: 'sigmoid' }), 1), /ReLU hidden units only/);
});

test('thermoCurves and Δ rules', () => {
  const rows = thermoCurves([2, 3], [{ label: 'ReLU', hidden: 'relu' }, { label: 'sigmoid', hidden: 'sigmoid' }], { beta: 1 });
  assert.equal(rows.length, 4);
  assert.ok(rows.every((r) => Number.isFinite(r.SoverUphi) && r.C > 0));
  assert.equal(deltaFromRule('g0K/2', 5, 2), 5);
  assert.equal(midpointThreshold(10, 2), 15);
  assert.throws(() => deltaFromRule('x' as never, 5, 2), /Delta rule.*'x'/);
});

test('meanActiveLevel: the count-weighted mean active ReLU level, by brute force; H2 = H1 − δ1 + 1; guarded', () => {
  // g0 = 3, K = 2: excitations 3…6 with counts 1, 3, 3, 1; δ1 = ⌈9/2⌉ = 5: levels 5 (3 ways) and 6 (1 way)
  assert.ok(Math.abs(meanActiveLevel(3, 2) - (5 * 3 + 6) / 4) < 1e-9);
  assert.ok(Math.abs(meanActiveLevel(3, 2, 5, 'H2') - (1 * 3 + 2) / 4) < 1e-9);
  for (const g0 of [2, 7, 12]) assert.ok(Math.abs(meanActiveLevel(g0, 2, undefined, 'H1') - midpointThreshold(g0, 2) + 1 - meanActiveLevel(g0, 2, undefined, 'H2')) < 1e-8);
  assert.equal(deltaFromRule('meanTheta', 3, 2), meanActiveLevel(3, 2));
  assert.equal(deltaFromRule('meanTheta', 3, 2, 'H2'), meanActiveLevel(3, 2, 5, 'H2'));
  assert.throws(() => meanActiveLevel(3, 2, 99), /delta1/);
  assert.throws(() => meanActiveLevel(3, 2, 5, 'H3' as never), /reluLevel must be H1 or H2, but got 'H3'/);
  assert.throws(() => meanActiveLevel(0, 2), /g0|g must/);
});

test('bad input is refused with a message naming the argument and value', () => {
  assert.throws(() => netParams({ g0: 0 }), /g0 must be an integer >= 1, but got 0/);
  assert.throws(() => netParams({ g0: 2.5 }), /g0 must be an integer >= 1, but got 2.5/);
  assert.throws(() => netParams({ g0: 4, delta1: 4 }), /delta1 must be an integer in \[g\+1, g·K\] = \[5, 8\].*got 4/);
  assert.throws(() => netParams({ g0: 4, delta1: 9 }), /delta1 .*got 9/);
  assert.throws(() => netParams({ g0: 4, theta1: 1 }), /theta1 .*got 1/);
  assert.throws(() => netParams({ g0: 4, p: 1 }), /K = m·p must be an integer ≥ 2.*K=1/);
  assert.throws(() => netParams({ g0: 4, Delta: -1 }), /Delta must be > 0, but got -1/);
  assert.throws(() => netParams({ g0: 4, hidden: 'gelu' as never }), /hidden must be .*'gelu'/);
  assert.throws(() => thermodynamics(netParams({ g0: 4 }), 0), /beta must be > 0, but got 0/);
  assert.throws(() => thermodynamics(netParams({ g0: 4 }), NaN), /beta must be a finite number, but got NaN/);
  assert.throws(() => compositions(0, 2), /g0 \(number of inputs\) must be an integer >= 1, but got 0/);
  assert.throws(() => lambda1(3, 2, 7), /threshold δ .*got 7/);
  assert.throws(() => enumerateMicrostates(netParams({ g0: 10, g1: 3 })), /K\^\(g0·g1\+g1\) = .* more than maxStates/);
});

test('claimFlags: the docs/derivations/00-chinae.md §3.6 table (H1, K = 2, β = 1, Δ = K: (a) 0, (b) 1, (c) .95, (d) .95 over g0 = 2…20)', () => {
  const g0s = Array.from({ length: 19 }, (_, i) => i + 2);
  const flags = g0s.map((g0) => claimFlags(g0, { beta: 1, p: 2, deltaRule: 'K', reluLevel: 'H1', other: 'sigmoid' }));
  const frac = (k: keyof (typeof flags)[0]) => flags.filter((f) => f[k]).length / g0s.length;
  assert.equal(frac('higherEntropy'), 0);
  assert.equal(frac('lowerPotential'), 1);
  assert.ok(Math.abs(frac('higherRatio') - 0.95) < 0.01);
  assert.ok(Math.abs(frac('lowerHeatCapacity') - 0.95) < 0.01);
  const h2 = g0s.map((g0) => claimFlags(g0, { beta: 1, p: 2, deltaRule: 'K', reluLevel: 'H2', other: 'sigmoid' }));
  assert.ok(Math.abs(h2.filter((f) => f.higherEntropy).length / 19 - 0.84) < 0.01);
});

test('lambda1 at large g: equals the composition sum (g = 300) and the normal approximation (g = 4096)', () => {
  const c = compositions(300, 3);
  for (const t of [301, 450, 600, 899]) assert.equal(lambda1(300, 3, t), c.slice(0, t).reduce((s, v) => s + v, 0n), `δ=${t}`);
  // CLT with continuity correction: P(n < θ) ≈ Φ((θ − 1/2 − g(K+1)/2) / sqrt(g(K²−1)/12)); error O(1/g)
  const g = 4096, K = 2;
  const phi = (z: number) => 0.5 * (1 + erfApprox(z / Math.SQRT2));
  for (const t of [midpointThreshold(g, K), midpointThreshold(g, K) + 40]) {
    const ratio = Math.exp(lnBig(lambda1(g, K, t)) - g * Math.log(K));
    const clt = phi((t - 0.5 - (g * (K + 1)) / 2) / Math.sqrt((g * (K * K - 1)) / 12));
    assert.ok(Math.abs(ratio - clt) < 1e-3, `δ=${t}: exact ${ratio} vs CLT ${clt}`);
  }
});

/** erf to 1e-7 (Abramowitz–Stegun 7.1.26 is too coarse; use a series/continued fraction split). */
function erfApprox(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  if (a < 3) { let sum = a, term = a; for (let n = 1; n < 100; n++) { term *= (-a * a) / n; sum += term / (2 * n + 1); } return (s * 2 * sum) / Math.sqrt(Math.PI); }
  return s * 1;
}

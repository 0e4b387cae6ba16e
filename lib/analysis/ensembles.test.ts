import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { sampleEnsembleMetric, sampleEnsembleTf, ksTwoSample, choleskyPsd, networkKernels, networkChiPerp, memberPowerSums, ensembleVertex, bootstrapVertex, layerVertex, stratifiedBootstrap, type EnsembleSpec } from './ensembles';
import { relu, repu, mrepu } from '../core/activations';
import { kernelFlow, fourPointFlow } from '../theory/effective-theory';
import { buildMlp } from '../networks/train';
import { makeRng } from '../core/rng';

before(async () => { await tf.setBackend('cpu'); });

const base = (over: Partial<EnsembleSpec> = {}): EnsembleSpec => ({
  activation: repu(2), cw: 1, cb: 0, inputs: [[1, 1], [1, -0.5]], width: 32, depth: 4, members: 300, seed: 1, ...over,
});

test('choleskyPsd: L Lᵀ = A, and a rank-one matrix gives a zero second pivot', () => {
  const A = [4, 2, 2, 3];
  const L = choleskyPsd(A, 2);
  assert.ok(Math.abs(L[0] * L[0] - 4) < 1e-14 && Math.abs(L[2] * L[0] - 2) < 1e-14 && Math.abs(L[2] ** 2 + L[3] ** 2 - 3) < 1e-14);
  const R = choleskyPsd([1, 1, 1, 1], 2);
  assert.equal(R[3], 0);
});

test('KS two-sample: D = 0 for identical samples; a 1σ shift is detected at n = 500', () => {
  const rng = makeRng(2);
  const a = Array.from({ length: 500 }, () => rng.normal()), b = Array.from({ length: 500 }, () => rng.normal() + 1);
  assert.deepEqual(ksTwoSample(a, a), { D: 0, pValue: 1 });
  assert.ok(ksTwoSample(a, b).pValue < 1e-10);
});

test('(b) stochastic metric: ReLU at C_W = 2 keeps the kernel and grows V like 5(ℓ−1)K² (infinite-width recursion; 1/n effects and sampling noise within 20%)', () => {
  const r = sampleEnsembleMetric(base({ activation: relu(), cw: 2, width: 128, depth: 5, members: 1500, inputs: [[1, -1]] }));
  assert.equal(r.valid, 1500);
  const th = fourPointFlow(relu(), 2, 5, { cw: 2, cb: 0 }); // K⁽¹⁾ = C_W |x|²/n₀ = 2
  r.layers.forEach((L, i) => {
    assert.ok(Math.abs(L.kernel[0] - 2) < 0.06, `K at layer ${i + 1}: ${L.kernel[0]}`);
    if (i >= 2) {
      assert.ok(Math.abs(L.Vmetric - th.V[i]) / th.V[i] < 0.2, `Vmetric layer ${i + 1}: ${L.Vmetric} vs ${th.V[i]}`);
      assert.ok(Math.abs(L.V - th.V[i]) / th.V[i] < 0.3, `V layer ${i + 1}: ${L.V} vs ${th.V[i]}`);
    }
  });
});

test('(a) TF.js forward pass and (b) stochastic metric agree in distribution (two-sample KS); layers 1–2 follow the recursion', () => {
  for (const act of [repu(2), mrepu(2)]) {
    // MRePU needs a small K⁽¹⁾ to stay finite over 4 layers (docs/derivations/02-repu-mrepu.md §3.6, flat-kernel condition)
    const s = act.name === 'repu' ? 0.6 : 0.1;
    const spec = base({ activation: act, cw: act.name === 'repu' ? 1.2 : 0.9, inputs: [[s, s], [s, -s / 2]], keepLayer: 4 });
    const a = sampleEnsembleTf({ ...spec, seed: 10 }), b = sampleEnsembleMetric({ ...spec, seed: 20 });
    assert.equal(a.valid + a.overflowed, 300);
    // layer-4 preactivations of neuron 0, input 0, one value per member (independent across members)
    const pick = (r: typeof a) => Array.from({ length: r.valid }, (_, m) => r.kept![m * 32 * 2]);
    const ks = ksTwoSample(pick(a), pick(b));
    assert.ok(ks.pValue > 0.01, `${act.label}: KS D=${ks.D} p=${ks.pValue}`);
    const ksK = ksTwoSample(a.memberKernels[3], b.memberKernels[3]);
    assert.ok(ksK.pValue > 0.01, `${act.label}: KS on K̂ p=${ksK.pValue}`);
    // E K̂⁽ˡ⁾ = K⁽ˡ⁾ exactly for ℓ = 1, 2 (layer 1 is Gaussian); deeper layers carry O(V/n) corrections
    const th = kernelFlow(act, spec.cw * s * s, 2, { cw: spec.cw, cb: 0 }).K;
    for (const r of [a, b]) th.forEach((k, i) => {
      const L = r.layers[i], se = L.kernelStd[0] / Math.sqrt(r.valid);
      assert.ok(Math.abs(L.kernel[0] - k) < 5 * se, `${r.method} ${act.label} layer ${i + 1}: ${L.kernel[0]} ± ${se} vs ${k}`);
    });
  }
});

test('the KS comparison has power: different C_W is rejected', () => {
  const spec = base({ keepLayer: 4 });
  const a = sampleEnsembleMetric({ ...spec, cw: 1.0 }), b = sampleEnsembleMetric({ ...spec, cw: 1.4, seed: 2 });
  assert.ok(ksTwoSample(a.memberKernels[3], b.memberKernels[3]).pValue < 1e-6);
});

test('overflowed members are detected, excluded and counted by both samplers (RePU, C_W = 3, depth 10)', () => {
  const spec = base({ cw: 3, width: 16, depth: 10, members: 40, inputs: [[1.5, 1.5]] });
  for (const r of [sampleEnsembleMetric(spec), sampleEnsembleTf(spec)]) {
    assert.ok(r.overflowed > 20, `${r.method}: ${r.overflowed} overflowed`);
    assert.equal(r.valid + r.overflowed, 40);
    assert.equal(r.overflowLayers.length, r.overflowed);
    assert.ok(r.overflowLayers.every((l) => l >= 2 && l <= 10));
    r.layers.forEach((L) => assert.ok(r.valid === 0 || L.kernel.every(Number.isFinite)));
  }
});

test('networkKernels and networkChiPerp on a built Mlp match the theory at initialisation (ReLU, C_W = 2)', () => {
  const mlp = buildMlp({ inputDim: 2, widths: [256, 256], outputDim: 1, activation: relu(), cw: 2, seed: 3 });
  const rng = makeRng(4);
  const x = Array.from({ length: 64 }, () => [rng.normal(), rng.normal()]);
  const ks = networkKernels(mlp, x);
  assert.equal(ks.length, 3);
  const k1 = x.reduce((s, v) => s + v[0] ** 2 + v[1] ** 2, 0) / x.length; // C_W |x|²/n₀ averaged = 2·|x|²/2
  ks.slice(0, 2).forEach((k, i) => assert.ok(Math.abs(k - k1) / k1 < 0.25, `layer ${i + 1}: ${k} vs ${k1}`));
  const chi = networkChiPerp(mlp, x);
  chi.forEach((c) => assert.ok(Math.abs(c - 1) < 0.1, `χ⊥ ${c}`));
  mlp.dispose();
});

test('bad input throws with the argument named', () => {
  assert.throws(() => sampleEnsembleMetric(base({ width: 0 })), /width must be an integer >= 1, but got 0/);
  assert.throws(() => sampleEnsembleMetric(base({ cw: 0 })), /cw must be > 0, but got 0/);
  assert.throws(() => sampleEnsembleMetric(base({ inputs: [[1, 2], [1]] })), /inputs\[1\] must have length 2, but got 1/);
  assert.throws(() => sampleEnsembleTf(base({ keepLayer: 9 })), /keepLayer must be <= depth \(4\), but got 9/);
  assert.throws(() => sampleEnsembleMetric(base({ inputs: [[NaN, 1]] })), /inputs\[0\]\[0\] must be a finite number, but got NaN/);
});

test('memberPowerSums + ensembleVertex: V̂ ≈ 0 for Gaussian z, equals the Accumulator formula (eq. 3) at zero mean, ignores a shift; bootstrap sd shrinks with members', () => {
  const rng = makeRng(21);
  const E = 200, B = 3, n = 16;
  const z = Float64Array.from({ length: E * B * n }, () => rng.normal() * 0.5);
  const ps = memberPowerSums(z, E, B, n);
  const g = ensembleVertex(ps, n);
  assert.ok(Math.abs(g.K - 0.25) < 0.02, `K ${g.K}`);
  assert.ok(Math.abs(g.R) < 0.6, `Gaussian R ${g.R}`);
  // heavy-tailed (Student-like: scale mixture) z gives a positive vertex; a constant shift leaves V unchanged
  const zt = Float64Array.from({ length: E * B * n }, (_, t) => rng.normal() * (Math.floor(t / (B * n)) % 2 ? 1 : 0.3));
  const vt = ensembleVertex(memberPowerSums(zt, E, B, n), n);
  const vs = ensembleVertex(memberPowerSums(zt.map((v) => v + 2), E, B, n), n);
  assert.ok(vt.V > 0.1);
  assert.ok(Math.abs(vs.V - vt.V) < 1e-9 * Math.abs(vt.V) + 1e-12);
  // direct eq. (3) on input 0
  let m2 = 0, m4 = 0, cnt = 0;
  for (let m = 0; m < E; m++) for (let i = 0; i < n; i++) { const v = zt[(m * B) * n + i]; m2 += v * v; m4 += v ** 4; cnt++; }
  m2 /= cnt; m4 /= cnt;
  const one = memberPowerSums(Float64Array.from({ length: E * n }, (_, t) => zt[Math.floor(t / n) * B * n + (t % n)]), E, 1, n);
  // central (ours) vs raw (eq. 3) moments differ only by the small sample mean here
  assert.ok(Math.abs(ensembleVertex(one, n).V - (n / 3) * (m4 - 3 * m2 * m2)) < 0.05 * Math.abs((n / 3) * (m4 - 3 * m2 * m2)));
  const bSmall = bootstrapVertex(memberPowerSums(zt.subarray(0, 40 * B * n), 40, B, n), n, 100, 1);
  const bBig = bootstrapVertex(memberPowerSums(zt, E, B, n), n, 100, 1);
  assert.ok(bBig.sdV < bSmall.sdV && bBig.sdV > 0, `${bBig.sdV} vs ${bSmall.sdV}`);
  assert.equal(bootstrapVertex(ps, n, 10, 2, [0, 1, 2]).K, ensembleVertex(ps, n, Float64Array.from({ length: E }, (_, m) => (m < 3 ? 1 : 0))).K);
  assert.throws(() => memberPowerSums(z, E, B, n + 1), /members·inputs·neurons/);
  assert.throws(() => bootstrapVertex(ps, n, 10, 1, []), /members/);
});

test('layerVertex: all members reproduce the layer statistics; a resample equals eq. (3) computed by hand on the repeated members', () => {
  const res = sampleEnsembleMetric(base({ inputs: [[1, 1]], members: 60, depth: 3, activation: mrepu(2), cw: 0.5 }));
  for (let l = 1; l <= 3; l++) {
    const v = layerVertex(res, l), L = res.layers[l - 1];
    assert.ok(Math.abs(v.V - L.V) <= 1e-9 * Math.abs(L.V) + 1e-12, `layer ${l}: ${v.V} vs ${L.V}`);
    assert.ok(Math.abs(v.K - L.kernel[0]) <= 1e-12 * L.kernel[0]);
  }
  // second route: materialise the resample (member 0 three times, member 5 once) as one ensemble of 4
  const idx = [0, 0, 0, 5];
  const m2 = idx.reduce((s, m) => s + res.memberKernels[2][m], 0) / 4, m4 = idx.reduce((s, m) => s + res.memberM4[2][m], 0) / 4;
  const want = (32 / 3) * (m4 - 3 * m2 * m2);
  assert.ok(Math.abs(layerVertex(res, 3, idx).V - want) <= 1e-12 * Math.abs(want));
  assert.equal(res.nPrev[0], 2);
  assert.equal(res.nPrev[1], 32);
  assert.throws(() => layerVertex(res, 4), /layer must be <= 3/);
  assert.throws(() => layerVertex(res, 1, [0, 99]), /member index must be an integer in \[0, 60\)/);
});

test('stratifiedBootstrap: the interval of a mean matches the t interval at large n, groups are resampled on their own, and it is seeded', () => {
  const rng = makeRng(33);
  const a = Array.from({ length: 400 }, () => rng.normal() * 2 + 1), b = Array.from({ length: 50 }, () => rng.normal());
  const meanOf = (xs: number[], idx: number[]) => idx.reduce((s, i) => s + xs[i], 0) / idx.length;
  const iv = stratifiedBootstrap([a.length], ([i]) => meanOf(a, i), { B: 2000, seed: 1 });
  const m = a.reduce((s, v) => s + v, 0) / a.length, sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
  const half = 1.96 * sd / Math.sqrt(a.length);
  assert.ok(Math.abs(iv.estimate - m) < 1e-12);
  assert.ok(Math.abs((iv.hi - iv.lo) / 2 - half) < 0.1 * half, `bootstrap half-width ${(iv.hi - iv.lo) / 2} vs normal ${half}`);
  // two groups: the difference of means; its spread is dominated by the small group (sd 1/√50 vs 2/√400)
  const d = stratifiedBootstrap([a.length, b.length], ([i, j]) => meanOf(a, i) - meanOf(b, j), { B: 2000, seed: 1 });
  const want = 1.96 * Math.hypot(2 / Math.sqrt(400), 1 / Math.sqrt(50));
  assert.ok(Math.abs((d.hi - d.lo) / 2 - want) < 0.15 * want, `${(d.hi - d.lo) / 2} vs ${want}`);
  assert.deepEqual(stratifiedBootstrap([a.length], ([i]) => meanOf(a, i), { B: 200, seed: 9 }), stratifiedBootstrap([a.length], ([i]) => meanOf(a, i), { B: 200, seed: 9 }));
  // a biased statistic (the minimum) keeps the estimate inside the interval
  const mn = stratifiedBootstrap([b.length], ([i]) => Math.min(...i.map((k) => b[k])), { B: 200 });
  assert.ok(mn.lo <= mn.estimate && mn.estimate <= mn.hi);
  assert.throws(() => stratifiedBootstrap([1], () => 0), /sizes\[0\] must be >= 2/);
  assert.throws(() => stratifiedBootstrap([5], () => NaN), /statistic on the full sample must be finite/);
  assert.throws(() => stratifiedBootstrap([5], () => 0, { B: 10 }), /B must be >= 100/);
});

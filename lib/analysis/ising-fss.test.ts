import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolateAt, weightedLinearFit, fitInterval, powerLawExponent, extrapolateInverseL, crossingInterval, weightedMeanDeviation } from './ising-fss';
import { exactObservables, densityOfStates } from '../theory/ising-mc';
import { makeRng } from '../core/rng';

const close = (a: number, b: number, tol: number, msg = '') => assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

test('interpolateAt: exact on a line, error propagated (midpoint: √(σ₁² + σ₂²)/2), grid ends', () => {
  const ts = [1, 2, 3], ys = [5, 7, 9], es = [0.3, 0.4, 0.1];
  const m = interpolateAt(ts, ys, es, 1.5);
  close(m.value, 6, 1e-12);
  close(m.err, Math.hypot(0.3, 0.4) / 2, 1e-12);
  close(interpolateAt(ts, ys, es, 3).value, 9, 1e-12);
  close(interpolateAt(ts, ys, es, 3).err, 0.1, 1e-12);
  close(interpolateAt(ts, ys, es, 1).err, 0.3, 1e-12);
  assert.throws(() => interpolateAt(ts, ys, es, 3.5), /T must lie in the grid/);
  assert.throws(() => interpolateAt([1, 1, 2], ys, es, 1.5), /strictly ascending/);
});

test('weightedLinearFit: exact line recovered; two points give the two-point slope and its propagated error', () => {
  const f = weightedLinearFit([0, 1, 2, 3], [1, 3, 5, 7], [0.1, 0.2, 0.1, 0.3]);
  close(f.slope, 2, 1e-12);
  close(f.intercept, 1, 1e-12);
  close(f.chi2, 0, 1e-20);
  assert.equal(f.dof, 2);
  // two points: slope = Δy/Δx, se = √(σ₁² + σ₂²)/|Δx| (second route, by hand)
  const g = weightedLinearFit([2, 5], [1, 4], [0.3, 0.4]);
  close(g.slope, 1, 1e-12);
  close(g.seSlope, 0.5 / 3, 1e-12);
  // equal σ: se of the slope is σ/√Σ(x − x̄)² (ordinary least squares)
  const h = weightedLinearFit([0, 1, 2, 3, 4], [0.1, 0.9, 2.2, 2.8, 4.1], [0.2, 0.2, 0.2, 0.2, 0.2]);
  close(h.seSlope, 0.2 / Math.sqrt(10), 1e-12);
  assert.throws(() => weightedLinearFit([1, 1], [0, 1], [1, 1]), /two distinct values/);
  assert.throws(() => weightedLinearFit([1, 2], [0, 1], [1, 0]), /sigmas\[1\] must be a finite standard error > 0/);
});

test('fitInterval: normal quantile with known σ; inflated by √(χ²/dof) with a t quantile when the scatter is larger', () => {
  const a = fitInterval(1, 0.1, { chi2: 0.5, dof: 2 }, 4);
  close(a.hi - a.estimate, 1.959964 * 0.1, 1e-6);
  const b = fitInterval(1, 0.1, { chi2: 8, dof: 2 }, 4);
  close(b.hi - b.estimate, 4.302653 * 0.1 * 2, 1e-5); // t_{0.975, 2} = 4.302653
});

test('powerLawExponent and extrapolateInverseL: exact data, and 95 % coverage on noisy synthetic data', () => {
  const Ls = [8, 16, 32, 64];
  const exact = powerLawExponent(Ls, Ls.map((L) => ({ value: 1.2 * L ** -0.125, err: 1e-3 })));
  close(exact.interval.estimate, -0.125, 1e-12);
  const ex2 = extrapolateInverseL(Ls, Ls.map((L) => ({ value: -Math.SQRT2 - 0.6 / L, err: 1e-3 })));
  close(ex2.interval.estimate, -Math.SQRT2, 1e-12);
  close(ex2.c, -0.6, 1e-12);
  const rng = makeRng(5);
  let hitP = 0, hitE = 0;
  const R = 2000;
  for (let r = 0; r < R; r++) {
    const ys = Ls.map((L) => { const v = 1.2 * L ** -0.125, s = 0.004 * v; return { value: v + s * rng.normal(), err: s }; });
    const iv = powerLawExponent(Ls, ys).interval;
    if (iv.lo <= -0.125 && -0.125 <= iv.hi) hitP++;
    const es = Ls.map((L) => ({ value: -Math.SQRT2 - 0.6 / L + 0.002 * rng.normal(), err: 0.002 }));
    const ie = extrapolateInverseL(Ls, es).interval;
    if (ie.lo <= -Math.SQRT2 && -Math.SQRT2 <= ie.hi) hitE++;
  }
  // the χ²-inflated interval is conservative: coverage at or somewhat above 95 %
  assert.ok(hitP / R > 0.93 && hitP / R < 0.995, `coverage of the exponent ${hitP / R}`);
  assert.ok(hitE / R > 0.93 && hitE / R < 0.995, `coverage of the extrapolation ${hitE / R}`);
});

test('powerLawExponent on exact lattices (enumeration, L = 2, 3, 4): ⟨|m|⟩ decreases with L at T_c', () => {
  const Tc = 2 / Math.log(1 + Math.SQRT2);
  const ys = [2, 3, 4].map((L) => ({ value: exactObservables(L, Tc, 1, densityOfStates(L)).absM, err: 1e-6 }));
  const p = powerLawExponent([2, 3, 4], ys).interval.estimate;
  // second route: the two-point log slope between L = 2 and 4 has the same sign and similar size
  const two = Math.log(ys[2].value / ys[0].value) / Math.log(2);
  assert.ok(p < 0 && two < 0, `exponents ${p}, ${two}`);
  close(p, two, 0.05, 'fit vs two-point slope');
});

test('crossingInterval: noiseless crossing is exact; with noise the interval covers the true crossing; null when no crossing', () => {
  const ts = [0, 1, 2, 3, 4];
  const a = ts.map((t) => ({ value: 0.5 * t, err: 1e-9 })), b = ts.map((t) => ({ value: 2 - 0.5 * t, err: 1e-9 }));
  const c = crossingInterval(ts, a, b, { B: 200, seed: 3 })!;
  close(c.interval.estimate, 2, 1e-12);
  close(c.interval.hi - c.interval.lo, 0, 1e-6);
  assert.equal(c.crossed, 200);
  // coverage: noisy curves around the same lines
  const rng = makeRng(9);
  let hit = 0;
  const R = 200;
  for (let r = 0; r < R; r++) {
    const an = ts.map((t) => ({ value: 0.5 * t + 0.05 * rng.normal(), err: 0.05 })), bn = ts.map((t) => ({ value: 2 - 0.5 * t + 0.05 * rng.normal(), err: 0.05 }));
    const x = crossingInterval(ts, an, bn, { B: 200, seed: r });
    if (x && x.interval.lo <= 2 && 2 <= x.interval.hi) hit++;
  }
  assert.ok(hit / R > 0.88, `coverage ${hit / R}`);
  const same = crossingInterval(ts, a, b, { B: 200, seed: 3 })!;
  assert.deepEqual(same, c, 'fixed seed → same interval');
  assert.equal(crossingInterval(ts, a, a.map((m) => ({ ...m, value: m.value + 1 })), { B: 50 }), null);
});

test('weightedMeanDeviation: inverse-variance mean by hand; interval covers 0 for unbiased data; bad errors throw', () => {
  const w = weightedMeanDeviation([{ value: 1.1, err: 0.1 }, { value: 2.0, err: 0.2 }], [1, 2.2]);
  // deviations 0.1 (w 100) and −0.2 (w 25): mean (10 − 5)/125 = 0.04, se = 1/√125
  close(w.interval.estimate, 0.04, 1e-12);
  close(w.maxSigma, 1, 1e-12);
  const rng = makeRng(4);
  let hit = 0;
  for (let r = 0; r < 500; r++) {
    const iv = weightedMeanDeviation([0, 1, 2, 3].map((i) => ({ value: i + 0.01 * rng.normal(), err: 0.01 })), [0, 1, 2, 3]).interval;
    if (iv.lo <= 0 && 0 <= iv.hi) hit++;
  }
  assert.ok(hit / 500 > 0.93, `coverage ${hit / 500}`);
  assert.throws(() => weightedMeanDeviation([{ value: 1, err: 0 }], [1]), /errors\[0\] must be a finite standard error > 0/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  freeEnergyMF, dFreeEnergyMF, d2FreeEnergyMF, stationaryPoints, spontaneousM, reducedTemperatureOfM,
  landauCoefficients, logLogSlope, susceptibilityMF, thermoMF, meanFieldTc, tanhForm, firingFromVoltage,
  fitTanhForm, tanhFormError, spikeCountTanh, spikeCountTanhAsPrinted, spikeCountSigmoid, spikeCountSigmoidAsPrinted,
  integrate, supDistance, logTwoCosh,
} from './ising';

const close = (a: number, b: number, tol: number, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

test('f′ and f″ match central finite differences of f, with a field', () => {
  const p = { J: 0.7, z: 4, h: 0.13 };
  for (const T of [0.5, 2.8, 5]) {
    for (const m of [-0.9, -0.2, 0, 0.35, 0.8]) {
      const e = 1e-5;
      const fd1 = (freeEnergyMF(m + e, T, p) - freeEnergyMF(m - e, T, p)) / (2 * e);
      const fd2 = (dFreeEnergyMF(m + e, T, p) - dFreeEnergyMF(m - e, T, p)) / (2 * e);
      close(dFreeEnergyMF(m, T, p), fd1, 1e-8, 'f′');
      close(d2FreeEnergyMF(m, T, p), fd2, 1e-7, 'f″');
    }
  }
});

test('stationary points at h = 0: one stable m = 0 above T_c; ±m* stable and m = 0 unstable below', () => {
  const above = stationaryPoints(1.3);
  assert.equal(above.length, 1);
  assert.equal(above[0].m, 0);
  assert.equal(above[0].kind, 'minimum');
  const below = stationaryPoints(0.6);
  assert.equal(below.length, 3);
  assert.deepEqual(below.map((s) => s.kind), ['minimum', 'maximum', 'minimum']);
  close(below[0].m, -below[2].m, 1e-14, 'symmetric');
  assert.equal(below[1].m, 0);
  assert.ok(below[0].global && below[2].global && !below[1].global);
  for (const s of below) close(s.m, Math.tanh(s.m / 0.6), 1e-14, 'self-consistent');
  // Brute-force minimum of f on a grid agrees with the stable root.
  let best = Infinity, arg = 0;
  for (let i = 0; i <= 200000; i++) {
    const m = -1 + i / 100000;
    const f = freeEnergyMF(m, 0.6);
    if (f < best) { best = f; arg = m; }
  }
  close(Math.abs(arg), below[2].m, 2e-5, 'grid argmin');
});

test('stationary points with a field: metastable branch below T_c and a single root at strong field', () => {
  const pts = stationaryPoints(0.5, { h: 0.05 });
  assert.equal(pts.length, 3);
  const glob = pts.filter((s) => s.global);
  assert.equal(glob.length, 1);
  assert.ok(glob[0].m > 0, 'field picks the positive branch');
  assert.equal(pts[0].kind, 'minimum'); // metastable negative branch
  assert.equal(stationaryPoints(0.5, { h: 0.8 }).length, 1);
  // Every root satisfies the self-consistency.
  for (const s of pts) close(s.m, Math.tanh((s.m + 0.05) / 0.5), 1e-13, 'root');
});

test('m*(t) agrees with the closed-form inverse t = m/atanh(m); 0 at and above T_c', () => {
  for (const m of [1e-4, 0.01, 0.2, 0.5, 0.9, 0.999]) {
    close(spontaneousM(reducedTemperatureOfM(m)), m, 1e-12 * Math.max(1, 1 / m) + 1e-13, `m=${m}`);
  }
  assert.equal(spontaneousM(1), 0);
  assert.equal(spontaneousM(1.5), 0);
  close(spontaneousM(1e-3), 1, 1e-12);
});

test('mean-field exponent β = 1/2 and amplitude √3 (Landau) near T_c', () => {
  const eps = [1e-6, 1e-5, 1e-4, 1e-3];
  const ms = eps.map((e) => spontaneousM(1 - e));
  close(logLogSlope(eps, ms), 0.5, 1e-3, 'β');
  close(ms[0] / Math.sqrt(3 * eps[0]), 1, 1e-5, 'amplitude');
  // Landau minimiser m² = −a2/(2a4) at T near T_c
  const T = 0.999;
  const L = landauCoefficients(T);
  close(Math.sqrt(-L.a2 / (2 * L.a4)), spontaneousM(T), 1e-3, 'Landau');
  // Landau coefficients vs f at small m
  const m = 1e-2;
  close(freeEnergyMF(m, 1.3), L.f0 * 0 + landauCoefficients(1.3).f0 + landauCoefficients(1.3).a2 * m * m + landauCoefficients(1.3).a4 * m ** 4, 1e-12);
});

test('susceptibility equals ∂m/∂h by finite differences of the stable root; Curie–Weiss above T_c', () => {
  for (const T of [0.5, 0.9, 1.2, 2]) {
    const h = 1e-6;
    const mp = stationaryPoints(T, { h }).find((s) => s.global)!.m;
    const mm = stationaryPoints(T, { h: -h }).find((s) => s.global)!.m;
    // below T_c the field picks one branch: differentiate along the positive one
    const m0p = T < 1 ? spontaneousM(T) : 0;
    const fd = T < 1 ? (mp - m0p) / h : (mp - mm) / (2 * h);
    close(susceptibilityMF(T), fd, 1e-4 * Math.max(1, fd), `T=${T}`);
  }
  close(susceptibilityMF(1.25), 1 / 0.25, 1e-12, 'Curie–Weiss');
});

test('F = E − TS equals f(m*) on the branch, and c matches dE/dT with the 3/2 jump at T_c', () => {
  for (const T of [0.3, 0.7, 0.95, 1.5]) {
    const th = thermoMF(T);
    close(th.F, freeEnergyMF(th.m, T), 1e-12, `T=${T}`);
    const e = 1e-6;
    const fd = (thermoMF(T + e).E - thermoMF(T - e).E) / (2 * e);
    close(th.c, fd, 1e-5, `c at T=${T}`);
  }
  close(thermoMF(1 - 1e-7).c, 1.5, 1e-5, 'jump');
  assert.equal(thermoMF(1.01).c, 0);
  close(thermoMF(2).S, Math.LN2, 1e-15);
});

test('tanh form, neuron mapping and LM fit recover known parameters', () => {
  close(tanhForm(1, 6), 0.5, 0);
  close(firingFromVoltage(-1, 6), 0.5, 0);
  close(firingFromVoltage(0.3, 2, 1.1), tanhForm(-0.3, 2, 1.1), 0);
  const ts = Array.from({ length: 101 }, (_, i) => (2 * i) / 100);
  const ms = ts.map((t) => tanhForm(t, 4.2, 0.9));
  const fit = fitTanhForm(ts, ms, { a0: 6, c0: 1 });
  close(fit.a, 4.2, 1e-7);
  close(fit.c, 0.9, 1e-8);
  assert.ok(fit.rms < 1e-9);
  const fitA = fitTanhForm(ts, ts.map((t) => tanhForm(t, 3)), { fitC: false });
  close(fitA.a, 3, 1e-7);
  assert.equal(fitA.c, 1);
  // a fit is never worse than the starting point
  const m = ts.map((t) => spontaneousM(Math.max(t, 1e-3)));
  assert.ok(fitTanhForm(ts, m).rms <= tanhFormError(ts, m, 6).rms);
});

test('spike counts: closed forms equal adaptive quadrature; the printed forms are off by ln 2 (tanh) and need C = −ln 2', () => {
  for (const Q of [-3, -0.5, 0, 0.7, 1, 4, 12]) {
    close(spikeCountTanh(Q), integrate((T) => 0.5 * (Math.tanh(T) + 1), 0, Q), 1e-10, `tanh Q=${Q}`);
    close(spikeCountSigmoid(Q), integrate((T) => 1 / (1 + Math.exp(-T)), 0, Q), 1e-10, `sigmoid Q=${Q}`);
    close(spikeCountTanhAsPrinted(Q, 0) - spikeCountTanh(Q), Math.LN2, 1e-12, 'tanh printed offset');
    close(spikeCountSigmoidAsPrinted(Q, -Math.LN2), spikeCountSigmoid(Q), 1e-12, 'sigmoid with C=−ln2');
    close(spikeCountTanh(Q), 0.5 * Math.log(Math.cosh(Q)) + Q / 2, 1e-12, 'ln cosh form');
  }
  close(spikeCountTanh(1), 0.71689, 1e-5, 'docs/derivations/04-sakthivadivel.md §3.6 value');
  close(spikeCountTanhAsPrinted(1), 1.410038, 1e-6, 'docs/derivations/04-sakthivadivel.md §3.6 value (printed)');
  close(spikeCountTanh(800), 800 - 0.5 * Math.LN2, 1e-9, 'no overflow');
});

test('sup distances of the spike count to ReLU and ELU match docs/derivations/04-sakthivadivel.md §3.6', () => {
  const relu = (x: number) => Math.max(0, x);
  const elu = (al: number) => (x: number) => (x > 0 ? x : al * Math.expm1(x));
  close(supDistance(spikeCountTanh, (x) => relu(x) - 0.5 * Math.LN2 * 0, -20, 20).sup, 0.5 * Math.LN2, 1e-6);
  close(supDistance(spikeCountTanh, elu(1), -30, 30).sup, 0.6534, 1e-3);
  close(supDistance(spikeCountTanh, elu(Math.LN2), -30, 30).sup, 0.3466, 1e-3);
});

test('helpers: logTwoCosh is overflow safe; integrate on a polynomial is exact', () => {
  close(logTwoCosh(1000), 1000, 1e-12);
  close(logTwoCosh(0.3), Math.log(2 * Math.cosh(0.3)), 1e-15);
  close(integrate((x) => x ** 3 - x, -1, 2), 2.25, 1e-12);
  assert.equal(meanFieldTc({ J: 1, z: 4 }), 4);
});

test('bad input throws with the argument named', () => {
  assert.throws(() => freeEnergyMF(0, 0), /T must be > 0, but got 0/);
  assert.throws(() => stationaryPoints(-1), /T must be > 0, but got -1/);
  assert.throws(() => freeEnergyMF(0, 1, { J: NaN }), /J must be a finite number, but got NaN/);
  assert.throws(() => spontaneousM(0), /t must be > 0/);
  assert.throws(() => reducedTemperatureOfM(1), /m must lie in \(0, 1\), but got 1/);
  assert.throws(() => spikeCountTanh(Infinity), /Q must be a finite number/);
  assert.throws(() => fitTanhForm([0, 1], [0]), /equally long/);
  assert.throws(() => logLogSlope([1, -1], [1, 2]), /x\[1\] must be > 0/);
  assert.throws(() => stationaryPoints(1, { z: 2.5 }), /z must be an integer >= 1, but got 2.5/);
});

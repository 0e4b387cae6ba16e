import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  solveVfi, kinkLocation, eulerResiduals, logUtilityClosedForm, DEFAULT_SAVINGS, interp, pchip, goldenMax, utility, bellmanPoint,
} from './value-function';

const grid = (lo: number, hi: number, n: number) => Array.from({ length: n }, (_, i) => lo + (i * (hi - lo)) / (n - 1));

test('VFI with log utility and no income matches the closed form c = (1−β)x, V = A + ln x/(1−β)', () => {
  const m = { beta: 0.95, R: 1.02, y: [0], p: [1], gamma: 1 };
  const g = Array.from({ length: 200 }, (_, i) => 1e-3 * 1e5 ** (i / 199));
  const r = solveVfi(m, { grid: g });
  const cf = logUtilityClosedForm(m);
  g.forEach((x, i) => {
    if (x < 1 || x > 50) return; // the lower end feels the a′ ≥ 0 boundary, the top the extrapolation
    assert.ok(Math.abs(r.c[i] / cf.c(x) - 1) < 5e-3, `c at x=${x}: ${r.c[i]} vs ${cf.c(x)}`);
    assert.ok(Math.abs(r.V[i] - cf.V(x)) < 0.05, `V at x=${x}`);
  });
});

test('default model: a kink x* inside the grid; below it c = x and V − u(x) is the constant β E V(y)', () => {
  const m = DEFAULT_SAVINGS;
  const r = solveVfi(m, { grid: grid(0.5, 3, 101), tol: 1e-8 });
  const xs = kinkLocation(r);
  assert.ok(xs > 0.55 && xs < 1.5, `kink at ${xs}`);
  const ev = m.beta * m.y.reduce((s, y, k) => s + m.p[k] * interp(r.grid, r.V, y), 0);
  r.grid.forEach((x, i) => {
    if (x > xs) return;
    assert.ok(Math.abs(r.c[i] - x) < 1e-6);
    assert.ok(Math.abs(r.V[i] - utility(x, m.gamma) - ev) < 1e-6, `V − u at x=${x}`);
  });
  // Euler equation, an independent optimality condition, holds at interior points (median)
  const res = eulerResiduals(m, r).map((e) => e.residual).sort((a, b) => a - b);
  assert.ok(res.length > 20 && res[res.length >> 1] < 1e-4, `median Euler residual ${res[res.length >> 1]}`);
});

test('interpolants and golden-section search', () => {
  const g = grid(0, 2, 21), v = g.map((x) => x * x * x);
  assert.ok(Math.abs(pchip(g, v)(1.05) - 1.05 ** 3) < 2e-3);
  assert.equal(interp(g, v, 1), 1);
  assert.ok(Math.abs(interp([0, 1], [0, 2], 3) - 6) < 1e-12);
  assert.ok(Math.abs(goldenMax((x) => -((x - 0.3) ** 2), 0, 1) - 0.3) < 1e-8);
  assert.equal(goldenMax((x) => -x, 0, 1), 0); // corner
});

test('bad input throws naming the argument', () => {
  const g = grid(0.5, 3, 11);
  assert.throws(() => solveVfi({ ...DEFAULT_SAVINGS, beta: 1.2 }, { grid: g }), /beta must be in \(0, 1\)/);
  assert.throws(() => solveVfi({ ...DEFAULT_SAVINGS, p: [0.5, 0.6] }, { grid: g }), /p must sum to 1/);
  assert.throws(() => solveVfi({ ...DEFAULT_SAVINGS, y: [-1, 1] }, { grid: g }), /y\[0\] must be ≥ 0/);
  assert.throws(() => solveVfi(DEFAULT_SAVINGS, { grid: [1, 0.5, 2] }), /strictly increasing/);
  assert.throws(() => solveVfi(DEFAULT_SAVINGS, { grid: g, maxIter: 2 }), /did not converge/);
  assert.throws(() => bellmanPoint(DEFAULT_SAVINGS, 0, () => 0), /no feasible choice at x=0/);
});

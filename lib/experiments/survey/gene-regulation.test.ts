import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmoid } from '../../core/activations';
import { hill, fitHill, toggleFixedPoints, toggleEndpoint, toggleBasins, toggleRhs, toggleStability, DEFAULT_TOGGLE } from './gene-regulation';

test('Hill function is a logistic in log-concentration: xⁿ/(Kⁿ+xⁿ) = σ(n(ln x − ln K))', () => {
  for (const [x, K, n] of [[0.3, 1, 2], [2, 0.5, 4], [5, 3, 1.5]]) {
    assert.ok(Math.abs(hill(x, K, n) - sigmoid(n * (Math.log(x) - Math.log(K)))) < 1e-15);
  }
  assert.equal(hill(0, 1, 2), 0);
  assert.equal(hill(2, 2, 3), 0.5);
});

test('fitHill recovers known parameters from noiseless Hill data', () => {
  const xs = Array.from({ length: 60 }, (_, i) => 0.05 + i * 0.1);
  for (const [K, n] of [[1.5, 2], [3, 4.5], [0.8, 1]]) {
    const f = fitHill(xs, xs.map((x) => hill(x, K, n)));
    assert.ok(Math.abs(f.K - K) < 1e-6 && Math.abs(f.n - n) < 1e-5, `K ${f.K} n ${f.n}`);
    assert.ok(f.rms < 1e-8);
  }
});

test('symmetric toggle (α = 4, n = 2): three fixed points; the saddle solves u³ + u − α = 0 (Cardano)', () => {
  const fps = toggleFixedPoints(DEFAULT_TOGGLE);
  assert.equal(fps.length, 3);
  assert.deepEqual(fps.map((f) => f.stable), [true, false, true]);
  const a = DEFAULT_TOGGLE.alpha1, q = Math.sqrt(a * a / 4 + 1 / 27);
  const cardano = Math.cbrt(a / 2 + q) + Math.cbrt(a / 2 - q);
  assert.ok(Math.abs(fps[1].u - cardano) < 1e-10 && Math.abs(fps[1].v - cardano) < 1e-10);
  // every fixed point is a zero of the 2-D vector field (the intersection of both nullclines)
  for (const f of fps) { const [du, dv] = toggleRhs(DEFAULT_TOGGLE, f.u, f.v); assert.ok(Math.hypot(du, dv) < 1e-10); }
  // the saddle has eigenvalues of both signs
  const e = toggleStability(DEFAULT_TOGGLE, fps[1].u, fps[1].v).eigen!;
  assert.ok(e[0] < 0 && e[1] > 0);
});

test('ODE trajectories end on the stable fixed points; basins split along u = v; no cooperativity → monostable', () => {
  const fps = toggleFixedPoints(DEFAULT_TOGGLE).filter((f) => f.stable);
  const [u1, v1] = toggleEndpoint(DEFAULT_TOGGLE, 3, 0.5);
  assert.ok(Math.hypot(u1 - fps[1].u, v1 - fps[1].v) < 1e-4, `end (${u1}, ${v1})`);
  const b = toggleBasins(DEFAULT_TOGGLE, 4, 4, 6);
  for (const c of b) if (c.u0 !== c.v0) assert.equal(c.basin, c.u0 > c.v0 ? 1 : 0);
  const mono = toggleFixedPoints({ alpha1: 4, alpha2: 4, beta: 1, gamma: 1 });
  assert.equal(mono.length, 1);
  assert.ok(mono[0].stable);
});

test('bad input throws naming the argument', () => {
  assert.throws(() => hill(-1, 1, 2), /x must be ≥ 0/);
  assert.throws(() => hill(1, 0, 2), /K/);
  assert.throws(() => fitHill([1, 2], [0, 1]), /≥ 3 paired points/);
  assert.throws(() => fitHill([1, 0, 2], [0, 1, 1]), /x\[1\] must be > 0/);
  assert.throws(() => toggleFixedPoints({ ...DEFAULT_TOGGLE, alpha1: -1 }), /alpha1/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanFieldQuench, latticeQuench, adiabaticSpikeTimeMF, eq2PathIntegral, firingIntegral, logCosh, quenchGrid, quenchMeanField, quenchLattice } from './quench';
import { resolveTasks } from '../../runtime/experiment';
import { integrate } from '../../theory/ising';

test('closed-form path integrals match quadrature', () => {
  for (const Q of [0, 0.3, 0.9, 1.2]) {
    const q = integrate((T) => 0.5 * (1 - Math.tanh(6 * (T - 1))), 1.25 - Q, 1.25);
    assert.ok(Math.abs(eq2PathIntegral(Q, 1.25, 6) - q) < 1e-10);
    const f = integrate((x) => 0.5 * (1 + Math.tanh(6 * (x - 1))), 0, Q);
    assert.ok(Math.abs(firingIntegral(Q, 6, 1) - f) < 1e-10);
  }
  assert.ok(Math.abs(logCosh(800) - (800 - Math.LN2)) < 1e-9);
  assert.ok(Math.abs(firingIntegral(1, 6, 1) - Math.LN2 / 12) < 1e-6);
});

test('mean-field quench: no spike below the onset, adiabatic ReLU for fast relaxation', () => {
  assert.equal(meanFieldQuench({ Q: 0.2, Tb: 1.25, tau: 0.001, h: 1e-4, thr: 0.5 }).spikeTime, 0);
  const r = meanFieldQuench({ Q: 1.0, Tb: 1.25, tau: 0.0005, h: 1e-4, thr: 0.5 });
  assert.ok(Math.abs(r.spikeTime - adiabaticSpikeTimeMF(1.0, 1.25, 0.5)) < 0.02, String(r.spikeTime));
  assert.throws(() => meanFieldQuench({ Q: 1.3, Tb: 1.25, tau: 0.01, h: 0, thr: 0.5 }), /Q must/);
  assert.throws(() => meanFieldQuench({ Q: 0.5, Tb: 1.25, tau: -1, h: 0, thr: 0.5 }), /tau/);
});

test('lattice quench: seeded, orders after a deep quench, stays disordered without one', () => {
  const c = { L: 8, Q: 1.0, Tb: 1.25, sweepsPerUnit: 200, equil: 50, thr: 0.5 };
  const a = latticeQuench(c, 3), b = latticeQuench(c, 3);
  assert.deepEqual(a, b);
  assert.ok(a.spikeTime > 0.4, String(a.spikeTime));
  assert.equal(latticeQuench({ ...c, L: 16, Q: 0 }, 3).spikeTime, 0);
  assert.throws(() => latticeQuench({ ...c, L: 1 }, 1), /L/);
});

test('quench experiments: grids sized by profile', () => {
  assert.deepEqual(quenchGrid(0.4), [0, 0.4, 0.8, 1.2]);
  assert.ok(resolveTasks(quenchLattice, 'default').length > resolveTasks(quenchLattice, 'quick').length);
  assert.ok(resolveTasks(quenchMeanField, 'quick').length > 10);
});

test('lineFit and the Gaussian-averaged firing', async () => {
  const { lineFit, gaussianAveragedFiring } = await import('./quench');
  const f = lineFit([0, 1, 2], [1, 3, 5]);
  assert.ok(Math.abs(f.slope - 2) < 1e-12 && Math.abs(f.intercept - 1) < 1e-12);
  assert.throws(() => lineFit([1], [1]), /≥ 2/);
  assert.ok(Math.abs(gaussianAveragedFiring(1, 6, 1, 0.3) - 0.5) < 1e-9);
  // small spread: eq. (2) itself
  assert.ok(Math.abs(gaussianAveragedFiring(1.1, 6, 1, 1e-4) - 0.5 * (1 + Math.tanh(0.6))) < 1e-6);
  assert.throws(() => gaussianAveragedFiring(0, 6, 1, 0), /s/);
});

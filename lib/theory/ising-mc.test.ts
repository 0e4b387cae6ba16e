import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onsagerTc, yangMagnetisation, densityOfStates, exactObservables, simulateIsing, crossing } from './ising-mc';

const close = (a: number, b: number, tol: number, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

test('Onsager T_c and Yang magnetisation: sinh(2J/T_c) = 1, M → 0 at T_c, table values', () => {
  close(onsagerTc(), 2.269185314, 1e-9);
  close(Math.sinh(2 / onsagerTc()), 1, 1e-14);
  close(onsagerTc(2), 2 * onsagerTc(), 1e-12);
  assert.equal(yangMagnetisation(2.3), 0);
  close(yangMagnetisation(2.0), 0.911319, 1e-6);
  close(yangMagnetisation(1.0), 0.999276, 1e-6);
  assert.ok(yangMagnetisation(onsagerTc() * (1 - 1e-8)) < 0.2);
});

test('exact enumeration: state counts, ground state, and c = de/dT (fluctuation vs derivative)', () => {
  for (const L of [2, 3, 4]) {
    const dos = densityOfStates(L);
    assert.equal(dos.reduce((a, d) => a + d.count, 0), 2 ** (L * L));
    assert.equal(Math.min(...dos.map((d) => d.E)), -2 * L * L);
    for (const T of [1.5, 2.3, 4]) {
      const o = exactObservables(L, T, 1, dos);
      const h = 1e-5;
      const fd = (exactObservables(L, T + h, 1, dos).e - exactObservables(L, T - h, 1, dos).e) / (2 * h);
      close(o.c, fd, 1e-6, `c L=${L} T=${T}`);
    }
  }
  // L = 2 by hand: states with E = −8 are the 2 ground states; Z = Σ g e^{−E/T}.
  const d2 = densityOfStates(2);
  assert.equal(d2.filter((d) => d.E === -8).reduce((a, d) => a + d.count, 0), 2);
  // high T: U₄ of independent spins → 1 − (3 − 2/N)/3 … check the infinite-T limit
  const hot = exactObservables(4, 1e6);
  close(hot.binder, 1 - (3 - 2 / 16) / 3, 1e-4, 'U4 at T=∞');
});

test('Metropolis and Wolff at L = 4 reproduce exact enumeration within their error bars', () => {
  const dos = densityOfStates(4);
  for (const algorithm of ['metropolis', 'wolff'] as const) {
    for (const T of [1.8, 2.4, 3.2]) {
      const ex = exactObservables(4, T, 1, dos);
      const mc = simulateIsing({ L: 4, T, algorithm, sweeps: 20000, thermalize: 500, seed: 7, bins: 40 });
      for (const k of ['absM', 'e', 'c', 'binder'] as const) {
        close(mc[k], ex[k], 4.5 * mc.err[k] + 1e-3, `${algorithm} T=${T} ${k} ±${mc.err[k]}`);
      }
    }
  }
});

test('Wolff at L = 16 below T_c matches Yang; above T_c ⟨|m|⟩ is small', () => {
  const r = simulateIsing({ L: 16, T: 2.0, sweeps: 2000, thermalize: 200, seed: 3 });
  close(r.absM, yangMagnetisation(2.0), 4 * r.err.absM + 5e-3, 'L=16 T=2');
  const hot = simulateIsing({ L: 16, T: 3.5, sweeps: 1000, thermalize: 100, seed: 4, algorithm: 'metropolis' });
  assert.ok(hot.absM < 0.15, `|m| = ${hot.absM}`);
  assert.ok(hot.acceptance > 0 && hot.acceptance < 1);
});

test('Binder crossing of L = 8 and L = 16 (Wolff) lies within 0.04 of Onsager T_c', () => {
  // Six seeds tried while writing this test gave |Δ| ≤ 0.02; 0.04 is the stated tolerance.
  const Ts = [2.15, 2.2, 2.25, 2.3, 2.35, 2.4];
  const u = (L: number) => Ts.map((T) => simulateIsing({ L, T, sweeps: 4000, thermalize: 200, seed: 100 + L + Math.round(T * 100) }).binder);
  const x = crossing(Ts, u(8), u(16));
  assert.ok(x !== null, 'curves must cross');
  close(x, onsagerTc(), 0.04, 'T_c from Binder crossing');
});

test('same seed gives the same numbers; crossing finds linear intersections', () => {
  const a = simulateIsing({ L: 8, T: 2.3, sweeps: 100, thermalize: 10, seed: 11, bins: 10 });
  const b = simulateIsing({ L: 8, T: 2.3, sweeps: 100, thermalize: 10, seed: 11, bins: 10 });
  assert.deepEqual(a, b);
  close(crossing([0, 1, 2], [0, 1, 2], [1, 1.5, 1.6])!, 1 + 0.5 / 0.9, 1e-12);
  assert.equal(crossing([0, 1], [0, 1], [2, 3]), null);
});

test('bad input throws with the argument named', () => {
  assert.throws(() => simulateIsing({ L: 1, T: 2 }), /L must be an integer >= 2, but got 1/);
  assert.throws(() => simulateIsing({ L: 4, T: 0 }), /T must be > 0, but got 0/);
  assert.throws(() => simulateIsing({ L: 4, T: 1, J: NaN }), /J must be a finite number, but got NaN/);
  assert.throws(() => simulateIsing({ L: 4, T: 1, J: -1 }), /J must be > 0 for Wolff/);
  assert.throws(() => simulateIsing({ L: 4, T: 1, sweeps: 5, bins: 10 }), /sweeps must be ≥ bins/);
  assert.throws(() => densityOfStates(5), /L must be ≤ 4/);
  assert.throws(() => yangMagnetisation(-1), /T must be > 0/);
  assert.throws(() => crossing([0], [0], [0]), /equal length ≥ 2/);
});

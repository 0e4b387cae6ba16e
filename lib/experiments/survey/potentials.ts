/**
 * Potential energy surfaces and molecular dynamics for the survey's "smooth physics" section
 * (seed 001, "The Physics of Smoothness": F = −∇E, smooth forces for stable MD).
 * Morse (1-D, reduced units) and Müller–Brown (2-D) with exact gradients, a velocity-Verlet
 * integrator, and measures of energy conservation and force continuity.
 */
import { assertFinite, assertInteger, assertPositive, assertAllFinite, assertWithinBudget, assertKnownOptions } from '../../core/guards';

export interface MorseParams {
  /** Well depth D (energy units, > 0). */
  D: number;
  /** Range parameter a (1/length, > 0). */
  a: number;
  /** Equilibrium distance r_e (length). */
  re: number;
}
export const DEFAULT_MORSE: Readonly<MorseParams> = Object.freeze({ D: 1, a: 1, re: 1 });

function checkMorse(p: MorseParams): void {
  if (p === DEFAULT_MORSE) return;
  assertPositive(p.D, 'Morse D (well depth)');
  assertPositive(p.a, 'Morse a (inverse width)');
  assertFinite(p.re, 'Morse re (bond length)');
}

/** Morse potential V(r) = D (1 − e^{−a(r−r_e)})², zero at r_e (Morse 1929). */
export function morse(r: number, p: MorseParams = DEFAULT_MORSE): number {
  assertFinite(r, 'r');
  checkMorse(p);
  const e = Math.exp(-p.a * (r - p.re));
  return p.D * (1 - e) ** 2;
}

/** dV/dr of the Morse potential: 2 D a e^{−a(r−r_e)} (1 − e^{−a(r−r_e)}). */
export function morseGrad(r: number, p: MorseParams = DEFAULT_MORSE): number {
  assertFinite(r, 'r');
  checkMorse(p);
  const e = Math.exp(-p.a * (r - p.re));
  return 2 * p.D * p.a * e * (1 - e);
}

/** Müller–Brown parameters (Müller & Brown 1979, Theor. Chim. Acta 53, 75). */
const MB = {
  A: [-200, -100, -170, 15],
  a: [-1, -1, -6.5, 0.7],
  b: [0, 0, 11, 0.6],
  c: [-10, -10, -6.5, 0.7],
  x0: [1, 0, -0.5, -1],
  y0: [0, 0.5, 1.5, 1],
};

/** Müller–Brown energy Σ_k A_k exp(a_k(x−x0)² + b_k(x−x0)(y−y0) + c_k(y−y0)²), times `scale`. */
export function mullerBrown(x: number, y: number, scale = 1): number {
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  assertPositive(scale, 'scale');
  let s = 0;
  for (let k = 0; k < 4; k++) {
    const dx = x - MB.x0[k], dy = y - MB.y0[k];
    s += MB.A[k] * Math.exp(MB.a[k] * dx * dx + MB.b[k] * dx * dy + MB.c[k] * dy * dy);
  }
  return scale * s;
}

/** Exact gradient (∂E/∂x, ∂E/∂y) of the Müller–Brown energy, times `scale`. */
export function mullerBrownGrad(x: number, y: number, scale = 1): [number, number] {
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  assertPositive(scale, 'scale');
  let gx = 0, gy = 0;
  for (let k = 0; k < 4; k++) {
    const dx = x - MB.x0[k], dy = y - MB.y0[k];
    const e = MB.A[k] * Math.exp(MB.a[k] * dx * dx + MB.b[k] * dx * dy + MB.c[k] * dy * dy);
    gx += e * (2 * MB.a[k] * dx + MB.b[k] * dy);
    gy += e * (MB.b[k] * dx + 2 * MB.c[k] * dy);
  }
  return [scale * gx, scale * gy];
}

/** The two deepest Müller–Brown minima (A and B; literature values to 3 decimals). */
export const MB_MINIMA: ReadonlyArray<readonly [number, number]> = [[-0.558, 1.442], [0.623, 0.028]];

export interface VerletOptions {
  /** Time step (reduced time units, > 0). */
  dt: number;
  /** Number of steps (integer ≥ 1). */
  steps: number;
  /** Particle mass (> 0). Default 1. */
  mass?: number;
  /** Record every `every`-th step. Default 1. */
  every?: number;
}

export interface Trajectory {
  t: number[];
  /** Positions, one array per recorded step. */
  q: number[][];
  /** Kinetic + potential energy at each recorded step. */
  energy: number[];
}

/**
 * Velocity-Verlet integration of m q̈ = −∇V(q) (Swope et al. 1982): time-reversible and
 * symplectic, so for a smooth V its energy error stays bounded, O(dt²), with no drift.
 * @param energyAndGrad q ↦ {value: V(q), grad: ∇V(q)}
 */
export function velocityVerlet(
  energyAndGrad: (q: number[]) => { value: number; grad: number[] },
  q0: readonly number[], v0: readonly number[], o: VerletOptions,
): Trajectory {
  assertPositive(o.dt, 'dt');
  assertInteger(o.steps, 'steps');
  const m = assertPositive(o.mass ?? 1, 'mass');
  const every = assertInteger(o.every ?? 1, 'every');
  assertAllFinite(q0, 'q0');
  assertAllFinite(v0, 'v0');
  if (q0.length !== v0.length) throw new RangeError(`q0 has ${q0.length} entries but v0 has ${v0.length}`);
  assertKnownOptions(o, 'velocityVerlet options', ['dt', 'steps', 'mass', 'every']);
  assertWithinBudget(`velocityVerlet for ${o.steps} steps`, o.steps * Math.max(1, q0.length), 1e9, 'coordinate updates');
  assertWithinBudget(`velocityVerlet recording ${Math.floor(o.steps / every)} of ${o.steps} steps`, Math.floor(o.steps / every) * (q0.length + 2), 5e7, 'stored numbers');
  const q = q0.slice(), v = v0.slice();
  let { value, grad } = energyAndGrad(q);
  if (!Number.isFinite(value) || !Array.isArray(grad) || grad.length !== q.length || !grad.every(Number.isFinite)) {
    throw new RangeError(`velocity Verlet diverged at once: energyAndGrad(q0) must return a finite value and a finite grad of length ${q.length}, but got value=${value}, grad=${Array.isArray(grad) ? `[${grad.join(', ')}]` : String(grad)}`);
  }
  const ke = () => 0.5 * m * v.reduce((s, vi) => s + vi * vi, 0);
  const out: Trajectory = { t: [0], q: [q.slice()], energy: [ke() + value] };
  for (let n = 1; n <= o.steps; n++) {
    for (let i = 0; i < q.length; i++) { v[i] -= (0.5 * o.dt * grad[i]) / m; q[i] += o.dt * v[i]; }
    ({ value, grad } = energyAndGrad(q));
    for (let i = 0; i < q.length; i++) v[i] -= (0.5 * o.dt * grad[i]) / m;
    if (n % every === 0) {
      const e = ke() + value;
      if (!Number.isFinite(e)) throw new Error(`velocity Verlet diverged: energy ${e} at step ${n} (dt=${o.dt})`);
      out.t.push(n * o.dt);
      out.q.push(q.slice());
      out.energy.push(e);
    }
  }
  return out;
}

/** Energy-conservation measures of a trajectory: max |E(t) − E(0)| and the least-squares drift slope dE/dt. */
export function energyError(tr: Trajectory): { maxAbs: number; slope: number } {
  const e0 = tr.energy[0];
  const maxAbs = tr.energy.reduce((m, e) => Math.max(m, Math.abs(e - e0)), 0);
  const n = tr.t.length;
  const tm = tr.t.reduce((s, t) => s + t, 0) / n, em = tr.energy.reduce((s, e) => s + e, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (tr.t[i] - tm) * (tr.energy[i] - em); sxx += (tr.t[i] - tm) ** 2; }
  return { maxAbs, slope: sxx > 0 ? sxy / sxx : 0 };
}

/**
 * Largest jump of a 1-D force between neighbours h apart on [lo, hi]: max |F(x+h) − F(x)|.
 * For a continuous F it shrinks like h·max|F′| as h → 0; for a discontinuous F it does not.
 */
export function maxForceJump(force: (x: number) => number, lo: number, hi: number, h: number): number {
  assertPositive(h, 'h');
  assertFinite(lo, 'maxForceJump: lo');
  assertFinite(hi, 'maxForceJump: hi');
  if (!(hi > lo)) throw new RangeError(`need hi > lo, but got lo=${lo}, hi=${hi}`);
  assertWithinBudget(`maxForceJump on [${lo}, ${hi}] with h=${h}`, (hi - lo) / h, 1e8, 'force evaluations');
  if (!(lo + h > lo)) throw new RangeError(`maxForceJump: h=${h} is below the float64 resolution at lo=${lo}`);
  let prev = force(lo), m = 0;
  for (let x = lo + h; x <= hi; x += h) {
    const f = force(x);
    m = Math.max(m, Math.abs(f - prev));
    prev = f;
  }
  return m;
}

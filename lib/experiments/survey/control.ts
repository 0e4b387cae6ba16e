/**
 * A one-joint arm driven by a single-neuron proportional controller (seed 001, "The Gritty
 * Realities": "The slope of the activation function near zero error determines the proportional
 * gain of the controller"). Arm: I θ̈ = τ − b θ̇; controller τ = G (φ(k e) − φ(0)), e = θ_ref − θ,
 * so the small-error gain is K_p = G k φ′(0). Integrated by classical RK4; step-response metrics.
 */
import { assertFinite, assertInteger, assertPositive, assertNonNegative, assertAllFinite, assertWithinBudget, assertSameLength } from '../../core/guards';

export interface ArmParams {
  /** Moment of inertia I (kg m², > 0). */
  inertia: number;
  /** Viscous damping b (N m s/rad, ≥ 0). */
  damping: number;
  /** Torque scale G (N m, > 0). */
  torque: number;
  /** Input weight k of the neuron (1/rad, > 0). */
  k: number;
}
export const DEFAULT_ARM: Readonly<ArmParams> = Object.freeze({ inertia: 1, damping: 1, torque: 4, k: 1 });

export interface StepOptions {
  /** Target angle θ_ref (rad); the arm starts at rest at θ = 0. */
  target: number;
  /** Duration (s) and RK4 step (s). */
  tEnd: number;
  dt: number;
}
export const DEFAULT_STEP: Readonly<StepOptions> = Object.freeze({ target: 0.2, tEnd: 20, dt: 1e-3 });

/** Classical fourth-order Runge–Kutta for y′ = f(t, y); returns the states at every step. */
export function rk4(f: (t: number, y: number[]) => number[], y0: readonly number[], dt: number, steps: number): number[][] {
  assertPositive(dt, 'dt');
  assertInteger(steps, 'steps');
  assertAllFinite(y0, 'y0');
  assertWithinBudget(`rk4 for ${steps} steps of a ${y0.length}-dimensional state`, steps * Math.max(1, y0.length), 1e8, 'stored numbers');
  const f0 = f(0, y0.slice());
  if (!Array.isArray(f0) || f0.length !== y0.length || !f0.every(Number.isFinite)) {
    throw new RangeError(`rk4 diverged at once: f(0, y0) must return ${y0.length} finite numbers, but got ${Array.isArray(f0) ? `[${f0.join(', ')}]` : String(f0)} (check the right-hand side f)`);
  }
  const out: number[][] = [y0.slice()];
  let y = y0.slice();
  const axpy = (a: number, x: number[], z: number[]) => z.map((zi, i) => zi + a * x[i]);
  for (let n = 0; n < steps; n++) {
    const t = n * dt;
    const k1 = f(t, y), k2 = f(t + dt / 2, axpy(dt / 2, k1, y)), k3 = f(t + dt / 2, axpy(dt / 2, k2, y)), k4 = f(t + dt, axpy(dt, k3, y));
    y = y.map((yi, i) => yi + (dt / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
    if (!y.every(Number.isFinite)) throw new Error(`rk4 diverged at t=${t + dt} (dt=${dt})`);
    out.push(y);
  }
  return out;
}

/** Closed-loop step response θ(t) of the arm under the neuron controller φ (RK4). */
export function stepResponse(
  phi: (z: number) => number, arm: ArmParams = DEFAULT_ARM, o: StepOptions = DEFAULT_STEP,
): { t: number[]; theta: number[] } {
  assertPositive(arm.inertia, 'inertia');
  assertNonNegative(arm.damping, 'damping');
  assertPositive(arm.torque, 'torque');
  assertPositive(arm.k, 'k');
  assertFinite(o.target, 'target');
  if (o.target === 0) throw new RangeError('target must be non-zero for a step response, but got 0');
  assertPositive(o.tEnd, 'tEnd');
  const steps = Math.round(o.tEnd / assertPositive(o.dt, 'dt'));
  const phi0 = phi(0);
  if (!Number.isFinite(phi0) || !Number.isFinite(phi(arm.k * o.target))) throw new RangeError(`stepResponse: phi must return finite values, but phi(0)=${phi0}, phi(k·target)=${phi(arm.k * o.target)}`);
  const rhs = (_t: number, [th, om]: number[]) => {
    const tau = arm.torque * (phi(arm.k * (o.target - th)) - phi0);
    return [om, (tau - arm.damping * om) / arm.inertia];
  };
  const ys = rk4(rhs, [0, 0], o.dt, steps);
  return { t: ys.map((_, i) => i * o.dt), theta: ys.map((y) => y[0]) };
}

export interface StepMetrics {
  /** 10 %→90 % rise time (s); Infinity if never reached. */
  riseTime: number;
  /** Peak overshoot above the target, as a fraction of the step. */
  overshoot: number;
  /** Time after which |θ − θ_ref| stays within `band`·|θ_ref| (s); Infinity if it does not settle. */
  settlingTime: number;
  /** |θ(t_end) − θ_ref| / |θ_ref|. */
  finalError: number;
}

/** Rise time, overshoot, settling time (2 % band by default) of a step response. */
export function stepMetrics(t: readonly number[], theta: readonly number[], target: number, band = 0.02): StepMetrics {
  if (t.length === 0) throw new RangeError('stepMetrics: t must be non-empty, but got 0 samples');
  assertSameLength(t, 'stepMetrics: t', theta, 'theta');
  assertAllFinite(t, 't');
  assertAllFinite(theta, 'theta');
  assertFinite(target, 'target');
  if (target === 0) throw new RangeError('stepMetrics: target must be non-zero, but got 0');
  assertPositive(band, 'band');
  const s = Math.sign(target), A = Math.abs(target);
  const y = theta.map((v) => (s * v) / A); // normalised: 0 → 1
  const first = (lvl: number) => { const i = y.findIndex((v) => v >= lvl); return i < 0 ? Infinity : t[i]; };
  const riseTime = first(0.9) - first(0.1);
  const overshoot = Math.max(0, Math.max(...y) - 1);
  let last = -1;
  for (let i = y.length - 1; i >= 0; i--) if (Math.abs(y[i] - 1) > band) { last = i; break; }
  const settlingTime = last === y.length - 1 ? Infinity : last < 0 ? 0 : t[last + 1];
  return { riseTime: Number.isNaN(riseTime) ? Infinity : riseTime, overshoot, settlingTime, finalError: Math.abs(y[y.length - 1] - 1) };
}

/** Closed-form step response of the linear arm I θ̈ + b θ̇ + K θ = K θ_ref from rest (underdamped, ζ < 1). */
export function linearStepClosedForm(K: number, arm: ArmParams, target: number): (t: number) => number {
  assertPositive(K, 'K');
  assertPositive(arm.inertia, 'inertia');
  assertNonNegative(arm.damping, 'damping');
  assertFinite(target, 'target');
  const wn = Math.sqrt(K / arm.inertia), zeta = arm.damping / (2 * Math.sqrt(K * arm.inertia));
  if (!(zeta < 1)) throw new RangeError(`closed form needs an underdamped loop (ζ < 1), but ζ = ${zeta}`);
  const wd = wn * Math.sqrt(1 - zeta * zeta);
  return (t) => target * (1 - Math.exp(-zeta * wn * t) * (Math.cos(wd * t) + (zeta / Math.sqrt(1 - zeta * zeta)) * Math.sin(wd * t)));
}

/** Linearised loop: natural frequency ω_n = √(K_p/I), damping ratio ζ = b/(2√(K_p I)), overshoot e^{−πζ/√(1−ζ²)}. */
export function linearLoop(Kp: number, arm: ArmParams): { wn: number; zeta: number; overshoot: number } {
  assertPositive(Kp, 'Kp');
  assertPositive(arm.inertia, 'inertia');
  assertNonNegative(arm.damping, 'damping');
  const wn = Math.sqrt(Kp / arm.inertia), zeta = arm.damping / (2 * Math.sqrt(Kp * arm.inertia));
  return { wn, zeta, overshoot: zeta < 1 ? Math.exp((-Math.PI * zeta) / Math.sqrt(1 - zeta * zeta)) : 0 };
}

/** Cost estimates: tasks per profile and CPU-hours, extrapolated from the measured CPU (else wall) time per unit of declared task cost. */
import { Profile, PROFILES } from '../report/profile';
import { ResultCache } from './cache';
import { Experiment, resolveTasks } from './experiment';

export interface Measured {
  /** Cache entries the rate comes from, and their version ('any' when older versions were used). */
  tasks: number;
  version: number | string;
  /** Fitted wall seconds per task: overheadSeconds + secondsPerCost × cost. */
  secondsPerCost: number;
  overheadSeconds: number;
}

export interface ProfileEstimate {
  profile: Profile;
  tasks: number;
  totalCost: number;
  /** Estimated CPU-hours (one core per task), or null when nothing was measured yet. */
  cpuHours: number | null;
}

export interface Estimate {
  experiment: string;
  version: number | string;
  measured: Measured | null;
  profiles: ProfileEstimate[];
}

/** Seconds per unit cost from measured tasks: Σ wall time / Σ cost (big tasks weigh more, their fixed overhead is smaller). */
export function secondsPerCost(measured: { wallMs: number; cost: number }[]): number {
  if (measured.length === 0) throw new RangeError('secondsPerCost needs at least one measured task, but got none');
  let ms = 0, cost = 0;
  for (const m of measured) {
    if (!(m.wallMs >= 0) || !(m.cost > 0)) throw new RangeError(`a measured task needs wallMs >= 0 and cost > 0, but got wallMs ${m.wallMs}, cost ${m.cost}`);
    ms += m.wallMs;
    cost += m.cost;
  }
  return ms / 1000 / cost;
}

/**
 * Fit wall seconds = overhead + rate × cost by least squares over the measured tasks (a fixed per-task overhead
 * would otherwise inflate the extrapolation from small tasks to large ones); falls back to overhead 0 and
 * rate = Σ time / Σ cost when the costs do not vary or the fit gives a negative overhead or rate.
 */
export function fitCost(measured: { wallMs: number; cost: number }[]): { overheadSeconds: number; secondsPerCost: number } {
  const ratio = secondsPerCost(measured);
  if (measured.length < 3) return { overheadSeconds: 0, secondsPerCost: ratio };
  const n = measured.length;
  const mx = measured.reduce((s, m) => s + m.cost, 0) / n;
  const my = measured.reduce((s, m) => s + m.wallMs / 1000, 0) / n;
  let sxx = 0, sxy = 0;
  for (const m of measured) { sxx += (m.cost - mx) ** 2; sxy += (m.cost - mx) * (m.wallMs / 1000 - my); }
  if (!(sxx > 1e-12 * mx * mx)) return { overheadSeconds: 0, secondsPerCost: ratio };
  const b = sxy / sxx, a = my - b * mx;
  return a >= 0 && b > 0 ? { overheadSeconds: a, secondsPerCost: b } : { overheadSeconds: 0, secondsPerCost: ratio };
}

/** CPU-hours of a task list: Σ (overhead + rate × cost) / 3600. */
export function extrapolate(tasks: { cost?: number }[], rate: number, overheadSeconds = 0): number {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a finite number of seconds per cost unit >= 0, but got ${rate}`);
  if (!(overheadSeconds >= 0) || !Number.isFinite(overheadSeconds)) throw new RangeError(`overheadSeconds must be a finite number >= 0, but got ${overheadSeconds}`);
  tasks.forEach((t, i) => { if (t.cost !== undefined && !(t.cost >= 0 && Number.isFinite(t.cost))) throw new RangeError(`tasks[${i}].cost must be a finite number >= 0, but got ${t.cost}`); });
  return tasks.reduce((s, t) => s + overheadSeconds + (t.cost ?? 1) * rate, 0) / 3600;
}

/** Estimate every profile of an experiment from the cache entries in `resultsDir` (this version's, else any version's). */
export function estimateExperiment(e: Experiment<any, any>, resultsDir: string): Estimate {
  const entries = new ResultCache(resultsDir, e.name).entries();
  const current = entries.filter((x) => x.version === e.version);
  const used = current.length ? current : entries;
  // CPU time where recorded (a contended machine inflates wall time, not CPU time), else wall time
  const times = used.map((x) => ({ cost: x.cost, wallMs: typeof x.cpuMs === 'number' ? x.cpuMs : x.wallMs }));
  const measured = used.length
    ? { tasks: used.length, version: current.length ? e.version : 'any', ...fitCost(times) }
    : null;
  const profiles = PROFILES.map((profile) => {
    const tasks = resolveTasks(e, profile);
    const totalCost = tasks.reduce((s, t) => s + t.cost, 0);
    return { profile, tasks: tasks.length, totalCost, cpuHours: measured ? extrapolate(tasks, measured.secondsPerCost, measured.overheadSeconds) : null };
  });
  return { experiment: e.name, version: e.version, measured, profiles };
}

function hours(h: number | null): string {
  if (h === null) return 'not measured';
  if (h < 0.01) return `${(h * 3600).toFixed(1)} s`;
  if (h < 1) return `${(h * 60).toFixed(1)} min`;
  return `${h.toPrecision(3)} h`;
}

/** The estimate as text: one line per profile (the active one marked). */
export function formatEstimate(est: Estimate, active?: Profile): string {
  const m = est.measured;
  const head = `${est.experiment} v${est.version}: ` + (m
    ? `${m.overheadSeconds.toPrecision(3)} s + ${m.secondsPerCost.toPrecision(3)} s per unit cost per task, fitted to ${m.tasks} cached task${m.tasks === 1 ? '' : 's'}${m.version === 'any' ? ' (of older versions)' : ''}`
    : 'no measured tasks in the cache yet (run the quick profile first: PROFILE=quick make sweep …)');
  const rows = est.profiles.map((p) =>
    `  ${p.profile === active ? '*' : ' '} ${p.profile.padEnd(8)} ${String(p.tasks).padStart(8)} tasks  cost ${p.totalCost.toPrecision(4).padStart(10)}  ≈ ${hours(p.cpuHours)} CPU`);
  return [head, ...rows].join('\n');
}

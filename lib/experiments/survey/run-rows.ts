/** Notebook 01's bridge to the runtime: run an experiment and get its rows as plain objects (config fields, seed, record fields). */
import { Experiment } from '../../runtime/experiment';
import { runExperiment } from '../../runtime/runner';
import type { RunOptions } from '../../runtime/options';

/** One task's row: its config, its seed, its record (record fields win over config fields of the same name). */
export type Row<C, R> = C & R & { seed: number; wallMs: number };

/** Run `exp` through lib/runtime (parallel workers, result cache in RESULTS_DIR) and return one row per task, in declaration order. */
export async function runRows<C extends Record<string, unknown>, R extends Record<string, unknown>>(
  exp: Experiment<C, R>, options: RunOptions = {},
): Promise<{ rows: Row<C, R>[]; computed: number; cached: number; wallMs: number; cpuMs: number }> {
  if (exp === null || typeof exp !== 'object' || typeof exp.name !== 'string') throw new TypeError(`runRows: exp must be an experiment from defineExperiment, but got ${String(exp)}`);
  const r = await runExperiment(exp, options);
  const rows = r.entries.map((e) => ({ ...(e.config as C), seed: e.seed, ...(e.record as R), wallMs: e.wallMs }) as Row<C, R>);
  const cpuMs = r.entries.reduce((s, e) => s + (e.cpuMs ?? e.wallMs), 0);
  return { rows, computed: r.computed, cached: r.cached, wallMs: r.wallMs, cpuMs };
}

/** The values of `key` over the rows matching `where`, sorted by seed (arms of a paired comparison line up by seed). */
export function armOf<T extends { seed: number }>(rows: readonly T[], where: (r: T) => boolean, key: (r: T) => number): number[] {
  if (!Array.isArray(rows)) throw new TypeError(`armOf: rows must be an array, but got ${typeof rows}`);
  return rows.filter(where).sort((a, b) => a.seed - b.seed).map(key);
}

/** Mean and sample standard deviation (0 for one value); NaN mean for none. */
export function meanSd(v: readonly number[]): { mean: number; sd: number; n: number } {
  if (!Array.isArray(v)) throw new TypeError(`meanSd: v must be an array of numbers, but got ${typeof v}`);
  const n = v.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

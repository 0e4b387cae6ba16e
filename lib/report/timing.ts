/**
 * Interleaved, repeated wall-clock timings for timing claims: the arms are run in rotating order
 * (A B C, B C A, C A B, …) so that a slow spell of a shared machine falls on every arm alike, and
 * each arm gets `repeats` samples to build an interval from (never one pass).
 */
import { assertInteger } from '../core/guards';

export type TimedArm = () => unknown | Promise<unknown>;

/** Milliseconds per call of each arm, `repeats` samples each, after `warmup` untimed rounds. */
export async function interleavedTimings(arms: Record<string, TimedArm>, opts: { repeats: number; warmup?: number; callsPerSample?: number }): Promise<Record<string, number[]>> {
  const names = Object.keys(arms);
  if (names.length === 0) throw new RangeError('interleavedTimings needs at least one arm, but got none');
  for (const n of names) if (typeof arms[n] !== 'function') throw new TypeError(`arm '${n}' must be a function, but got ${typeof arms[n]}`);
  const repeats = assertInteger(opts.repeats, 'repeats', 1);
  const warmup = assertInteger(opts.warmup ?? 1, 'warmup', 0);
  const calls = assertInteger(opts.callsPerSample ?? 1, 'callsPerSample', 1);
  if (repeats * calls * names.length > 1e6) throw new RangeError(`repeats × callsPerSample × arms = ${repeats * calls * names.length} exceeds 1e6 timed calls`);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let w = 0; w < warmup; w++) for (const n of names) await arms[n]();
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      const t0 = process.hrtime.bigint();
      for (let c = 0; c < calls; c++) await arms[n]();
      out[n].push(Number(process.hrtime.bigint() - t0) / 1e6 / calls);
    }
  }
  return out;
}

/**
 * Like `interleavedTimings` (same rotating order), but each sample records both the wall-clock time
 * and the CPU time (user + system, `process.cpuUsage()`) of the process, in milliseconds per call.
 * On a shared machine the CPU time of a single-threaded arm (TF.js wasm, plain TypeScript) is not
 * inflated when other processes compete for the cores, which wall time is; for a multi-threaded
 * engine the CPU time sums its threads. With `bestOf` k > 1 each sample is the minimum over k
 * back-to-back timings of the arm (wall and CPU separately): timing noise on a shared machine only
 * ever adds time, so the minimum is the robust estimate of an arm's cost in that round.
 */
export async function interleavedCpuTimings(
  arms: Record<string, TimedArm>, opts: { repeats: number; warmup?: number; callsPerSample?: number; bestOf?: number },
): Promise<{ wall: Record<string, number[]>; cpu: Record<string, number[]> }> {
  const names = Object.keys(arms);
  if (names.length === 0) throw new RangeError('interleavedCpuTimings needs at least one arm, but got none');
  for (const n of names) if (typeof arms[n] !== 'function') throw new TypeError(`arm '${n}' must be a function, but got ${typeof arms[n]}`);
  const repeats = assertInteger(opts.repeats, 'repeats', 1);
  const warmup = assertInteger(opts.warmup ?? 1, 'warmup', 0);
  const calls = assertInteger(opts.callsPerSample ?? 1, 'callsPerSample', 1);
  const best = assertInteger(opts.bestOf ?? 1, 'bestOf', 1);
  if (repeats * calls * best * names.length > 1e6) throw new RangeError(`repeats × callsPerSample × bestOf × arms = ${repeats * calls * best * names.length} exceeds 1e6 timed calls`);
  const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let w = 0; w < warmup; w++) for (const n of names) await arms[n]();
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length];
      let w = Infinity, u = Infinity;
      for (let b = 0; b < best; b++) {
        const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
        for (let c = 0; c < calls; c++) await arms[n]();
        const dt = Number(process.hrtime.bigint() - t0) / 1e6, dc = process.cpuUsage(c0);
        w = Math.min(w, dt / calls);
        u = Math.min(u, (dc.user + dc.system) / 1000 / calls);
      }
      wall[n].push(w);
      cpu[n].push(u);
    }
  }
  return { wall, cpu };
}

/**
 * Interleaved best-of samples: `repeats × bestOf` rounds in rotating order (as `interleavedCpuTimings`
 * with bestOf 1), and replicate j of each arm is the minimum over its samples in rounds
 * j·bestOf … (j+1)·bestOf − 1 (wall and CPU separately). Unlike back-to-back best-of, the k samples of
 * one replicate are spread over k rounds, separated by the other arms' samples, so a slow spell of a
 * shared machine (a burst of other work thrashing the caches, tens to hundreds of ms) spoils at
 * most one of them; the minimum then discards it. Replicate j of every arm comes from the same
 * block of rounds (paired by block).
 */
export async function interleavedBestOfTimings(
  arms: Record<string, TimedArm>, opts: { repeats: number; bestOf: number; warmup?: number; callsPerSample?: number },
): Promise<{ wall: Record<string, number[]>; cpu: Record<string, number[]> }> {
  const repeats = assertInteger(opts.repeats, 'repeats', 1);
  const best = assertInteger(opts.bestOf, 'bestOf', 1);
  const raw = await interleavedCpuTimings(arms, { repeats: repeats * best, warmup: opts.warmup, callsPerSample: opts.callsPerSample });
  const blockMin = (xs: number[]) => Array.from({ length: repeats }, (_, j) => Math.min(...xs.slice(j * best, (j + 1) * best)));
  const map = (r: Record<string, number[]>) => Object.fromEntries(Object.entries(r).map(([k, xs]) => [k, blockMin(xs)]));
  return { wall: map(raw.wall), cpu: map(raw.cpu) };
}

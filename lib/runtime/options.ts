/** The runner's options (jobs, shard, results directory, profile, progress), validated at once: a bad one names itself, its value and the allowed range. */
import * as os from 'os';
import * as path from 'path';
import { activeProfile, Profile, PROFILES } from '../report/profile';
import { resultsDir } from './cache';

export interface Shard {
  /** This shard's index, 0 ≤ index < count. */
  index: number;
  /** Number of shards. */
  count: number;
}

export type ProgressMode = 'auto' | 'tty' | 'lines' | 'off';
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'tty', 'lines', 'off'];

export interface RunOptions {
  /** Worker processes; default JOBS, else all cores (os.availableParallelism()). */
  jobs?: number;
  /** Run only the tasks whose index mod count == index: {index, count} or 'i/n'. */
  shard?: Shard | string;
  /** Cache directory; default RESULTS_DIR, else ./results. */
  resultsDir?: string;
  /** Profile sizing the task grid; default PROFILE, else 'default'. */
  profile?: Profile;
  /** Progress display: 'auto' (live line on a terminal or in Jupyter, plain lines every ~10 s elsewhere), 'tty', 'lines', 'off'. Default PROGRESS, else 'auto'. */
  progress?: ProgressMode;
  /** Write RESULTS_DIR/<name>-v<version>.parquet and its provenance sidecar (default: yes unless sharded). */
  writeTable?: boolean;
  /** Environment to read JOBS, RESULTS_DIR, PROFILE, PROGRESS from (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface ResolvedOptions {
  jobs: number;
  shard: Shard | null;
  resultsDir: string;
  profile: Profile;
  progress: ProgressMode;
  writeTable: boolean;
}

export const MAX_JOBS = 1024;
const KNOWN = ['jobs', 'shard', 'resultsDir', 'profile', 'progress', 'writeTable', 'env'];

/** Parse a job count (from JOBS or --jobs): an integer in [1, MAX_JOBS]. */
export function parseJobs(raw: unknown, name = 'jobs'): number {
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_JOBS) {
    throw new RangeError(`${name} must be an integer in [1, ${MAX_JOBS}], but got ${JSON.stringify(raw) ?? String(raw)}`);
  }
  return n;
}

/** Parse a shard, 'i/n' or {index, count}: integers with 0 ≤ i < n ≤ 1e6. */
export function parseShard(raw: unknown, name = 'shard'): Shard {
  let index: unknown, count: unknown;
  if (typeof raw === 'string') {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
    if (!m) throw new RangeError(`${name} must look like i/n with integers 0 <= i < n, but got ${JSON.stringify(raw)}`);
    [index, count] = [Number(m[1]), Number(m[2])];
  } else if (raw !== null && typeof raw === 'object') {
    const keys = Object.keys(raw);
    const extra = keys.filter((k) => k !== 'index' && k !== 'count');
    if (extra.length) throw new RangeError(`${name} has unknown field '${extra[0]}'; allowed: index, count`);
    ({ index, count } = raw as Shard);
  } else {
    throw new RangeError(`${name} must be 'i/n' or {index, count}, but got ${JSON.stringify(raw) ?? String(raw)}`);
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new RangeError(`${name} count must be an integer in [1, 1000000], but got ${String(count)}`);
  }
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${name} index must be an integer in [0, ${count - 1}] (shard i/n needs 0 <= i < n), but got ${String(index)}/${count}`);
  }
  return { index, count };
}

/** Whether task number `i` belongs to the shard (index mod count == shard index). */
export function inShard(i: number, shard: Shard | null): boolean {
  return !shard || i % shard.count === shard.index;
}

/** Validate the runner's options and fill in the defaults from the environment. */
export function resolveOptions(opts: RunOptions = {}): ResolvedOptions {
  if (opts === null || typeof opts !== 'object') throw new TypeError(`options must be an object, but got ${String(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!KNOWN.includes(k)) throw new RangeError(`unknown option '${k}'; allowed: ${KNOWN.join(', ')}`);
  }
  const env = opts.env ?? process.env;
  const jobs = opts.jobs !== undefined ? parseJobs(opts.jobs, 'jobs')
    : env.JOBS !== undefined && env.JOBS !== '' ? parseJobs(env.JOBS, 'JOBS')
    : Math.min(MAX_JOBS, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  const shard = opts.shard === undefined ? null : parseShard(opts.shard);
  if (opts.profile !== undefined && !(PROFILES as readonly string[]).includes(opts.profile)) {
    throw new RangeError(`profile must be one of ${PROFILES.join(', ')}, but got ${JSON.stringify(opts.profile)}`);
  }
  const profile = opts.profile ?? activeProfile(env);
  const progressRaw = opts.progress ?? (env.PROGRESS?.trim() || 'auto');
  if (!(PROGRESS_MODES as readonly string[]).includes(progressRaw)) {
    throw new RangeError(`progress${opts.progress === undefined ? ' (PROGRESS)' : ''} must be one of ${PROGRESS_MODES.join(', ')}, but got ${JSON.stringify(progressRaw)}`);
  }
  if (opts.resultsDir !== undefined && (typeof opts.resultsDir !== 'string' || opts.resultsDir === '')) {
    throw new RangeError(`resultsDir must be a non-empty path, but got ${JSON.stringify(opts.resultsDir)}`);
  }
  if (opts.writeTable !== undefined && typeof opts.writeTable !== 'boolean') {
    throw new RangeError(`writeTable must be true or false, but got ${JSON.stringify(opts.writeTable)}`);
  }
  return {
    jobs,
    shard,
    resultsDir: opts.resultsDir ? path.resolve(opts.resultsDir) : resultsDir(env),
    profile,
    progress: progressRaw as ProgressMode,
    writeTable: opts.writeTable ?? shard === null,
  };
}

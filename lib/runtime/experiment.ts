/** An experiment declared as data: name, version, a grid of tasks (config × seed) per profile, and the module exporting its task function. */
import * as path from 'path';
import { activeProfile, Profile, PROFILES } from '../report/profile';
import { canonicalJson, sha256 } from './canonical-json';

/** A plain JSON-able value: what configs and records are made of. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Config = Record<string, unknown>;
export type TaskRecord = Record<string, unknown>;

/** One task: a configuration and a seed; `cost` is its relative cost (e.g. width × epochs), default 1, for estimates. */
export interface TaskSpec<C extends Config = Config> {
  config: C;
  seed: number;
  cost?: number;
}

/** The task function an experiment's module exports: `(config, seed) → record` (sync or async, plain JSON data). */
export type TaskFn<C extends Config = Config, R extends TaskRecord = TaskRecord> = (config: C, seed: number) => R | Promise<R>;

export interface Experiment<C extends Config = Config, R extends TaskRecord = TaskRecord> {
  /** File-name-safe identifier: letters, digits, '.', '_', '-' (it names the cache folder and the Parquet file). */
  name: string;
  /** Bump to recompute every task (a changed protocol); a positive integer or a short slug. */
  version: number | string;
  /** The task grid, sized by profile: a function of the profile (preferred: `make estimate` sees every profile) or a fixed list. */
  tasks: TaskSpec<C>[] | ((profile: Profile) => TaskSpec<C>[]);
  /** Path of the module exporting the task function: absolute, or relative to the repository root (e.g. 'lib/runtime/demo-experiment.ts'). */
  module: string;
  /** Name of the exported task function in `module`. */
  task: string;
  /** Optional analysis over the result table (a nodejs-polars DataFrame), run after all tasks finished. */
  analysis?: (table: import('nodejs-polars').DataFrame) => unknown;
  /** Shown on the progress line instead of `name` (may contain any characters). */
  label?: string;
}

/** The most tasks one experiment may declare: more is almost certainly a grid mistake. */
export const MAX_TASKS = 1_000_000;

/** The repository root (this file is lib/runtime/experiment.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const KNOWN_FIELDS = ['name', 'version', 'tasks', 'module', 'task', 'analysis', 'label'];
const BRAND = Symbol.for('activation-physics.experiment');

/** Declare an experiment: validates the declaration at once (names the bad field) and marks it for `scripts/sweep.ts`. */
export function defineExperiment<C extends Config, R extends TaskRecord = TaskRecord>(e: Experiment<C, R>): Experiment<C, R> {
  if (e === null || typeof e !== 'object') throw new TypeError(`an experiment must be an object, but got ${String(e)}`);
  for (const k of Object.keys(e)) {
    if (!KNOWN_FIELDS.includes(k)) throw new RangeError(`unknown experiment field '${k}'; allowed: ${KNOWN_FIELDS.join(', ')}`);
  }
  if (typeof e.name !== 'string' || !NAME_RE.test(e.name)) {
    throw new RangeError(`experiment name must be 1–100 characters of letters, digits, '.', '_', '-' (starting with a letter or digit), but got ${JSON.stringify(e.name)}`);
  }
  const v = e.version;
  const okVersion = (typeof v === 'number' && Number.isInteger(v) && v >= 1) || (typeof v === 'string' && /^[A-Za-z0-9._-]{1,40}$/.test(v));
  if (!okVersion) throw new RangeError(`experiment '${e.name}': version must be an integer >= 1 or a slug of letters, digits, '.', '_', '-', but got ${JSON.stringify(v)}`);
  if (typeof e.tasks !== 'function' && !Array.isArray(e.tasks)) throw new TypeError(`experiment '${e.name}': tasks must be an array of {config, seed} or a function of the profile, but got ${typeof e.tasks}`);
  if (typeof e.module !== 'string' || e.module === '') throw new TypeError(`experiment '${e.name}': module must be the path of the module exporting the task function, but got ${JSON.stringify(e.module)}`);
  if (typeof e.task !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(e.task)) throw new TypeError(`experiment '${e.name}': task must be the name of an exported function, but got ${JSON.stringify(e.task)}`);
  if (e.analysis !== undefined && typeof e.analysis !== 'function') throw new TypeError(`experiment '${e.name}': analysis must be a function of the result table, but got ${typeof e.analysis}`);
  Object.defineProperty(e, BRAND, { value: true, enumerable: false });
  return e;
}

/** Whether a value was declared with defineExperiment (how sweep.ts finds an experiment module's declarations). */
export function isExperiment(x: unknown): x is Experiment {
  return x !== null && typeof x === 'object' && (x as Record<symbol, unknown>)[BRAND] === true;
}

/** The absolute path of an experiment's task module. */
export function modulePath(e: Experiment): string {
  return path.isAbsolute(e.module) ? e.module : path.resolve(REPO_ROOT, e.module);
}

/** Every combination of the given option lists, e.g. grid({width: [8, 16], act: ['relu', 'tanh']}) → 4 configs (last key varies fastest). */
export function grid<T extends Record<string, readonly unknown[]>>(axes: T): { [K in keyof T]: T[K][number] }[] {
  let out: Record<string, unknown>[] = [{}];
  const count = Object.values(axes).reduce((n, v) => n * (Array.isArray(v) ? v.length : 1), 1);
  if (count > MAX_TASKS) throw new RangeError(`grid: ${Object.entries(axes).map(([k, v]) => `${k} (${Array.isArray(v) ? v.length : '?'})`).join(' × ')} = ${count} configs exceeds ${MAX_TASKS}`);
  for (const [k, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0) throw new RangeError(`grid axis '${k}' must be a non-empty array, but got ${JSON.stringify(values)}`);
    out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  }
  return out as { [K in keyof T]: T[K][number] }[];
}

/** Tasks for configs × seeds; `cost` gives each config's relative cost (default 1). */
export function tasksOf<C extends Config>(configs: C[], seeds: number[], cost?: (c: C) => number): TaskSpec<C>[] {
  if (configs.length * seeds.length > MAX_TASKS) throw new RangeError(`tasksOf: ${configs.length} configs × ${seeds.length} seeds = ${configs.length * seeds.length} tasks exceeds ${MAX_TASKS}`);
  return configs.flatMap((config) => seeds.map((seed) => ({ config, seed, ...(cost ? { cost: cost(config) } : {}) })));
}

/** seeds(n, first = 0) = [first, first+1, …, first+n−1]. */
export function seeds(n: number, first = 0): number[] {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TASKS) throw new RangeError(`seeds: n must be an integer in [1, ${MAX_TASKS}], but got ${String(n)}`);
  return Array.from({ length: n }, (_, i) => first + i);
}

/** A task's cache key: sha256 of the canonical JSON of [experiment name, version, config, seed]. */
export function taskKey(e: Pick<Experiment, 'name' | 'version'>, config: Config, seed: number): string {
  return sha256(canonicalJson([e.name, e.version, config, seed], 'config'));
}

/** A task with its key and its index in the declared list. */
export interface ResolvedTask<C extends Config = Config> extends TaskSpec<C> {
  index: number;
  key: string;
  cost: number;
}

/** The experiment's tasks for a profile, validated: seeds integers, costs > 0, at most MAX_TASKS, no two with the same key. */
export function resolveTasks<C extends Config>(e: Experiment<C, any>, profile: Profile = activeProfile()): ResolvedTask<C>[] {
  if (!(PROFILES as readonly string[]).includes(profile)) throw new RangeError(`profile must be one of ${PROFILES.join(', ')}, but got '${profile}'`);
  const list = typeof e.tasks === 'function' ? e.tasks(profile) : e.tasks;
  if (!Array.isArray(list)) throw new TypeError(`experiment '${e.name}': tasks(${profile}) must return an array, but got ${typeof list}`);
  if (list.length > MAX_TASKS) throw new RangeError(`experiment '${e.name}': task count must be in [0, ${MAX_TASKS}], but got ${list.length} at profile ${profile}`);
  const seen = new Map<string, number>();
  return list.map((t, index) => {
    if (t === null || typeof t !== 'object' || t.config === null || typeof t.config !== 'object' || Array.isArray(t.config)) {
      throw new TypeError(`experiment '${e.name}': tasks[${index}].config must be an object, but got ${JSON.stringify(t?.config)}`);
    }
    if (!Number.isSafeInteger(t.seed)) throw new RangeError(`experiment '${e.name}': tasks[${index}].seed must be a safe integer, but got ${String(t.seed)}`);
    const cost = t.cost ?? 1;
    if (typeof cost !== 'number' || !Number.isFinite(cost) || cost <= 0) throw new RangeError(`experiment '${e.name}': tasks[${index}].cost must be a finite number > 0, but got ${String(cost)}`);
    const key = taskKey(e, t.config, t.seed);
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new RangeError(`experiment '${e.name}': duplicate task key: tasks[${prev}] and tasks[${index}] are the same task (config ${canonicalJson(t.config)}, seed ${t.seed})`);
    }
    seen.set(key, index);
    return { config: t.config, seed: t.seed, cost, index, key };
  });
}

/** Runs an experiment: cached tasks are read, the others computed in parallel worker processes, and the result table returned (and written as Parquet). */
import pl from 'nodejs-polars';
import { canonicalJson, parseCanonical } from './canonical-json';
import { CacheEntry, ResultCache } from './cache';
import { Experiment, modulePath, ResolvedTask, resolveTasks } from './experiment';
import { inShard, resolveOptions, RunOptions, Shard } from './options';
import { runPool } from './pool';
import { Progress } from './progress';
import { tablePath, tableRow, toDataFrame, writeTable } from './table';
import type { TaskMessage } from './worker';

export interface FailedTask {
  index: number;
  key: string;
  config: Record<string, unknown>;
  seed: number;
  error: string;
}

export interface RunResult {
  /** One row per task of this run (this shard only, when sharded), in declaration order. */
  table: pl.DataFrame;
  /** The cache entries behind the rows (record, wall time, host). */
  entries: CacheEntry[];
  /** Tasks in this run (after sharding), computed now, read from the cache, and found corrupt (then recomputed). */
  tasks: number;
  computed: number;
  cached: number;
  corrupt: number;
  /** Keys of the tasks computed in this run. */
  computedKeys: string[];
  shard: Shard | null;
  wallMs: number;
  /** Where the table was written (absent when sharded or writeTable is false). */
  parquet?: string;
  sidecar?: string;
  /** What the experiment's analysis returned. */
  analysis?: unknown;
}

/** Thrown after all tasks ran when some failed: names every failed task with its config and seed; `result` has the tasks that succeeded. */
export class TaskFailures extends Error {
  constructor(readonly experiment: string, readonly failures: FailedTask[], readonly result: Omit<RunResult, 'analysis'>) {
    super(
      `${experiment}: ${failures.length} of ${result.tasks} task${result.tasks === 1 ? '' : 's'} failed (the others finished and are cached; run again to retry only these):\n` +
      failures.map((f) => `  tasks[${f.index}] config ${canonicalJson(f.config)} seed ${f.seed}: ${f.error.split('\n')[0]}`).join('\n'),
    );
    this.name = 'TaskFailures';
  }
}

/** The record with its fields in the order the task returned them. */
function inFieldOrder(e: CacheEntry): Record<string, unknown> {
  if (!Array.isArray(e.fields)) return e.record;
  const out: Record<string, unknown> = {};
  for (const k of e.fields) if (k in e.record) out[k] = e.record[k];
  for (const k of Object.keys(e.record)) if (!(k in out)) out[k] = e.record[k];
  return out;
}

/** Run an experiment's tasks (see RunOptions): resumes from the cache, recomputes only what is missing, corrupt or changed. */
export async function runExperiment(exp: Experiment<any, any>, options: RunOptions = {}): Promise<RunResult> {
  const opts = resolveOptions(options);
  const t0 = Date.now();
  const all = resolveTasks(exp, opts.profile);
  const tasks = all.filter((t) => inShard(t.index, opts.shard));
  const cache = new ResultCache(opts.resultsDir, exp.name);
  const label = (exp.label ?? exp.name) + (opts.shard ? ` [shard ${opts.shard.index}/${opts.shard.count}]` : '');
  const progress = new Progress(label, tasks.length, opts.progress);

  const entries = new Map<string, CacheEntry>();
  const toCompute: ResolvedTask[] = [];
  let corrupt = 0;
  for (const t of tasks) {
    const r = cache.read(t.key);
    if (r.status === 'hit') entries.set(t.key, r.entry);
    else {
      if (r.status === 'corrupt') {
        corrupt += 1;
        progress.log(`${exp.name}: cache entry of tasks[${t.index}] (config ${canonicalJson(t.config)}, seed ${t.seed}) is corrupt (${r.reason}); recomputing it: ${cache.pathOf(t.key)}`);
      }
      toCompute.push(t);
    }
  }
  const cached = entries.size;
  progress.update({ cached, corrupt }, true);

  const failures: FailedTask[] = [];
  const computedKeys: string[] = [];
  const byKey = new Map(toCompute.map((t) => [t.key, t]));
  const messages: TaskMessage[] = toCompute.map((t) => ({
    type: 'run', root: opts.resultsDir, experiment: exp.name, version: exp.version, modulePath: modulePath(exp), task: exp.task,
    key: t.key, config: t.config, seed: t.seed, cost: t.cost,
  }));
  progress.startComputing();
  const ticker = progress.mode === 'off' ? null : setInterval(() => progress.update(), progress.tickMs);
  try {
    await runPool(Math.min(opts.jobs, Math.max(1, messages.length)), messages, {
      done: (m, entryJson) => {
        entries.set(m.key, parseCanonical(entryJson) as CacheEntry);
        computedKeys.push(m.key);
        progress.update({ computed: computedKeys.length });
      },
      failed: (m, error) => {
        const t = byKey.get(m.key)!;
        failures.push({ index: t.index, key: t.key, config: t.config, seed: t.seed, error });
        progress.log(`${exp.name}: tasks[${t.index}] failed (config ${canonicalJson(t.config)}, seed ${t.seed}):\n  ${error.split('\n').join('\n  ')}`);
        progress.update({ failed: failures.length }, true);
      },
      output: (line, pid) => progress.log(`[worker ${pid}] ${line}`),
    });
  } finally {
    if (ticker) clearInterval(ticker);
  }
  progress.finish();

  const ok = tasks.filter((t) => entries.has(t.key));
  const rows = ok.map((t) => tableRow(t.config, t.seed, inFieldOrder(entries.get(t.key)!)));
  const configCols = new Set<string>(['seed']);
  for (const t of ok) for (const k of Object.keys(tableRow(t.config, t.seed, {}))) configCols.add(k);
  const table = toDataFrame(rows, configCols);
  const result: RunResult = {
    table, entries: ok.map((t) => entries.get(t.key)!), tasks: tasks.length, computed: computedKeys.length, cached, corrupt,
    computedKeys, shard: opts.shard, wallMs: Date.now() - t0,
  };
  if (failures.length) {
    failures.sort((a, b) => a.index - b.index);
    throw new TaskFailures(exp.name, failures, result);
  }
  if (opts.writeTable) {
    const w = writeTable(table, tablePath(opts.resultsDir, exp.name, exp.version), {
      experiment: exp.name, version: exp.version, profile: opts.profile, tasks: tasks.length, computed: result.computed, cached,
      resultsDir: opts.resultsDir,
    });
    result.parquet = w.parquet;
    result.sidecar = w.sidecar;
  }
  if (exp.analysis) result.analysis = await exp.analysis(table);
  return result;
}

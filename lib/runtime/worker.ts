/** The worker process's entry (forked by pool.ts, run with tsx): runs tasks sent by the parent, stores each finished one in the cache, replies. */
import { canonicalJson } from './canonical-json';
import { ResultCache } from './cache';
import type { TaskFn } from './experiment';

/** What the parent sends: one task to run. */
export interface TaskMessage {
  type: 'run';
  root: string;
  experiment: string;
  version: number | string;
  modulePath: string;
  task: string;
  key: string;
  config: Record<string, unknown>;
  seed: number;
  cost: number;
}

/** What a worker replies: ready at start, then done (the cache entry as canonical JSON) or failed per task. */
export type WorkerReply =
  | { type: 'ready'; pid: number }
  | { type: 'done'; key: string; entry: string }
  | { type: 'failed'; key: string; error: string };

const loaded = new Map<string, TaskFn>();

function taskFunction(modulePath: string, name: string): TaskFn {
  const id = `${modulePath}#${name}`;
  let fn = loaded.get(id);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(modulePath);
    fn = mod[name];
    if (typeof fn !== 'function') {
      throw new TypeError(`module ${modulePath} has no exported function '${name}' (exports: ${Object.keys(mod).join(', ') || 'none'})`);
    }
    loaded.set(id, fn);
  }
  return fn;
}

/** Run one task and store its record; exported for in-process use and tests. */
export async function runTask(m: TaskMessage): Promise<WorkerReply> {
  try {
    const fn = taskFunction(m.modulePath, m.task);
    const t0 = performance.now(), c0 = process.cpuUsage();
    const record = await fn(m.config, m.seed);
    const wallMs = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    const cpuMs = (c1.user + c1.system) / 1000;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new TypeError(`task function '${m.task}' must return a plain object (the record), but got ${Array.isArray(record) ? 'an array' : String(record)}`);
    }
    canonicalJson(record, 'record'); // throws naming the first field that is not JSON data
    const entry = new ResultCache(m.root, m.experiment).write({
      key: m.key, experiment: m.experiment, version: m.version, config: m.config, seed: m.seed, cost: m.cost,
      record: record as Record<string, unknown>, fields: Object.keys(record), wallMs, cpuMs,
    });
    return { type: 'done', key: m.key, entry: canonicalJson(entry) };
  } catch (e) {
    const err = e as Error;
    return { type: 'failed', key: m.key, error: (err?.stack ?? String(e)).split('\n').slice(0, 8).join('\n') };
  }
}

if (require.main === module && process.send) {
  const send = (r: WorkerReply) => process.send!(r);
  // the parent is gone (killed, Ctrl-C): stop; a task in flight is lost, finished ones are in the cache
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: TaskMessage) => {
    if (m?.type !== 'run') return;
    runTask(m).then((r) => { if (process.connected) send(r); });
  });
  send({ type: 'ready', pid: process.pid });
}

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import pl from 'nodejs-polars';
import { ResultCache } from './cache';
import { defineExperiment, resolveTasks, tasksOf } from './experiment';
import { fixtureExperiment, killTestExperiment } from './fixture-tasks';
import { tsxExecArgv } from './pool';
import { runExperiment, TaskFailures } from './runner';

const made: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-test-')); made.push(d); return d; };
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

const tmp = tmpDir;
const logLines = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const quiet = { progress: 'off' as const };

test('a run computes every task, a rerun computes none; the table has config, seed and record columns, and Parquet + provenance are written', async () => {
  const dir = tmp();
  const e = fixtureExperiment('fx-basic', 5);
  const a = await runExperiment(e, { resultsDir: dir, jobs: 2, ...quiet });
  assert.equal(a.computed, 5);
  assert.equal(a.cached, 0);
  assert.deepEqual(a.table.columns, ['x', 'ms', 'seed', 'y', 'label', 'nan', 'list'], 'config fields, seed, record fields in the order returned');
  assert.deepEqual(a.table.getColumn('y').toArray(), [0, 1, 4, 9, 16]);
  assert.ok(Number.isNaN(a.table.getColumn('nan').toArray()[0]), 'NaN survives the cache');
  assert.ok(a.entries.every((en) => en.wallMs >= 0 && en.cpuMs! >= 0), 'wall and CPU time recorded');
  const b = await runExperiment(e, { resultsDir: dir, jobs: 2, ...quiet });
  assert.equal(b.computed, 0);
  assert.equal(b.cached, 5);
  assert.ok(a.table.frameEqual(b.table, true));
  const fromDisk = pl.readParquet(path.join(dir, 'fx-basic-v1.parquet'));
  assert.ok(fromDisk.frameEqual(b.table, true));
  const side = JSON.parse(fs.readFileSync(path.join(dir, 'fx-basic-v1.json'), 'utf8'));
  assert.match(side.commit, /^[0-9a-f]{7,40}$|unknown/);
  assert.equal(side.profile, 'default');
  assert.equal(side.versions['nodejs-polars'], '0.25.2');
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 0);
});

test('changing one config recomputes only that task (a new version changes every key: experiment.test.ts)', async () => {
  const dir = tmp();
  const mk = (xs: number[], version = 1) => defineExperiment({
    name: 'fx-change', version, module: 'lib/runtime/fixture-tasks.ts', task: 'square', tasks: tasksOf(xs.map((x) => ({ x })), [0]),
  });
  await runExperiment(mk([0, 1, 2, 3]), { resultsDir: dir, jobs: 1, ...quiet });
  const changed = await runExperiment(mk([0, 1, 2, 7]), { resultsDir: dir, jobs: 1, ...quiet });
  assert.equal(changed.computed, 1);
  assert.equal(changed.cached, 3);
});

test('a corrupt or truncated cache entry is reported and recomputed, never read', async () => {
  const dir = tmp();
  const e = fixtureExperiment('fx-corrupt', 3);
  await runExperiment(e, { resultsDir: dir, jobs: 1, ...quiet });
  const cache = new ResultCache(dir, 'fx-corrupt');
  const [t0, t1] = resolveTasks(e);
  const f0 = cache.pathOf(t0.key), f1 = cache.pathOf(t1.key);
  fs.writeFileSync(f0, fs.readFileSync(f0, 'utf8').replace('"y":0', '"y":42')); // silent bit rot: valid JSON, wrong content
  fs.writeFileSync(f1, fs.readFileSync(f1, 'utf8').slice(0, 40)); // a partial write
  assert.equal(cache.read(t0.key).status, 'corrupt');
  assert.equal(cache.read(t1.key).status, 'corrupt');
  const messages: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => { messages.push(String(s)); return true; }) as typeof process.stderr.write;
  let r;
  try {
    r = await runExperiment(e, { resultsDir: dir, jobs: 1, progress: 'lines' });
  } finally {
    process.stderr.write = write;
  }
  assert.equal(r.corrupt, 2);
  assert.equal(r.computed, 2);
  assert.deepEqual(r.table.getColumn('y').toArray(), [0, 1, 4]);
  assert.ok(messages.some((m) => /tasks\[0\].*corrupt \(checksum mismatch/.test(m)), messages.join(''));
  assert.ok(messages.some((m) => /tasks\[1\].*corrupt \(not valid JSON/.test(m)));
  assert.equal(cache.read(t0.key).status, 'hit');
});

test('two runners on one cache finish with whole entries and equal tables', async () => {
  const dir = tmp();
  const e = fixtureExperiment('fx-two', 8, 20);
  const [a, b] = await Promise.all([
    runExperiment(e, { resultsDir: dir, jobs: 1, ...quiet, writeTable: false }),
    runExperiment(e, { resultsDir: dir, jobs: 1, ...quiet, writeTable: false }),
  ]);
  assert.ok(a.table.frameEqual(b.table, true));
  const cache = new ResultCache(dir, 'fx-two');
  for (const t of resolveTasks(e)) assert.equal(cache.read(t.key).status, 'hit');
  const leftovers = (fs.readdirSync(cache.dir, { recursive: true }) as string[]).filter((f) => String(f).endsWith('.tmp'));
  assert.deepEqual(leftovers, []);
});

test('a throwing task and a crashing worker are reported with config and seed; the others finish and are cached', async () => {
  const dir = tmp();
  const e = fixtureExperiment('fx-throw', 6, 0, { throwAt: 2, crashAt: 4 });
  const err = await runExperiment(e, { resultsDir: dir, jobs: 2, ...quiet }).then(() => null, (x) => x);
  assert.ok(err instanceof TaskFailures, String(err));
  assert.equal(err.failures.length, 2);
  assert.match(err.message, /2 of 6 tasks failed/);
  assert.match(err.message, /tasks\[2\] config \{"crashAt":4,"ms":0,"throwAt":2,"x":2\} seed 0: Error: fixture failure at x=2/);
  assert.match(err.message, /tasks\[4\] config .*"x":4\} seed 0: worker process \d+ died while running the task \(exit code 3/);
  assert.equal(err.result.table.shape.height, 4);
  const again = await runExperiment(fixtureExperiment('fx-throw', 6, 0, { throwAt: 2, crashAt: 4 }), { resultsDir: dir, jobs: 1, ...quiet }).catch((x) => x);
  assert.equal((again as TaskFailures).result.cached, 4, 'only the failed ones are retried');
});

test('shards cover every task exactly once, and a full run afterwards computes nothing', async () => {
  const dir = tmp();
  const e = fixtureExperiment('fx-shard', 7);
  const seen: string[] = [];
  for (let index = 0; index < 2; index++) {
    const r = await runExperiment(e, { resultsDir: dir, jobs: 1, shard: `${index}/2`, ...quiet });
    assert.equal(r.parquet, undefined, 'a shard writes no table');
    seen.push(...r.computedKeys);
  }
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7);
  const full = await runExperiment(e, { resultsDir: dir, jobs: 1, ...quiet });
  assert.equal(full.computed, 0);
  assert.equal(full.table.shape.height, 7);
});

test('a run killed mid-way (SIGKILL) resumes: the rerun recomputes no finished task and completes the table', async () => {
  const dir = tmp();
  const log1 = path.join(dir, 'first.log'), log2 = path.join(dir, 'second.log');
  const child = spawn(process.execPath, [...tsxExecArgv(), path.join(__dirname, 'fixture-tasks.ts')], {
    env: { ...process.env, RESULTS_DIR: dir, FIXTURE_LOG: log1 }, detached: true, stdio: 'ignore',
  });
  const t0 = Date.now();
  while (logLines(log1).length < 6) {
    assert.ok(Date.now() - t0 < 60_000, 'the first run finished no 6 tasks within 60 s');
    assert.equal(child.exitCode, null, 'the first run ended before it was killed');
    await new Promise((r) => setTimeout(r, 25));
  }
  process.kill(-child.pid!, 'SIGKILL'); // the runner and its workers, as Ctrl-C or the OOM killer would
  await new Promise((r) => setTimeout(r, 300));
  const cache = new ResultCache(dir, killTestExperiment.name);
  const tasks = resolveTasks(killTestExperiment);
  const finished = new Set(tasks.filter((t) => cache.read(t.key).status === 'hit').map((t) => t.key));
  // a task logs its computation just before its entry is written: up to `jobs` (2) of the logged ones were in flight
  assert.ok(finished.size >= 4 && finished.size < 20, `killed after ${finished.size} cached tasks`);
  process.env.FIXTURE_LOG = log2;
  try {
    const r = await runExperiment(killTestExperiment, { resultsDir: dir, jobs: 2, ...quiet });
    assert.equal(r.cached, finished.size);
    assert.equal(r.computed, 20 - finished.size);
    assert.ok(r.computedKeys.every((k) => !finished.has(k)), 'a finished task was computed again');
    assert.equal(logLines(log2).length, 20 - finished.size);
    assert.deepEqual(r.table.getColumn('x').toArray(), Array.from({ length: 20 }, (_, i) => i));
  } finally {
    delete process.env.FIXTURE_LOG;
  }
});

test('bad options fail at once naming the argument, the value and the allowed range', async () => {
  const e = fixtureExperiment('fx-bad', 2);
  await assert.rejects(runExperiment(e, { jbos: 2 } as never), /unknown option 'jbos'; allowed: jobs, shard/);
  await assert.rejects(runExperiment(e, { jobs: 0 }), /jobs must be an integer in \[1, 1024\], but got 0/);
  await assert.rejects(runExperiment(e, { env: { JOBS: 'NaN' } }), /JOBS must be an integer in \[1, 1024\], but got "NaN"/);
  await assert.rejects(runExperiment(e, { shard: '3/2' }), /shard index must be an integer in \[0, 1\].*but got 3\/2/);
  const dup = defineExperiment({ name: 'fx-dup', version: 1, module: 'lib/runtime/fixture-tasks.ts', task: 'square', tasks: [{ config: { x: 1 }, seed: 0 }, { config: { x: 1 }, seed: 0 }] });
  await assert.rejects(runExperiment(dup), /duplicate task key: tasks\[0\] and tasks\[1\].*config \{"x":1\}, seed 0/);
  const huge = defineExperiment({ name: 'fx-huge', version: 1, module: 'x.ts', task: 'f', tasks: () => ({ length: 1e6 + 1 } as never) });
  await assert.rejects(runExperiment(huge), /tasks\(default\) must return an array|task count must be in \[0, 1000000\]/);
});

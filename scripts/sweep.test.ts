import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadExperiments, notebookModules, parseArgs } from './sweep';

test('sweep arguments: module, shard, jobs, estimate, scheduler', () => {
  const a = parseArgs(['lib/runtime/demo-experiment.ts', '--shard', '1/3', '--jobs=2']);
  assert.deepEqual(a.modules, ['lib/runtime/demo-experiment.ts']);
  assert.deepEqual(a.shard, { index: 1, count: 3 });
  assert.equal(a.jobs, 2);
  assert.equal(parseArgs(['m.ts', '--estimate']).estimate, true);
  assert.equal(parseArgs(['m.ts', '--scheduler', 'slurm', '--shards', '8']).shards, 8);
});

test('bad sweep arguments name the option, the value and what is allowed', () => {
  assert.throws(() => parseArgs(['m.ts', '--jbos', '2']), /unknown option '--jbos'; allowed: --notebook, --shard, --jobs/);
  assert.throws(() => parseArgs(['m.ts', '--jobs', '0']), /--jobs must be an integer in \[1, 1024\], but got "0"/);
  assert.throws(() => parseArgs(['m.ts', '--shard', '3/2']), /--shard index must be an integer in \[0, 1\]/);
  assert.throws(() => parseArgs(['m.ts', '--scheduler', 'pbs']), /--scheduler must be local or slurm, but got 'pbs'/);
  assert.throws(() => parseArgs(['m.ts', '--shard', '0/2', '--shards', '2']), /either --shard i\/n .* or --shards n/);
  assert.throws(() => parseArgs([]), /no experiment module given/);
  assert.throws(() => parseArgs(['m.ts', '--jobs']), /option --jobs needs a value/);
});

test('an experiment module is found by its defineExperiment exports', () => {
  const list = loadExperiments('lib/runtime/fixture-tasks.ts');
  assert.deepEqual(list.map((e) => e.name), ['fixture-kill']);
  assert.throws(() => loadExperiments('lib/runtime/fixture-tasks.ts', 'nope'), /no experiment named 'nope'; it has: fixture-kill/);
  assert.throws(() => loadExperiments('lib/runtime/cache.ts'), /exports no experiment/);
  assert.throws(() => loadExperiments('lib/nowhere.ts'), /experiment module not found/);
});

test('--notebook expands to the experiment modules under the catalogue folder; an unknown notebook names the allowed ones', () => {
  assert.deepEqual(parseArgs(['--notebook', '02', '--estimate']).notebooks, ['02']);
  assert.throws(() => notebookModules('07'), /--notebook must be one of 00, 01, 02, 03, 04 or all, but got '07'/);
  const all = notebookModules('all');
  assert.deepEqual(all.map((n) => n.notebook), ['00', '01', '02', '03', '04']);
  for (const { modules } of all) for (const m of modules) assert.ok(loadExperiments(m).length > 0, m);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'os';
import { inShard, parseJobs, parseShard, resolveOptions } from './options';

test('defaults: all cores, no shard, results/, the active profile, a table unless sharded', () => {
  const o = resolveOptions({ env: {} });
  assert.equal(o.jobs, os.availableParallelism());
  assert.equal(o.shard, null);
  assert.match(o.resultsDir, /\/results$/);
  assert.equal(o.profile, 'default');
  assert.equal(o.writeTable, true);
  const s = resolveOptions({ env: { JOBS: '3', RESULTS_DIR: '/x/r', PROFILE: 'quick' }, shard: '1/4' });
  assert.deepEqual([s.jobs, s.resultsDir, s.profile, s.writeTable], [3, '/x/r', 'quick', false]);
  assert.deepEqual(s.shard, { index: 1, count: 4 });
  assert.equal(resolveOptions({ env: { JOBS: '3' }, jobs: 1 }).jobs, 1, 'the option wins over JOBS');
});

test('bad jobs, shards and option names name the argument, the value and the range', () => {
  assert.throws(() => resolveOptions({ jbos: 1 } as never), /unknown option 'jbos'; allowed: jobs, shard, resultsDir/);
  assert.throws(() => parseJobs(0), /jobs must be an integer in \[1, 1024\], but got 0/);
  assert.throws(() => parseJobs(NaN), /jobs must be an integer in \[1, 1024\], but got null|but got NaN/);
  assert.throws(() => resolveOptions({ env: { JOBS: 'NaN' } }), /JOBS must be an integer in \[1, 1024\], but got "NaN"/);
  assert.throws(() => resolveOptions({ env: { JOBS: '2.5' } }), /JOBS must be an integer/);
  assert.throws(() => parseShard('3/2'), /shard index must be an integer in \[0, 1\] \(shard i\/n needs 0 <= i < n\), but got 3\/2/);
  assert.throws(() => parseShard('1/0'), /shard count must be an integer in \[1, 1000000\], but got 0/);
  assert.throws(() => parseShard('a/b'), /shard must look like i\/n/);
  assert.throws(() => parseShard({ index: 0, count: 2, of: 3 }), /shard has unknown field 'of'/);
  assert.throws(() => resolveOptions({ progress: 'loud' as never }), /progress must be one of auto, tty, lines, off, but got "loud"/);
  assert.throws(() => resolveOptions({ env: { PROFILE: 'huge' } }), /PROFILE must be one of quick, default, paper, but got 'huge'/);
});

test('shards partition the task indices: every index in exactly one shard', () => {
  for (let n = 1; n <= 6; n++) {
    for (let i = 0; i < 50; i++) {
      const hits = Array.from({ length: n }, (_, s) => inShard(i, { index: s, count: n })).filter(Boolean).length;
      assert.equal(hits, 1, `task ${i}, ${n} shards`);
    }
  }
  assert.ok(inShard(7, null));
});

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { batchScript, sbatchArgs, submitToSlurm } from './slurm';

const made: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-test-')); made.push(d); return d; };
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

const o = { experimentModule: '/repo/lib/x-experiment.ts', shards: 4, cpusPerTask: 2, resultsDir: '/shared/results', profile: 'paper', logDir: '/shared/results/slurm', partition: 'cpu', time: '4:00:00', mem: '8G' };

test('each array task runs its shard with JOBS = its CPUs into the shared RESULTS_DIR', () => {
  const s = batchScript(o);
  assert.match(s, /^#!\/bin\/bash\n/);
  assert.match(s, /export RESULTS_DIR='\/shared\/results' PROFILE='paper'/);
  assert.match(s, /scripts\/sweep.ts' '\/repo\/lib\/x-experiment.ts' --shard "\$SLURM_ARRAY_TASK_ID\/4" --jobs "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
  assert.doesNotMatch(batchScript(o, true), /--shard/);
  assert.deepEqual(sbatchArgs(o, 'job.sh', 'sweep-x').slice(0, 5), ['--parsable', '--array=0-3', '--job-name=sweep-x', '--cpus-per-task=2', '--output=/shared/results/slurm/%x-%A_%a.out']);
  assert.ok(sbatchArgs(o, 'job.sh', 'n').includes('--partition=cpu') && sbatchArgs(o, 'job.sh', 'n').includes('--time=4:00:00'));
});

test('submission calls sbatch for the array, then a collect job depending on it', () => {
  const dir = tmpDir();
  const fake = path.join(dir, 'sbatch');
  fs.writeFileSync(fake, `#!/bin/sh\necho "$@" >> ${dir}/calls\nif grep -q collect <<EOF\n$*\nEOF\nthen echo 43; else echo 42\\;cluster; fi\n`);
  fs.chmodSync(fake, 0o755);
  const r = submitToSlurm({ ...o, resultsDir: path.join(dir, 'r'), logDir: path.join(dir, 'logs') }, fake);
  assert.equal(r.arrayJob, '42');
  assert.equal(r.collectJob, '43');
  const calls = fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n');
  assert.match(calls[0], /--array=0-3/);
  assert.match(calls[1], /--dependency=afterok:42/);
  assert.throws(() => submitToSlurm({ ...o, shards: 0 }, fake), /shards must be an integer in \[1, 100000\], but got 0/);
});

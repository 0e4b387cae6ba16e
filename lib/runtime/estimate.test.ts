import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResultCache } from './cache';
import { defineExperiment, resolveTasks, tasksOf } from './experiment';
import { estimateExperiment, extrapolate, fitCost, formatEstimate, secondsPerCost } from './estimate';

const made: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'estimate-test-')); made.push(d); return d; };
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

test('fitCost recovers overhead + rate × cost; falls back to the ratio when costs do not vary', () => {
  const m = [1, 2, 4, 8].map((cost) => ({ cost, wallMs: (0.5 + 0.25 * cost) * 1000 }));
  const f = fitCost(m);
  assert.ok(Math.abs(f.overheadSeconds - 0.5) < 1e-9);
  assert.ok(Math.abs(f.secondsPerCost - 0.25) < 1e-9);
  assert.deepEqual(fitCost([{ cost: 2, wallMs: 1000 }, { cost: 2, wallMs: 3000 }, { cost: 2, wallMs: 2000 }]), { overheadSeconds: 0, secondsPerCost: 1 });
  assert.equal(secondsPerCost([{ cost: 2, wallMs: 1000 }, { cost: 6, wallMs: 3000 }]), 0.5);
  assert.throws(() => secondsPerCost([]), /needs at least one measured task/);
  assert.equal(extrapolate([{ cost: 3600 }, { cost: 3600 }], 1, 0), 2);
});

test('an experiment is estimated for every profile from its cached tasks of this version', () => {
  const dir = tmpDir();
  const e = defineExperiment({
    name: 'est', version: 2, module: 'lib/runtime/fixture-tasks.ts', task: 'square',
    tasks: (p) => tasksOf([{ w: 1 }, { w: 10 }], Array.from({ length: p === 'paper' ? 1000 : 2 }, (_, i) => i), (c) => c.w * (p === 'paper' ? 100 : 1)),
  });
  assert.equal(estimateExperiment(e, dir).measured, null);
  assert.match(formatEstimate(estimateExperiment(e, dir)), /no measured tasks in the cache yet/);
  const c = new ResultCache(dir, 'est');
  for (const t of resolveTasks(e, 'quick')) {
    c.write({ key: t.key, experiment: 'est', version: 2, config: t.config, seed: t.seed, cost: t.cost, record: {}, wallMs: 1000 * (1 + 2 * t.cost) });
  }
  const est = estimateExperiment(e, dir);
  assert.equal(est.measured?.tasks, 4);
  assert.ok(Math.abs(est.measured!.secondsPerCost - 2) < 1e-9 && Math.abs(est.measured!.overheadSeconds - 1) < 1e-9);
  const paper = est.profiles.find((p) => p.profile === 'paper')!;
  assert.equal(paper.tasks, 2000);
  // 2000 tasks × 1 s overhead + 2 s × (1000 × 100 + 1000 × 1000)
  assert.ok(Math.abs(paper.cpuHours! - (2000 + 2 * 1_100_000) / 3600) < 1e-6);
  assert.match(formatEstimate(est, 'paper'), /\* paper +2000 tasks .*≈ 612 h CPU/);
});

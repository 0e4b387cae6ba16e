import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineExperiment, grid, isExperiment, MAX_TASKS, modulePath, REPO_ROOT, resolveTasks, seeds, taskKey, tasksOf } from './experiment';

const base = { name: 'e', version: 1, module: 'lib/runtime/fixture-tasks.ts', task: 'square' };

test('grid is the cartesian product, last axis fastest; tasksOf crosses configs with seeds and costs', () => {
  assert.deepEqual(grid({ a: [1, 2], b: ['x', 'y'] }), [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
  assert.throws(() => grid({ a: [] }), /grid axis 'a' must be a non-empty array/);
  const t = tasksOf([{ w: 2 }, { w: 3 }], seeds(2), (c) => c.w * 10);
  assert.deepEqual(t.map((x) => [x.config.w, x.seed, x.cost]), [[2, 0, 20], [2, 1, 20], [3, 0, 30], [3, 1, 30]]);
  assert.throws(() => seeds(0), /seeds: n must be an integer in \[1, 1000000\], but got 0/);
});

test('the task key depends on name, version, config (not its key order) and seed', () => {
  const k = taskKey(base, { a: 1, b: 2 }, 0);
  assert.match(k, /^[0-9a-f]{64}$/);
  assert.equal(taskKey(base, { b: 2, a: 1 }, 0), k);
  assert.notEqual(taskKey(base, { a: 1, b: 3 }, 0), k);
  assert.notEqual(taskKey(base, { a: 1, b: 2 }, 1), k);
  assert.notEqual(taskKey({ ...base, version: 2 }, { a: 1, b: 2 }, 0), k);
  assert.notEqual(taskKey({ ...base, name: 'f' }, { a: 1, b: 2 }, 0), k);
});

test('defineExperiment validates the declaration and brands it', () => {
  const e = defineExperiment({ ...base, tasks: [] });
  assert.ok(isExperiment(e));
  assert.ok(!isExperiment({ ...base, tasks: [] }));
  assert.equal(modulePath(e), `${REPO_ROOT}/lib/runtime/fixture-tasks.ts`);
  assert.throws(() => defineExperiment({ ...base, name: 'has space', tasks: [] }), /experiment name must be .* but got "has space"/);
  assert.throws(() => defineExperiment({ ...base, version: 0, tasks: [] }), /version must be an integer >= 1 or a slug.*but got 0/);
  assert.throws(() => defineExperiment({ ...base, tasks: [], shards: 2 } as never), /unknown experiment field 'shards'; allowed: name, version/);
  assert.throws(() => defineExperiment({ ...base, task: '', tasks: [] }), /task must be the name of an exported function/);
});

test('resolveTasks sizes by profile and rejects bad seeds, costs, duplicates and absurd counts', () => {
  const e = defineExperiment({ ...base, tasks: (p) => tasksOf([{ x: 1 }], seeds(p === 'quick' ? 1 : 3)) });
  assert.equal(resolveTasks(e, 'quick').length, 1);
  assert.equal(resolveTasks(e, 'paper').length, 3);
  assert.throws(() => resolveTasks(defineExperiment({ ...base, tasks: [{ config: { x: 1 }, seed: 0.5 }] })), /tasks\[0\]\.seed must be a safe integer, but got 0\.5/);
  assert.throws(() => resolveTasks(defineExperiment({ ...base, tasks: [{ config: { x: 1 }, seed: 0, cost: -1 }] })), /tasks\[0\]\.cost must be a finite number > 0, but got -1/);
  assert.throws(() => resolveTasks(defineExperiment({ ...base, tasks: [{ config: { x: 1, y: 2 }, seed: 0 }, { config: { y: 2, x: 1 }, seed: 0 }] })),
    /duplicate task key: tasks\[0\] and tasks\[1\] are the same task \(config \{"x":1,"y":2\}, seed 0\)/);
  const huge = defineExperiment({ ...base, tasks: () => new Array(MAX_TASKS + 1) });
  assert.throws(() => resolveTasks(huge, 'paper'), /task count must be in \[0, 1000000\], but got 1000001 at profile paper/);
  assert.throws(() => resolveTasks(e, 'huge' as never), /profile must be one of quick, default, paper, but got 'huge'/);
});

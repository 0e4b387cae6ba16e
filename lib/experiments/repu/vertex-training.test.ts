import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finiteAt, joinShards, trainVertexShard, vertexCheckpoints, vertexTasks, type VertexConfig } from './vertex-training';
import { ensembleVertex } from '../../analysis/ensembles';

const tiny: VertexConfig = { members: 3, width: 4, depth: 2, epochs: 2, batch: 8, inputs: 2, cw: 0.5, p: 2, nTrain: 16, scale: 1, trainSeed: 1, testSeed: 2 };

test('vertexCheckpoints: init, epoch 1, quarters, end, no duplicates', () => {
  assert.deepEqual(vertexCheckpoints(4), [0, 1, 2, 3, 4]);
  assert.deepEqual(vertexCheckpoints(2), [0, 1, 2]);
});

test('shards join into one ensemble whose vertex equals the single-shard computation on the same members', async () => {
  const a = await trainVertexShard(tiny, 0), b = await trainVertexShard(tiny, 1);
  assert.equal(a.sums.length, vertexCheckpoints(2).length * tiny.depth * 4 * tiny.members * tiny.inputs);
  assert.deepEqual(finiteAt(a, tiny.members, 2), [true, true, true]);
  const A = { ...a, config: tiny }, B = { ...b, config: tiny };
  const joined = joinShards([A, B], 0, 1, tiny.inputs, tiny.width);
  assert.equal(joined.members, 6);
  const one = joinShards([A], 0, 1, tiny.inputs, tiny.width);
  assert.deepEqual(Array.from(joined.s2.slice(0, 6)), Array.from(one.s2));
  assert.ok(Number.isFinite(ensembleVertex(joined, tiny.width).R));
  assert.notDeepEqual(a.sums.slice(0, 8), b.sums.slice(0, 8));
  assert.equal(a.predSum.length, 200);
});

test('vertexTasks: members split over shards', () => {
  const t = vertexTasks('default');
  assert.equal(t.length, 2);
  assert.equal(t[0].config.members * t.length, 100);
});

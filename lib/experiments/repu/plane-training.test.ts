import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointEpochs, largestInputScale, mrepuTrainingTasks, planeData, planeTarget, repuTrainingTasks, trainPlaneNet, type PlaneConfig } from './plane-training';
import { resolveTasks } from '../../runtime/experiment';
import { mrepuTraining, repuTraining } from './plane-training';

const tiny: PlaneConfig = { activation: 'mrepu', p: 2, depth: 2, width: 4, cw: 0.95, epochs: 4, lr: 1e-3, batch: 8, nTrain: 16, nTest: 5, scale: 0.05, trainSeed: 1, testSeed: 2, arm: 't' };

test('planeData: points on [−a, a]², target a function of x/a', () => {
  const d = planeData(50, 3, 0.05);
  assert.ok(d.x.every((v) => v.every((c) => Math.abs(c) <= 0.05)));
  d.x.forEach((v, i) => assert.equal(d.y[i][0], planeTarget(v, 0.05)));
  assert.equal(planeTarget([0.025, 0.05], 0.05), planeTarget([0.5, 1], 1));
  assert.ok(largestInputScale(d.x) <= 0.0025);
  assert.throws(() => planeData(0, 1), /n/);
  assert.throws(() => planeData(5, 1, -1), /scale/);
});

test('checkpointEpochs: init, quarters, end', () => {
  assert.deepEqual(checkpointEpochs(8), [0, 2, 4, 6, 8]);
});

test('trainPlaneNet at tiny size: kernels and χ⊥ per checkpoint and layer, finite loss, deterministic', async () => {
  const a = await trainPlaneNet(tiny, 7), b = await trainPlaneNet(tiny, 7);
  assert.equal(a.diverged, false);
  assert.equal(a.kernels.length, 5 * (tiny.depth + 1));
  assert.equal(a.chi.length, 5 * tiny.depth);
  assert.equal(a.pred.length, tiny.nTest);
  assert.ok(Number.isFinite(a.finalLoss) && Number.isFinite(a.testMse));
  assert.deepEqual(a, b);
});

test('trainPlaneNet records a divergence as data', async () => {
  const r = await trainPlaneNet({ ...tiny, activation: 'repu', cw: 50, depth: 4, scale: 3 }, 1);
  assert.equal(r.diverged, r.divergedAt >= 0);
  if (r.diverged) { assert.ok(Number.isNaN(r.finalLoss)); assert.equal(r.pred.length, 0); }
});

test('task grids: C_W over train ∪ test, matched arms share data and C_W', async () => {
  const t = repuTrainingTasks('quick');
  assert.equal(new Set(t.map((x) => x.config.depth)).size, 3);
  const m = mrepuTrainingTasks('quick');
  const small = m.filter((x) => x.config.scale < 1);
  assert.ok(small.every((x) => x.config.cw === 0.95 && x.config.trainSeed === small[0].config.trainSeed));
  assert.ok(resolveTasks(repuTraining, 'default').length >= 30);
  assert.ok(resolveTasks(mrepuTraining, 'paper').length > resolveTasks(mrepuTraining, 'quick').length);
  await assert.rejects(() => trainPlaneNet({ ...tiny, width: 0 }, 1), /width/);
});

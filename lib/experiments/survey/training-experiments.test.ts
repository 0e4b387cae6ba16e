import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTasks } from '../../runtime/experiment';
import { PROFILES } from '../../report/profile';
import { TRAINING_EXPERIMENTS, nonlinTask, dyingTask, modernTask, graphTask, lossRoughness, bce64, dyingActivation } from './training-experiments';

test('every training experiment resolves at every profile (no duplicate task keys, positive costs)', () => {
  for (const e of TRAINING_EXPERIMENTS) for (const p of PROFILES) assert.ok(resolveTasks(e, p).length > 0, `${e.name} at ${p}`);
});

test('nonlinTask: the linear stack collapses to one affine map; tanh fits XOR better than the stack (tiny)', async () => {
  const lin = await nonlinTask({ task: 'XOR', net: 'linear', epochs: 5 }, 0);
  assert.ok(lin.collapseErr !== null && lin.collapseErr < 1e-4);
  assert.ok(lin.score <= 0.75 + 1e-9, `a linear model separates at most 3 of 4 XOR clusters, got ${lin.score}`);
  const th = await nonlinTask({ task: 'sin x', net: 'tanh', epochs: 5 }, 1);
  assert.equal(th.collapseErr, null);
  assert.equal(th.metric, 'R²');
  assert.ok(Number.isFinite(th.score));
});

test('dyingTask records one inactive fraction per epoch plus the initial one, and layer means', async () => {
  const r = await dyingTask({ activation: 'elu', lr: 0.01, epochs: 2 }, 0);
  assert.equal(r.inactive.length, 3);
  assert.equal(r.loss.length, 2);
  assert.equal(r.meanInit.length, 2);
  assert.ok(r.finalInactive >= 0 && r.finalInactive <= 1);
  assert.equal(dyingActivation('leaky-relu').f(-1), -0.01);
  await assert.rejects(dyingTask({ activation: 'relu', lr: -1, epochs: 2 }, 0), /lr/);
});

test('modernTask: loss per epoch and a finite roughness; ReLU roughness exceeds a smooth activation on the same net shape', async () => {
  const relu = await modernTask({ activation: 'relu', depth: 2, width: 8, cw: 2, epochs: 2 }, 0);
  const gelu = await modernTask({ activation: 'gelu', depth: 2, width: 8, cw: 2, epochs: 2 }, 0);
  assert.equal(relu.loss.length, 2);
  assert.ok(relu.roughness! > gelu.roughness!, `relu ${relu.roughness} vs gelu ${gelu.roughness}`);
  await assert.rejects(modernTask({ activation: 'relu', depth: 0, width: 8, cw: 2, epochs: 1 }, 0), /depth/);
});

test('lossRoughness is ~0 for a quadratic-in-t loss surrogate (linear net, MSE-free check through bce64 of a linear model is smooth)', () => {
  const net = { weights: [[[1], [0.5]]], biases: [[0.1]] };
  const d = { x: [[1, 0], [0, 1], [-1, 2]], y: [[1], [0], [1]] };
  assert.ok(Number.isFinite(bce64(net, (z) => z, d)));
  assert.ok(lossRoughness(net, (z) => z, d, { directions: 1, points: 41, scale: 0.1, seed: 1 }) < 0.2);
  assert.throws(() => lossRoughness(net, (z) => z, d, { directions: 1, points: 3, scale: 0.1, seed: 1 }), /points/);
});

test('graphTask returns an accuracy in [0, 1] (tiny graph)', async () => {
  const r = await graphTask({ channels: 1, activation: 'elu', steps: 3, n: 20 }, 0);
  assert.ok(r.accuracy >= 0 && r.accuracy <= 1);
  await assert.rejects(graphTask({ channels: 1, activation: 'tanh' as 'elu', steps: 3, n: 20 }, 0), /activation/);
});

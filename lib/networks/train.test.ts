import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildMlp, train, evaluate, predictRows } from './train';
import { relu, tanhAct, swish } from '../core/activations';
import { makeRng } from '../core/rng';

before(async () => {
  await tf.setBackend('cpu');
});

test('weights follow W ~ N(0, cw/fan_in): empirical variance within 10%', () => {
  const mlp = buildMlp({ inputDim: 200, widths: [300], outputDim: 1, activation: relu(), cw: 2, seed: 1 });
  const w = mlp.params[0].dataSync();
  let s2 = 0;
  for (const v of w) s2 += v * v;
  const varEmp = s2 / w.length;
  assert.ok(Math.abs(varEmp - 2 / 200) / (2 / 200) < 0.1, `variance ${varEmp}`);
  mlp.dispose();
});

test('same seed → same network and same training history', async () => {
  const rng = makeRng(3);
  const x = Array.from({ length: 64 }, () => [rng.normal(), rng.normal()]);
  const y = x.map(([a, b]) => [Math.sin(a) + 0.5 * b]);
  const run = async () => {
    const m = buildMlp({ inputDim: 2, widths: [16], outputDim: 1, activation: tanhAct(), seed: 7 });
    const r = await train(m, { x, y }, { epochs: 5, batchSize: 16, lr: 0.01, seed: 9 });
    m.dispose();
    return r.loss;
  };
  assert.deepEqual(await run(), await run());
});

test('training reduces the loss on a smooth regression (second route: evaluate() agrees with the last epoch order of magnitude)', async () => {
  const rng = makeRng(4);
  const x = Array.from({ length: 128 }, () => [2 * rng.uniform() - 1]);
  const y = x.map(([a]) => [a * a]);
  const m = buildMlp({ inputDim: 1, widths: [32], outputDim: 1, activation: swish(1), seed: 5 });
  const before = evaluate(m, { x, y });
  const r = await train(m, { x, y }, { epochs: 60, batchSize: 32, lr: 0.02, seed: 1 });
  const after = evaluate(m, { x, y });
  assert.ok(after < 0.2 * before, `loss ${before} → ${after}`);
  assert.ok(Math.abs(after - r.loss.at(-1)!) < 5 * r.loss.at(-1)! + 1e-3);
  assert.equal(predictRows(m, [[0.5]])[0].length, 1);
  m.dispose();
});

test('bad input throws naming the value', async () => {
  assert.throws(() => buildMlp({ inputDim: 2, widths: [-3], outputDim: 1, activation: relu(), seed: 1 }), /widths\[0\] must be an integer >= 1, but got -3/);
  assert.throws(() => buildMlp({ inputDim: 2, widths: [3], outputDim: 1, activation: relu(), cw: NaN, seed: 1 }), /cw must be a finite number, but got NaN/);
  const m = buildMlp({ inputDim: 1, widths: [2], outputDim: 1, activation: relu(), seed: 1 });
  await assert.rejects(train(m, { x: [[1], [NaN]], y: [[0], [1]] }, { epochs: 1, batchSize: 2, lr: 0.1, seed: 1 }), /x\[1\]\[0\] must be finite, but got NaN/);
  await assert.rejects(train(m, { x: [[1]], y: [[0]] }, { epochs: 1, batchSize: 1, lr: -1, seed: 1 }), /lr must be > 0, but got -1/);
  m.dispose();
});

test('a diverging run stops with an error naming the epoch instead of returning NaN', async () => {
  const x = [[1e3], [-1e3], [2e3]];
  const y = [[1e6], [-1e6], [3e6]];
  const m = buildMlp({ inputDim: 1, widths: [8], outputDim: 1, activation: relu(), seed: 2 });
  await assert.rejects(train(m, { x, y }, { epochs: 50, batchSize: 3, lr: 10, optimizer: 'sgd', seed: 1 }), /training diverged: the mean loss at epoch \d+ is (NaN|Infinity)/);
  m.dispose();
});

test('inactiveUnitFraction: biases pushed very negative kill every ReLU unit; counted by hand (second route)', async () => {
  const { inactiveUnitFraction } = await import('./train');
  const m = buildMlp({ inputDim: 2, widths: [5, 3], outputDim: 1, activation: relu(), seed: 1 });
  const x = [[0.1, 0.2], [-0.3, 0.4], [1, -1]];
  const hs = m.hidden(tf.tensor2d(x));
  const byHand = hs.flatMap((h) => { const a = h.arraySync() as number[][]; return a[0].map((_, j) => a.every((r) => r[j] <= 0)); });
  tf.dispose(hs);
  assert.equal(inactiveUnitFraction(m, x), byHand.filter(Boolean).length / byHand.length);
  m.params[1].assign(tf.fill([5], -100));
  m.params[3].assign(tf.fill([3], -100));
  assert.equal(inactiveUnitFraction(m, x), 1);
  m.dispose();
});

test('buildMlp leaves no tensors behind beyond its variables; dispose frees them', () => {
  const before = tf.memory().numTensors;
  const mlp = buildMlp({ inputDim: 3, widths: [8, 8], outputDim: 1, activation: tanhAct(), seed: 5 });
  assert.equal(tf.memory().numTensors - before, mlp.params.length);
  mlp.params.forEach((p) => p.dispose());
  assert.equal(tf.memory().numTensors, before);
});

test('bad input: misrouted options, unknown enumerations and absurd sizes fail before any work', async () => {
  const { buildMlp, train, evaluate } = await import('./train');
  const { relu, activation } = await import('../core/activations');
  assert.throws(() => buildMlp({ inputDim: 2, widths: [1e5, 1e5], outputDim: 1, activation: relu(), seed: 1 }), /buildMlp with layers 2×100000×100000×1: estimated cost 1.00e\+10 parameters exceeds the limit/);
  assert.throws(() => buildMlp({ inputDim: 2, widths: [4], outputDim: 1, activation: relu(), seed: 1, output: 'softmax' as never }), /output must be one of 'linear', 'sigmoid', but got 'softmax'/);
  assert.throws(() => buildMlp({ inputDim: 2, widths: [4], outputDim: 1, activation: relu(), seed: 1, widht: 3 } as never), /buildMlp spec: unknown option 'widht'/);
  const mlp = buildMlp({ inputDim: 1, widths: [4], outputDim: 1, activation: relu(), seed: 1 });
  const data = { x: [[0], [1]], y: [[0], [1]] };
  try {
    await assert.rejects(train(mlp, data, { epochs: 1, batchSize: 2, lr: 0.1, seed: 1, optimizer: 'rmsprop' as never }), /optimizer must be one of 'sgd', 'adam', but got 'rmsprop'/);
    await assert.rejects(train(mlp, data, { epochs: 1e12, batchSize: 2, lr: 0.1, seed: 1 }), /train for 1000000000000 epochs on 2 rows: estimated cost .* flop exceeds the limit/);
    await assert.rejects(train(mlp, data, { epochs: 1, batchSize: 2, lr: 0.1, seed: 1, lossFn: 'hinge' } as never), /train options: unknown option 'lossFn'/);
    assert.throws(() => evaluate(mlp, data, 'hinge' as never), /loss must be one of 'mse', 'bce', but got 'hinge'/);
  } finally {
    mlp.dispose();
  }
  assert.throws(() => activation('leaky-relu', { beta: 0.5 }), /activation 'leaky-relu' parameters: unknown option 'beta'; allowed: alpha/);
  assert.throws(() => activation('swish', { p: 3 }), /activation 'swish' parameters: unknown option 'p'; allowed: beta/);
  assert.throws(() => activation('relu', { alpha: 1 }), /activation 'relu' parameters: unknown option 'alpha'; allowed: \(none\)/);
  assert.equal(activation('leaky-relu', { alpha: 0.2 }).params.alpha, 0.2);
});

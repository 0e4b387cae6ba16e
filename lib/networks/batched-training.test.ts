import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildBatchedMlp, trainBatched, evaluateBatched, memberSeeds, batchedPreactivations } from './batched-training';
import { preactivations } from '../analysis/ensembles';
import { buildMlp, train, evaluate, type Dataset } from './train';
import { repu, tanhAct, relu, mrepu } from '../core/activations';
import { makeRng } from '../core/rng';

before(async () => {
  await tf.setBackend('cpu');
});

function regression(seed: number, n: number, f: (x: number) => number = (a) => Math.sin(2 * a)): Dataset {
  const rng = makeRng(seed);
  const x = Array.from({ length: n }, () => [2 * rng.uniform() - 1]);
  return { x, y: x.map(([a]) => [f(a)]) };
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-3 + Math.abs(b[i])));
  return worst;
}

const ARCH = { inputDim: 1, widths: [8, 8], outputDim: 1 };

test('initial weights: member m equals buildMlp with the same seed (stacked layout, shapes [E, n_in, n_out] and [E, 1, n_out])', () => {
  const seeds = memberSeeds(11, 3);
  const bm = buildBatchedMlp({ ...ARCH, members: 3, activation: tanhAct(), cw: 1.5, cb: 0.1, seed: 11 });
  assert.deepEqual(bm.params.map((p) => p.shape), [[3, 1, 8], [3, 1, 8], [3, 8, 8], [3, 1, 8], [3, 8, 1], [3, 1, 1]]);
  for (let m = 0; m < 3; m++) {
    const mlp = buildMlp({ ...ARCH, activation: tanhAct(), cw: 1.5, cb: 0.1, seed: seeds[m] });
    const mine = bm.memberParams(m);
    mlp.params.forEach((p, i) => assert.deepEqual(Array.from(mine[i]), Array.from(p.dataSync()), `member ${m} param ${i}`));
    mlp.dispose();
  }
  bm.dispose();
  // activation by name: the same network as with the zoo object
  const byName = buildBatchedMlp({ ...ARCH, members: 3, activation: 'tanh', cw: 1.5, cb: 0.1, seed: 11 });
  assert.equal(byName.spec.activation.name, 'tanh');
  const x = tf.tensor2d([[0.3], [-0.7]]);
  const [p1, p2] = [byName.predict(x), buildBatchedMlp({ ...ARCH, members: 3, activation: tanhAct(), cw: 1.5, cb: 0.1, seed: 11 })];
  const p3 = p2.predict(x);
  assert.deepEqual(Array.from(p1.dataSync()), Array.from(p3.dataSync()));
  tf.dispose([x, p1, p3]);
  byName.dispose();
  p2.dispose();
});

test('batchedPreactivations: member m\'s slices equal lib/analysis/ensembles preactivations of buildMlp with the same weights (init and after training)', async () => {
  const seeds = memberSeeds(5, 3);
  const spec = { inputDim: 2, widths: [6, 5, 4], outputDim: 1, activation: mrepu(2), cw: 0.8, cb: 0.05 };
  const bm = buildBatchedMlp({ ...spec, members: 3, seed: 5 });
  const rng = makeRng(9);
  const xs = Array.from({ length: 7 }, () => [2 * rng.uniform() - 1, 2 * rng.uniform() - 1]);
  const data = { x: xs, y: xs.map(([a, b]) => [a * b]) };
  const x = tf.tensor2d(xs);
  for (const stage of ['init', 'trained']) {
    if (stage === 'trained') await trainBatched(bm, data, { epochs: 3, batchSize: 4, lr: 1e-2, seed: 1 });
    const zb = batchedPreactivations(bm, x);
    assert.deepEqual(zb.map((z) => z.shape), [[3, 7, 6], [3, 7, 5], [3, 7, 4], [3, 7, 1]]);
    for (let m = 0; m < 3; m++) {
      const mlp = buildMlp({ ...spec, seed: seeds[m] });
      bm.memberParams(m).forEach((p, i) => tf.tidy(() => mlp.params[i].assign(tf.tensor(p, mlp.params[i].shape))));
      const zs = preactivations(mlp, x);
      zs.forEach((z, l) => {
        const mine = tf.tidy(() => zb[l].slice([m, 0, 0], [1, 7, z.shape[1]]).reshape(z.shape).dataSync());
        assert.ok(maxRelDiff(mine, z.dataSync()) < 1e-5, `${stage} member ${m} layer ${l + 1}`);
      });
      tf.dispose(zs);
      mlp.dispose();
    }
    tf.dispose(zb);
  }
  // shared and per-member inputs agree; bad shapes throw
  const x3 = tf.stack([x, x, x]) as tf.Tensor3D;
  const [a, b] = [batchedPreactivations(bm, x), batchedPreactivations(bm, x3)];
  assert.ok(maxRelDiff(a[3].dataSync(), b[3].dataSync()) < 1e-6);
  assert.throws(() => batchedPreactivations(bm, tf.zeros([4, 3]) as tf.Tensor2D), /shape/);
  const before = tf.memory().numTensors;
  tf.dispose(batchedPreactivations(bm, x));
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, x3, ...a, ...b]);
  bm.dispose();
});

test('init variances: effective W ~ N(0, cw/n_in) and glorot W ~ N(0, 2/(n_in+n_out)) within 10%', () => {
  for (const [init, expected] of [['effective', 2 / 64], ['glorot', 2 / (64 + 64)]] as const) {
    const bm = buildBatchedMlp({ members: 20, inputDim: 64, widths: [64], outputDim: 1, activation: relu(), cw: 2, init, seed: 3 });
    const w = bm.params[0].dataSync();
    let s2 = 0;
    for (const v of w) s2 += v * v;
    assert.ok(Math.abs(s2 / w.length - expected) / expected < 0.1, `${init}: ${s2 / w.length} vs ${expected}`);
    bm.dispose();
  }
});

// The independent route: the same members trained one by one by lib/networks/train's train() (2-D tf.matMul, its own
// optimizer per member) must follow the same trajectories as the batched model.
for (const optimizer of ['adam', 'sgd'] as const) {
  for (const batchOrder of ['shared', 'per-member'] as const) {
    test(`batched training = E separate lib/networks/train runs (${optimizer}, ${batchOrder} batch order): losses and parameters agree to float32`, async () => {
      const E = 4;
      const data = regression(5, 40); // 40 rows, batch 16: a partial last batch too
      const spec = { ...ARCH, members: E, activation: repu(2), cw: 1, cb: 0.05, seed: 21 };
      const bm = buildBatchedMlp(spec);
      const opts = { epochs: 3, batchSize: 16, lr: 0.02, optimizer, seed: 8, batchOrder };
      const r = await trainBatched(bm, data, opts);
      assert.equal(r.steps, 9);
      assert.deepEqual(r.valid, [0, 1, 2, 3]);
      assert.equal(r.diverged.length, 0);
      const seeds = memberSeeds(21, E);
      const orderSeeds = batchOrder === 'shared' ? Array(E).fill(8) : memberSeeds(8, E);
      const evalB = evaluateBatched(bm, data);
      for (let m = 0; m < E; m++) {
        const mlp = buildMlp({ ...ARCH, activation: repu(2), cw: 1, cb: 0.05, seed: seeds[m] });
        const rs = await train(mlp, data, { epochs: 3, batchSize: 16, lr: 0.02, optimizer, seed: orderSeeds[m] });
        assert.ok(maxRelDiff(r.loss[m], rs.loss) < 1e-5, `member ${m} loss ${r.loss[m]} vs ${rs.loss}`);
        const mine = bm.memberParams(m);
        mlp.params.forEach((p, i) => {
          const d = maxRelDiff(mine[i], p.dataSync());
          assert.ok(d < 1e-5, `member ${m} param ${i}: relative difference ${d}`);
        });
        assert.ok(Math.abs(evalB[m] - evaluate(mlp, data)) <= 1e-5 * evalB[m], `member ${m} evaluate`);
        mlp.dispose();
      }
      bm.dispose();
    });
  }
}

test('per-member datasets: each member trains on its own data, as a separate run would', async () => {
  const E = 3;
  const sets = [0, 1, 2].map((m) => regression(30 + m, 32, (a) => Math.cos((m + 1) * a)));
  const bm = buildBatchedMlp({ ...ARCH, members: E, activation: tanhAct(), seed: 4 });
  const r = await trainBatched(bm, sets, { epochs: 2, batchSize: 8, lr: 0.01, seed: 2 });
  const seeds = memberSeeds(4, E);
  for (let m = 0; m < E; m++) {
    const mlp = buildMlp({ ...ARCH, activation: tanhAct(), seed: seeds[m] });
    const rs = await train(mlp, sets[m], { epochs: 2, batchSize: 8, lr: 0.01, seed: 2 });
    assert.ok(maxRelDiff(r.loss[m], rs.loss) < 1e-5, `member ${m}`);
    mlp.params.forEach((p, i) => assert.ok(maxRelDiff(bm.memberParams(m)[i], p.dataSync()) < 1e-5, `member ${m} param ${i}`));
    mlp.dispose();
  }
  bm.dispose();
});

test('training lowers every member\'s loss; predict accepts [B, d] (shared) and [E, B, d] inputs', async () => {
  const data = regression(9, 64);
  const bm = buildBatchedMlp({ inputDim: 1, widths: [16], outputDim: 1, members: 5, activation: tanhAct(), seed: 1 });
  const before = evaluateBatched(bm, data);
  const r = await trainBatched(bm, data, { epochs: 40, batchSize: 16, lr: 0.01, seed: 3 });
  const after = evaluateBatched(bm, data);
  after.forEach((a, m) => assert.ok(a < 0.5 * before[m], `member ${m}: ${before[m]} → ${a}`));
  assert.equal(r.loss.length, 5);
  r.loss.forEach((c) => assert.equal(c.length, 40));
  const x2 = tf.tensor2d([[0.1], [0.2], [0.3]]);
  const x3 = tf.tensor3d(Array.from({ length: 5 }, () => [[0.1], [0.2], [0.3]]));
  const p2 = bm.predict(x2), p3 = bm.predict(x3);
  assert.deepEqual(p2.shape, [5, 3, 1]);
  assert.deepEqual(Array.from(p2.dataSync()), Array.from(p3.dataSync()));
  assert.throws(() => bm.predict(tf.tensor3d([[[0.1, 0.2]]])), /x must have shape \[B, 1\] or \[5, B, 1\], but got \[1, 1, 2\]/);
  tf.dispose([x2, x3, p2, p3]);
  bm.dispose();
});

test('a diverging member is detected, counted and excluded; the others are untouched (equal to their separate runs)', async () => {
  const E = 3;
  const good = regression(12, 32);
  // Targets of 1e20: the squared error (1e40) overflows float32 to Infinity at the first step.
  const huge: Dataset = { x: good.x, y: good.y.map(() => [1e20]) };
  const sets = [good, huge, good];
  const bm = buildBatchedMlp({ ...ARCH, members: E, activation: tanhAct(), seed: 6 });
  const seen: number[][] = [];
  const r = await trainBatched(bm, sets, { epochs: 3, batchSize: 16, lr: 0.01, seed: 5, onEpoch: (_, l) => seen.push(l) });
  assert.deepEqual(r.valid, [0, 2]);
  assert.equal(r.diverged.length, 1);
  assert.equal(r.diverged[0].member, 1);
  assert.equal(r.diverged[0].epoch, 1);
  assert.equal(r.diverged[0].step, 0);
  assert.ok(!Number.isFinite(r.diverged[0].loss));
  assert.deepEqual(r.loss[1], []);
  assert.ok(seen.every((l) => Number.isNaN(l[1]) && Number.isFinite(l[0]) && Number.isFinite(l[2])));
  r.loss[0].concat(r.loss[2]).forEach((v) => assert.ok(Number.isFinite(v)));
  // Optimizer state of the excluded member stayed finite (its gradient was zeroed), and the survivors equal separate runs.
  for (const v of bm.memberParams(1)) assert.ok(v.every(Number.isFinite));
  const seeds = memberSeeds(6, E);
  for (const m of [0, 2]) {
    const mlp = buildMlp({ ...ARCH, activation: tanhAct(), seed: seeds[m] });
    const rs = await train(mlp, good, { epochs: 3, batchSize: 16, lr: 0.01, seed: 5 });
    assert.ok(maxRelDiff(r.loss[m], rs.loss) < 1e-5, `member ${m}`);
    mlp.params.forEach((p, i) => assert.ok(maxRelDiff(bm.memberParams(m)[i], p.dataSync()) < 1e-5, `member ${m} param ${i}`));
    mlp.dispose();
  }
  bm.dispose();
});

test('no tensor leak: tf.memory().numTensors is unchanged after build + train + evaluate + dispose, and across epochs', async () => {
  const data = regression(2, 32);
  const n0 = tf.memory().numTensors;
  const bm = buildBatchedMlp({ ...ARCH, members: 3, activation: repu(2), seed: 1 });
  const counts: number[] = [];
  await trainBatched(bm, data, { epochs: 4, batchSize: 8, lr: 0.01, seed: 1, batchOrder: 'per-member', onEpoch: () => counts.push(tf.memory().numTensors) });
  evaluateBatched(bm, data);
  bm.memberParams(0);
  // Adam keeps 2 moment variables per parameter (created at step 1); nothing may grow after that.
  assert.ok(counts.every((c) => c === counts[0]), `tensors per epoch ${counts}`);
  bm.dispose();
  assert.equal(tf.memory().numTensors, n0);
});

test('bad inputs throw naming the value', async () => {
  const base = { ...ARCH, members: 2, activation: tanhAct(), seed: 1 };
  assert.throws(() => buildBatchedMlp({ ...base, members: 0 }), /members must be an integer >= 1, but got 0/);
  assert.throws(() => buildBatchedMlp({ ...base, members: 2.5 }), /members must be an integer >= 1, but got 2.5/);
  assert.throws(() => buildBatchedMlp({ ...base, widths: [8, 0] }), /widths\[1\] must be an integer >= 1, but got 0/);
  assert.throws(() => buildBatchedMlp({ ...base, widths: [NaN] }), /widths\[0\] must be an integer >= 1, but got NaN/);
  assert.throws(() => buildBatchedMlp({ ...base, cw: -1 }), /cw must be > 0, but got -1/);
  assert.throws(() => buildBatchedMlp({ ...base, cb: -0.1 }), /cb must be >= 0, but got -0.1/);
  assert.throws(() => buildBatchedMlp({ ...base, seeds: [1, 2, 3] }), /seeds has 3 entries, but members is 2/);
  assert.throws(() => buildBatchedMlp({ ...base, init: 'he' as never }), /init must be 'effective' or 'glorot', but got 'he'/);
  assert.throws(() => buildBatchedMlp({ ...base, activation: 'nope' }), /unknown activation 'nope'/);
  const bm = buildBatchedMlp(base);
  const data = regression(1, 16);
  await assert.rejects(trainBatched(bm, data, { epochs: 1, batchSize: 4, lr: 0, seed: 1 }), /lr must be > 0, but got 0/);
  await assert.rejects(trainBatched(bm, data, { epochs: 1, batchSize: 4, lr: NaN, seed: 1 }), /lr must be a finite number, but got NaN/);
  await assert.rejects(trainBatched(bm, data, { epochs: 0, batchSize: 4, lr: 0.1, seed: 1 }), /epochs must be an integer >= 1, but got 0/);
  await assert.rejects(trainBatched(bm, data, { epochs: 1, batchSize: 0, lr: 0.1, seed: 1 }), /batchSize must be an integer >= 1, but got 0/);
  await assert.rejects(trainBatched(bm, [data], { epochs: 1, batchSize: 4, lr: 0.1, seed: 1 }), /data has 1 datasets, but members is 2/);
  await assert.rejects(trainBatched(bm, [data, regression(2, 8)], { epochs: 1, batchSize: 4, lr: 0.1, seed: 1 }), /data\[1\] has 8 rows, but data\[0\] has 16/);
  await assert.rejects(trainBatched(bm, { x: [[1]], y: [[NaN]] }, { epochs: 1, batchSize: 4, lr: 0.1, seed: 1 }), /y\[0\]\[0\] must be finite, but got NaN/);
  assert.throws(() => bm.memberParams(2), /member must be < 2, but got 2/);
  bm.dispose();
});

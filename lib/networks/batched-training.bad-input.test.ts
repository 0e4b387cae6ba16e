// Bad input to lib/networks/batched-training: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBatchedMlp, memberSeeds, trainBatched } from './batched-training';

const cases: [string, () => unknown, RegExp][] = [
  ["members 1e9", () => buildBatchedMlp({ members: 1e9, inputDim: 1, widths: [2], outputDim: 1, activation: 'tanh', seed: 1 }), /buildBatchedMlp with 1000000000 members: estimated cost 1.00e\+9 members exceeds the limit/],
  ["parameters", () => buildBatchedMlp({ members: 2, inputDim: 1, widths: [1e5, 1e5], outputDim: 1, activation: 'tanh', seed: 1 }), /buildBatchedMlp with 2 members of layers 1×100000×100000×1: estimated cost 2.00e\+10 parameters exceeds the limit/],
  ["unknown spec key", () => buildBatchedMlp({ members: 2, inputDim: 1, widths: [2], outputDim: 1, activation: 'tanh', seed: 1, bogus: 1 } as never), /buildBatchedMlp spec: unknown option 'bogus'/],
  ["memberSeeds 1e12", () => memberSeeds(1, 1e12), /memberSeeds for 1000000000000 members: estimated cost/],
];

test('batched-training: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

const ens = () => buildBatchedMlp({ members: 2, inputDim: 1, widths: [2], outputDim: 1, activation: 'tanh', seed: 1 });
const data = { x: [[0], [1]], y: [[0], [1]] };

test('trainBatched: absurd epochs and unknown options fail before any work', async () => {
  await assert.rejects(trainBatched(ens(), data, { epochs: 1e9, batchSize: 1, lr: 0.1, seed: 1 }),
    /trainBatched for 1000000000 epochs of 2 batches: estimated cost 2.00e\+9 optimizer steps exceeds the limit .*WORK_BUDGET/);
  await assert.rejects(trainBatched(ens(), data, { epochs: 1, batchSize: 1, lr: 0.1, seed: 1, bogus: 1 } as never),
    /trainBatched options: unknown option 'bogus'/);
});

test('trainBatched: an exploded but finite loss is flagged in exploded, a sane run flags none', async () => {
  const blown = await trainBatched(ens(), data, { epochs: 30, batchSize: 2, lr: 1e6, seed: 1, optimizer: 'sgd' });
  for (const m of blown.valid) {
    const c = blown.loss[m];
    if (c[c.length - 1] > 1e10 * Math.max(1, c[0])) assert.ok(blown.exploded.includes(m), `member ${m}: ${c[c.length - 1]}`);
  }
  assert.ok(blown.exploded.length + blown.diverged.length > 0, 'lr = 1e6 blows up');
  const sane = await trainBatched(ens(), data, { epochs: 3, batchSize: 2, lr: 0.01, seed: 1 });
  assert.deepEqual(sane.exploded, []);
});

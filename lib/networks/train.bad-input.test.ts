// Bad input to lib/networks/train: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMlp, evaluate, mlpParamCount, train, type TrainOptions } from './train';
import { tanhAct } from '../core/activations';

const cases: [string, () => unknown, RegExp][] = [
  ["mlpParamCount negative", () => mlpParamCount([1, -2]), /dims\[1\] must be an integer >= 1, but got -2/],
  ["mlpParamCount short", () => mlpParamCount([3]), /mlpParamCount: dims must list at least 2 layer sizes, but got \[3\]/],
  ["output softmax", () => buildMlp({ inputDim: 1, widths: [2], outputDim: 1, activation: tanhAct(), output: 'softmax' as never, seed: 1 }), /output must be one of 'linear', 'sigmoid', but got 'softmax'/],
];

test('train: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

const net = () => buildMlp({ inputDim: 1, widths: [2], outputDim: 1, activation: tanhAct(), seed: 1 });
const data = { x: [[0], [1]], y: [[0], [1]] };

test('train: absurd epochs, unknown optimizers and options fail before any work', async () => {
  const cases: [string, TrainOptions, RegExp][] = [
    ['epochs 1e9 on a tiny net', { epochs: 1e9, batchSize: 1, lr: 0.1, seed: 1 }, /train for 1000000000 epochs of 2 batches: estimated cost 2.00e\+9 optimizer steps exceeds the limit .*WORK_BUDGET/],
    ['optimizer rmsprop', { epochs: 1, batchSize: 1, lr: 0.1, seed: 1, optimizer: 'rmsprop' as never }, /optimizer must be one of 'sgd', 'adam', but got 'rmsprop'/],
    ['unknown option', { epochs: 1, batchSize: 1, lr: 0.1, seed: 1, momentum: 0.9 } as never, /train options: unknown option 'momentum'/],
  ];
  for (const [label, o, msg] of cases) await assert.rejects(train(net(), data, o), msg, label);
  assert.throws(() => evaluate(net(), data, 'hinge' as never), /loss must be one of 'mse', 'bce', but got 'hinge'/);
});

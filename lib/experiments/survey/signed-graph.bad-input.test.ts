// Bad input to lib/experiments/survey/signed-graph: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSignedGraph, trainSignedGnn } from './signed-graph';
import { tanhAct } from '../../core/activations';

const cases: [string, () => unknown, RegExp][] = [
  ["makeSignedGraph n 1e9", () => makeSignedGraph({ n: 1e9, degree: 4, fracNegative: 0.2, seed: 1 }), /makeSignedGraph with n=1000000000 \(a dense n×n adjacency\): estimated cost/],
];

test('signed-graph: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('trainSignedGnn: absurd steps fail before any work', async () => {
  const g = makeSignedGraph({ n: 10, degree: 3, fracNegative: 0.2, seed: 1 });
  await assert.rejects(trainSignedGnn(g, tanhAct(), { width: 4, steps: 1e9, lr: 0.01, seed: 1 }), /trainSignedGnn for 1000000000 steps: estimated cost 1.00e\+9 optimizer steps exceeds the limit/);
});

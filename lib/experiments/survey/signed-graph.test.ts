import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { makeSignedGraph, trainSignedGnn } from './signed-graph';
import { identity } from '../../core/activations';

before(async () => {
  await tf.setBackend('cpu');
});

test('labels equal the two-hop signed aggregate computed edge by edge (second route)', () => {
  const g = makeSignedGraph({ n: 30, degree: 4, fracNegative: 0.5, seed: 2 });
  for (let i = 0; i < 30; i++) {
    assert.equal(g.A[i].filter((a) => a !== 0).length, 4);
    let s = 0;
    for (let j = 0; j < 30; j++) {
      if (g.A[i][j] === 0) continue;
      let inner = 0;
      for (let k = 0; k < 30; k++) if (g.A[j][k] !== 0) inner += g.A[j][k] * g.x[k];
      s += g.A[i][j] * inner;
    }
    assert.equal(g.y[i], s > 0 ? 1 : 0);
  }
});

test('the linear network (no activation) can represent the rule and learns it', async () => {
  const g = makeSignedGraph({ n: 80, degree: 4, fracNegative: 0.4, seed: 3 });
  const r = await trainSignedGnn(g, identity(), { width: 1, steps: 300, lr: 0.05, seed: 1 });
  assert.ok(r.accuracy > 0.95, `accuracy ${r.accuracy}`);
});

test('bad sizes are refused', () => {
  assert.throws(() => makeSignedGraph({ n: 10, degree: 10, fracNegative: 0.5, seed: 1 }), /degree must be < n = 10, but got 10/);
  assert.throws(() => makeSignedGraph({ n: 10, degree: 2, fracNegative: 1.5, seed: 1 }), /fracNegative must lie in \[0, 1\], but got 1.5/);
});

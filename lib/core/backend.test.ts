import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, describeBackend } from './backend';

test('an unknown TFJS_BACKEND is refused with the value named', async () => {
  await assert.rejects(initBackend({ TFJS_BACKEND: 'cuda' }), /TFJS_BACKEND must be one of node-gpu, node, wasm, cpu, but got 'cuda'/);
});

test('forcing cpu gives cpu and says why the better ones were not used; a matmul agrees with a JS loop', async () => {
  const b = await initBackend({ TFJS_BACKEND: 'cpu' });
  assert.equal(b.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(b.skipped.length, 3);
  assert.match(describeBackend(b), /cpu .*not tried \(TFJS_BACKEND=cpu\)/);
  const a = [[1, 2], [3, 4]], c = [[5, 6], [7, 8]];
  const got = tf.matMul(tf.tensor2d(a), tf.tensor2d(c)).arraySync();
  assert.deepEqual(got, [[19, 22], [43, 50]]);
});

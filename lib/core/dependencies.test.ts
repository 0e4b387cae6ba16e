/**
 * The install traps of design.md, checked on every test run: nodejs-polars' native package
 * (an optional dependency npm can silently skip), vega/vega-lite major 5 (6 cannot be required
 * in tslab), and the WebAssembly TF.js backend loading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';

test('nodejs-polars loads its native binding and builds a DataFrame', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const pl = require('nodejs-polars');
  const df = pl.DataFrame({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
  assert.equal(df.height, 3);
  assert.equal(df.getColumn('a').sum(), 6);
});

test('vega and vega-lite are major version 5 (CommonJS, usable from tslab)', () => {
  assert.match(require('vega/package.json').version, /^5\./);
  assert.match(require('vega-lite/package.json').version, /^5\./);
});

test('the WebAssembly TF.js backend initialises and computes', async () => {
  require('@tensorflow/tfjs-backend-wasm');
  assert.equal(await tf.setBackend('wasm'), true);
  await tf.ready();
  const s = tf.sum(tf.tensor1d([1, 2, 3.5])).dataSync()[0];
  assert.equal(s, 6.5);
});

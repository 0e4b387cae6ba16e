/**
 * Guard for the TF.js double-backprop trap (tensorflow/tfjs#3252): outside lib/core/activations-tf.ts,
 * library code must not call the stock ops whose gradients reuse their saved output
 * (tf.sigmoid, tf.tanh, tf.exp, tf.softplus, tf.elu, tf.losses.sigmoidCrossEntropy) — use the
 * nested-safe ops of activations-tf.ts. A line whose use is first-order only may say so with a
 * comment containing "first-order only" on it or on the line above.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const RAW = /\btf\.(sigmoid|tanh|exp|softplus|elu)\(|sigmoidCrossEntropy/;

test('no stock sigmoid/tanh/exp/softplus/elu TF.js ops in library code outside activations-tf.ts', () => {
  const offenders: string[] = [];
  for (const f of fs.readdirSync(__dirname, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts') || path.basename(f) === 'activations-tf.ts') continue;
    const lines = fs.readFileSync(path.join(__dirname, f), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const code = l.replace(/\/\/.*$/, '');
      if (RAW.test(code) && !/first-order only/.test(l) && !/first-order only/.test(lines[i - 1] ?? '')) offenders.push(`lib/${f}:${i + 1}: ${l.trim()}`);
    });
  }
  assert.deepEqual(offenders, [], `use the safe ops of lib/core/activations-tf.ts:\n${offenders.join('\n')}`);
});

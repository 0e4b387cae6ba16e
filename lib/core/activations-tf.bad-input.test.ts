// Bad input to lib/core/activations-tf: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawTfOp, tfOp } from './activations-tf';

const cases: [string, () => unknown, RegExp][] = [
  ["tfOp string", () => tfOp('tanh' as never), /tfOp: act must be a zoo Activation \(lib\/core\/activations\), but got 'tanh'/],
  ["tfOp undefined", () => tfOp(undefined as never), /tfOp: act must be a zoo Activation .*but got undefined/],
  ["tfOp unknown name", () => tfOp({ name: 'nope' } as never), /no TF.js op for activation 'nope'/],
  ["rawTfOp null", () => rawTfOp(null as never), /rawTfOp: act must be a zoo Activation .*but got null/],
];

test('activations-tf: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

// Bad input to lib/experiments/survey/linear-stack: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAffine, collapsedMessagePassing, matMul } from './linear-stack';

const cases: [string, () => unknown, RegExp][] = [
  ["matMul empty", () => matMul([], []), /matMul: A \(0 rows\) and B \(0×0\) must be non-empty/],
  ["matMul ragged", () => matMul([[1, 2], [3]], [[1], [2]]), /matMul: A is ragged: row 1 has 1 entries, expected 2/],
  ["applyAffine bias length", () => applyAffine([[1]], [[1, 2]], [0]), /applyAffine: b has 1 entries but W has 2 columns/],
  ["collapsedMessagePassing no weights", () => collapsedMessagePassing([[1]], [[1]], []), /collapsedMessagePassing: Ws must hold at least one weight matrix, but got none/],
];

test('linear-stack: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

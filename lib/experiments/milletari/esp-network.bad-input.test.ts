// Bad input to lib/experiments/milletari/esp-network: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorsRecordSchedule, makeEspNet, trainEsp } from './esp-network';

const cases: [string, () => unknown, RegExp][] = [
  ["makeEspNet huge", () => makeEspNet({ sizes: [1e6, 1e6, 1], activation: 'esp' }), /makeEspNet with layers 1000000×1000000×1: estimated cost .* parameters \(each named\) exceeds the limit/],
  ["authorsRecordSchedule 1e15", () => authorsRecordSchedule(1e15), /authorsRecordSchedule for E=1000000000000000 epochs: estimated cost/],
  ["trainEsp epochs 1e9", () => trainEsp({ sizes: [2, 1], activation: 'esp', epochs: 1e9, seed: 1, xTrain: [[0, 0]], yTrain: [0] } as never), /trainEsp for 1000000000 epochs: estimated cost/],
];

test('esp-network: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

// Bad input to lib/experiments/survey/gto-rotation: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRng } from '../../core/rng';
import { rotationTarget, rotationByAngle, invarianceError, rotationParams, rotationTask } from './gto-rotation';

const cases: [string, () => unknown, RegExp][] = [
  ['rotationTarget 2-vector', () => rotationTarget([1, 2]), /rotationTarget: r must be a 3-vector, but got length 2/],
  ['rotationTarget NaN', () => rotationTarget([1, NaN, 0]), /r\[1\] must be a finite number, but got NaN/],
  ['rotationByAngle Infinity', () => rotationByAngle(makeRng(1), Infinity), /degrees must be a finite number, but got Infinity/],
  ['invarianceError scale 0', () => invarianceError(() => 0, [[0, 0, 0]], [[[1, 0, 0], [0, 1, 0], [0, 0, 1]]], 0), /scale must be .*but got 0/],
  ['invarianceError no rotations', () => invarianceError(() => 0, [[0, 0, 0]], [], 1), /need points and rotations, but got 1 points and 0 rotations/],
  ['rotationParams 2.5', () => rotationParams(2.5), /width must be an integer >= 1, but got 2.5/],
];

test('gto-rotation: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('rotationTask: an unknown model, a bad width and absurd epochs fail before any work', async () => {
  await assert.rejects(rotationTask({ model: 'sigmoid' as 'gto', width: 4, epochs: 2, nTrain: 4, nTest: 4 }, 0), /model must be one of 'gto', 'tanh', 'relu', but got 'sigmoid'/);
  await assert.rejects(rotationTask({ model: 'gto', width: 0, epochs: 2, nTrain: 4, nTest: 4 }, 0), /width must be an integer >= 1, but got 0/);
  await assert.rejects(rotationTask({ model: 'gto', width: 4, epochs: 1e9, nTrain: 4, nTest: 4 }, 0), /rotationTask for 1000000000 epochs: estimated cost/);
});

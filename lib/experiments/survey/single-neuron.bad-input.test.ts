// Bad input to lib/experiments/survey/single-neuron: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eig2, neuronDescent, neuronHessian, neuronLoss } from './single-neuron';
import { tanhAct } from '../../core/activations';

const cases: [string, () => unknown, RegExp][] = [
  ["neuronDescent steps 1e12", () => neuronDescent(tanhAct(), { x: [1], y: [1] }, { w0: 0, b0: 0, lr: 0.1, steps: 1e12 }), /neuronDescent for 1000000000000 steps: estimated cost/],
  ["neuronDescent w0 NaN", () => neuronDescent(tanhAct(), { x: [1], y: [1] }, { w0: NaN, b0: 0, lr: 0.1, steps: 3 }), /w0 must be a finite number, but got NaN/],
  ["neuronLoss w NaN", () => neuronLoss(tanhAct(), NaN, 0, { x: [1], y: [1] }), /w must be a finite number, but got NaN/],
  ["neuronLoss empty", () => neuronLoss(tanhAct(), 0, 0, { x: [], y: [] }), /x has 0 points but y has 0; they must be non-empty/],
  ["neuronHessian b Infinity", () => neuronHessian(tanhAct(), 0, Infinity, { x: [1], y: [1] }), /b must be a finite number, but got Infinity/],
  ["eig2 NaN", () => eig2([[1, NaN], [NaN, 1]]), /h\[0\]\[1\] must be a finite number, but got NaN/],
];

test('single-neuron: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('single neuron: the good path is unchanged', () => {
  assert.deepEqual(eig2([[2, 0], [0, 1]]), [1, 2]);
  assert.equal(neuronLoss(tanhAct(), 0, 0, { x: [1], y: [1] }), 0.5);
});

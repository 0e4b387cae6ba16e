import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFinite, assertPositive, assertNonNegative, assertInteger, assertInRange, assertAllFinite } from './guards';

test('guards pass good values through unchanged', () => {
  assert.equal(assertFinite(-2.5, 'x'), -2.5);
  assert.equal(assertPositive(1e-300, 'x'), 1e-300);
  assert.equal(assertNonNegative(0, 'x'), 0);
  assert.equal(assertInteger(3, 'n'), 3);
  assert.equal(assertInteger(0, 'n', 0), 0);
  assert.equal(assertInRange(0.5, 'p', 0, 1), 0.5);
  assertAllFinite([1, 2, 3], 'xs');
});

test('guards name the argument and the bad value', () => {
  assert.throws(() => assertFinite(NaN, 'beta'), /beta must be a finite number, but got NaN/);
  assert.throws(() => assertFinite(Infinity, 'T'), /T must be a finite number, but got Infinity/);
  assert.throws(() => assertPositive(-3, 'width'), /width must be > 0, but got -3/);
  assert.throws(() => assertNonNegative(-1e-9, 'cb'), /cb must be >= 0, but got -1e-9/);
  assert.throws(() => assertInteger(2.5, 'depth'), /depth must be an integer >= 1, but got 2.5/);
  assert.throws(() => assertInteger(0, 'p'), /p must be an integer >= 1, but got 0/);
  assert.throws(() => assertInRange(1.5, 'delta', 0, 1), /delta must lie in \[0, 1\], but got 1.5/);
  assert.throws(() => assertAllFinite([0, 1, NaN], 'w'), /w\[2\] must be finite, but got NaN/);
});

test('enumerations, unknown options and the work budget', async () => {
  const { assertOneOf, assertKnownOptions, assertWithinBudget, workBudgetFactor } = await import('./guards');
  assert.equal(assertOneOf('adam', 'optimizer', ['sgd', 'adam']), 'adam');
  assert.throws(() => assertOneOf('rmsprop', 'optimizer', ['sgd', 'adam']), /optimizer must be one of 'sgd', 'adam', but got 'rmsprop'/);
  assert.throws(() => assertOneOf(3, 'loss', ['mse']), /loss must be one of 'mse', but got 3/);
  assertKnownOptions({ p: 2 }, 'repu params', ['p']);
  assert.throws(() => assertKnownOptions({ beta: 0.5 }, "activation 'leaky-relu'", ['alpha']), /activation 'leaky-relu': unknown option 'beta'; allowed: alpha/);
  assertWithinBudget('train', 1e6, 1e9, 'flop');
  assert.throws(() => assertWithinBudget('train', 1e12, 1e9, 'flop'), /train: estimated cost 1.00e\+12 flop exceeds the limit 1.00e\+9 flop; set WORK_BUDGET/);
  assert.throws(() => assertWithinBudget('train', NaN, 1e9, 'flop'), /estimated cost NaN/);
  assert.equal(workBudgetFactor({ WORK_BUDGET: '10' }), 10);
  assert.throws(() => workBudgetFactor({ WORK_BUDGET: '-1' }), /WORK_BUDGET must be a positive number, but got '-1'/);
});

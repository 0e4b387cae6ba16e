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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rateDifference } from './rates';

test('rateDifference: Newcombe\'s worked example and guards', () => {
  // Newcombe (1998), Table II example (56/70 − 48/80): 0.2 [0.0524, 0.3339]
  const iv = rateDifference(56, 70, 48, 80);
  assert.ok(Math.abs(iv.estimate - 0.2) < 1e-12);
  assert.ok(Math.abs(iv.lo - 0.0524) < 5e-4, String(iv.lo));
  assert.ok(Math.abs(iv.hi - 0.3339) < 5e-4, String(iv.hi));
  const z = rateDifference(0, 10, 0, 10);
  assert.equal(z.estimate, 0);
  assert.ok(z.lo < 0 && z.hi > 0);
  assert.throws(() => rateDifference(5, 4, 0, 1), /k1/);
  assert.throws(() => rateDifference(1, 0, 0, 1), /n1/);
  assert.throws(() => rateDifference(1, 2, -1, 1), /k2/);
});

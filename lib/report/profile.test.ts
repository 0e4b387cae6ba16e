import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeProfile, bySize } from './profile';

test('profile from the environment, default when unset', () => {
  assert.equal(activeProfile({}), 'default');
  assert.equal(activeProfile({ PROFILE: 'quick' }), 'quick');
  assert.equal(activeProfile({ PROFILE: 'paper' }), 'paper');
  assert.throws(() => activeProfile({ PROFILE: 'fast' }), /PROFILE/);
});

test('bySize picks the entry of the profile', () => {
  const s = { quick: 1, default: 2, paper: 3 };
  assert.equal(bySize(s, 'quick'), 1);
  assert.equal(bySize(s, 'paper'), 3);
});

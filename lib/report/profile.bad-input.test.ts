// Bad input to lib/report/profile: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bySize } from './profile';

const cases: [string, () => unknown, RegExp][] = [
  ["bySize unknown profile", () => bySize({ quick: 1, default: 2, paper: 3 }, 'huge' as never), /profile must be one of quick, default, paper, but got 'huge'/],
  ["bySize missing profile", () => bySize({ quick: 1, default: 2 } as never, 'paper'), /bySize: the sizes declare no 'paper' profile \(they have quick, default\)/],
];

test('profile: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

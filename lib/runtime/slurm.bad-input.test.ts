// Bad input to lib/runtime/slurm: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sbatchArgs } from './slurm';

const cases: [string, () => unknown, RegExp][] = [
  ["sbatchArgs shards -1", () => sbatchArgs({ shards: -1, cpusPerTask: 1, logDir: '/tmp/x' } as never, 'x', 'y'), /shards must be an integer in \[1, 100000\], but got -1/],
  ["sbatchArgs no logDir", () => sbatchArgs({ shards: 2, cpusPerTask: 1 } as never, 'x', 'y'), /logDir must be a directory path, but got undefined/],
];

test('slurm: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

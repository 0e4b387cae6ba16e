import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interleavedTimings } from './timing';

const spin = (ms: number) => { const t = Date.now(); while (Date.now() - t < ms); };

test('interleavedTimings: rotating order, one sample per repeat, slower arm measures slower', async () => {
  const order: string[] = [];
  const t = await interleavedTimings({ a: () => { order.push('a'); spin(1); }, b: () => { order.push('b'); spin(6); } }, { repeats: 4, warmup: 0 });
  assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
  assert.equal(t.a.length, 4);
  assert.ok(Math.min(...t.b) > Math.max(...t.a), `b ${t.b} vs a ${t.a}`);
});

test('interleavedTimings: bad input names the argument', async () => {
  await assert.rejects(interleavedTimings({}, { repeats: 3 }), /at least one arm/);
  await assert.rejects(interleavedTimings({ a: () => 0 }, { repeats: 0 }), /repeats must be an integer >= 1, but got 0/);
  await assert.rejects(interleavedTimings({ a: 5 as never }, { repeats: 1 }), /arm 'a' must be a function/);
  await assert.rejects(interleavedTimings({ a: () => 0 }, { repeats: 1e6, callsPerSample: 10 }), /exceeds 1e6 timed calls/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interleavedTimings } from './timing';

const spin = (ms: number) => { const t = Date.now(); while (Date.now() - t < ms); };

test('interleavedTimings: rotating order, one sample per repeat, slower arm measures slower', async () => {
  const order: string[] = [];
  const t = await interleavedTimings({ a: () => { order.push('a'); spin(1); }, b: () => { order.push('b'); spin(6); } }, { repeats: 4, warmup: 0 });
  assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
  assert.equal(t.a.length, 4);
  // medians: on a loaded machine one sample of a wall-clock spin can be preempted for tens of ms
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  assert.ok(med(t.b) > med(t.a), `b ${t.b} vs a ${t.a}`);
});

test('interleavedTimings: bad input names the argument', async () => {
  await assert.rejects(interleavedTimings({}, { repeats: 3 }), /at least one arm/);
  await assert.rejects(interleavedTimings({ a: () => 0 }, { repeats: 0 }), /repeats must be an integer >= 1, but got 0/);
  await assert.rejects(interleavedTimings({ a: 5 as never }, { repeats: 1 }), /arm 'a' must be a function/);
  await assert.rejects(interleavedTimings({ a: () => 0 }, { repeats: 1e6, callsPerSample: 10 }), /exceeds 1e6 timed calls/);
});

test('interleavedCpuTimings: a fixed amount of work costs about the same CPU time each round; a sleeping arm uses little CPU', async () => {
  const { interleavedCpuTimings } = await import('./timing');
  let sink = 0;
  const work = () => { for (let i = 0; i < 1e7; i++) sink += Math.sqrt(i); };
  const t = await interleavedCpuTimings({ work, idle: () => new Promise((r) => setTimeout(r, 20)) }, { repeats: 3, warmup: 1 });
  assert.ok(sink > 0);
  assert.equal(t.cpu.work.length, 3);
  assert.ok(Math.min(...t.cpu.work) > 3 * Math.max(...t.cpu.idle), `work cpu ${t.cpu.work} vs idle cpu ${t.cpu.idle}`);
  assert.ok(Math.min(...t.wall.idle) >= 15, `idle wall ${t.wall.idle}`);
  assert.ok(t.cpu.work.every((c, i) => c <= t.wall.work[i] * 1.5 + 1), `cpu ${t.cpu.work} vs wall ${t.wall.work}`);
  await assert.rejects(interleavedCpuTimings({}, { repeats: 3 }), /at least one arm/);
  await assert.rejects(interleavedCpuTimings({ a: () => 0 }, { repeats: 0 }), /repeats must be an integer >= 1, but got 0/);
});

test('interleavedCpuTimings: bestOf keeps the fastest of k back-to-back timings', async () => {
  const { interleavedCpuTimings } = await import('./timing');
  let calls = 0, sink = 0;
  // every third call does 10× the work: the minimum over 3 ignores it
  const arm = () => { const n = ++calls % 3 === 0 ? 5e6 : 5e5; for (let i = 0; i < n; i++) sink += Math.sqrt(i); };
  const t = await interleavedCpuTimings({ arm }, { repeats: 3, warmup: 0, bestOf: 3 });
  assert.ok(sink > 0);
  assert.equal(calls, 9);
  assert.equal(t.cpu.arm.length, 3);
  await assert.rejects(interleavedCpuTimings({ a: () => 0 }, { repeats: 1, bestOf: 0 }), /bestOf must be an integer >= 1, but got 0/);
});

test('interleavedBestOfTimings: replicate j is the fastest of rounds j·k … (j+1)·k − 1, spread over the rotation', async () => {
  const { interleavedBestOfTimings } = await import('./timing');
  const order: string[] = [];
  let sink = 0, callsA = 0;
  // arm a: every third call is slow (a "slow spell"); the block minimum over 3 rounds discards it
  const a = () => { order.push('a'); const n = callsA++ % 3 === 1 ? 6e6 : 2e5; for (let i = 0; i < n; i++) sink += Math.sqrt(i); };
  const b = () => { order.push('b'); for (let i = 0; i < 2e6; i++) sink += Math.sqrt(i); };
  const t = await interleavedBestOfTimings({ a, b }, { repeats: 2, bestOf: 3, warmup: 0 });
  assert.ok(sink > 0);
  assert.equal(order.length, 12);
  assert.deepEqual(order.slice(0, 4), ['a', 'b', 'b', 'a']);
  assert.equal(t.cpu.a.length, 2);
  assert.equal(t.wall.b.length, 2);
  assert.ok(Math.max(...t.cpu.a) < Math.min(...t.cpu.b), `a ${t.cpu.a} vs b ${t.cpu.b}`);
  await assert.rejects(interleavedBestOfTimings({ a }, { repeats: 2, bestOf: 0 }), /bestOf must be an integer >= 1, but got 0/);
  await assert.rejects(interleavedBestOfTimings({ a }, { repeats: 0, bestOf: 2 }), /repeats must be an integer >= 1, but got 0/);
});

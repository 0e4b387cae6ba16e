import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatEta, Progress, progressLine } from './progress';

test('durations read like the issue: 3 min 10 s, ETA 4 min', () => {
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(190_000), '3 min 10 s');
  assert.equal(formatDuration(7_500_000), '2 h 05 min');
  assert.equal(formatEta(212_000), '4 min');
  assert.equal(formatEta(31_000), '35 s');
  assert.equal(formatEta(4_800_000), '1 h 20 min');
});

test('the line: done/total, cached, elapsed, ETA from the computed tasks only', () => {
  const s = { label: 'phoneme 5×N×1', total: 240, cached: 60, computed: 36, failed: 0, corrupt: 0, elapsedMs: 190_000, computeMs: 190_000 };
  // 36 computed in 190 s → 144 remaining take 760 s ≈ 13 min
  assert.equal(progressLine(s), 'phoneme 5×N×1: 96/240 tasks (60 cached) · 3 min 10 s · ETA 13 min');
  assert.equal(progressLine({ ...s, failed: 2 }, true), 'phoneme 5×N×1: 98/240 tasks (60 cached) · 2 failed · 3 min 10 s · finished with failures');
});

test('on a terminal the line is rewritten in place at most 4 times a second; elsewhere a plain line every 10 s', () => {
  let t = 0;
  const out: string[] = [];
  const tty = new Progress('x', 10, 'auto', { write: (s: string) => out.push(s), isTTY: true }, () => t, {});
  assert.equal(tty.mode, 'tty');
  for (let i = 1; i <= 10; i++) { t += 50; tty.update({ computed: i }); }
  assert.equal(out.length, 2, '500 ms of updates every 50 ms → 2 redraws');
  assert.ok(out.every((s) => s.startsWith('\r') && !s.includes('\n')));
  tty.finish();
  assert.match(out[out.length - 1], /10\/10 tasks .* done *\n$/);

  const lines: string[] = [];
  const plain = new Progress('x', 10, 'auto', { write: (s: string) => lines.push(s) }, () => t, {});
  assert.equal(plain.mode, 'lines');
  for (let i = 1; i <= 30; i++) { t += 1000; plain.update({ computed: i % 10 }); }
  assert.equal(lines.length, 3);
  assert.ok(lines.every((s) => s.endsWith('\n') && !s.includes('\r')));
  assert.equal(new Progress('x', 1, 'auto', { write: () => 0 }, () => 0, { JPY_PARENT_PID: '1' }).mode, 'tty', 'a Jupyter kernel gets the live line');
});

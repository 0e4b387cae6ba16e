// Bad input to lib/data/elena: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudsSubstitute, cloudsSubstituteBayesError, errorRate, gaussElena, loadPhoneme, PHONEME_PATH } from './elena';

const cases: [string, () => unknown, RegExp][] = [
  ["gaussElena 1e12", () => gaussElena(8, 1e12), /gaussElena with 1000000000000 points per class: estimated cost/],
  ["cloudsSubstitute 1e12", () => cloudsSubstitute(1e12), /cloudsSubstitute with 1000000000000 points per class: estimated cost/],
  ["cloudsSubstituteBayesError cells 1e7", () => cloudsSubstituteBayesError(1e7, 4), /cloudsSubstituteBayesError on 10000000² cells × 4² nodes: estimated cost/],
  ["errorRate empty", () => errorRate({ x: [], y: [], name: 'e' }, () => 0), /errorRate: data must hold at least one row, but got 0 rows/],
  ["errorRate lengths", () => errorRate({ x: [[1]], y: [], name: 'e' }, () => 0), /errorRate: data.x has 1 entries but data.y has 0/],
];

test('elena: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('loadPhoneme: a class value of 0.5 is refused before the Int32 cast (it was read as 0)', () => {
  const src = fs.readFileSync(PHONEME_PATH, 'utf8').split('\n');
  const i = src.findIndex((l) => l.trim().length > 0);
  const parts = src[i].split(',');
  parts[parts.length - 1] = parts[parts.length - 1].replace(/[01](\s*)$/, '0.5$1');
  src[i] = parts.join(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phoneme-'));
  const file = path.join(dir, 'phoneme.dat');
  fs.writeFileSync(file, src.join('\n'));
  try {
    assert.throws(() => loadPhoneme(file, { sha256: null }), /phoneme row 1: class must be 0 or 1, but got 0.5/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

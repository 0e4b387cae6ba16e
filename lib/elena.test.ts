import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  loadPhoneme, sha256File, PHONEME_SHA256, gaussElena, gaussBayesRule, gaussBayesError, errorRate, trainTestSplit, standardize,
} from './elena';
import { makeRng } from './rng';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'elena-test-'));
const write = (name: string, text: string) => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };

test('phoneme loads, passes its checksum and matches the ELENA documentation', () => {
  const d = loadPhoneme();
  assert.equal(sha256File('data/elena/phoneme.dat'), PHONEME_SHA256);
  assert.equal(d.x.length, 5404);
  assert.equal(d.x[0].length, 5);
  assert.deepEqual(d.x[0], [1.24, 0.875, -0.205, -0.078, 0.067]);
  const ones = d.y.filter((r) => r[0] === 1).length;
  assert.equal(ones, 1586);
  assert.equal(d.x.length - ones, 3818);
  assert.equal(d.df.columns.join(','), 'h1,h2,h3,h4,h5,cls');
});

test('phoneme: an altered file fails the checksum with a clear error', () => {
  const text = fs.readFileSync('data/elena/phoneme.dat', 'utf8').replace('1.24,', '1.25,');
  const p = write('altered.dat', text);
  assert.throws(() => loadPhoneme(p), /fails its checksum: sha256 [0-9a-f]{64}, expected c0eebb5b/);
  assert.throws(() => loadPhoneme(path.join(tmp, 'missing.dat')), /not found at/);
});

test('phoneme: malformed files are refused (checksum off) naming what is wrong', () => {
  assert.throws(() => loadPhoneme(write('cols.dat', '1,2,3,4,5\n1,2,3,4,5\n'), { sha256: null, rows: null }), /must have 6 columns .* has 5/);
  assert.throws(() => loadPhoneme(write('rows.dat', '1,2,3,4,5,0\n1,2,3,4,5,1\n'), { sha256: null }), /must have 5404 rows, but has 2/);
  assert.throws(() => loadPhoneme(write('text.dat', '1,2,3,4,5,0\n1,2,x,4,5,1\n'), { sha256: null, rows: null }), /column 'h3' must be numeric/);
  assert.throws(() => loadPhoneme(write('ragged.dat', '1,2,3,4,5,0\n1,2,3,4,5\n'), { sha256: null, rows: null }), /column 'cls' has 1 missing values/);
  assert.throws(() => loadPhoneme(write('label.dat', '1,2,3,4,5,0\n1,2,3,4,5,2\n'), { sha256: null, rows: null }), /row 2: class must be 0 or 1, but got 2/);
});

test('gaussElena: recipe (2500 per class, std 1 vs 2), deterministic, nested dimensions', () => {
  const a = gaussElena(8, 2500, 1), b = gaussElena(8, 2500, 1), c = gaussElena(3, 2500, 1);
  assert.deepEqual(a.x[17], b.x[17]);
  assert.deepEqual(c.x[17], a.x[17].slice(0, 3));
  assert.equal(a.y.filter((r) => r[0] === 1).length, 2500);
  const v = (cls: number) => {
    const rows = a.x.filter((_, i) => a.y[i][0] === cls).flat();
    return rows.reduce((s, x) => s + x * x, 0) / rows.length;
  };
  assert.ok(Math.abs(v(0) - 1) < 0.05, `class-0 variance ${v(0)}`);
  assert.ok(Math.abs(v(1) - 4) < 0.2, `class-1 variance ${v(1)}`);
  assert.throws(() => gaussElena(9), /dim must lie in \[1, 8\], but got 9/);
});

test('Gaussian Bayes error: χ² closed form matches the note table and the empirical rule error', () => {
  const table: Record<number, number> = { 2: 0.2638, 3: 0.2136, 4: 0.1764, 5: 0.1475, 6: 0.1244, 7: 0.1056, 8: 0.09 };
  for (const [d, e] of Object.entries(table)) assert.ok(Math.abs(gaussBayesError(Number(d)) - e) < 6e-5, `d=${d}: ${gaussBayesError(Number(d))}`);
  // d = 2 by hand: χ²_2 is exponential, t = (16/3) ln 2
  const t = (16 / 3) * Math.LN2;
  assert.ok(Math.abs(gaussBayesError(2) - 0.5 * (Math.exp(-t / 2) + 1 - Math.exp(-t / 8))) < 1e-12);
  const big = gaussElena(8, 20000, 3);
  const emp = errorRate(big, gaussBayesRule);
  assert.ok(Math.abs(emp - 0.09) < 0.006, `empirical Bayes error ${emp}`);
});

test('trainTestSplit and standardize', () => {
  const d = gaussElena(2, 50, 4);
  const { train, test: te } = trainTestSplit(d, 0.3, makeRng(1));
  assert.equal(te.x.length, 30);
  assert.equal(train.x.length, 70);
  const s = standardize(train, te);
  const mean0 = s.train.x.reduce((a, r) => a + r[0], 0) / 70;
  assert.ok(Math.abs(mean0) < 1e-12);
  assert.throws(() => trainTestSplit(d, 1.5, makeRng(1)), /testFraction must lie in \[0, 1\], but got 1.5/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  loadPhoneme, sha256File, PHONEME_SHA256, gaussElena, gaussBayesRule, gaussBayesError, errorRate, trainTestSplit, standardize,
  cloudsSubstitute, cloudsSubstituteDensity, cloudsSubstituteBayesRule, cloudsSubstituteBayesError, cloudsSubstituteBayesErrorDetail,
  CLOUDS_SUBSTITUTE, type CloudsParams,
} from './elena';
import { makeRng } from '../core/rng';

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

test('cloudsSubstitute: 2-D, class counts, name, deterministic by seed, class-1 spread', () => {
  const a = cloudsSubstitute(2500, 5), b = cloudsSubstitute(2500, 5), c = cloudsSubstitute(2500, 6);
  assert.equal(a.name, 'clouds-substitute');
  assert.equal(a.x.length, 5000);
  assert.ok(a.x.every((r) => r.length === 2 && r.every(Number.isFinite)));
  assert.equal(a.y.filter((r) => r[0] === 1).length, 2500);
  assert.equal(a.y.filter((r) => r[0] === 0).length, 2500);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.x[0], c.x[0]);
  assert.equal(cloudsSubstitute(7, 1).x.length, 14);
  // class 1 ~ N((0.2, 0.5), 2.3² I): per-coordinate variance 5.29
  const ones = a.x.filter((_, i) => a.y[i][0] === 1);
  const v = ones.reduce((s, r) => s + (r[0] - 0.2) ** 2 + (r[1] - 0.5) ** 2, 0) / (2 * ones.length);
  assert.ok(Math.abs(v - 2.3 ** 2) < 0.3, `class-1 variance ${v}`);
  // class 0 mean = Σ w μ = (0.5·0 + 0.3·1.5 − 0.2·1.2, 0.3·1 + 0.2·1.2) = (0.21, 0.54)
  const zeros = a.x.filter((_, i) => a.y[i][0] === 0);
  const m = [0, 1].map((j) => zeros.reduce((s, r) => s + r[j], 0) / zeros.length);
  assert.ok(Math.abs(m[0] - 0.21) < 0.05 && Math.abs(m[1] - 0.54) < 0.05, `class-0 mean ${m}`);
});

test('clouds-substitute Bayes error: quadrature converges, holds all the mass, and matches the sampled Bayes-rule error', () => {
  const d = cloudsSubstituteBayesErrorDetail();
  assert.ok(Math.abs(d.mass0 - 1) < 1e-10 && Math.abs(d.mass1 - 1) < 1e-10, `box masses ${d.mass0}, ${d.mass1}`);
  assert.ok(Math.abs(d.error - 0.1) < 0.002, `designed near 10 %: ${d.error}`);
  assert.ok(Math.abs(cloudsSubstituteBayesError(200, 2) - d.error) < 1e-4, 'coarser grid and lower order agree');
  // second, independent route: the Bayes rule's error on a large fresh sample
  const big = cloudsSubstitute(100000, 11);
  const emp = errorRate(big, (x) => cloudsSubstituteBayesRule(x));
  const se = Math.sqrt(d.error * (1 - d.error) / big.x.length);
  assert.ok(Math.abs(emp - d.error) < 4 * se, `sampled ${emp} vs quadrature ${d.error} (4 SE = ${4 * se})`);
});

test('Bayes-error quadrature against closed forms (two equal Gaussians a distance d apart: Φ(−d/2σ); identical classes: ½)', () => {
  const one = (mx: number, sd: number): CloudsParams => ({ class0: [{ weight: 1, mean: [0, 0], sd }], class1: [{ weight: 1, mean: [mx, 0], sd }] });
  assert.ok(Math.abs(cloudsSubstituteBayesError(200, 4, one(2, 1)) - 0.15865525393145707) < 1e-6); // Φ(−1)
  assert.ok(Math.abs(cloudsSubstituteBayesError(200, 4, one(0.6, 0.5)) - 0.27425311775007355) < 1e-6); // Φ(−0.6)
  assert.ok(Math.abs(cloudsSubstituteBayesError(100, 3, one(0, 1)) - 0.5) < 1e-9);
  // the density integrates to 1 and the rule compares the two densities
  const p = [0.3, -0.4];
  assert.equal(cloudsSubstituteBayesRule(p), cloudsSubstituteDensity(p, 1) > cloudsSubstituteDensity(p, 0) ? 1 : 0);
  assert.equal(cloudsSubstituteBayesRule([0, 0]), 0);
  assert.equal(cloudsSubstituteBayesRule([6, -6]), 1);
  const c1 = CLOUDS_SUBSTITUTE.class1[0];
  assert.ok(Math.abs(cloudsSubstituteDensity([...c1.mean], 1) - 1 / (2 * Math.PI * c1.sd ** 2)) < 1e-15);
});

test('clouds-substitute: bad input is refused naming the value', () => {
  assert.throws(() => cloudsSubstitute(0), /nPerClass must be an integer >= 1, but got 0/);
  assert.throws(() => cloudsSubstitute(2.5), /nPerClass must be an integer >= 1, but got 2.5/);
  assert.throws(() => cloudsSubstitute(10, 1.5), /seed must be an integer, but got 1.5/);
  assert.throws(() => cloudsSubstituteDensity([1, 2, 3], 0), /x must be a 2-D point, but has length 3/);
  assert.throws(() => cloudsSubstituteDensity([1, NaN], 0), /x\[1\] must be a finite number, but got NaN/);
  assert.throws(() => cloudsSubstituteDensity([1, 2], 2 as 0), /cls must be 0 or 1, but got 2/);
  assert.throws(() => cloudsSubstituteBayesRule([Infinity, 0]), /x\[0\] must be a finite number, but got Infinity/);
  assert.throws(() => cloudsSubstituteBayesError(0), /cells must be an integer >= 1, but got 0/);
  assert.throws(() => cloudsSubstituteBayesError(10, 7), /order must lie in \[1, 5\], but got 7/);
  const badW: CloudsParams = { class0: [{ weight: 0.5, mean: [0, 0], sd: 1 }], class1: [{ weight: 1, mean: [0, 0], sd: 1 }] };
  assert.throws(() => cloudsSubstitute(10, 1, badW), /class0 weights must sum to 1, but sum to 0.5/);
  const badSd: CloudsParams = { class0: [{ weight: 1, mean: [0, 0], sd: 1 }], class1: [{ weight: 1, mean: [0, 0], sd: -2 }] };
  assert.throws(() => cloudsSubstituteBayesError(10, 4, badSd), /class1\[0\].sd must be > 0, but got -2/);
});

test('knnError: 1-NN of a set on itself is 0; separable clusters; guards', async () => {
  const { knnError } = await import('./elena');
  const d = { x: [[0, 0], [0.1, 0], [5, 5], [5.1, 5]], y: [[0], [0], [1], [1]], name: 't' };
  assert.equal(knnError(d, d, 1), 0);
  assert.equal(knnError(d, { x: [[0.2, 0.1], [4.9, 5]], y: [[0], [1]], name: 'q' }, 3), 0);
  assert.equal(knnError(d, { x: [[0.2, 0.1]], y: [[1]], name: 'q' }, 1), 1);
  assert.throws(() => knnError(d, d, 2), /k must be an odd integer in \[1, 4\], but got 2/);
  assert.throws(() => knnError(d, d, 0), /k must be an integer >= 1, but got 0/);
});

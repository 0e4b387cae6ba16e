import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResultCache, resultsDir, writeFileAtomic } from './cache';

const made: string[] = [];
const tmpDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-test-')); made.push(d); return d; };
after(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

const key = 'ab'.repeat(32);
const entry = { key, experiment: 'e', version: 1, config: { w: 2 }, seed: 3, cost: 1, record: { loss: NaN, y: [1, 2] }, wallMs: 12 };

test('an entry round-trips with its checksum; missing is a miss', () => {
  const dir = tmpDir();
  const c = new ResultCache(dir, 'e');
  assert.equal(c.read(key).status, 'miss');
  c.write(entry);
  const r = c.read(key);
  assert.equal(r.status, 'hit');
  if (r.status === 'hit') {
    assert.ok(Number.isNaN(r.entry.record.loss));
    assert.deepEqual(r.entry.record.y, [1, 2]);
    assert.equal(r.entry.wallMs, 12);
  }
  assert.equal(c.pathOf(key), path.join(dir, 'e', 'ab', `${key}.json`));
  assert.deepEqual(fs.readdirSync(path.dirname(c.pathOf(key))), [`${key}.json`], 'no temp file left');
  assert.equal(c.entries().length, 1);
  assert.throws(() => c.pathOf('../x'), /cache key must be 64 hex digits/);
});

test('edited, truncated, empty or misplaced entries are corrupt', () => {
  const dir = tmpDir();
  const c = new ResultCache(dir, 'e');
  c.write(entry);
  const f = c.pathOf(key);
  const good = fs.readFileSync(f, 'utf8');
  const check = (text: string, re: RegExp) => {
    fs.writeFileSync(f, text);
    const r = c.read(key);
    assert.equal(r.status, 'corrupt');
    if (r.status === 'corrupt') assert.match(r.reason, re);
  };
  check(good.replace('"wallMs":12', '"wallMs":13'), /checksum mismatch/);
  check(good.slice(0, good.length / 2), /not valid JSON/);
  check('', /not valid JSON/);
  check('{"entry":{}}', /missing checksum/);
  const other = 'cd'.repeat(32);
  c.write({ ...entry, key: other });
  fs.writeFileSync(f, fs.readFileSync(c.pathOf(other)));
  assert.match((c.read(key) as { reason: string }).reason, /entry holds key cdcd/);
  assert.equal(c.entries().length, 1, 'entries() skips corrupt files');
});

test('atomic writes replace whole files; RESULTS_DIR sets the directory', () => {
  const dir = tmpDir();
  const f = path.join(dir, 'sub', 'x.txt');
  writeFileAtomic(f, 'one');
  writeFileAtomic(f, 'two');
  assert.equal(fs.readFileSync(f, 'utf8'), 'two');
  assert.deepEqual(fs.readdirSync(path.dirname(f)), ['x.txt']);
  assert.equal(resultsDir({ RESULTS_DIR: '/shared/r' }), '/shared/r');
  assert.equal(resultsDir({}), path.resolve('results'));
});

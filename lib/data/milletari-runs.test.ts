import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadStoredRun, sha256Of, storedRunFile, STORED_RUN_SHA256, STORED_RUNS_DIR, STORED_BINARY_RUNS } from './milletari-runs';

test('every stored run file matches its checksum', () => {
  const files = fs.readdirSync(STORED_RUNS_DIR).filter((f) => f.endsWith('.json.gz')).sort();
  assert.deepEqual(files, Object.keys(STORED_RUN_SHA256).sort());
  for (const f of files) assert.equal(sha256Of(path.join(STORED_RUNS_DIR, f)), STORED_RUN_SHA256[f], f);
});

test('loadStoredRun: a binary run has its fields in the authors\' parameter order', () => {
  const r = loadStoredRun('linear', [8, 2], 'relu');
  assert.equal(r.nParams, 45);
  assert.deepEqual(r.layers, [2, 8, 2, 1]);
  assert.equal(r.params.length, r.records);
  assert.equal(r.hessianLast!.length, 45 * 45);
  assert.equal(STORED_BINARY_RUNS.length, 12);
});

test('loadStoredRun refuses bad names and altered files', () => {
  assert.throws(() => storedRunFile('spiral' as never, [10], 'relu'), /task/);
  assert.throws(() => storedRunFile('linear', [0], 'relu'), /hidden/);
  assert.throws(() => loadStoredRun('linear', [7], 'relu'), /no stored run/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-'));
  fs.writeFileSync(path.join(dir, 'linear-10-relu.json.gz'), 'not gzip');
  assert.throws(() => loadStoredRun('linear', [10], 'relu', dir), /checksum/);
  fs.rmSync(dir, { recursive: true });
});

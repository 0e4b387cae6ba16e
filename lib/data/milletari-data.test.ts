import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadMilletari, MILLETARI_SHA256 } from './milletari-data';
import { sha256File } from './elena';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'milletari-test-'));
const write = (name: string, text: string) => { const p = path.join(tmp, name); fs.writeFileSync(p, text); return p; };

test('linear set: 38/13 split, class counts 30/21, checksum, training order', () => {
  const d = loadMilletari('linear');
  assert.equal(sha256File('data/milletari/linear.csv'), MILLETARI_SHA256.linear);
  assert.equal(d.xTrain.length, 38);
  assert.equal(d.yTrain.length, 38);
  assert.equal(d.xTest.length, 13);
  const ones = d.yTrain.filter((v) => v === 1).length + d.yTest.filter((v) => v === 1).length;
  assert.equal(ones, 21);
  // the file's first row has train_order 1, so it is the second training row
  assert.deepEqual(d.xTrain[1], [1.9643, 4.5957]);
  assert.equal(d.yTrain[1], 1);
  assert.equal(d.df.height, 51);
});

test('non-linear set: 690/173 split, class counts 383/480', () => {
  const d = loadMilletari('nonlinear');
  assert.equal(d.xTrain.length, 690);
  assert.equal(d.xTest.length, 173);
  const ones = d.yTrain.filter((v) => v === 1).length + d.yTest.filter((v) => v === 1).length;
  assert.equal(ones, 480);
  for (const r of [...d.xTrain, ...d.xTest]) for (const v of r) assert.ok(v > 0 && v < 1);
});

test('altered, missing and malformed files are refused with a clear message', () => {
  const text = fs.readFileSync('data/milletari/linear.csv', 'utf8');
  assert.throws(() => loadMilletari('linear', write('alt.csv', text.replace('1.9643', '1.9644'))), /fails its checksum: sha256 [0-9a-f]{64}, expected 12ac7b56/);
  assert.throws(() => loadMilletari('linear', path.join(tmp, 'nope.csv')), /not found at/);
  const off = { sha256: null, checkSizes: false };
  assert.throws(() => loadMilletari('linear', write('cols.csv', 'x1,x2,y,split\n1,2,0,train\n'), off), /must have columns x1,x2,y,split,train_order/);
  assert.throws(() => loadMilletari('linear', write('lab.csv', 'x1,x2,y,split,train_order\n1,2,2,train,1\n'), off), /row 1: y must be 0 or 1, but got 2/);
  assert.throws(() => loadMilletari('linear', write('split.csv', 'x1,x2,y,split,train_order\n1,2,1,train,1\n1,2,0,valid,\n'), off), /row 2: split must be 'train' or 'test', but got 'valid'/);
  assert.throws(() => loadMilletari('linear', write('txt.csv', 'x1,x2,y,split,train_order\n1,abc,1,train,1\n'), off), /column 'x2' must be numeric/);
  assert.throws(() => loadMilletari('linear', write('ord.csv', 'x1,x2,y,split,train_order\n1,2,1,train,0\n1,2,0,train,2\n'), off), /train_order must be a permutation/);
  assert.throws(() => loadMilletari('linear', write('rows.csv', 'x1,x2,y,split,train_order\n1,2,1,train,1\n'), { sha256: null }), /must have 51 rows, but has 1/);
  assert.throws(() => loadMilletari('quadratic' as never), /task must be 'linear' or 'nonlinear'/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger, fmt, verdictFromError, verdictFromFraction } from './claims';

test('verdicts are computed from the measurement', () => {
  const L = new Ledger('nbtest', 'Test notebook');
  assert.equal(L.close({ id: 'a', source: 'eq. 1', statement: 's', measured: 1.004, expected: 1, rtol: 0.01 }).verdict, 'reproduced');
  assert.equal(L.close({ id: 'b', source: 'eq. 2', statement: 's', measured: 1.15, expected: 1, rtol: 0.1, partlyFactor: 2 }).verdict, 'partly');
  assert.equal(L.close({ id: 'c', source: 'eq. 3', statement: 's', measured: NaN, expected: 1, rtol: 0.1 }).verdict, 'not reproduced');
  assert.equal(L.check({ id: 'd', source: 'Fig. 1', statement: 's', expected: 'x', measured: 'y', holds: false, rule: 'r' }).verdict, 'not reproduced');
  assert.equal(L.fraction({ id: 'e', source: '§2', statement: 's', expected: 'always', holding: 7, total: 10 }).verdict, 'partly');
  assert.equal(L.notTestable({ id: 'f', source: '§3', statement: 's', expected: 'x', why: 'needs a GPU' }).verdict, 'not testable');
  assert.deepEqual(L.summary(), { reproduced: 1, partly: 2, 'not reproduced': 2, 'not testable': 1 });
  assert.throws(() => L.check({ id: 'a', source: '', statement: '', expected: '', measured: '', holds: true, rule: '' }), /claim id 'a' is used twice/);
});

test('verdict helpers and number formatting', () => {
  assert.equal(verdictFromError(0.1, 0.1), 'reproduced');
  assert.equal(verdictFromError(0.15, 0.1, 0.2), 'partly');
  assert.equal(verdictFromFraction(1), 'reproduced');
  assert.equal(verdictFromFraction(0.2), 'not reproduced');
  assert.throws(() => verdictFromFraction(NaN), /fraction must be a finite number, but got NaN/);
  assert.equal(fmt(0.123456), '0.1235');
  assert.equal(fmt(1.5e-7), '1.500e-7');
  assert.equal(fmt(0), '0');
});

test('HTML escapes text, and save() writes the JSON the site builder gathers', () => {
  const L = new Ledger('nbtest', 'Test');
  L.check({ id: 'x', source: 'eq. <2>', statement: 'a < b & c', expected: 'e', measured: 'm', holds: true, rule: 'r' });
  const html = L.toHtml();
  assert.match(html, /a &lt; b &amp; c/);
  assert.match(html, /reproduced: 1/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-'));
  const file = L.save(dir);
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(j.notebook, 'nbtest');
  assert.equal(j.claims[0].verdict, 'reproduced');
  assert.equal(j.summary.reproduced, 1);
});

test('checkGraded: strict → reproduced, loose only → partly, neither → not reproduced', () => {
  const L = new Ledger('nb');
  const base = { source: 's', statement: 't', expected: 'e', measured: 'm', rule: 'r' };
  assert.equal(L.checkGraded({ ...base, id: 'a', holds: true, holdsLoosely: true }).verdict, 'reproduced');
  assert.equal(L.checkGraded({ ...base, id: 'b', holds: false, holdsLoosely: true }).verdict, 'partly');
  assert.equal(L.checkGraded({ ...base, id: 'c', holds: false, holdsLoosely: false }).verdict, 'not reproduced');
});

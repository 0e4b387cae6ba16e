import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger, fmt, verdictFromError, verdictFromFraction, verdictFromInterval } from './claims';

const base = (id: string) => ({ id, kind: 'paper' as const, source: 'eq. 1', statement: 's' });
const L = () => new Ledger('nbtest', 'Test notebook', 'quick');

test('close: reproduced, partly and not reproduced from crafted measurements', () => {
  const l = L();
  assert.equal(l.close({ ...base('a'), measured: 1.004, expected: 1, rtol: 0.01 }).verdict, 'reproduced');
  assert.equal(l.close({ ...base('b'), measured: 1.15, expected: 1, rtol: 0.1, partlyFactor: 2 }).verdict, 'partly');
  assert.equal(l.close({ ...base('c'), measured: 1.5, expected: 1, rtol: 0.1, partlyFactor: 2 }).verdict, 'not reproduced');
});

test('invalid measurements throw naming the claim', () => {
  const l = L();
  assert.throws(() => l.close({ ...base('n1'), measured: NaN, expected: 1, rtol: 0.1 }), /claim n1: measured must be a finite number, but got NaN/);
  assert.throws(() => l.close({ ...base('n2'), measured: 1, expected: 1 }), /claim n2: tolerance .* must be > 0/);
  assert.throws(() => l.close({ ...base('n3'), measured: 1, expected: 1, rtol: -1 }), /claim n3: rtol and atol must be ≥ 0/);
  assert.throws(() => l.fraction({ ...base('n4'), expected: 'x', holding: 11, total: 10 }), /claim n4: holding must be an integer in \[0, total = 10\]/);
  assert.throws(() => l.fraction({ ...base('n5'), expected: 'x', holding: 1, total: 0 }), /claim n5: total must be an integer > 0/);
  assert.throws(() => l.fraction({ ...base('n6'), expected: 'x', holding: 1, total: 2, full: 1.5 }), /claim n6: need 0 ≤ partly ≤ full ≤ 1/);
  assert.throws(() => l.check({ ...base('n7'), expected: 'x', measured: 'y', holds: 'yes' as unknown as boolean, rule: 'r' }), /claim n7: holds must be a boolean/);
  assert.throws(() => l.checkGraded({ ...base('n8'), expected: 'x', measured: 'y', holds: true, holdsLoosely: false, rule: 'r' }), /claim n8: the strict test holds but the loose one does not/);
  assert.throws(() => l.threshold({ ...base('n9'), value: [1, NaN, 2], side: 'above', bound: 0, expected: '> 0' }), /claim n9: value\[1\] must be a finite number/);
  assert.throws(() => l.within({ ...base('n10'), value: [1, 2, 3], expected: 2, tol: 0 }), /claim n10: tol must be > 0/);
  assert.throws(() => l.compare({ ...base('n11'), a: [1, 2, 3], b: [1, 2], labels: ['A', 'B'], direction: 'greater', paired: true }), /claim n11: paired arms need equal lengths/);
  assert.throws(() => l.check({ ...base('n12'), kind: 'claim' as never, expected: 'x', measured: 'y', holds: true, rule: 'r' }), /claim n12: kind must be one of paper, erratum, check, beyond/);
  assert.throws(() => l.notTestable({ ...base('n13'), expected: 'x', reason: 'data', why: '' }), /claim n13: why must say why/);
  assert.throws(() => l.threshold({ ...base('n14'), value: { estimate: 5, lo: 6, hi: 7, n: 3, level: 0.95, method: 't' }, side: 'above', bound: 0, expected: '' }), /claim n14: interval must satisfy lo ≤ estimate ≤ hi/);
  assert.equal(l.rows().length, 0, 'no invalid claim is recorded');
});

test('check, checkGraded, fraction and notTestable', () => {
  const l = L();
  assert.equal(l.check({ ...base('d'), expected: 'x', measured: 'y', holds: false, rule: 'r' }).verdict, 'not reproduced');
  assert.equal(l.check({ ...base('d2'), expected: 'x', measured: 'y', holds: true, rule: 'r' }).verdict, 'reproduced');
  assert.equal(l.checkGraded({ ...base('g1'), expected: 'x', measured: 'y', holds: false, holdsLoosely: true, rule: 'r' }).verdict, 'partly');
  assert.equal(l.checkGraded({ ...base('g2'), expected: 'x', measured: 'y', holds: false, holdsLoosely: false, rule: 'r' }).verdict, 'not reproduced');
  assert.equal(l.fraction({ ...base('e'), expected: 'always', holding: 7, total: 10 }).verdict, 'partly');
  assert.equal(l.fraction({ ...base('e2'), expected: 'always', holding: 10, total: 10 }).verdict, 'reproduced');
  assert.equal(l.fraction({ ...base('e3'), expected: 'always', holding: 2, total: 10 }).verdict, 'not reproduced');
  const nt = l.notTestable({ ...base('f'), expected: 'x', reason: 'data', why: 'the Clouds data are not public' });
  assert.equal(nt.verdict, 'not testable');
  assert.equal(nt.reason, 'data: the Clouds data are not public');
  assert.throws(() => l.check({ ...base('d'), expected: '', measured: '', holds: true, rule: '' }), /claim id 'd' is used twice/);
});

test('compare: reproduced, not reproduced, inconclusive and partly from crafted replicates', () => {
  const l = L();
  const b = [1.0, 1.1, 0.9, 1.05, 0.95];
  const far = b.map((x) => x + 1), same = b.map((x, i) => x + (i % 2 ? 0.05 : -0.05)), below = b.map((x) => x - 1);
  const cmp = (id: string, a: number[], opts: object = {}) =>
    l.compare({ ...base(id), a, b, labels: ['A', 'B'], direction: 'greater', paired: true, ...opts }).verdict;
  assert.equal(cmp('c1', far), 'reproduced');
  assert.equal(cmp('c2', below), 'not reproduced');
  assert.equal(cmp('c3', same), 'inconclusive');
  assert.equal(cmp('c4', far, { margin: 5 }), 'partly', 'right direction, short of the claimed magnitude');
  assert.equal(cmp('c5', far, { paired: false }), 'reproduced');
  assert.equal(cmp('c6', far, { paired: false, method: 'bootstrap' }), 'reproduced');
  assert.equal(cmp('c7', same, { paired: false, method: 'bootstrap' }), 'inconclusive');
  assert.equal(l.compare({ ...base('c8'), a: far, b, labels: ['A', 'B'], direction: 'less', paired: true }).verdict, 'not reproduced');
  // a dead zone: an interval that clears 0 but not ±dz decides nothing
  const slight = b.map((x, i) => x + 0.05 + (i % 2 ? 0.005 : -0.005));
  assert.equal(cmp('c9', slight), 'reproduced');
  assert.equal(cmp('c10', slight, { deadZone: 0.1 }), 'inconclusive');
  assert.equal(cmp('c11', far, { deadZone: 0.1 }), 'reproduced');
  assert.equal(l.compare({ ...base('c12'), a: below, b, labels: ['A', 'B'], direction: 'greater', paired: true, deadZone: 0.1 }).verdict, 'not reproduced');
  assert.equal(l.compare({ ...base('c13'), a: b.map((x) => x - 0.05), b, labels: ['A', 'B'], direction: 'greater', paired: true, deadZone: 0.1 }).verdict, 'inconclusive');
  assert.throws(() => l.compare({ ...base('c14'), a: far, b, labels: ['A', 'B'], direction: 'greater', paired: true, deadZone: -1 }), /claim c14: deadZone must be a finite number ≥ 0/);
  const r = l.rows().find((c) => c.id === 'c1')!;
  assert.ok(r.interval && r.interval.lo > 0 && r.interval.n === 5);
  assert.match(r.measured, /A − B = 1 \[/);
});

test('compare and threshold below the replicate minimum are "not testable at <profile>", never a verdict', () => {
  const l = L();
  const c = l.compare({ ...base('s1'), a: [2, 3], b: [0, 1], labels: ['A', 'B'], direction: 'greater', paired: true });
  assert.equal(c.verdict, 'not testable');
  assert.match(c.reason!, /not testable at quick: needs replicates per arm ≥ 3 \(has 2\)/);
  const t = l.threshold({ ...base('s2'), value: [5], side: 'above', bound: 1, expected: '> 1' });
  assert.equal(t.verdict, 'not testable');
  const w = l.close({ ...base('s3'), measured: 1, expected: 1, rtol: 0.1, needs: [{ what: 'width', have: 32, min: 512 }] });
  assert.equal(w.verdict, 'not testable');
  assert.match(w.reason!, /needs width ≥ 512 \(has 32\)/);
  assert.match(w.measured, /^1$/, 'the measurement is kept');
  const ok = l.close({ ...base('s4'), measured: 1, expected: 1, rtol: 0.1, needs: [{ what: 'width', have: 512, min: 512 }] });
  assert.equal(ok.verdict, 'reproduced');
});

test('threshold and within decide from the interval', () => {
  const l = L();
  const xs = [0.9, 1.0, 1.1, 1.0, 0.95, 1.05];
  assert.equal(l.threshold({ ...base('t1'), value: xs, side: 'above', bound: 0.5, expected: '> 0.5' }).verdict, 'reproduced');
  assert.equal(l.threshold({ ...base('t2'), value: xs, side: 'above', bound: 1.5, expected: '> 1.5' }).verdict, 'not reproduced');
  assert.equal(l.threshold({ ...base('t3'), value: xs, side: 'above', bound: 1.0, expected: '> 1' }).verdict, 'inconclusive');
  assert.equal(l.threshold({ ...base('t4'), value: xs, side: 'below', bound: 1.5, expected: '< 1.5' }).verdict, 'reproduced');
  assert.equal(l.within({ ...base('w1'), value: xs, expected: 1, tol: 0.2 }).verdict, 'reproduced');
  assert.equal(l.within({ ...base('w2'), value: xs, expected: 2, tol: 0.2 }).verdict, 'not reproduced');
  assert.equal(l.within({ ...base('w3'), value: xs, expected: 1.05, tol: 0.02 }).verdict, 'inconclusive');
  const iv = { estimate: 0.125, lo: 0.11, hi: 0.14, n: 5, level: 0.95, method: 'fit' };
  assert.equal(l.within({ ...base('w4'), value: iv, expected: 0.125, tol: 0.02 }).verdict, 'reproduced');
  assert.equal(l.within({ ...base('w5'), value: iv, expected: 0.5, tol: 0.02 }).verdict, 'not reproduced');
  const small = { ...iv, n: 2, method: 'bootstrap' };
  assert.equal(l.within({ ...base('w6'), value: small, expected: 0.125, tol: 0.02 }).verdict, 'reproduced', 'no minReplicates: the interval decides');
  const gated = l.within({ ...base('w7'), value: small, expected: 0.125, tol: 0.02, minReplicates: 5 });
  assert.equal(gated.verdict, 'not testable');
  assert.match(gated.reason!, /needs replicates ≥ 5 \(has 2\)/);
});

test('verdict helpers', () => {
  assert.equal(verdictFromError(0.1, 0.1), 'reproduced');
  assert.equal(verdictFromError(0.15, 0.1, 0.2), 'partly');
  assert.throws(() => verdictFromError(NaN, 0.1), /error must be a finite number/);
  assert.throws(() => verdictFromError(0.1, 0), /tolerance must be > 0/);
  assert.equal(verdictFromFraction(1), 'reproduced');
  assert.equal(verdictFromFraction(0.2), 'not reproduced');
  assert.throws(() => verdictFromFraction(NaN), /fraction must lie in \[0, 1\]/);
  assert.throws(() => verdictFromFraction(1.2), /fraction must lie in \[0, 1\]/);
  const iv = (lo: number, hi: number) => ({ estimate: (lo + hi) / 2, lo, hi, n: 5, level: 0.95, method: 't' });
  assert.equal(verdictFromInterval(iv(1, 2), 'above', 0), 'reproduced');
  assert.equal(verdictFromInterval(iv(-2, -1), 'above', 0), 'not reproduced');
  assert.equal(verdictFromInterval(iv(-1, 1), 'above', 0), 'inconclusive');
  assert.equal(verdictFromInterval(iv(-2, -1), 'below', 0), 'reproduced');
  assert.equal(verdictFromInterval(iv(1, 2), 'above', 0, 3), 'partly');
  assert.equal(verdictFromInterval(iv(-1, 2), 'above', 0, 3), 'not reproduced');
  assert.equal(verdictFromInterval(iv(2, 4), 'above', 0, 3), 'inconclusive');
  assert.equal(verdictFromInterval(iv(-4, -2), 'below', 0, -3), 'inconclusive');
  assert.equal(verdictFromInterval(iv(-2, -1), 'below', 0, -3), 'partly');
  assert.equal(fmt(0.123456), '0.1235');
  assert.equal(fmt(1.5e-7), '1.500e-7');
  assert.equal(fmt(0), '0');
});

test('summary per kind, the table and save()', () => {
  const l = L();
  l.check({ ...base('p1'), expected: 'x', measured: 'y', holds: true, rule: 'r' });
  l.check({ ...base('k1'), kind: 'check', expected: 'x', measured: 'y', holds: true, rule: 'r' });
  l.check({ ...base('e1'), kind: 'erratum', expected: 'x', measured: 'y', holds: true, rule: 'r' });
  l.notTestable({ ...base('b1'), kind: 'beyond', expected: 'x', reason: 'scale', why: 'needs width 512' });
  const s = l.summary();
  assert.equal(s.total.reproduced, 3);
  assert.equal(s.byKind.paper.reproduced, 1);
  assert.equal(s.byKind.check.reproduced, 1);
  assert.equal(s.byKind.erratum.reproduced, 1);
  assert.equal(s.byKind.beyond['not testable'], 1);
  const html = l.toHtml();
  assert.match(html, /<td>erratum<\/td>/);
  assert.match(html, /our check/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-'));
  const saved = JSON.parse(fs.readFileSync(l.save(dir), 'utf8'));
  assert.equal(saved.profile, 'quick');
  assert.equal(saved.claims.length, 4);
  assert.equal(saved.claims[3].reason, 'not testable at quick: needs width 512');
});

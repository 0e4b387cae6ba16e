import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmt, formatCell, formatTable } from './table';

test('fmt: 4 significant digits, exponent form for very small or large, integers in full', () => {
  assert.equal(fmt(0.8999999999999999), '0.9');
  assert.equal(fmt(0.9999999958776924), '1');
  assert.equal(fmt(1.23456e-7), '1.235e-7');
  assert.equal(fmt(-1.23456e-7), '-1.235e-7');
  assert.equal(fmt(123456789), '1.235e+8');
  assert.equal(fmt(123456.7), '1.235e+5');
  assert.equal(fmt(99999.7), '1e+5');
  assert.equal(fmt(42), '42');
  assert.equal(fmt(100000), '100000');
  assert.equal(fmt(0), '0');
  assert.equal(fmt(3.14159265), '3.142');
  assert.equal(fmt(0.00123456), '0.001235');
  assert.equal(fmt(0.000999), '9.99e-4');
  assert.equal(fmt(1234.56), '1235');
  assert.equal(fmt(NaN), 'NaN');
  assert.equal(fmt(-Infinity), '−∞');
  assert.equal(fmt(Math.PI, 2), '3.1');
});

test('cells: long float strings reformatted, nested values formatted, empty shown as a dash', () => {
  assert.equal(formatCell('0.8999999999999999'), '0.9');
  assert.equal(formatCell('2.5e-12'), '2.5e-12');
  assert.equal(formatCell('v1.2'), 'v1.2');
  assert.equal(formatCell([0.1 + 0.2, 1e-9]), '[0.3, 1e-9]');
  assert.equal(formatCell({ a: 1 / 3 }), '{a: 0.3333}');
  assert.equal(formatCell(null), '–');
  assert.equal(formatCell(true), 'yes');
});

test('table HTML: scrolls in its own box, numbers right-aligned, no 10-decimal numbers, escaped text, headers and columns', () => {
  const rows = [
    { activation: 'ReLU <b>', loss: 0.8999999999999999, n: 12, note: 'x'.repeat(300) },
    { activation: 'tanh', loss: 1.23456e-9, n: null, note: 'short' },
  ];
  const html = formatTable(rows, { headers: { loss: 'final loss L' }, caption: 'Table 1' });
  assert.match(html, /^<div class="table-wrap" style="max-width:100%;overflow-x:auto">/);
  assert.match(html, /<caption[^>]*>Table 1<\/caption>/);
  assert.match(html, /<th class="n">final loss L<\/th>/);
  assert.match(html, /<td class="n">0\.9<\/td>/);
  assert.match(html, /td\.n\{text-align:right/, 'numeric cells right-aligned by the table style');
  assert.match(html, /<td[^>]*>1\.235e-9<\/td>/);
  assert.match(html, /ReLU &lt;b&gt;/);
  assert.match(html, /overflow-wrap:anywhere/, 'long text wraps');
  assert.doesNotMatch(html, /\d\.\d{10,}/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 3);
  assert.doesNotMatch(html.replace(/<div class="table-wrap" style="[^"]*">/, ''), /style="/, 'no per-cell style attributes');
  assert.match(formatTable(rows, { maxTextWidth: '10em' }), /<td class="t" style="max-width:10em">/);
  const two = formatTable(rows, { columns: ['n', 'activation'] });
  assert.match(two, /<th[^>]*>n<\/th><th[^>]*>activation<\/th><\/tr>/);
  assert.match(two, /<td[^>]*>–<\/td>/);
  assert.throws(() => formatTable(rows, { digits: 0 }), /digits must be/);
});

test('a DataFrame-like object (toRecords) is accepted', () => {
  const df = { toRecords: () => [{ a: 1 / 7 }] };
  assert.match(formatTable(df), />0\.1429</);
});

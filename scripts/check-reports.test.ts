import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkSvg, checkPage, legendOrderProblem, rawTitle, runChecks, MAX_PAGE_BYTES, type Finding } from './check-reports';
import { renderSvg, lineSpec, heatmapSpec } from '../lib/report/plot';

const cats = (f: Finding[]) => [...new Set(f.map((x) => x.category))].sort();
const base = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 200, height: 120 };

test('legend order: numbers numerically, "init" first; names in any order', () => {
  assert.match(legendOrderProblem(['L = 16', 'L = 32', 'L = 64', 'L = 8'])!, /L = n/);
  assert.match(legendOrderProblem(['100 ep', '150 ep', '200 ep', '50 ep', 'init'])!, /"init" is entry 5/);
  assert.ok(legendOrderProblem(['β=20', 'β=5']));
  assert.equal(legendOrderProblem(['init', '50 ep', '100 ep']), undefined);
  assert.ok(legendOrderProblem(['L = 64', 'L = 32', 'L = 8']), 'ascending, as naturalOrder sorts');
  assert.equal(legendOrderProblem(['tanh', 'ReLU', 'GELU']), undefined);
  assert.equal(legendOrderProblem(['p=1, T=0.5', 'p=1, T=2', 'p=2, T=0.5']), undefined);
});

test('raw field names as titles', () => {
  assert.ok(rawTitle('curve'));
  assert.ok(rawTitle('logL'));
  assert.ok(rawTitle('x0_'));
  assert.ok(rawTitle('sup_h'));
  assert.equal(rawTitle('weight w'), undefined);
  assert.equal(rawTitle('T / T_c'), undefined);
  assert.equal(rawTitle('x'), undefined, 'a bare letter is allowed on an axis');
});

test('a good plot passes; crafted bad plots fail their rule', async () => {
  const rows = [8, 16, 32].flatMap((L) => [1, 2, 3].map((x) => ({ x, y: x * L, s: `L = ${L}` })));
  const good = await renderSvg(lineSpec(rows, { x: 'x', y: 'y', xTitle: 'epoch', yTitle: 'loss L (nats)', color: 's', colorTitle: 'lattice size' }));
  assert.deepEqual(checkSvg(good, 'p'), []);
  // a title containing "|" is read whole (its unit comes after the bar)
  const bar = await renderSvg(lineSpec(rows, { x: 'x', y: 'y', xTitle: 'epoch', yTitle: 'time ordered, |m| > ½ (units of T_c / heating rate)', color: 's', colorTitle: 'lattice size' }));
  assert.deepEqual(checkSvg(bar, 'p'), []);
  // a legend of named series may go untitled; a colour bar may not
  const untitled = await renderSvg(lineSpec(rows, { x: 'x', y: 'y', xTitle: 'epoch', yTitle: 'loss L (nats)', color: 's', colorTitle: '' }));
  assert.deepEqual(checkSvg(untitled, 'p'), []);
  const bareBar = await renderSvg(heatmapSpec([0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => ({ x, y, v: x * y }))), { x: 'x', y: 'y', value: 'v', xTitle: 'w', yTitle: 'b (bias)', valueTitle: '' }));
  assert.deepEqual(cats(checkSvg(bareBar, 'p')), ['axis-title']);
  const grid = [0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => ({ x, y, v: x + y })));
  assert.deepEqual(checkSvg(await renderSvg(heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'w', yTitle: 'b (bias)', valueTitle: 'loss' })), 'p'), []);
  assert.deepEqual(checkSvg(await renderSvg(heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'w', yTitle: 'b (bias)', valueTitle: 'loss', raster: true })), 'p'), []);
  // quantitative rects without x2/y2: every cell drawn from the origin
  const fromOrigin = { ...base, data: { values: grid.map((r) => ({ ...r, x: r.x + 1, y: r.y + 1 })) }, mark: 'rect', encoding: { x: { field: 'x', type: 'quantitative', title: 'w' }, y: { field: 'y', type: 'quantitative', title: 'b' }, color: { field: 'v', type: 'quantitative', title: 'loss' } } };
  assert.deepEqual(cats(checkSvg(await renderSvg(fromOrigin), 'p')), ['rect-edges']);
  // legend in string order, entries drawn alike, a raw field name, untitled axes
  const bad = {
    ...base,
    data: { values: ['L = 16', 'L = 32', 'L = 8'].flatMap((s) => [1, 2].map((x) => ({ x, y: x, s }))) },
    mark: 'line',
    encoding: {
      x: { field: 'x', type: 'quantitative', title: null },
      y: { field: 'y', type: 'quantitative', title: 'wall time' },
      color: { field: 's', type: 'nominal', title: 'curve', sort: null, scale: { domain: ['L = 16', 'L = 32', 'L = 8'], range: ['#4c78a8', '#4c78a8', '#e45756'] } },
    },
  };
  const f = checkSvg(await renderSvg(bad), 'p');
  assert.deepEqual(cats(f), ['axis-title', 'legend-order', 'legend-style', 'time-unit', 'title-name']);
  assert.match(f.find((x) => x.category === 'legend-style')!.message, /"L = 16" and "L = 32" are drawn alike/);
});

test('pages: weight, outside references, broken links, long decimals; located by cell', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-reports-'));
  fs.writeFileSync(path.join(dir, 'other.html'), '<p>ok</p>');
  // the outside-reference fixtures, spelled in two parts so that repository-wide greps for such references stay clean
  const NOTE = 'research' + '/notes.md', FOO = 'research' + '/foo.md';
  const html = `<html><head><link rel="stylesheet" href="https://cdn.example.org/k.css"></head><body>
<div class="cell" id="cell-3"><a href="other.html">fine</a> <a href="https://arxiv.org/abs/1">a paper: fine</a> <img src="data:image/png;base64,AAAA"></div>
<div class="cell" id="cell-4"><table><tr><td>0.8999999999999999</td><td>0.9</td><td>1.2345678901e-7</td></tr></table>
<a href="${NOTE}">derivation</a> see ${FOO} and issue 15</div></body></html>`;
  const f = checkPage(html, path.join(dir, 'page.html'));
  const refs = f.filter((x) => x.category === 'outside-reference').map((x) => x.message);
  assert.equal(refs.length, 4, refs.join('\n'));
  assert.ok(refs.some((m) => /loads https:\/\/cdn/.test(m)));
  assert.ok(refs.some((m) => /link to research\/notes.md: no such file/.test(m)));
  assert.ok(refs.some((m) => /issue number/.test(m)));
  const dec = f.filter((x) => x.category === 'table-decimals');
  assert.equal(dec.length, 1);
  assert.equal(dec[0].where, 'table (cell 4)');
  assert.match(dec[0].message, /^2 table cell/);
  assert.deepEqual(cats(checkPage('<p>x</p>', '', MAX_PAGE_BYTES + 1)), ['page-weight']);
  assert.deepEqual(checkPage('<p>x</p>', '', MAX_PAGE_BYTES), []);
});

test('the command: reports per page; fails only with --strict, and then only on the hard rules', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-reports-'));
  const soft = `<div id="cell-1"><table><tr><td>0.8999999999999999</td></tr></table></div>`;
  fs.writeFileSync(path.join(dir, 'a.html'), soft);
  const out: string[] = [];
  assert.equal(runChecks([dir], (s) => out.push(s)), 0);
  assert.equal(runChecks([dir, '--strict'], (s) => out.push(s)), 0, 'long decimals alone do not fail --strict');
  assert.equal(runChecks([dir, '--strict-all'], (s) => out.push(s)), 1);
  assert.match(out[0], /a\.html \(0\.00 MB\): table-decimals 1/);
  fs.writeFileSync(path.join(dir, 'b.html'), '<script src="http://example.org/x.js"></script>');
  assert.equal(runChecks([dir], () => {}), 0, 'not strict: reported, not failed');
  assert.equal(runChecks([dir, '--strict'], () => {}), 1);
  assert.equal(runChecks([], () => {}), 2);
});

test('a spec problem written on the SVG by renderSvg (data-lint) is reported', async () => {
  const grid = [0, 1].flatMap((x) => [0, 1].map((y) => ({ x, y, v: x + y })));
  const svg = await renderSvg({ ...base, data: { values: grid }, mark: 'rect', encoding: { x: { field: 'x', type: 'quantitative', title: 'w' }, y: { field: 'y', type: 'ordinal', title: 'b' }, color: { field: 'v', type: 'quantitative', title: 'loss' } } });
  const f = checkSvg(svg, 'p');
  assert.deepEqual(cats(f), ['rect-edges']);
  assert.match(f[0].message, /^spec: rect on a quantitative x without x2/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown, renderOutput } from './build-site';

test('markdown math is rendered by KaTeX offline; code spans and escaped dollars are left alone', () => {
  const html = renderMarkdown('Inline $\\chi_\\parallel = C_W \\langle \\sigma\'^2 \\rangle$ and `cost $5`.\n\n$$K^{(\\ell+1)} = C_b + C_W \\langle \\sigma^2 \\rangle_K$$');
  assert.match(html, /class="katex"/);
  assert.match(html, /class="katex-display"/);
  assert.match(html, /<code>cost \$5<\/code>/);
  assert.doesNotMatch(html, /@@MATH|@@CODE|\$\$/);
  assert.doesNotMatch(html, /https?:\/\//);
});

test('outputs: SVG inline, stderr marked, ANSI codes stripped, HTML passed through', () => {
  assert.match(renderOutput({ output_type: 'display_data', data: { 'image/svg+xml': '<svg></svg>', 'text/plain': 'x' } }), /<div class="plot"><svg><\/svg><\/div>/);
  assert.match(renderOutput({ output_type: 'stream', name: 'stderr', text: '\u001b[31mError: width must be > 0\u001b[0m' }), /<pre class="stderr">Error: width must be &gt; 0<\/pre>/);
  assert.match(renderOutput({ output_type: 'display_data', data: { 'text/html': '<table></table>' } }), /<table><\/table>/);
});

test('derivation notes: rendered with math, links to notes and notebooks rewritten to the site', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { renderDerivationNotes } = await import('./build-site');
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-')), out = path.join(src, 'site');
  fs.writeFileSync(path.join(src, 'README.md'), '# Notes\n\n- [RePU](02-repu.md)\n');
  fs.writeFileSync(path.join(src, '02-repu.md'), '# RePU note\n\n$K^{(\\ell)}$, see [the notebook](../../notebooks/02-repu-effective-theory.ipynb#cell-3) and [§2](01-x.md#s2).\n');
  const notes = renderDerivationNotes(src, out);
  assert.deepEqual(notes, [{ file: '02-repu.html', title: 'RePU note' }]);
  const html = fs.readFileSync(path.join(out, '02-repu.html'), 'utf8');
  assert.match(html, /class="katex"/);
  assert.match(html, /href="\.\.\/02-repu-effective-theory\.html#cell-3"/);
  assert.match(html, /href="01-x\.html#s2"/);
  assert.match(html, /href="\.\.\/assets\/katex\/katex\.min\.css"/);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /href="02-repu\.html"/);
});

test('slimSvg: lighter, same drawing (numbers within 0.005 px, same texts, axes and legends keep their aria labels)', async () => {
  const { slimSvg } = await import('./build-site');
  const { lineSpec, scatterSpec, heatmapSpec, hconcatSpec, renderSvg } = await import('../lib/report/plot');
  const rows = Array.from({ length: 60 }, (_, i) => ({ x: i / 7, y: Math.sin(i / 7) / 3, s: i % 2 ? 'ReLU' : 'tanh', e: 0.05 }));
  const grid = [0, 1, 2, 3].flatMap((x) => [0, 1, 2].map((y) => ({ x: x / 3, y, v: x * y })));
  const svg = await renderSvg(hconcatSpec([
    lineSpec(rows, { x: 'x', y: 'y', xTitle: 'z (preactivation)', yTitle: 'f(z)', color: 's', colorTitle: 'activation' }),
    scatterSpec(rows, { x: 'x', y: 'y', xTitle: 'z', yTitle: 'f', yErr: 'e' }),
    heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'w', yTitle: 'b', valueTitle: 'loss' }),
  ]));
  const slim = slimSvg(svg);
  assert.ok(slim.length < 0.7 * svg.length, `${slim.length} vs ${svg.length}`);
  const texts = (s: string) => [...s.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(texts(slim), texts(svg));
  const labels = (s: string) => [...s.matchAll(/aria-label="((?:[XY]-axis|Symbol legend|Gradient legend)[^"]*)"/g)].map((m) => m[1]);
  assert.ok(labels(svg).length >= 7);
  assert.deepEqual(labels(slim), labels(svg));
  assert.doesNotMatch(slim, /aria-roledescription="(point|line mark|rect)"/);
  assert.doesNotMatch(slim, / opacity="1"/);
  // drawn elements keep their geometry to 0.005 px
  const drawn = (s: string) => [...s.matchAll(/<(path|line|rect|text|image)\b([^>]*)>/g)]
    .filter((m) => !/class="(foreground|background)"/.test(m[2]) || !/d="(M0,0h0v0h0Z)?"/.test(m[2]))
    .map((m) => [...(m[2].match(/\s(?:d|transform|x|y|x2|y2|width|height)="[^"]*"/g) ?? [])].join(' ').match(/-?\d*\.?\d+/g)?.map(Number) ?? []);
  const a = drawn(svg), b = drawn(slim);
  assert.equal(a.length, b.length);
  a.forEach((nums, i) => {
    assert.equal(nums.length, b[i].length);
    nums.forEach((v, k) => assert.ok(Math.abs(v - b[i][k]) <= 0.005 + 1e-9, `element ${i}: ${v} → ${b[i][k]}`));
  });
  // the font is named once, on the root, and inherited
  assert.match(slim, /^<svg\b[^>]*font-family="DejaVu Sans, Helvetica, Arial, sans-serif"/);
  assert.equal((slim.match(/font-family=/g) ?? []).length, 1 + (svg.match(/<text\b[^>]*font-family="(?!DejaVu)/g) ?? []).length);
});

test('numeric cells of notebook tables are right-aligned; text cells are left alone', async () => {
  const { alignNumbers, renderOutput } = await import('./build-site');
  assert.equal(alignNumbers('<tr><td>0.25</td><td>-1.2e-7</td><td>relu</td><td>3</td><td>0 0 1</td></tr>'),
    '<tr><td class="num">0.25</td><td class="num">-1.2e-7</td><td>relu</td><td class="num">3</td><td>0 0 1</td></tr>');
  assert.match(renderOutput({ output_type: 'display_data', data: { 'text/html': '<table><tr><td>12</td></tr></table>' } }), /<div class="html"><table><tr><td class="num">12<\/td>/);
});

test('progress lines collapse to each experiment\'s last line, shown as progress, not as an error', async () => {
  const { collapseStreams, renderOutput } = await import('./build-site');
  const out = collapseStreams([
    { output_type: 'stream', name: 'stderr', text: 'sweep: 0/40 tasks (0 cached) · 1 s\nsweep: 10/40 tasks (0 cached) · 11 s · ETA 30 s\n' },
    { output_type: 'stream', name: 'stderr', text: 'hess: 3/3 tasks (3 cached) · 0 s · done\nsweep: 40/40 tasks (0 cached) · 41 s · done\n' },
    { output_type: 'stream', name: 'stdout', text: 'loading\rloaded 12 runs\n' },
    { output_type: 'stream', name: 'stderr', text: 'Error: width must be > 0\n' },
  ]);
  assert.equal(out.length, 3);
  assert.equal(out[0].text, 'hess: 3/3 tasks (3 cached) · 0 s · done\nsweep: 40/40 tasks (0 cached) · 41 s · done\n');
  assert.match(renderOutput(out[0]), /^<pre class="progress">hess: 3\/3/);
  assert.equal(out[1].text, 'loaded 12 runs\n');
  assert.match(renderOutput(out[2]), /<pre class="stderr">Error: width must be &gt; 0<\/pre>/);
});

test('a page keeps one copy of a repeated <style> block (the tables\' style)', async () => {
  const { firstStyleOnly } = await import('./build-site');
  const t = '<style>.report-table{x:1}</style>';
  assert.equal(firstStyleOnly(`a${t}b${t}c<style>.other{}</style>${t}`), `a${t}bc<style>.other{}</style>`);
});

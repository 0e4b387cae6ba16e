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

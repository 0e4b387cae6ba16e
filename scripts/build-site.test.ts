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

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineSpec, scatterSpec, heatmapSpec, facetSpec, hconcatSpec, renderSvg } from './plot';

const rows = [1, 2, 3, 4].map((x) => ({ x, y: x * x, s: x % 2 ? 'odd' : 'even' }));

test('line spec carries axis titles, log scales, and drops non-finite / non-positive-on-log rows', () => {
  const spec = lineSpec([...rows, { x: 5, y: NaN, s: 'odd' }, { x: 6, y: 0, s: 'even' }], {
    x: 'x', y: 'y', xTitle: 'width n', yTitle: 'K (kernel)', yScale: 'log', color: 's',
  }) as any;
  assert.equal(spec.encoding.x.title, 'width n');
  assert.equal(spec.encoding.y.scale.type, 'log');
  assert.equal(spec.data.values.length, 4);
  assert.throws(() => lineSpec(rows, { x: 'x', y: 'nope', xTitle: 'a', yTitle: 'b' }), /field 'nope' is not in the rows/);
  assert.throws(() => lineSpec([], { x: 'x', y: 'y', xTitle: 'a', yTitle: 'b' }), /rows must be a non-empty array/);
});

test('every helper renders headless to an SVG containing its axis titles (vega 5, no browser)', async () => {
  const specs = [
    lineSpec(rows, { x: 'x', y: 'y', xTitle: 'depth ℓ', yTitle: 'χ∥', color: 's', yErr: undefined }),
    scatterSpec(rows, { x: 'x', y: 'y', xTitle: 'depth ℓ', yTitle: 'χ∥' }),
    heatmapSpec(rows.map((r) => ({ ...r, v: r.x + r.y })), { x: 'x', y: 'y', value: 'v', xTitle: 'depth ℓ', yTitle: 'χ∥', valueTitle: 'v', ordinal: true }),
    facetSpec(rows, { x: 'x', y: 'y', xTitle: 'depth ℓ', yTitle: 'χ∥', facet: 's' }),
  ];
  specs.push(hconcatSpec([specs[0], specs[1]], 'two panels'));
  for (const s of specs) {
    const svg = await renderSvg(s);
    assert.match(svg, /^<svg/);
    assert.match(svg, /depth ℓ/);
    assert.doesNotMatch(svg, /NaN/);
  }
});

test('symlog axes take a linear-region constant', () => {
  const spec = lineSpec(rows, { x: 'x', y: 'y', xTitle: 'a', yTitle: 'b', yScale: 'symlog', symlogConstant: 1e-3 }) as { encoding: { y: { scale: Record<string, unknown> } } };
  assert.deepEqual(spec.encoding.y.scale, { type: 'symlog', constant: 1e-3 });
});

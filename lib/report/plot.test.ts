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

test('legends in order of meaning: numbers as numbers, "init" first', async () => {
  const { naturalOrder } = await import('./plot');
  assert.deepEqual(naturalOrder(['L = 16', 'L = 32', 'L = 64', 'L = 8']), ['L = 8', 'L = 16', 'L = 32', 'L = 64']);
  assert.deepEqual(naturalOrder(['100 ep', '150 ep', '200 ep', '50 ep', 'init']), ['init', '50 ep', '100 ep', '150 ep', '200 ep']);
  assert.deepEqual(naturalOrder(['β=20', 'β=5', 'β=1']), ['β=1', 'β=5', 'β=20']);
  assert.deepEqual(naturalOrder([10, 2, 2, 1]), [1, 2, 10]);
  assert.deepEqual(naturalOrder(['ELU, lr 0.05', 'ELU, lr 0.005', 'ELU, lr 0.3']), ['ELU, lr 0.005', 'ELU, lr 0.05', 'ELU, lr 0.3']);
  assert.deepEqual(naturalOrder(['logistic fit, s = 0.3', 'logistic fit, s = 0.05', 'logistic fit, s = 1']), ['logistic fit, s = 0.05', 'logistic fit, s = 0.3', 'logistic fit, s = 1']);
  assert.deepEqual(naturalOrder(['C_W = 1', 'C_W = 0.8165', 'C_W = 0.75', 'C_W = 0.6']), ['C_W = 0.6', 'C_W = 0.75', 'C_W = 0.8165', 'C_W = 1']);
  assert.deepEqual(naturalOrder(['T = -1', 'T = 2', 'T = −3']), ['T = −3', 'T = -1', 'T = 2']);
  assert.deepEqual(naturalOrder(['leaky-relu', 'relu 2', 'relu 10']), ['leaky-relu', 'relu 2', 'relu 10']);
});

test('one palette keyed by activation name, only when every series names a distinct activation', async () => {
  const { activationOf, ACTIVATION_COLORS, lineSpec } = await import('./plot');
  assert.equal(activationOf('ReLU 5×N×1'), 'relu');
  assert.equal(activationOf('leaky-relu'), 'leaky-relu');
  assert.equal(activationOf('MRePU p=2'), 'mrepu');
  assert.equal(activationOf('reluctant'), undefined);
  assert.equal(activationOf('Swish β=1'), 'swish');
  const rows = ['tanh', 'ReLU', 'sigmoid'].flatMap((a) => [0, 1].map((x) => ({ x, y: x, a })));
  const enc = (lineSpec(rows, { x: 'x', y: 'y', xTitle: 'x', yTitle: 'y', color: 'a' }) as any).encoding.color;
  assert.deepEqual(enc.scale.domain, ['ReLU', 'sigmoid', 'tanh']);
  assert.deepEqual(enc.scale.range, [ACTIVATION_COLORS.relu, ACTIVATION_COLORS.sigmoid, ACTIVATION_COLORS.tanh]);
  const mixed = [...rows, { x: 0, y: 0, a: 'theory' }];
  const enc2 = (lineSpec(mixed, { x: 'x', y: 'y', xTitle: 'x', yTitle: 'y', color: 'a' }) as any).encoding.color;
  assert.equal(enc2.scale.range, undefined, 'a non-activation series: the default scheme, no misleading colours');
});

test('quantitative heat-map cells have both edges; error bars on points render', async () => {
  const { heatmapSpec, scatterSpec, renderSvg } = await import('./plot');
  const rows = [0, 0.5, 1].flatMap((x) => [-1, 0, 1].map((y) => ({ x, y, v: x + y })));
  const spec = heatmapSpec(rows, { x: 'x', y: 'y', value: 'v', xTitle: 'w₁', yTitle: 'w₂', valueTitle: 'loss' }) as any;
  assert.equal(spec.encoding.x2.field, '__x1');
  assert.equal(spec.data.values[0].__x0, -0.25);
  assert.equal(spec.data.values[0].__y1, -0.5);
  assert.match(await renderSvg(spec), /<svg/);
  const pts = scatterSpec([{ T: 1, m: 0.5, e: 0.1 }, { T: 2, m: 0.2, e: 0.05 }], { x: 'T', y: 'm', xTitle: 'T', yTitle: 'm', yErr: 'e' }) as any;
  assert.equal(pts.layer.length, 2);
  assert.equal(pts.data.values[0].__hi, 0.6);
  assert.match(await renderSvg(pts), /<svg/);
});

test('raster heat map: one PNG on quantitative scales, < 10 % of the vector SVG, pixel colours = the colour scale, a legend', async () => {
  const { heatmapSpec, renderSvg } = await import('./plot');
  const { decodePngDataUri } = await import('./png');
  const vega = require('vega');
  const vl = require('vega-lite');
  const n = 200;
  const rows: { w: number; b: number; L: number }[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const w = -3 + (6 * i) / (n - 1), b = -2 + (4 * j) / (n - 1);
    rows.push({ w, b, L: (w - 1.5) ** 2 + (b + 0.3) ** 2 });
  }
  const o = { x: 'w', y: 'b', value: 'L', xTitle: 'weight w', yTitle: 'bias b', valueTitle: 'loss L', title: 'landscape' };
  const vector = await renderSvg(heatmapSpec(rows, o));
  const spec = heatmapSpec(rows, { ...o, raster: true }) as any;
  const svg = await renderSvg(spec);
  assert.ok(svg.length < 0.1 * vector.length, `raster ${svg.length} B vs vector ${vector.length} B`);
  assert.match(svg, /<image[^>]*href="data:image\/png;base64,/);
  assert.match(svg, /image-rendering: pixelated/);
  assert.match(svg, /role-legend/);
  assert.match(svg, /loss L/);
  assert.match(svg, /weight w/);
  assert.match(svg, /bias b/);
  assert.doesNotMatch(svg, /<path[^>]*role-mark/);
  // the backwards-compatible encoding: x/x2/y/y2 on top, quantitative
  assert.equal(spec.encoding.x.type, 'quantitative');
  assert.equal(spec.encoding.x2.field, '__x1');
  assert.equal(spec.encoding.y2.field, '__y1');
  const img = decodePngDataUri(spec.layer[0].data.values[0].__url);
  assert.equal(img.width, n);
  assert.equal(img.height, n);
  // the colour scale vega builds for the legend
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const scale = view.scale('color');
  for (const [i, j] of [[0, 0], [150, 90], [199, 199], [75, 3], [10, 180]]) {
    const r = rows[i * n + j];
    const want = scale(r.L);
    const m = String(want).match(/(\d+), (\d+), (\d+)/) ?? [];
    const py = n - 1 - j; // top row = largest b
    const k = (py * n + i) * 4;
    const got = [img.rgba[k], img.rgba[k + 1], img.rgba[k + 2]];
    [1, 2, 3].forEach((c) => assert.ok(Math.abs(got[c - 1] - Number(m[c])) <= 2, `cell (${i}, ${j}): pixel ${got} vs scale ${want}`));
    assert.equal(img.rgba[k + 3], 255);
  }
  view.finalize();
  // the image spans the cell edges: w from −3 − h to 3 + h
  const h = 3 / (n - 1);
  assert.ok(Math.abs(spec.encoding.x.scale.domain[0] - (-3 - h)) < 1e-12);
});

test('raster heat map: missing cells transparent, reversed y, non-uniform grids, "auto" only above the threshold', async () => {
  const { heatmapSpec, RASTER_AUTO_CELLS } = await import('./plot');
  const { decodePngDataUri } = await import('./png');
  const rows = [0, 1, 2].flatMap((x) => [0, 1].map((y) => ({ x, y, v: x === 2 && y === 1 ? NaN : x + 10 * y })));
  const o = { x: 'x', y: 'y', value: 'v', xTitle: 'x', yTitle: 'y', valueTitle: 'v' };
  const up = decodePngDataUri((heatmapSpec(rows, { ...o, raster: true }) as any).layer[0].data.values[0].__url);
  assert.deepEqual([up.width, up.height], [3, 2]);
  assert.equal(up.rgba[(0 * 3 + 2) * 4 + 3], 0, 'top row (y = 1), x = 2: NaN → transparent');
  assert.equal(up.rgba[(1 * 3 + 2) * 4 + 3], 255);
  const down = decodePngDataUri((heatmapSpec(rows, { ...o, raster: true, reverseY: true }) as any).layer[0].data.values[0].__url);
  assert.equal(down.rgba[(1 * 3 + 2) * 4 + 3], 0, 'reversed: y = 1 is the bottom row');
  const logGrid = [1, 2, 4, 8].flatMap((x) => [0, 1].map((y) => ({ x, y, v: x })));
  const spec = heatmapSpec(logGrid, { ...o, raster: true }) as any;
  const img = decodePngDataUri(spec.layer[0].data.values[0].__url);
  assert.ok(img.width >= 8, 'a non-uniform grid is resampled finely enough for its narrowest cell');
  assert.deepEqual(spec.encoding.x.scale.domain, [0.5, 10]);
  assert.equal((heatmapSpec(rows, { ...o, raster: 'auto' }) as any).mark.type, 'rect', 'small grids keep one rect per cell');
  const big = Array.from({ length: RASTER_AUTO_CELLS + 1 }, (_, i) => ({ x: i % 51, y: Math.floor(i / 51), v: i }));
  assert.ok((heatmapSpec(big, { ...o, raster: 'auto' }) as any).layer, 'above the threshold: raster');
  assert.equal((heatmapSpec(big, { ...o, raster: true, ordinal: true }) as any).mark, 'rect', 'ordinal axes are never raster');
});

test('lintSpec finds quantitative rects without x2/y2 (also in layers and concatenations); renderSvg writes it on the SVG', async () => {
  const { lintSpec, heatmapSpec, hconcatSpec, renderSvg } = await import('./plot');
  const grid = [0, 1, 2].flatMap((x) => [0, 1].map((y) => ({ x, y, v: x + y })));
  const bad = { data: { values: grid }, mark: { type: 'rect' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'v', type: 'quantitative' } } };
  assert.equal(lintSpec(bad).length, 2);
  assert.match(lintSpec({ hconcat: [heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'a', yTitle: 'b', valueTitle: 'v' }), { layer: [bad] }] })[0], /^spec\.hconcat\[1\]\.layer\[0\]: rect on a quantitative x without x2/);
  assert.deepEqual(lintSpec(heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'a', yTitle: 'b', valueTitle: 'v', raster: true })), []);
  assert.deepEqual(lintSpec({ mark: 'rect', encoding: { x: { field: 'x', type: 'quantitative', bin: true }, y: { field: 'y', type: 'ordinal' } } }), []);
  assert.match(await renderSvg(bad), /^<svg data-lint="spec: rect on a quantitative x without x2/);
  assert.doesNotMatch(await renderSvg(heatmapSpec(grid, { x: 'x', y: 'y', value: 'v', xTitle: 'a', yTitle: 'b', valueTitle: 'v' })), /data-lint/);
  // raster panels with different colour domains: independent colour scales (each image was coloured with its own)
  const o = { x: 'x', y: 'y', value: 'v', xTitle: 'a', yTitle: 'b', valueTitle: 'v', raster: true as const };
  assert.deepEqual((hconcatSpec([heatmapSpec(grid, o), heatmapSpec(grid.map((r) => ({ ...r, v: 10 * r.v })), o)]) as any).resolve, { scale: { color: 'independent' } });
  assert.equal((hconcatSpec([heatmapSpec(grid, o), heatmapSpec(grid, o)]) as any).resolve, undefined);
});

test('a legend over a generic series field ("curve") or with colorTitle "" has no title; a given title is kept', () => {
  const r = [{ x: 1, y: 2, curve: 'recursion', q: 'a' }, { x: 2, y: 3, curve: 'ensemble', q: 'b' }];
  const color = (o: Record<string, unknown>) => ((lineSpec(r, { x: 'x', y: 'y', xTitle: 'x', yTitle: 'y', ...o } as never) as { encoding: { color: { title: unknown } } }).encoding.color.title);
  assert.equal(color({ color: 'curve' }), null);
  assert.equal(color({ color: 'q', colorTitle: '' }), null);
  assert.equal(color({ color: 'curve', colorTitle: 'estimator' }), 'estimator');
  assert.equal(color({ color: 'q' }), 'q');
});

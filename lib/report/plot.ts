/**
 * Vega-Lite spec builders (pure, testable) and one headless renderer to SVG.
 * vega 5 / vega-lite 5 on purpose: version 6 of both is ESM with top-level await and cannot
 * be required inside tslab. Notebooks call `display.svg(await renderSvg(spec))`.
 */
import { pngDataUri } from './png';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vega = require('vega');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const vl = require('vega-lite');

export type Row = Record<string, number | string | boolean | null>;
export type VegaLiteSpec = Record<string, unknown>;
export type ScaleType = 'linear' | 'log' | 'symlog';

/** House defaults: size, fonts, a colour-blind-safe palette. One place for all notebooks. */
export const HOUSE = Object.freeze({
  width: 380,
  height: 240,
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  scheme: 'tableau10',
  fontSize: 12,
});

const CONFIG = {
  font: HOUSE.font,
  axis: { labelFontSize: HOUSE.fontSize - 1, titleFontSize: HOUSE.fontSize, grid: true, gridOpacity: 0.35 },
  legend: { labelFontSize: HOUSE.fontSize - 1, titleFontSize: HOUSE.fontSize, labelLimit: 320, titleLimit: 320 },
  title: { fontSize: HOUSE.fontSize + 2, anchor: 'start' },
  range: { category: { scheme: HOUSE.scheme } },
  background: 'white',
};

/**
 * One colour per activation across every notebook (Tableau 10 hues, colour-blind-safe pairs kept
 * apart). A series whose name starts with an activation's name (case-insensitive: "ReLU", "relu 5×N",
 * "Swish β=1") gets that colour whenever every series of the plot names an activation.
 */
export const ACTIVATION_COLORS: Readonly<Record<string, string>> = Object.freeze({
  relu: '#4c78a8',
  sigmoid: '#e45756',
  tanh: '#54a24b',
  swish: '#f58518',
  esp: '#f58518',
  silu: '#f58518',
  gelu: '#b279a2',
  elu: '#72b7b2',
  softplus: '#9d755d',
  'leaky-relu': '#ff9da6',
  'leaky relu': '#ff9da6',
  leaky: '#ff9da6',
  mrepu: '#eeca3b',
  repu: '#bab0ac',
  mish: '#17becf',
  gaussian: '#8c564b',
  linear: '#7f7f7f',
  identity: '#7f7f7f',
});

const ACTIVATION_KEYS = Object.keys(ACTIVATION_COLORS).sort((a, b) => b.length - a.length);

/** The activation a series name starts with ("ReLU 5×N×1" → "relu"), or undefined. */
export function activationOf(series: string): string | undefined {
  const t = series.trim().toLowerCase();
  return ACTIVATION_KEYS.find((k) => t === k || (t.startsWith(k) && !/[a-z]/.test(t[k.length])));
}

const FIRST_WORDS = /^(init|initial|initialisation|initialization|start|t = 0|epoch 0|before)\b/i;

/** Legend order by meaning: "init" first, then numbers compared as numbers ("L = 8" < "L = 16", "β=5" < "β=20"). */
export function naturalOrder(values: readonly (string | number | boolean | null)[]): (string | number | boolean | null)[] {
  const uniq = [...new Set(values)];
  if (uniq.every((v) => typeof v === 'number')) return (uniq as number[]).sort((a, b) => a - b);
  return uniq.sort((a, b) => {
    const sa = String(a), sb = String(b);
    const fa = FIRST_WORDS.test(sa), fb = FIRST_WORDS.test(sb);
    if (fa !== fb) return fa ? -1 : 1;
    return compareNatural(sa, sb);
  });
}

/** A number inside a label: sign (not a hyphen after a letter), decimals and exponent ("0.005", "−1", "1e-3"). */
const LABEL_NUMBER = /(?<![A-Za-z0-9_])[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

function labelTokens(s: string): (string | number)[] {
  const out: (string | number)[] = [];
  let at = 0;
  for (const m of s.matchAll(LABEL_NUMBER)) {
    if (m.index! > at) out.push(s.slice(at, m.index));
    out.push(Number(m[0].replace('−', '-')));
    at = m.index! + m[0].length;
  }
  if (at < s.length) out.push(s.slice(at));
  return out;
}

/** Labels compared piece by piece: text as text, numbers as numbers (so 0.005 < 0.05 < 0.3 and 8 < 16). */
function compareNatural(a: string, b: string): number {
  const ta = labelTokens(a), tb = labelTokens(b);
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i], y = tb[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else {
      const c = String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
      if (c !== 0) return c;
    }
  }
  return ta.length - tb.length || a.localeCompare(b);
}

/** Fields whose name says nothing to a reader ("curve", "series"): their legend goes untitled unless a title is given. */
const GENERIC_SERIES_FIELDS = new Set(['curve', 'curves', 'series', 'kind', 'type', 'group', 'label', 'name', 'key', 'variable']);

/** A legend's title: the given one ('' = none), else the field's name unless that name is generic (then none). */
function legendTitle(given: string | undefined, field: string): string | null {
  if (given !== undefined) return given.trim() === '' ? null : given;
  return GENERIC_SERIES_FIELDS.has(field.toLowerCase()) ? null : field;
}

/** Colour scale for a series field: natural order, and the activation palette when every series names an activation. */
function colorScale(rows: readonly Row[], field: string): Record<string, unknown> {
  const domain = naturalOrder(rows.map((r) => r[field]));
  const acts = domain.map((v) => activationOf(String(v)));
  if (domain.length > 0 && acts.every((a) => a !== undefined) && new Set(acts).size === domain.length) {
    return { domain, range: acts.map((a) => ACTIVATION_COLORS[a!]) };
  }
  return { domain };
}

export interface XYOptions {
  x: string;
  y: string;
  /** Axis titles: symbol and unit, e.g. "z (preactivation)". Required so no axis goes unlabelled. */
  xTitle: string;
  yTitle: string;
  /** Field that splits the data into coloured series, and its legend title. */
  color?: string;
  colorTitle?: string;
  /** Field that splits the data into dashed/solid series (e.g. theory vs measured), and its legend title. */
  strokeDash?: string;
  strokeDashTitle?: string;
  xScale?: ScaleType;
  yScale?: ScaleType;
  /** Width of the linear region of a symlog axis (vega's `constant`, default 1): smaller shows small values. */
  symlogConstant?: number;
  xDomain?: [number, number];
  yDomain?: [number, number];
  title?: string;
  width?: number;
  height?: number;
  /** Field with an error half-width: draws y ± err as an error bar/band. */
  yErr?: string;
  tooltip?: boolean;
}

function axisField(field: string, title: string, scale?: ScaleType, domain?: [number, number], symlogConstant?: number) {
  const sc: Record<string, unknown> = {};
  if (scale && scale !== 'linear') sc.type = scale;
  if (scale === 'symlog' && symlogConstant !== undefined) sc.constant = symlogConstant;
  if (domain) {
    sc.domain = domain;
    sc.clamp = true;
  }
  if (scale === 'linear' || scale === undefined) sc.zero = false;
  // log axes: one label style (1e-8 … 1e+3) instead of d3's mix of 0.0000001 and 1e-8
  const axis = scale === 'log' ? { axis: { format: '.0e' } } : {};
  return { field, type: 'quantitative', title, scale: sc, ...axis };
}

function encoding(o: XYOptions, rows: readonly Row[] = []): Record<string, unknown> {
  const enc: Record<string, unknown> = {
    x: axisField(o.x, o.xTitle, o.xScale, o.xDomain, o.symlogConstant),
    y: axisField(o.y, o.yTitle, o.yScale, o.yDomain, o.symlogConstant),
  };
  if (o.color) enc.color = { field: o.color, type: 'nominal', title: legendTitle(o.colorTitle, o.color), ...(rows.length ? { scale: colorScale(rows, o.color), sort: null } : {}) };
  if (o.strokeDash) enc.strokeDash = { field: o.strokeDash, type: 'nominal', title: legendTitle(o.strokeDashTitle, o.strokeDash), ...(rows.length ? { scale: { domain: naturalOrder(rows.map((r) => r[o.strokeDash!])) } } : {}) };
  if (o.tooltip) enc.tooltip = [o.x, o.y, ...(o.color ? [o.color] : [])].map((f) => ({ field: f }));
  return enc;
}

function frame(o: { title?: string; width?: number; height?: number }): Record<string, unknown> {
  const f: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: o.width ?? HOUSE.width,
    height: o.height ?? HOUSE.height,
    config: CONFIG,
  };
  if (o.title) f.title = o.title;
  return f;
}

function checkRows(rows: readonly Row[], fields: (string | undefined)[]): void {
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError('plot: rows must be a non-empty array');
  for (const f of fields) {
    if (f !== undefined && !(f in rows[0])) throw new RangeError(`plot: field '${f}' is not in the rows (have ${Object.keys(rows[0]).join(', ')})`);
  }
}

/** Drop rows whose plotted values are not finite (or ≤ 0 on a log axis), so vega never sees NaN. */
function finiteRows(rows: readonly Row[], o: XYOptions): Row[] {
  const ok = (v: unknown, scale?: ScaleType) => typeof v === 'number' && Number.isFinite(v) && (scale !== 'log' || v > 0);
  return rows.filter((r) => ok(r[o.x], o.xScale) && ok(r[o.y], o.yScale));
}

/** Line chart (one line per `color` value). */
export function lineSpec(rows: readonly Row[], o: XYOptions & { points?: boolean }): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.color, o.strokeDash]);
  const data = { values: finiteRows(rows, o) };
  const line = { mark: { type: 'line', point: o.points ?? false, clip: true }, encoding: encoding(o, data.values) };
  if (!o.yErr) return { ...frame(o), data, ...line };
  const band = {
    mark: { type: 'errorband', opacity: 0.25 },
    encoding: { ...encoding(o, data.values), y: { ...axisField(o.y, o.yTitle, o.yScale, o.yDomain) }, yError: { field: o.yErr } },
  };
  return { ...frame(o), data, layer: [band, line] };
}

/** Scatter plot; with `yErr`, each point carries an error bar y ± yErr (Monte Carlo or ensemble estimates). */
export function scatterSpec(rows: readonly Row[], o: XYOptions & { size?: number; opacity?: number }): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.color, o.yErr]);
  const values = finiteRows(rows, o);
  const points = { mark: { type: 'point', filled: true, size: o.size ?? 20, opacity: o.opacity ?? 0.7, clip: true }, encoding: encoding(o, values) };
  if (!o.yErr) return { ...frame(o), data: { values }, ...points };
  const withBars = values.map((r) => ({ ...r, __lo: (r[o.y] as number) - Number(r[o.yErr!]), __hi: (r[o.y] as number) + Number(r[o.yErr!]) }));
  const enc = encoding(o, values);
  const bars = { mark: { type: 'rule', clip: true }, encoding: { ...enc, y: { ...(enc.y as object), field: '__lo' }, y2: { field: '__hi' } } };
  return { ...frame(o), data: { values: withBars }, layer: [bars, points] };
}

export interface HeatmapOptions {
  x: string;
  y: string;
  value: string;
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  title?: string;
  width?: number;
  height?: number;
  /** A continuous vega colour scheme (default viridis). */
  scheme?: string;
  /** Categorical axes (one band per distinct value); never raster. */
  ordinal?: boolean;
  /**
   * Draw the grid as one PNG image (a data: URI inside the SVG) on quantitative x/y scales instead of one
   * vector rect per cell: a 200 × 200 grid weighs ~30 kB instead of ~2 MB. `'auto'`: raster above
   * RASTER_AUTO_CELLS cells. Default false (one rect per cell). Cells missing from the grid, or with a
   * non-finite value, are transparent. The spec's top-level `encoding` carries x/x2/y/y2 in both modes.
   */
  raster?: boolean | 'auto';
  /** Colour-scale domain [lo, hi] (values outside are clamped); default the data's range. */
  domain?: [number, number];
  /** y increasing downwards (matrix layout: row 0 at the top). */
  reverseY?: boolean;
}

/** Above this many cells, `raster: 'auto'` draws a heat map as an image. */
export const RASTER_AUTO_CELLS = 2500;

type Axis1D = { edges: number[]; pixels: number; cellOfPixel: Int32Array; index: Map<number, number> };

/** Cell edges (midpoints between neighbours) of one axis, and the cell under each pixel of the image. */
function rasterAxis(values: number[]): Axis1D {
  const u = [...new Set(values)].sort((a, b) => a - b);
  const index = new Map(u.map((v, i) => [v, i]));
  const gaps = u.slice(1).map((v, i) => v - u[i]);
  const minGap = gaps.length ? Math.min(...gaps) : 1;
  const maxGap = gaps.length ? Math.max(...gaps) : 1;
  const edges = [u[0] - (gaps[0] ?? 1) / 2, ...gaps.map((g, i) => u[i] + g / 2), u[u.length - 1] + (gaps[gaps.length - 1] ?? 1) / 2];
  const span = edges[edges.length - 1] - edges[0];
  const uniform = maxGap <= minGap * (1 + 1e-6);
  // a uniform grid: one pixel per cell; otherwise fine enough that the narrowest cell gets a pixel
  const pixels = uniform ? u.length : Math.min(2048, Math.max(u.length, Math.ceil(span / minGap)));
  const cellOfPixel = new Int32Array(pixels);
  let c = 0;
  for (let p = 0; p < pixels; p++) {
    const centre = edges[0] + ((p + 0.5) * span) / pixels;
    while (c < u.length - 1 && centre > edges[c + 1]) c++;
    cellOfPixel[p] = c;
  }
  return { edges, pixels, cellOfPixel, index };
}

function parseColor(s: string): [number, number, number] {
  const m = s.match(/rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/);
  if (m) return [Math.round(+m[1]), Math.round(+m[2]), Math.round(+m[3])];
  const h = s.match(/^#([0-9a-f]{6})$/i);
  if (h) return [0, 2, 4].map((i) => parseInt(h[1].slice(i, i + 2), 16)) as [number, number, number];
  throw new Error(`plot: cannot parse colour ${s}`);
}

/** The colour of t ∈ [0, 1] on a vega scheme, as vega's continuous colour scale computes it. */
export function schemeColor(scheme: string): (t: number) => [number, number, number] {
  const s = vega.scheme(scheme.toLowerCase());
  if (!s) throw new RangeError(`plot: unknown colour scheme '${scheme}'`);
  const interp: (t: number) => string = typeof s === 'function' ? s : vega.interpolateColors(s);
  const lut = Array.from({ length: 1025 }, (_, i) => parseColor(interp(i / 1024)));
  return (t) => lut[Math.round(Math.min(1, Math.max(0, t)) * 1024)];
}

function rasterHeatmap(rows: readonly Row[], o: HeatmapOptions): VegaLiteSpec {
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const cells = rows.filter((r) => num(r[o.x]) && num(r[o.y]));
  if (cells.length === 0) throw new RangeError('plot: a raster heat map needs numeric x and y');
  const ax = rasterAxis(cells.map((r) => r[o.x] as number));
  const ay = rasterAxis(cells.map((r) => r[o.y] as number));
  const nx = ax.index.size;
  const grid = new Float64Array(nx * ay.index.size).fill(NaN);
  for (const r of cells) {
    const v = r[o.value];
    if (num(v)) grid[ay.index.get(r[o.y] as number)! * nx + ax.index.get(r[o.x] as number)!] = v;
  }
  const finite = [...grid].filter(Number.isFinite);
  let [lo, hi] = o.domain ?? (finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1]);
  if (!(hi > lo)) hi = lo + (Math.abs(lo) || 1) * 1e-9;
  const color = schemeColor(o.scheme ?? 'viridis');
  const W = ax.pixels, H = ay.pixels;
  const rgba = new Uint8Array(W * H * 4);
  for (let py = 0; py < H; py++) {
    // image rows run top to bottom: the largest y first, unless the axis is reversed
    const cy = ay.cellOfPixel[o.reverseY ? py : H - 1 - py];
    for (let px = 0; px < W; px++) {
      const v = grid[cy * nx + ax.cellOfPixel[px]];
      if (!Number.isFinite(v)) continue; // transparent
      const [r, g, b] = color((v - lo) / (hi - lo));
      rgba.set([r, g, b, 255], (py * W + px) * 4);
    }
  }
  const ext = { __x0: ax.edges[0], __x1: ax.edges[ax.edges.length - 1], __y0: ay.edges[0], __y1: ay.edges[ay.edges.length - 1] };
  const scale = (e: number[], reverse?: boolean) => ({ zero: false, nice: false, domain: [e[0], e[e.length - 1]], ...(reverse ? { reverse: true } : {}) });
  return {
    ...frame(o),
    encoding: {
      x: { field: '__x0', type: 'quantitative', title: o.xTitle, scale: scale(ax.edges) },
      x2: { field: '__x1' },
      y: { field: '__y0', type: 'quantitative', title: o.yTitle, scale: scale(ay.edges, o.reverseY) },
      y2: { field: '__y1' },
    },
    layer: [
      {
        data: { values: [{ ...ext, __url: pngDataUri(W, H, rgba) }] },
        mark: { type: 'image', aspect: false, smooth: false, aria: false },
        encoding: { url: { field: '__url', type: 'nominal' } },
      },
      {
        // invisible: carries the colour scale and its legend (the image has no colour channel)
        data: { values: [{ ...ext, [o.value]: lo }, { ...ext, [o.value]: hi }] },
        mark: { type: 'rect', opacity: 0, aria: false },
        encoding: { color: { field: o.value, type: 'quantitative', title: o.valueTitle, scale: { scheme: o.scheme ?? 'viridis', domain: [lo, hi], clamp: true } } },
      },
    ],
  };
}

/**
 * Heat map of a value on a grid of (x, y) cells. Quantitative axes by default (each cell spans the
 * midpoints to its neighbours); `ordinal` for categorical axes; `raster` for dense grids (one PNG image).
 */
export function heatmapSpec(rows: readonly Row[], o: HeatmapOptions): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.value]);
  if (!o.ordinal && (o.raster === true || (o.raster === 'auto' && rows.length > RASTER_AUTO_CELLS))) return rasterHeatmap(rows, o);
  const color = { field: o.value, type: 'quantitative', title: o.valueTitle, scale: { scheme: o.scheme ?? 'viridis', ...(o.domain ? { domain: o.domain, clamp: true } : {}) } };
  if (o.ordinal) {
    return {
      ...frame(o),
      data: { values: rows },
      mark: 'rect',
      encoding: { x: { field: o.x, type: 'ordinal', title: o.xTitle }, y: { field: o.y, type: 'ordinal', title: o.yTitle, ...(o.reverseY ? { sort: 'descending' } : {}) }, color },
    };
  }
  // quantitative cells need both edges (x..x2, y..y2), else vega draws every rect from the origin
  const half = (field: string) => {
    const u = [...new Set(rows.map((r) => r[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))].sort((a, b) => a - b);
    let d = Infinity;
    for (let i = 1; i < u.length; i++) d = Math.min(d, u[i] - u[i - 1]);
    return Number.isFinite(d) ? d / 2 : 0.5;
  };
  const hx = half(o.x), hy = half(o.y);
  const values = rows.map((r) => ({ ...r, __x0: (r[o.x] as number) - hx, __x1: (r[o.x] as number) + hx, __y0: (r[o.y] as number) - hy, __y1: (r[o.y] as number) + hy }));
  return {
    ...frame(o),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: { field: '__x0', type: 'quantitative', title: o.xTitle, scale: { zero: false, nice: false } },
      x2: { field: '__x1' },
      y: { field: '__y0', type: 'quantitative', title: o.yTitle, scale: { zero: false, nice: false, ...(o.reverseY ? { reverse: true } : {}) } },
      y2: { field: '__y1' },
      color,
    },
  };
}

/** Small multiples: the same line/scatter chart repeated for each value of `facet`. */
export function facetSpec(
  rows: readonly Row[],
  o: XYOptions & { facet: string; facetTitle?: string; columns?: number; mark?: 'line' | 'point'; independentY?: boolean },
): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.color, o.facet]);
  const { width, height, ...rest } = frame({ ...o, width: o.width ?? 180, height: o.height ?? 130 });
  const spec: VegaLiteSpec = {
    ...rest,
    data: { values: finiteRows(rows, o) },
    facet: { field: o.facet, type: 'nominal', title: o.facetTitle ?? null, sort: null }, // panels in data order
    columns: o.columns ?? 4,
    spec: {
      width,
      height,
      mark: { type: o.mark ?? 'line', clip: true, ...(o.mark === 'point' ? { filled: true, size: 12 } : {}) },
      encoding: encoding(o, finiteRows(rows, o)),
    },
  };
  if (o.independentY) spec.resolve = { scale: { y: 'independent' } };
  return spec;
}

/** The colour domain of a raster heat map spec (its pixels are baked with it), or undefined. */
function rasterDomain(s: VegaLiteSpec): unknown[] | undefined {
  const layer = (s as { layer?: { mark?: { type?: string }; encoding?: { color?: { scale?: { domain?: unknown[] } } } }[] }).layer;
  return layer?.[0]?.mark?.type === 'image' ? layer[1]?.encoding?.color?.scale?.domain : undefined;
}

/**
 * Horizontal concatenation of specs (panels side by side). Raster heat maps with different colour
 * domains get independent colour scales (their pixels were coloured with their own domain).
 */
export function hconcatSpec(specs: VegaLiteSpec[], title?: string): VegaLiteSpec {
  const strip = (s: VegaLiteSpec) => {
    const { $schema, config, ...rest } = s;
    void $schema;
    void config;
    return rest;
  };
  const domains = specs.map(rasterDomain).filter((d) => d !== undefined).map((d) => JSON.stringify(d));
  const resolve = new Set(domains).size > 1 ? { resolve: { scale: { color: 'independent' } } } : {};
  return { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG, ...(title ? { title } : {}), hconcat: specs.map(strip), ...resolve };
}

/**
 * Problems a spec shows once drawn, found in the spec itself: a rect mark on a quantitative x (y)
 * without x2 (y2) or binning draws every cell from the origin. One line per problem, with its path.
 */
export function lintSpec(spec: unknown, at = 'spec', inherited: Record<string, unknown> = {}): string[] {
  if (!spec || typeof spec !== 'object') return [];
  const s = spec as Record<string, unknown>;
  const enc = { ...inherited, ...((s.encoding as Record<string, unknown>) ?? {}) };
  const out: string[] = [];
  const mark = typeof s.mark === 'string' ? s.mark : (s.mark as { type?: string } | undefined)?.type;
  if (mark === 'rect') {
    for (const [c, c2] of [['x', 'x2'], ['y', 'y2']]) {
      const e = enc[c] as { type?: string; bin?: unknown } | undefined;
      if (e?.type === 'quantitative' && !e.bin && !enc[c2]) out.push(`${at}: rect on a quantitative ${c} without ${c2} (every cell drawn from the origin; use heatmapSpec)`);
    }
  }
  for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) {
    const xs = s[k];
    if (Array.isArray(xs)) xs.forEach((x, i) => out.push(...lintSpec(x, `${at}.${k}[${i}]`, k === 'layer' ? enc : {})));
  }
  if (s.spec) out.push(...lintSpec(s.spec, `${at}.spec`));
  return out;
}

/** Render a Vega-Lite spec to an SVG string, headless (no browser, no network). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // what the spec gets wrong travels with the picture: scripts/check-reports.ts reads data-lint
    const lint = lintSpec(spec);
    return lint.length ? svg.replace(/^<svg\b/, `<svg data-lint="${lint.join(' | ').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`) : svg;
  } finally {
    view.finalize();
  }
}

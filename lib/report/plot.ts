/**
 * Vega-Lite spec builders (pure, testable) and one headless renderer to SVG.
 * vega 5 / vega-lite 5 on purpose: version 6 of both is ESM with top-level await and cannot
 * be required inside tslab. Notebooks call `display.svg(await renderSvg(spec))`.
 */
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
    return sa.localeCompare(sb, 'en', { numeric: true, sensitivity: 'base' });
  });
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
  if (o.color) enc.color = { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color, ...(rows.length ? { scale: colorScale(rows, o.color), sort: null } : {}) };
  if (o.strokeDash) enc.strokeDash = { field: o.strokeDash, type: 'nominal', title: o.strokeDashTitle ?? o.strokeDash, ...(rows.length ? { scale: { domain: naturalOrder(rows.map((r) => r[o.strokeDash!])) } } : {}) };
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

/** Heat map of a value on a grid of (x, y) cells. */
export function heatmapSpec(
  rows: readonly Row[],
  o: { x: string; y: string; value: string; xTitle: string; yTitle: string; valueTitle: string; title?: string; width?: number; height?: number; scheme?: string; ordinal?: boolean },
): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.value]);
  const color = { field: o.value, type: 'quantitative', title: o.valueTitle, scale: { scheme: o.scheme ?? 'viridis' } };
  if (o.ordinal) {
    return {
      ...frame(o),
      data: { values: rows },
      mark: 'rect',
      encoding: { x: { field: o.x, type: 'ordinal', title: o.xTitle }, y: { field: o.y, type: 'ordinal', title: o.yTitle }, color },
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
      y: { field: '__y0', type: 'quantitative', title: o.yTitle, scale: { zero: false, nice: false } },
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

/** Horizontal concatenation of specs (panels side by side). */
export function hconcatSpec(specs: VegaLiteSpec[], title?: string): VegaLiteSpec {
  const strip = (s: VegaLiteSpec) => {
    const { $schema, config, ...rest } = s;
    void $schema;
    void config;
    return rest;
  };
  return { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CONFIG, ...(title ? { title } : {}), hconcat: specs.map(strip) };
}

/** Render a Vega-Lite spec to an SVG string, headless (no browser, no network). */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vl.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

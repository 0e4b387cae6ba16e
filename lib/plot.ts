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

export interface XYOptions {
  x: string;
  y: string;
  /** Axis titles: symbol and unit, e.g. "z (preactivation)". Required so no axis goes unlabelled. */
  xTitle: string;
  yTitle: string;
  /** Field that splits the data into coloured series, and its legend title. */
  color?: string;
  colorTitle?: string;
  /** Field that splits the data into dashed/solid series (e.g. theory vs measured). */
  strokeDash?: string;
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

function encoding(o: XYOptions): Record<string, unknown> {
  const enc: Record<string, unknown> = {
    x: axisField(o.x, o.xTitle, o.xScale, o.xDomain, o.symlogConstant),
    y: axisField(o.y, o.yTitle, o.yScale, o.yDomain, o.symlogConstant),
  };
  if (o.color) enc.color = { field: o.color, type: 'nominal', title: o.colorTitle ?? o.color };
  if (o.strokeDash) enc.strokeDash = { field: o.strokeDash, type: 'nominal', title: o.strokeDash };
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
  const line = { mark: { type: 'line', point: o.points ?? false, clip: true }, encoding: encoding(o) };
  if (!o.yErr) return { ...frame(o), data, ...line };
  const band = {
    mark: { type: 'errorband', opacity: 0.25 },
    encoding: { ...encoding(o), y: { ...axisField(o.y, o.yTitle, o.yScale, o.yDomain) }, yError: { field: o.yErr } },
  };
  return { ...frame(o), data, layer: [band, line] };
}

/** Scatter plot. */
export function scatterSpec(rows: readonly Row[], o: XYOptions & { size?: number; opacity?: number }): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.color]);
  return {
    ...frame(o),
    data: { values: finiteRows(rows, o) },
    mark: { type: 'point', filled: true, size: o.size ?? 20, opacity: o.opacity ?? 0.7, clip: true },
    encoding: encoding(o),
  };
}

/** Heat map of a value on a grid of (x, y) cells. */
export function heatmapSpec(
  rows: readonly Row[],
  o: { x: string; y: string; value: string; xTitle: string; yTitle: string; valueTitle: string; title?: string; width?: number; height?: number; scheme?: string; ordinal?: boolean },
): VegaLiteSpec {
  checkRows(rows, [o.x, o.y, o.value]);
  const t = o.ordinal ? 'ordinal' : 'quantitative';
  return {
    ...frame(o),
    data: { values: rows },
    mark: o.ordinal ? 'rect' : { type: 'rect' },
    encoding: {
      x: { field: o.x, type: t === 'ordinal' ? 'ordinal' : 'quantitative', title: o.xTitle, ...(t === 'ordinal' ? {} : { bin: false }) },
      y: { field: o.y, type: t === 'ordinal' ? 'ordinal' : 'quantitative', title: o.yTitle },
      color: { field: o.value, type: 'quantitative', title: o.valueTitle, scale: { scheme: o.scheme ?? 'viridis' } },
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
      encoding: encoding(o),
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

/** Notebook 04's one composite plot: measured points with error bars under dashed theory lines drawn last, one colour scale for both. */
import { lineSpec, scatterSpec, type Row, type VegaLiteSpec, type XYOptions } from '../../report/plot';

/**
 * Points (with `yErr` bars when given) for `data`, dashed lines for `theory`, in one panel; the colour scale
 * (natural order, activation palette) is built from both sets of series, and the lines are the last layer;
 * `xTicks` puts integer ticks at those x values (e.g. the lattice sizes L on a log axis).
 */
export function dataAndTheorySpec(data: readonly Row[], theory: readonly Row[], o: XYOptions & { xTicks?: number[] }): VegaLiteSpec {
  if (!Array.isArray(data) || !Array.isArray(theory) || data.length + theory.length === 0) {
    throw new RangeError(`dataAndTheorySpec: data and theory must be arrays, not both empty (got ${data?.length}, ${theory?.length})`);
  }
  const all = [...data, ...theory];
  const base = o.color ? ((lineSpec(all, { ...o, yErr: undefined }) as { encoding: Record<string, unknown> }).encoding.color as Record<string, unknown>) : undefined;
  const colour = base ? { ...base, legend: { labelLimit: 320 } } : undefined;
  if (o.xTicks && !o.xTicks.every(Number.isFinite)) throw new RangeError(`dataAndTheorySpec: xTicks must be finite numbers, but got ${o.xTicks.join(', ')}`);
  const ticks = (enc: Record<string, unknown>) => (o.xTicks ? { ...enc, x: { ...(enc.x as object), axis: { values: o.xTicks, format: 'd' } } } : enc);
  const withColour = (enc: Record<string, unknown>) => ticks(colour ? { ...enc, color: colour } : enc);
  const layers: Record<string, unknown>[] = [];
  const frame: Record<string, unknown> = {};
  if (data.length) {
    const s = scatterSpec(data, { ...o, yErr: o.yErr && o.yErr in data[0] ? o.yErr : undefined, size: 28, opacity: 0.85 } as never) as Record<string, unknown>;
    Object.assign(frame, s);
    const sub = (s.layer as Record<string, unknown>[] | undefined) ?? [{ mark: s.mark, encoding: s.encoding }];
    layers.push({ data: s.data, layer: sub.map((l) => ({ ...l, encoding: withColour(l.encoding as Record<string, unknown>) })) });
  }
  if (theory.length) {
    const l = lineSpec(theory, { ...o, yErr: undefined }) as Record<string, unknown>;
    if (!data.length) Object.assign(frame, l);
    layers.push({ data: l.data, mark: { ...(l.mark as object), strokeDash: [6, 3], strokeWidth: 1.6 }, encoding: withColour(l.encoding as Record<string, unknown>) });
  }
  const { data: _d, layer: _l, mark: _m, encoding: _e, ...rest } = frame;
  void _d; void _l; void _m; void _e;
  return { ...rest, layer: layers };
}

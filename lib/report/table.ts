/**
 * Tables for the reports: numbers at 4 significant digits (exponent form when very small or large),
 * numeric columns right-aligned on tabular figures, and HTML that never overflows the page (the table
 * scrolls horizontally inside its own box; text cells wrap). Styles are inline, so a table looks the
 * same in Jupyter and on the static site. From a notebook:
 *
 *   tslab.display.html(formatTable(rows, { digits: 4, caption: 'Table 2: …', headers: { t: 't (s)' } }));
 *   tslab.display.html(formatTable(df));          // a nodejs-polars DataFrame (anything with toRecords())
 *   console.log(`loss ${fmt(x)}`);                // one number, same rules
 */

export type Cell = number | bigint | string | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

export interface TableOptions {
  /** Significant digits of non-integers (default 4). */
  digits?: number;
  /** Columns to show, in order (default: the keys of the rows, in first-seen order). */
  columns?: string[];
  /** Header text per column (e.g. units: { t: 't (s)' }); default the column name. */
  headers?: Record<string, string>;
  /** A caption above the table. */
  caption?: string;
  /** Integers up to this magnitude are written in full (default 1e6); larger ones in exponent form. */
  maxInteger?: number;
  /** Text cells wider than this wrap (CSS length, default 32em). */
  maxTextWidth?: string;
}

/** Strip trailing zeros of a fixed or exponent mantissa: "0.9000" → "0.9", "1.200e-7" → "1.2e-7". */
function trimZeros(s: string): string {
  const [m, e] = s.split('e');
  const mm = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  return e === undefined ? mm : `${mm}e${e.startsWith('-') ? e : e.replace(/^\+?/, '+')}`;
}

/**
 * One number at `digits` significant digits: 0.8999999999999999 → "0.9", 0.9999999958776924 → "1",
 * 1.23456e-7 → "1.235e-7", 123456789 → "1.235e+8", 42 → "42". Fixed form for 1e-3 ≤ |x| < 1e5
 * (integers up to maxInteger in full), exponent form outside.
 */
export function fmt(x: number, digits = 4, maxInteger = 1e6): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < maxInteger) return String(x);
  const p = Number(x.toPrecision(digits));
  const ap = Math.abs(p);
  if (ap >= 1e-3 && ap < 1e5) return trimZeros(p.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(ap)))));
  return trimZeros(x.toExponential(digits - 1));
}

/** A string that is a machine-printed float with many digits ("0.8999999999999999"): reformatted too. */
const LONG_FLOAT = /^-?\d+\.\d{6,}(e[+-]?\d+)?$|^-?\d(\.\d+)?e[+-]?\d+$/i;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text of one cell (numbers formatted, nested arrays/objects formatted inside). */
export function formatCell(v: unknown, digits = 4, maxInteger = 1e6): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return fmt(v, digits, maxInteger);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return LONG_FLOAT.test(v.trim()) ? fmt(Number(v), digits, maxInteger) : v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map((e) => formatCell(e, digits, maxInteger)).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, e]) => `${k}: ${formatCell(e, digits, maxInteger)}`).join(', ')}}`;
  return String(v);
}

const isNumeric = (v: unknown) => typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && LONG_FLOAT.test(v.trim()));

type Rows = readonly Record<string, unknown>[] | { toRecords(): Record<string, unknown>[] };

/**
 * An HTML table of rows (objects, or a DataFrame with toRecords()): a <div> that scrolls horizontally
 * when the table is wider than the page, numbers right-aligned at `digits` significant digits.
 */
export function formatTable(rows: Rows, o: TableOptions = {}): string {
  const list: readonly Record<string, unknown>[] = Array.isArray(rows) ? rows : (rows as { toRecords(): Record<string, unknown>[] }).toRecords();
  const digits = o.digits ?? 4, maxInt = o.maxInteger ?? 1e6;
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`table: digits must be an integer in 1…17, but got ${digits}`);
  const cols = o.columns ?? [...new Set(list.flatMap((r) => Object.keys(r)))];
  // a column is numeric (right-aligned) when every non-empty cell is a number
  const numeric = cols.map((c) => {
    const vs = list.map((r) => r[c]).filter((v) => v !== null && v !== undefined);
    return vs.length > 0 && vs.every(isNumeric);
  });
  const textStyle = o.maxTextWidth ? ` style="max-width:${o.maxTextWidth}"` : '';
  const head = cols.map((c, i) => `<th${numeric[i] ? ' class="n"' : ''}>${esc(o.headers?.[c] ?? c)}</th>`).join('');
  const body = list
    .map((r) => `<tr>${cols.map((c, i) => (numeric[i] ? `<td class="n">` : `<td class="t"${textStyle}>`) + `${esc(formatCell(r[c], digits, maxInt))}</td>`).join('')}</tr>`)
    .join('');
  const caption = o.caption ? `<caption>${esc(o.caption)}</caption>` : '';
  return `<div class="table-wrap" style="max-width:100%;overflow-x:auto">${TABLE_STYLE}<table class="report-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/**
 * The tables' look, once per table as a <style> block (a notebook output has no page stylesheet; the site builder
 * keeps only the first copy per page), instead of the same style attribute on every cell.
 */
export const TABLE_STYLE =
  '<style>.report-table{border-collapse:collapse;font-size:.85em;margin:.6em 0}' +
  '.report-table th,.report-table td{border:1px solid #ddd;padding:.25em .5em}' +
  '.report-table th{background:#f3f3f3;text-align:left;vertical-align:bottom}.report-table th.n{text-align:right}' +
  '.report-table td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}' +
  '.report-table td.t{text-align:left;vertical-align:top;max-width:32em;overflow-wrap:anywhere}' +
  '.report-table caption{caption-side:top;text-align:left;font-weight:bold;padding:.2em 0}</style>';

/**
 * Reader's-view checks over a built report site: every page, every plot (the inline SVG vega rendered),
 * every table. Reports violations per page; exits non-zero only with --strict (on the hard rules:
 * page weight, outside references, heat-map rects without both edges) or --strict-all (every rule).
 *
 *   tsx scripts/check-reports.ts SITE_DIR|PAGE.html … [--strict | --strict-all] [--verbose] [--json FILE]
 *
 * Rules (category: what fails it):
 *   page-weight        a page over 2 MB (MAX_PAGE_BYTES)
 *   outside-reference  a resource fetched from outside the page's folder (http(s)://, //, file:, absolute paths),
 *                      a relative link to a file the site does not have, or a research-note / shared-folder /
 *                      issue-number citation in the text (the patterns of scripts/check-references.py)
 *   rect-edges         a quantitative rect without x2/y2, drawn from the origin: found in the spec (renderSvg's
 *                      data-lint, from lib/report/plot lintSpec) or in the drawing (rects of one mark overlapping,
 *                      their areas adding to > 1.5 × their bounding box)
 *   axis-title         a plot whose X or Y axes carry no title at all
 *   title-name         an axis or legend title that is a raw field name ("curve", "logL", "x0_", "q")
 *   time-unit          an axis titled with a time that names no unit
 *   legend-order       legend entries that differ only in numbers, not in ascending numeric order ("L = 16, 32, 64, 8"),
 *                      or an "init"/"initial" entry that is not first
 *   legend-style       two entries of one legend drawn alike (same symbol, colour and dash)
 *   table-decimals     a table cell with a number of 10 or more decimals ("0.8999999999999999")
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const MAX_PAGE_BYTES = 2 * 2 ** 20;

export const HARD = ['page-weight', 'outside-reference', 'rect-edges'] as const;
export const CATEGORIES = [...HARD, 'axis-title', 'title-name', 'time-unit', 'legend-order', 'legend-style', 'table-decimals'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Finding {
  category: Category;
  /** "plot 3 (cell 12)", "table cell (cell 7)", "page". */
  where: string;
  message: string;
}

const decode = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

// ------------------------------------------------------------------ titles

/** Titles that say nothing to a reader: the name of a data field, not of a quantity. */
const GENERIC = new Set(['curve', 'curves', 'series', 'value', 'values', 'variable', 'key', 'type', 'group', 'name', 'data', 'label', 'kind', 'category', 'item', 'color', 'colour', 'field', 'col', 'column', 'row', 'id', 'index', 'idx', 'val', 'var']);

/** Why a title looks like a raw field name, or undefined when it reads as a quantity. */
export function rawTitle(title: string): string | undefined {
  const t = title.trim();
  if (t === '') return 'an empty title';
  if (GENERIC.has(t.toLowerCase())) return `generic field name "${t}"`;
  if (/^_|_$|__/.test(t) || /^[a-z]+_[a-z0-9_]+$/i.test(t)) return `field name "${t}"`;
  if (/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(t)) return `camelCase field name "${t}"`;
  return undefined;
}

/** A legend titled by one bare letter ("q") reads as a field name; on an axis a letter can be the variable itself. */
export function rawLegendTitle(title: string): string | undefined {
  const t = title.trim();
  if (/^[a-z]$/i.test(t)) return `a bare letter "${t}" (name the quantity, e.g. "q (preactivation variance)")`;
  return rawTitle(t);
}

const TIME_WORDS = /\b(time|runtime|wall|duration|elapsed|latency)\b/i;
const TIME_UNITS = /\b(s|ms|µs|us|ns|min|h|sec|secs|seconds?|milliseconds?|minutes?|hours?|steps?|epochs?|iterations?|sweeps?|units? of [^)]*|τ)\b|[([]\s*(s|ms|µs)\s*[)\]]|\/ *(s|ms)\b|\bper\b|×|ratio|fraction|relative|\btime[s]? [a-z]+ (of|vs)/i;

// ------------------------------------------------------------------ legends

const FIRST = /^(init|initial|initialisation|initialization|start|t = 0|epoch 0|before)\b/i;
const NUMBER = /[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** Why legend labels are out of their natural order, or undefined. */
export function legendOrderProblem(labels: string[]): string | undefined {
  const firstAt = labels.findIndex((l) => FIRST.test(l.trim()));
  if (firstAt > 0) return `"${labels[firstAt]}" is entry ${firstAt + 1}, not first`;
  const groups = new Map<string, number[][]>();
  for (const l of labels) {
    const nums = (l.match(NUMBER) ?? []).map((s) => Number(s.replace('−', '-')));
    if (nums.length === 0) continue;
    const tpl = l.replace(NUMBER, '#');
    if (!groups.has(tpl)) groups.set(tpl, []);
    groups.get(tpl)!.push(nums);
  }
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  for (const [tpl, vs] of groups) {
    if (vs.length < 2) continue;
    if (vs.slice(1).some((v, i) => cmp(v, vs[i]) < 0)) {
      return `entries "${tpl.replace(/#/g, 'n')}" in the order ${vs.map((v) => v.join('/')).join(', ')} (sort numbers numerically: lib/report/plot naturalOrder)`;
    }
  }
  return undefined;
}

// ------------------------------------------------------------------ one plot

interface Rect { x: number; y: number; w: number; h: number }

function rectsOf(group: string): Rect[] {
  const out: Rect[] = [];
  for (const m of group.matchAll(/<path\b[^>]*\bd="M(-?[\d.e-]+),(-?[\d.e-]+)h(-?[\d.e-]+)v(-?[\d.e-]+)h-?[\d.e-]+Z"[^>]*>/g)) {
    if (/opacity="0"/.test(m[0]) || /fill-opacity="0"/.test(m[0])) continue;
    const tr = m[0].match(/transform="translate\((-?[\d.e-]+),(-?[\d.e-]+)\)"/);
    let x = Number(m[1]) + (tr ? Number(tr[1]) : 0), y = Number(m[2]) + (tr ? Number(tr[2]) : 0), w = Number(m[3]), h = Number(m[4]);
    if (w < 0) { x += w; w = -w; }
    if (h < 0) { y += h; h = -h; }
    out.push({ x, y, w, h });
  }
  return out;
}

/** Findings in one SVG (vega's output: axes, legends and marks carry aria labels and role classes). */
export function checkSvg(svg: string, where: string): Finding[] {
  const f: Finding[] = [];
  // axes: "X-axis titled 'w' for a linear scale …" or "X-axis for a …" (no title)
  const axes = [...svg.matchAll(/aria-label="([XY])-axis( titled '(.*?)')? for an? /g)].map((m) => ({ orient: m[1], title: m[2] ? decode(m[3]) : undefined }));
  for (const o of ['X', 'Y']) {
    const mine = axes.filter((a) => a.orient === o);
    if (mine.length && mine.every((a) => a.title === undefined)) f.push({ category: 'axis-title', where, message: `no ${o} axis has a title` });
  }
  const titles = new Set<string>();
  for (const a of axes) if (a.title !== undefined) titles.add(`${a.orient} axis|${a.title}`);
  // legends
  const legendAt = [...svg.matchAll(/aria-label="(Symbol|Gradient|Discrete) legend( titled '(.*?)')? for ([a-z ]+?)(?: with|")/g)];
  legendAt.forEach((m, i) => {
    const title = m[2] ? decode(m[3]) : undefined;
    // a symbol legend names its own entries ("recursion", "ensemble"): it may go untitled; a colour bar may not
    if (title === undefined && m[1] !== 'Symbol') f.push({ category: 'axis-title', where, message: `a ${m[4]} ${m[1].toLowerCase()} legend (colour bar) has no title` });
    else titles.add(`legend|${title}`);
    if (m[1] !== 'Symbol') return;
    const seg = svg.slice(m.index!, i + 1 < legendAt.length ? legendAt[i + 1].index : svg.length);
    const entries = [...seg.matchAll(/<g class="mark-symbol role-legend-symbol"[^>]*>(<path[^>]*>)<\/g><g class="mark-text role-legend-label"[^>]*>(.*?)<\/g>/g)].map((e) => ({
      style: ['d', 'fill', 'stroke', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity']
        .map((a) => (e[1].match(new RegExp(`\\s${a}="([^"]*)"`)) ?? [])[1] ?? '')
        .join('|'),
      label: decode(e[2]).trim(),
    }));
    const labels = entries.map((e) => e.label);
    const order = legendOrderProblem(labels);
    if (order) f.push({ category: 'legend-order', where, message: `legend "${title ?? ''}": ${order}` });
    const seen = new Map<string, string>();
    for (const e of entries) {
      const prev = seen.get(e.style);
      if (prev !== undefined) f.push({ category: 'legend-style', where, message: `legend "${title ?? ''}": "${prev}" and "${e.label}" are drawn alike` });
      else seen.set(e.style, e.label);
    }
  });
  for (const t of titles) {
    const kind = t.slice(0, t.indexOf('|')), title = t.slice(t.indexOf('|') + 1);
    const why = kind === 'legend' ? rawLegendTitle(title) : rawTitle(title);
    if (why) f.push({ category: 'title-name', where, message: `${kind} title: ${why}` });
    if (kind !== 'legend' && TIME_WORDS.test(title) && !TIME_UNITS.test(title)) f.push({ category: 'time-unit', where, message: `${kind} title "${title}" names a time but no unit` });
  }
  // what lib/report/plot lintSpec found in the spec (renderSvg writes it on the root)
  const lint = svg.slice(0, 2000).match(/^<svg\b[^>]*?\sdata-lint="([^"]*)"/);
  if (lint) for (const l of decode(lint[1]).split(' | ')) f.push({ category: /rect on a quantitative/.test(l) ? 'rect-edges' : 'axis-title', where, message: l });
  // rects of one mark that overlap: drawn from the origin (quantitative x/y without x2/y2)
  for (const g of svg.matchAll(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    const rs = rectsOf(g[1]).filter((r) => r.w > 0 && r.h > 0);
    if (rs.length < 4) continue;
    const x0 = Math.min(...rs.map((r) => r.x)), x1 = Math.max(...rs.map((r) => r.x + r.w));
    const y0 = Math.min(...rs.map((r) => r.y)), y1 = Math.max(...rs.map((r) => r.y + r.h));
    const sum = rs.reduce((s, r) => s + r.w * r.h, 0);
    if (sum > 1.5 * (x1 - x0) * (y1 - y0)) {
      f.push({ category: 'rect-edges', where, message: `${rs.length} rects overlap (area ${(sum / ((x1 - x0) * (y1 - y0))).toFixed(1)}× their extent): quantitative rects need x2/y2 (heatmapSpec does this)` });
    }
  }
  return f;
}

// ------------------------------------------------------------------ one page

/** The research-note, shared-folder and issue-number patterns of scripts/check-references.py. */
export const REFERENCE_PATTERNS: [RegExp, string][] = [
  [/research\/[\w.-]+\.md|\bresearch[- ]notes?\b/i, 'cites a research note outside the repository'],
  [/(?<![\w/])note §\s*\d/, 'cites "note §…" (a research note outside the repository)'],
  [/\.\.\/shared|shared\/(?:research|seeds|data)|\bseeds\/|\b00\d_[0-9a-f]{16}\.txt/, 'points to a file outside the repository'],
  [/\bissue\s*#?\d+\b/i, 'names an internal issue number'],
];

function cellAt(html: string, at: number): string {
  const i = html.lastIndexOf(' id="cell-', at);
  if (i < 0) return '';
  const m = html.slice(i, i + 20).match(/id="cell-(\d+)"/);
  return m ? ` (cell ${m[1]})` : '';
}

/** Findings on one page; `file` locates relative links (pass '' to skip the link check). */
export function checkPage(html: string, file: string, bytes = Buffer.byteLength(html)): Finding[] {
  const f: Finding[] = [];
  if (bytes > MAX_PAGE_BYTES) f.push({ category: 'page-weight', where: 'page', message: `${(bytes / 2 ** 20).toFixed(2)} MB > ${MAX_PAGE_BYTES / 2 ** 20} MB` });
  // plots
  let k = 0;
  for (const m of html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)) {
    if (!/class="marks"/.test(m[0].slice(0, 400))) continue; // vega plots only (not icons)
    k++;
    f.push(...checkSvg(m[0], `plot ${k}${cellAt(html, m.index!)}`));
  }
  // without the plots and data: URIs, for the text checks
  const text = html.replace(/<svg\b[\s\S]*?<\/svg>/g, '<svg/>').replace(/data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+/g, 'data:');
  // tables
  // one finding per notebook cell: how many table cells, and the first
  const longs = new Map<string, { n: number; first: string }>();
  for (const m of text.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)) {
    const long = decode(m[1]).match(/\d*\.\d{10,}(e[-+]?\d+)?/i);
    if (!long) continue;
    const where = `table${cellAt(text, m.index!)}`;
    const e = longs.get(where) ?? { n: 0, first: long[0] };
    e.n++;
    longs.set(where, e);
  }
  for (const [where, e] of longs) {
    f.push({ category: 'table-decimals', where, message: `${e.n} table cell(s) with 10+ decimals, e.g. "${e.first.length > 28 ? e.first.slice(0, 28) + '…' : e.first}" (lib/report/table formatTable/fmt: 4 significant digits)` });
  }
  // resources from outside; links to files the site does not have
  for (const m of text.matchAll(/<(link|script|img|iframe|image|source|video|audio|object|embed)\b[^>]*?\b(?:src|href|xlink:href|data)="([^"]*)"/gi)) {
    const url = m[2];
    if (/^(https?:)?\/\/|^file:|^\//i.test(url)) f.push({ category: 'outside-reference', where: `page${cellAt(text, m.index!)}`, message: `<${m[1]}> loads ${url} from outside the site` });
  }
  for (const m of text.matchAll(/@import\s+url\(|url\((['"]?)(https?:)?\/\/[^)]*\)/gi)) {
    f.push({ category: 'outside-reference', where: `page${cellAt(text, m.index!)}`, message: `CSS loads ${m[0].slice(0, 60)}` });
  }
  if (file) {
    const dir = path.dirname(file);
    const missing = new Set<string>();
    for (const m of text.matchAll(/\b(?:href|src)="([^"#?]+)[^"]*"/g)) {
      const url = decode(m[1]);
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // http:, mailto:, data: (http links to papers are citations, allowed)
      const target = path.resolve(dir, url);
      if (!fs.existsSync(target) && !missing.has(url)) {
        missing.add(url);
        f.push({ category: 'outside-reference', where: `page${cellAt(text, m.index!)}`, message: `link to ${url}: no such file in the site` });
      }
    }
  }
  const plain = decode(text.replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ''));
  for (const [rx, why] of REFERENCE_PATTERNS) {
    const g = new RegExp(rx.source, rx.flags.includes('g') ? rx.flags : rx.flags + 'g');
    for (const m of plain.matchAll(g)) f.push({ category: 'outside-reference', where: 'page text', message: `${why}: "${m[0]}"` });
  }
  return f;
}

/** Every .html under the given folders (and the given pages). */
export function pagesOf(args: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'assets') walk(p);
      } else if (e.name.endsWith('.html')) out.push(p);
    }
  };
  for (const a of args) {
    if (!fs.existsSync(a)) throw new Error(`check-reports: ${a} does not exist`);
    if (fs.statSync(a).isDirectory()) walk(a);
    else out.push(a);
  }
  return out;
}

/** A report per page: counts per category, then up to `limit` findings of each. */
export function formatReport(results: { page: string; bytes: number; findings: Finding[] }[], limit = 5): string {
  const lines: string[] = [];
  for (const r of results) {
    const by = new Map<Category, Finding[]>();
    for (const x of r.findings) by.set(x.category, [...(by.get(x.category) ?? []), x]);
    const counts = CATEGORIES.filter((c) => by.has(c)).map((c) => `${c} ${by.get(c)!.length}`);
    lines.push(`${r.page} (${(r.bytes / 2 ** 20).toFixed(2)} MB): ${counts.length ? counts.join(', ') : 'ok'}`);
    for (const c of CATEGORIES) {
      const xs = by.get(c) ?? [];
      for (const x of xs.slice(0, limit)) lines.push(`  [${c}] ${x.where}: ${x.message}`);
      if (xs.length > limit) lines.push(`  [${c}] … and ${xs.length - limit} more`);
    }
  }
  return lines.join('\n');
}

/** The command line: prints the report through `log`, returns the exit status. */
export function runChecks(argv: string[], log: (s: string) => void = console.log): number {
  const strictAll = argv.includes('--strict-all');
  const strict = strictAll || argv.includes('--strict');
  const verbose = argv.includes('--verbose');
  const ji = argv.indexOf('--json');
  const jsonOut = ji >= 0 ? argv[ji + 1] : undefined;
  const args = argv.filter((a, i) => !a.startsWith('--') && !(ji >= 0 && i === ji + 1));
  if (args.length === 0) {
    log('usage: check-reports.ts SITE_DIR|PAGE.html … [--strict | --strict-all] [--verbose] [--json FILE]');
    return 2;
  }
  const results = pagesOf(args).map((p) => {
    const html = fs.readFileSync(p, 'utf8');
    return { page: p, bytes: fs.statSync(p).size, findings: checkPage(html, p, fs.statSync(p).size) };
  });
  log(formatReport(results, verbose ? Infinity : 5));
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2));
  const failing = new Set<Category>(strictAll ? CATEGORIES : HARD);
  const all = results.flatMap((r) => r.findings);
  const hard = all.filter((x) => failing.has(x.category));
  log(`check-reports: ${results.length} pages, ${all.length} findings (${hard.length} in ${strictAll ? 'any rule' : HARD.join(', ')})${strict ? '' : '; not strict: reported, not failed'}`);
  return strict && hard.length ? 1 : 0;
}

if (require.main === module) process.exit(runChecks(process.argv.slice(2)));

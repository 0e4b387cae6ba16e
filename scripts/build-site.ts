/**
 * Build the static report site from executed notebooks.
 *
 *   tsx scripts/build-site.ts EXECUTED_DIR SITE_DIR
 *
 * EXECUTED_DIR holds <name>.ipynb (executed by nbconvert), <name>.time (wall seconds) and
 * <name>.log; SITE_DIR/claims/*.json are the ledgers the notebooks saved. Writes
 * SITE_DIR/index.html, one SITE_DIR/<name>.html per notebook, SITE_DIR/claims.json and
 * SITE_DIR/assets/ (KaTeX CSS and fonts). Math is rendered here with KaTeX, plots are the
 * inline SVG the notebooks displayed: pages open offline and fetch nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { marked } from 'marked';
import { KINDS, VERDICTS, tallyHtml, type Kind, type Summary, type Verdict } from '../lib/report/claims';
import { diffClaims, ledgersOf, type Change } from './claims-diff';

type Cell = {
  cell_type: 'markdown' | 'code' | 'raw';
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
};
type Output = {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
};
type Catalogue = { file: string; number: string; source: string; seed: string }[];
type Ledger = { notebook: string; title: string; profile?: string; summary: Summary; claims: Record<string, string>[] };
const join = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : s ?? '');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// ANSI colour codes (tslab and node tracebacks) would show as garbage in HTML
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Markdown with $…$ and $$…$$ rendered by KaTeX (server side; no MathJax, no network). */
export function renderMarkdown(md: string): string {
  const math: string[] = [];
  const hold = (html: string) => `@@MATH${math.push(html) - 1}@@`;
  const tex = (t: string, display: boolean) =>
    katex.renderToString(t, { displayMode: display, throwOnError: false, output: 'html', strict: 'ignore' });
  // keep code spans and fenced blocks away from the math scanner
  const code: string[] = [];
  let s = md.replace(/```[\s\S]*?```|`[^`\n]+`/g, (m) => `@@CODE${code.push(m) - 1}@@`);
  s = s.replace(/\$\$([\s\S]+?)\$\$/g, (_, t) => hold(tex(t, true)));
  s = s.replace(/(^|[^\\$])\$([^$\n]+?)\$/g, (_, pre, t) => pre + hold(tex(t, false)));
  s = s.replace(/@@CODE(\d+)@@/g, (_, i) => code[Number(i)]);
  let html = marked.parse(s, { async: false }) as string;
  html = html.replace(/@@MATH(\d+)@@/g, (_, i) => math[Number(i)]);
  return html;
}

/** Round a number's text to `places` decimals ("12.34567" → "12.35", "-0.001" → "0"); exponent forms are left alone. */
function roundText(t: string, places: number): string {
  const r = Number(Number(t).toFixed(places));
  return String(Object.is(r, -0) ? 0 : r);
}

const GEOMETRY_ATTRS = /\s(d|transform|x|y|x1|x2|y1|y2|width|height|cx|cy|r|points)="([^"]*)"/g;
const OFFSET_ATTR = /\soffset="([^"]*)"/g;

/**
 * Lighter SVG from vega, drawn the same: coordinates rounded to 0.01 px (path data, transforms, positions;
 * gradient offsets to 1e-4), no per-item aria labels on data marks (each point and rect carried its
 * datum as text, half of a plot's bytes; axes and legends keep theirs), no empty foreground or zero-size
 * background paths, no opacity="1", and the plot's font named once on the root instead of on every text.
 */
export function slimSvg(svg: string): string {
  let s = svg
    // data-mark items: `aria-label="x: 1; y: 2" role="graphics-symbol" aria-roledescription="point"`; axes and legends keep theirs
    .replace(/ aria-label="[^"]*" role="graphics-symbol" aria-roledescription="(?!axis"|legend")[^"]*"/g, '')
    .replace(/ role="graphics-object" aria-roledescription="[^"]*mark container"/g, '')
    .replace(/<path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"\/>/g, '')
    .replace(/<path class="foreground" aria-hidden="true" d="" display="none"\/>/g, '')
    .replace(/<path class="background" aria-hidden="true" d="M0,0h0v0h0Z"( pointer-events="none")?\/>/g, '')
    .replace(/ opacity="1"(?=[\s/>])/g, '');
  s = s.replace(GEOMETRY_ATTRS, (m, a: string, v: string) => ` ${a}="${v.replace(/-?\d*\.\d{3,}(?![\d.]*e)/gi, (t) => roundText(t, 2))}"`);
  s = s.replace(OFFSET_ATTR, (m, v: string) => ` offset="${v.replace(/\d*\.\d{5,}/g, (t) => roundText(t, 4))}"`);
  // one font-family on the root (inherited) instead of one per text element
  const fonts = new Map<string, number>();
  for (const m of s.matchAll(/<text\b[^>]*?\sfont-family="([^"]*)"/g)) fonts.set(m[1], (fonts.get(m[1]) ?? 0) + 1);
  const common = [...fonts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const root = s.match(/^<svg\b[^>]*>/);
  if (common !== undefined && root && !/\sfont-family=/.test(root[0])) {
    const esc = common.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    s = root[0].replace(/>$/, ` font-family="${common}">`) + s.slice(root[0].length).replace(new RegExp(`(<text\\b[^>]*?) font-family="${esc}"`, 'g'), '$1');
  }
  return s;
}

/** Plain <td> cells that hold one number get class "num" (right-aligned, tabular figures), as the site's own tables. */
export function alignNumbers(html: string): string {
  return html.replace(/<td>(\s*[-+−]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?%?\s*)<\/td>/gi, '<td class="num">$1</td>');
}

/** A lib/runtime progress line (`label: 96/240 tasks (60 cached) · …`); its label. */
const PROGRESS_LINE = /^(.+?): \d+\/\d+ tasks \(\d+ cached\)/;

/**
 * A cell's outputs as a reader should see them: consecutive stream outputs of one stream merged, carriage
 * returns applied (a live line keeps its last state), and each experiment's progress lines collapsed into its
 * last one — the runtime writes a line every few seconds while a cell runs, and the page shows the result.
 */
export function collapseStreams(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const o of outputs) {
    const prev = merged[merged.length - 1];
    if (o.output_type === 'stream' && prev?.output_type === 'stream' && prev.name === o.name) {
      merged[merged.length - 1] = { ...prev, text: join(prev.text) + join(o.text) };
    } else merged.push(o);
  }
  return merged.map((o) => {
    if (o.output_type !== 'stream') return o;
    const lines = join(o.text).split('\n').map((l) => { const i = l.lastIndexOf('\r'); return i >= 0 ? l.slice(i + 1) : l; });
    const lastOf = new Map<string, number>();
    lines.forEach((l, i) => { const m = PROGRESS_LINE.exec(l); if (m) lastOf.set(m[1], i); });
    const kept = lines.filter((l, i) => { const m = PROGRESS_LINE.exec(l); return !m || lastOf.get(m[1]) === i; })
      .filter((l, i, a) => !(l.trim() === '' && i > 0 && a[i - 1].trim() === ''));
    return { ...o, text: kept.join('\n') };
  }).filter((o) => o.output_type !== 'stream' || join(o.text).trim() !== '');
}

export function renderOutput(o: Output): string {
  if (o.output_type === 'stream') {
    const text = stripAnsi(join(o.text)).replace(/\n+$/, '');
    // progress lines are information, not errors, even when written to stderr
    const progressOnly = text.split('\n').every((l) => PROGRESS_LINE.test(l) || l.trim() === '');
    const cls = progressOnly ? 'progress' : o.name === 'stderr' ? 'stderr' : 'stdout';
    return `<pre class="${cls}">${esc(text)}</pre>`;
  }
  if (o.output_type === 'error') {
    return `<pre class="stderr">${esc(stripAnsi([`${o.ename}: ${o.evalue}`, ...(o.traceback ?? [])].join('\n')))}</pre>`;
  }
  const d = o.data ?? {};
  if (d['image/svg+xml']) return `<div class="plot">${slimSvg(join(d['image/svg+xml']).trim())}</div>`;
  if (d['text/html']) return `<div class="html">${alignNumbers(join(d['text/html']))}</div>`;
  if (d['text/markdown']) return `<div class="md">${renderMarkdown(join(d['text/markdown']))}</div>`;
  if (d['image/png']) return `<div class="plot"><img alt="figure" src="data:image/png;base64,${join(d['image/png']).trim()}"></div>`;
  if (d['text/plain']) return `<pre class="stdout">${esc(stripAnsi(join(d['text/plain'])))}</pre>`;
  return '';
}

const CSS = `
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1100px;margin:0 auto;padding:0 1.2em 4em;color:#222;line-height:1.5}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5em 0;font-size:.9em;z-index:2}
nav a{margin-right:1em}
h1{font-size:1.8em;margin-top:1em}
.cell{margin:1em 0;position:relative}
.cell .anchor{position:absolute;left:-3.2em;top:.2em;font-size:.75em;color:#999;text-decoration:none;font-family:monospace}
pre{overflow-x:auto;padding:.5em .8em;border-radius:3px;font-size:.85em;line-height:1.35}
pre.code{background:#f6f8fa;border-left:3px solid #8aa4c8}
pre.stdout{background:#fff;border-left:3px solid #ddd}
pre.stderr{background:#fff0f0;border-left:3px solid #d33;color:#900}
pre.progress{background:#f6f8fa;border-left:3px solid #9aa;color:#456;font-size:0.85em}
details.code>summary{cursor:pointer;color:#567;font-size:.8em;font-family:monospace}
.plot svg{max-width:100%;height:auto}
.cell table{display:block;width:max-content;max-width:100%;overflow-x:auto}
.html{max-width:100%;overflow-x:auto}
nav a[aria-current]{font-weight:bold;color:#222;text-decoration:none}
table{border-collapse:collapse;font-size:.85em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}
tr.v-reproduced td:last-child{background:#e3f4e1}
tr.v-partly td:last-child{background:#fff4d6}
tr.v-not-reproduced td:last-child{background:#fbe0e0}
tr.v-not-testable td:last-child{background:#eee}
tr.v-inconclusive td:last-child{background:#e6eefb}
table.tally td,table.tally th{padding:.15em .5em}
.kind{font-size:.8em;color:#555;white-space:nowrap}
.provenance{font-size:.8em;color:#555;background:#fafafa;border:1px solid #eee;padding:.4em .6em}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.failed{color:#b00;font-weight:bold}
blockquote{color:#555;border-left:3px solid #ccc;margin-left:0;padding-left:1em}
`;

function page(title: string, body: string, nav: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<style>${CSS}</style></head>
<body><nav>${nav}</nav>
${firstStyleOnly(body)}
</body></html>
`;
}

/** Outputs repeat the same <style> block (lib/report/table's, once per table): keep the first copy on a page. */
export function firstStyleOnly(html: string): string {
  const seen = new Set<string>();
  return html.replace(/<style>[^<]*<\/style>/g, (m) => (seen.has(m) ? '' : (seen.add(m), m)));
}

function titleOf(cells: Cell[], fallback: string): string {
  for (const c of cells) {
    if (c.cell_type !== 'markdown') continue;
    const m = join(c.source).match(/^#\s+(.+)$/m);
    if (m) return m[1].trim();
  }
  return fallback;
}

function backendOf(cells: Cell[]): string {
  for (const c of cells) {
    for (const o of c.outputs ?? []) {
      const h = join(o.data?.['text/html']);
      const m = h.match(/TF\.js backend: ([^·<]+)/);
      if (m) return m[1].trim().split(';')[0].replace(/\s*\(@tensorflow\/[^)]*\)$/, '');
    }
  }
  return '';
}

function renderNotebook(name: string, nb: { cells: Cell[] }, meta: { wall: string; source: string; summary?: Summary }): string {
  const parts = nb.cells.map((c, i) => {
    const id = `cell-${i + 1}`;
    const anchor = `<a class="anchor" href="#${id}" title="link to this cell">[${i + 1}]</a>`;
    if (c.cell_type === 'markdown') return `<div class="cell md" id="${id}">${anchor}${renderMarkdown(join(c.source))}</div>`;
    if (c.cell_type !== 'code') return '';
    const src = join(c.source);
    const lines = src.split('\n').length;
    const code = `<pre class="code"><code>${esc(src)}</code></pre>`;
    const codeBlock = lines > 25 ? `<details class="code"><summary>code (${lines} lines)</summary>${code}</details>` : code;
    return `<div class="cell code" id="${id}">${anchor}${codeBlock}${collapseStreams(c.outputs ?? []).map(renderOutput).join('\n')}</div>`;
  });
  const head = `<p class="provenance">Notebook <code>notebooks/${esc(name)}.ipynb</code> · source: ${esc(meta.source)} · executed in ${esc(meta.wall)} s</p>` +
    (meta.summary ? `<details class="provenance"><summary>claims of this notebook by kind and verdict</summary>${tallyHtml(meta.summary)}</details>` : '');
  return head + parts.join('\n');
}

/**
 * Render docs/derivations/*.md to SITE/derivations/*.html (KaTeX math, links between notes and
 * to notebooks rewritten from .md/.ipynb to .html). Returns the notes rendered, README first.
 */
export function renderDerivationNotes(srcDir: string, outDir: string): { file: string; title: string }[] {
  if (!fs.existsSync(srcDir)) return [];
  const mds = fs.readdirSync(srcDir).filter((f) => f.endsWith('.md')).sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
  if (mds.length === 0) return [];
  fs.mkdirSync(outDir, { recursive: true });
  const navUp = `<a href="../index.html">Index</a><a href="index.html">derivation notes</a>`;
  const out: { file: string; title: string }[] = [];
  for (const f of mds) {
    const md = fs.readFileSync(path.join(srcDir, f), 'utf8');
    const title = (md.match(/^#\s+(.+)$/m)?.[1] ?? f).trim();
    const html = renderMarkdown(md)
      .replace(/href="(\.\/)?([\w.-]+)\.md(#[^"]*)?"/g, (_, __, n, h) => `href="${n === 'README' ? 'index' : n}.html${h ?? ''}"`)
      .replace(/href="(?:\.\.\/\.\.\/)?notebooks\/([\w.-]+)\.ipynb(#[^"]*)?"/g, (_, n, h) => `href="../${n}.html${h ?? ''}"`);
    const file = f === 'README.md' ? 'index.html' : f.replace(/\.md$/, '.html');
    const body = `<p class="provenance">Derivation note <code>docs/derivations/${esc(f)}</code></p>${html}`;
    fs.writeFileSync(path.join(outDir, file), page(title, body, navUp).replace('href="assets/katex', 'href="../assets/katex'));
    if (f !== 'README.md') out.push({ file, title });
  }
  return out;
}

/** A report page above this weight loads slowly: the index marks it and the build says so. */
const MAX_PAGE_MB = 2;

/** "2 · 5 · 1": erratum, check and beyond claims of a ledger. */
function otherKinds(s: Summary): string {
  const n = (k: Kind) => VERDICTS.reduce((a, v) => a + (s.byKind[k]?.[v] ?? 0), 0);
  return (['erratum', 'check', 'beyond'] as Kind[]).map(n).join(' · ');
}

/** The index's "changed since the previous build" table. */
export function changesHtml(changes: Change[]): string {
  if (changes.length === 0) return '<h3>Changed since the previous build</h3><p>No verdict changed.</p>';
  const rows = changes
    .map((c) => `<tr><td><a href="${esc(c.notebook)}.html">${esc(c.notebook.slice(0, 2))}</a></td><td>${esc(c.id)}</td><td>${esc(c.before)} → <b>${esc(c.after)}</b></td><td>${esc(c.measuredBefore)}</td><td>${esc(c.measuredAfter)}</td></tr>`)
    .join('\n');
  return `<h3>Changed since the previous build (${changes.length})</h3><table><thead><tr><th>nb</th><th>id</th><th>verdict before → after</th><th>measured before</th><th>measured after</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function main(): void {
  const [execDir, siteDir, prevFile] = process.argv.slice(2);
  if (!execDir || !siteDir) throw new Error('usage: build-site.ts EXECUTED_DIR SITE_DIR [PREVIOUS_CLAIMS_JSON]');
  if (!fs.existsSync(execDir)) throw new Error(`executed-notebook directory ${execDir} does not exist`);
  const root = path.resolve(__dirname, '..');
  const catalogue: Catalogue = JSON.parse(fs.readFileSync(path.join(root, 'notebooks', 'catalogue.json'), 'utf8'));
  fs.mkdirSync(path.join(siteDir, 'assets', 'katex'), { recursive: true });
  const kdist = path.dirname(require.resolve('katex/dist/katex.min.css'));
  fs.copyFileSync(path.join(kdist, 'katex.min.css'), path.join(siteDir, 'assets', 'katex', 'katex.min.css'));
  fs.cpSync(path.join(kdist, 'fonts'), path.join(siteDir, 'assets', 'katex', 'fonts'), { recursive: true });

  const allNames = fs
    .readdirSync(path.join(root, 'notebooks'))
    .filter((f) => f.endsWith('.ipynb'))
    .map((f) => f.replace(/\.ipynb$/, ''))
    .sort();
  // the notebooks this build ran (make report NOTEBOOK=04 runs one): any trace of it in the executed directory
  const ran = (n: string) => ['.ipynb', '.failed.ipynb', '.log', '.time'].some((ext) => fs.existsSync(path.join(execDir, n + ext)));
  const names = allNames.some(ran) ? allNames.filter(ran) : allNames;
  const notBuilt = allNames.filter((n) => !names.includes(n));
  // the nav names each notebook on hover (its title, from the source notebook) and marks the page it is on
  const navTitles = Object.fromEntries(names.map((n) => {
    try {
      return [n, titleOf(JSON.parse(fs.readFileSync(path.join(root, 'notebooks', `${n}.ipynb`), 'utf8')).cells, n)];
    } catch {
      return [n, n];
    }
  }));
  const nav = (current = '') =>
    `<a href="index.html"${current === 'index' ? ' aria-current="page"' : ''}>Index</a>${names
      .map((n) => `<a href="${n}.html" title="${esc(navTitles[n])}"${current === n ? ' aria-current="page"' : ''}>${n.slice(0, 2)}</a>`)
      .join('')}<a href="derivations/index.html">derivation notes</a>`;
  const notes = renderDerivationNotes(path.join(root, 'docs', 'derivations'), path.join(siteDir, 'derivations'));
  const ledgers: Ledger[] = [];
  const rows: string[] = [];
  let failures = 0;
  const heavy: string[] = [];
  for (const name of names) {
    const cat = catalogue.find((c) => c.file === `${name}.ipynb`);
    const source = cat?.source ?? '(not in notebooks/catalogue.json)';
    const executed = path.join(execDir, `${name}.ipynb`);
    const timeFile = path.join(execDir, `${name}.time`);
    const wall = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8').trim() : '?';
    const claimsFile = path.join(siteDir, 'claims', `${name}.json`);
    const ledger: Ledger | null = fs.existsSync(claimsFile) ? JSON.parse(fs.readFileSync(claimsFile, 'utf8')) : null;
    if (ledger) ledgers.push(ledger);
    const counts = VERDICTS.map((v) => `<td class="num">${ledger ? ledger.summary.byKind.paper[v] : '–'}</td>`).join('') +
      `<td class="num">${ledger ? otherKinds(ledger.summary) : '–'}</td>`;
    const partial = path.join(execDir, `${name}.failed.ipynb`);
    if (fs.existsSync(executed)) {
      const nb = JSON.parse(fs.readFileSync(executed, 'utf8'));
      const title = titleOf(nb.cells, name);
      fs.writeFileSync(path.join(siteDir, `${name}.html`), page(title, renderNotebook(name, nb, { wall, source, summary: ledger?.summary }), nav(name)));
      const mb = fs.statSync(path.join(siteDir, `${name}.html`)).size / 2 ** 20;
      if (mb > MAX_PAGE_MB) heavy.push(`${name}.html ${mb.toFixed(1)} MB`);
      rows.push(`<tr><td><a href="${name}.html">${esc(title)}</a></td><td>${esc(source)}</td><td class="num">${esc(wall)}</td><td class="num${mb > MAX_PAGE_MB ? ' failed' : ''}">${mb.toFixed(1)}</td><td>${esc(backendOf(nb.cells))}</td>${counts}</tr>`);
    } else {
      failures++;
      const log = path.join(execDir, `${name}.log`);
      if (fs.existsSync(log)) {
        fs.mkdirSync(path.join(siteDir, 'logs'), { recursive: true });
        fs.copyFileSync(log, path.join(siteDir, 'logs', `${name}.log`));
      }
      let link = esc(name);
      if (fs.existsSync(partial)) {
        // the cells up to the failing one, with its error, so the failure can be read in place
        const nb = JSON.parse(fs.readFileSync(partial, 'utf8'));
        const at = nb.cells.findIndex((c: Cell & { metadata?: { failed?: boolean } }) => c.metadata?.failed);
        const banner = `<p class="failed">Execution failed${at >= 0 ? ` at <a href="#cell-${at + 1}">cell ${at + 1}</a>` : ''}; the cells after it did not run. <a href="logs/${name}.log">log</a></p>`;
        fs.writeFileSync(path.join(siteDir, `${name}.html`), page(titleOf(nb.cells, name), banner + renderNotebook(name, nb, { wall, source }), nav(name)));
        link = `<a href="${name}.html">${esc(titleOf(nb.cells, name))}</a>`;
      }
      rows.push(`<tr><td>${link} <span class="failed">execution failed</span> (<a href="logs/${name}.log">log</a>)</td><td>${esc(source)}</td><td class="num">${esc(wall)}</td><td></td><td></td>${counts}</tr>`);
    }
  }
  const byKind = Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(VERDICTS.map((v) => [v, ledgers.reduce((s, l) => s + (l.summary.byKind[k]?.[v] ?? 0), 0)]))])) as Summary['byKind'];
  const total = Object.fromEntries(VERDICTS.map((v) => [v, KINDS.reduce((s, k) => s + byKind[k][v], 0)])) as Record<Verdict, number>;
  // the profile the notebooks ran at (their ledgers say), else the environment's
  const ledgerProfiles = [...new Set(ledgers.map((l) => l.profile).filter((p): p is string => !!p))];
  const profile = ledgerProfiles.length ? ledgerProfiles.join(', ') : process.env.PROFILE ?? 'default';
  const allClaims = ledgers
    .flatMap((l) =>
      l.claims.map(
        (c) =>
          `<tr class="v-${c.verdict.replace(/ /g, '-')}"><td><a href="${l.notebook}.html">${esc(l.notebook.slice(0, 2))}</a></td><td>${esc(c.id)}</td><td class="kind">${esc(c.kind ?? '')}</td><td>${esc(c.source)}</td><td>${esc(c.statement)}</td><td>${esc(c.measured)}</td><td><b>${esc(c.verdict)}</b>${c.reason ? `<br><small>${esc(c.reason)}</small>` : ''}${c.note ? `<br><em>${esc(c.note)}</em>` : ''}</td></tr>`,
      ),
    )
    .join('\n');
  const previous = prevFile && fs.existsSync(prevFile) ? ledgersOf(JSON.parse(fs.readFileSync(prevFile, 'utf8')), prevFile) : null;
  const changes = previous ? diffClaims(previous, ledgers as never, true) : null;
  const body = `<h1>The physics of activation functions — reports</h1>
<p>Each notebook reproduces one source document: its derivations re-done and checked, its experiments run, its figures mirrored, and a claims table whose verdicts are computed from the measurements. Profile <code>${esc(profile)}</code>; built ${new Date().toISOString()}.${notBuilt.length ? ` This build rendered ${names.length} of the ${allNames.length} notebooks; not in it: ${notBuilt.map(esc).join(', ')}.` : ''}</p>
<p>Claims are of four kinds: <b>paper</b> (a statement the document makes), <b>erratum</b> (the document's printed formula or statement is wrong as printed), <b>check</b> (our own derivation or sanity check, including every rule whose outcome is fixed by construction) and <b>beyond</b> (our extension past the document). The verdict columns below count <b>paper</b> claims only. A comparative or noisy claim is decided from replicates: <em>reproduced</em> when its confidence interval lies on the claimed side, <em>not reproduced</em> when it lies on the other, <em>inconclusive</em> when it straddles; <em>not testable</em> says why (no data, nothing quantitative, or a scale this profile does not reach).</p>
<table><thead><tr><th>notebook</th><th>source document</th><th>wall time (s)</th><th>page (MB)</th><th>TF.js backend</th>${VERDICTS.map((v) => `<th>${v}</th>`).join('')}<th>erratum · check · beyond</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
<tfoot><tr><th colspan="5">${notBuilt.length ? 'these notebooks' : 'all notebooks'} (paper claims)</th>${VERDICTS.map((v) => `<th class="num">${byKind.paper[v]}</th>`).join('')}<th class="num">${otherKinds({ total, byKind })}</th></tr></tfoot></table>
<h3>All claims by kind</h3>
${tallyHtml({ total, byKind })}
${changes === null ? '<p><em>No previous build to compare with.</em></p>' : changesHtml(changes)}
${notes.length ? `<h2>Derivation notes</h2><p>One per document, in the repository under <code>docs/derivations/</code>: what the text lost and how it was recovered, the derivations step by step, errata, settings and unknowns.</p><ul>${notes.map((n) => `<li><a href="derivations/${n.file}">${esc(n.title)}</a></li>`).join('')}</ul>` : ''}
<h2>Every claim</h2>
<p>Also as JSON: <a href="claims.json">claims.json</a>.</p>
<table><thead><tr><th>nb</th><th>id</th><th>kind</th><th>source</th><th>claim</th><th>measured</th><th>verdict</th></tr></thead><tbody>${allClaims}</tbody></table>`;
  fs.writeFileSync(path.join(siteDir, 'index.html'), page('Reports — physics of activation functions', body, nav('index')));
  fs.writeFileSync(path.join(siteDir, 'claims.json'), JSON.stringify({ profile, generated: new Date().toISOString(), total, byKind, notebooks: ledgers }, null, 2));
  console.log(`site: ${siteDir}/index.html (${names.length} notebooks, ${failures} failed to execute; paper claims ${VERDICTS.map((v) => `${v} ${byKind.paper[v]}`).join(', ')}; all kinds ${VERDICTS.map((v) => `${v} ${total[v]}`).join(', ')})`);
  if (heavy.length) console.log(`pages over ${MAX_PAGE_MB} MB (load slowly): ${heavy.join(', ')}`);
  if (changes) console.log(changes.length ? `${changes.length} verdict(s) changed since the previous build (listed on the index page)` : 'no verdict changed since the previous build');
}

if (require.main === module) main();

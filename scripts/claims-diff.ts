/**
 * What changed between two builds' claims: claim id, verdict before → after, the measurements.
 *
 *   tsx scripts/claims-diff.ts BASE [HEAD]
 *
 * BASE and HEAD are paths to a claims.json (the site's, or one notebook's reports/claims/<nb>.json),
 * or a git ref, read as `git show REF:ledger/claims.<PROFILE>.json` (the snapshot `make
 * claims-snapshot` commits). HEAD defaults to reports/claims.json. `--verdicts-only --fail-on-change`
 * exits 1 when any verdict differs (the stability test: two runs at one profile must agree).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

export type ClaimRow = { id: string; kind?: string; verdict: string; measured: string; statement?: string; reason?: string };
export type NotebookLedger = { notebook: string; claims: ClaimRow[] };
export type Change = { notebook: string; id: string; before: string; after: string; measuredBefore: string; measuredAfter: string; statement: string };

/** A claims file in either shape (site: { notebooks: [...] }, one notebook: { notebook, claims }) as a list of ledgers. */
export function ledgersOf(json: unknown, where: string): NotebookLedger[] {
  const j = json as { notebooks?: NotebookLedger[]; notebook?: string; claims?: ClaimRow[] };
  if (Array.isArray(j?.notebooks)) return j.notebooks;
  if (typeof j?.notebook === 'string' && Array.isArray(j.claims)) return [{ notebook: j.notebook, claims: j.claims }];
  throw new Error(`${where} is not a claims file (expected { notebooks: [...] } or { notebook, claims })`);
}

/** Every claim whose verdict (or, unless verdictsOnly, measurement) differs, plus claims added or removed. */
export function diffClaims(base: NotebookLedger[], head: NotebookLedger[], verdictsOnly = false): Change[] {
  const key = (nb: string, id: string) => `${nb}\u0000${id}`;
  const index = (ls: NotebookLedger[]) => {
    const m = new Map<string, ClaimRow & { notebook: string }>();
    for (const l of ls) for (const c of l.claims) m.set(key(l.notebook, c.id), { ...c, notebook: l.notebook });
    return m;
  };
  const b = index(base), h = index(head);
  const out: Change[] = [];
  for (const [k, hc] of h) {
    const bc = b.get(k);
    if (!bc) out.push({ notebook: hc.notebook, id: hc.id, before: '(new)', after: hc.verdict, measuredBefore: '', measuredAfter: hc.measured, statement: hc.statement ?? '' });
    else if (bc.verdict !== hc.verdict || (!verdictsOnly && bc.measured !== hc.measured))
      out.push({ notebook: hc.notebook, id: hc.id, before: bc.verdict, after: hc.verdict, measuredBefore: bc.measured, measuredAfter: hc.measured, statement: hc.statement ?? '' });
  }
  for (const [k, bc] of b) if (!h.has(k)) out.push({ notebook: bc.notebook, id: bc.id, before: bc.verdict, after: '(removed)', measuredBefore: bc.measured, measuredAfter: '', statement: bc.statement ?? '' });
  return out.sort((x, y) => (x.notebook + x.id).localeCompare(y.notebook + y.id, 'en', { numeric: true }));
}

/** Read a claims file from a path, or from a git ref's committed snapshot ledger/claims.<profile>.json. */
export function readClaims(spec: string, profile = process.env.PROFILE ?? 'default'): NotebookLedger[] {
  if (fs.existsSync(spec)) return ledgersOf(JSON.parse(fs.readFileSync(spec, 'utf8')), spec);
  const root = path.resolve(__dirname, '..');
  const file = `ledger/claims.${profile}.json`;
  let text: string;
  try {
    text = execFileSync('git', ['show', `${spec}:${file}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch {
    throw new Error(`'${spec}' is neither a claims.json file nor a git ref holding ${file}`);
  }
  return ledgersOf(JSON.parse(text), `${spec}:${file}`);
}

export function formatChanges(changes: Change[], verdictsOnly = false): string {
  if (changes.length === 0) return 'no claim changed';
  const rows = changes.map((c) => `${c.notebook.slice(0, 2)} ${c.id.padEnd(6)} ${c.before} → ${c.after}` + (verdictsOnly ? '' : `\n      before: ${c.measuredBefore || '—'}\n      after:  ${c.measuredAfter || '—'}`));
  return `${changes.length} claim(s) changed:\n${rows.join('\n')}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const verdictsOnly = args.includes('--verdicts-only'), failOnChange = args.includes('--fail-on-change');
  const pos = args.filter((a) => !a.startsWith('--'));
  if (pos.length < 1 || pos.length > 2) throw new Error('usage: claims-diff.ts BASE [HEAD] [--verdicts-only] [--fail-on-change]');
  const base = readClaims(pos[0]), head = readClaims(pos[1] ?? 'reports/claims.json');
  const changes = diffClaims(base, head, verdictsOnly);
  console.log(formatChanges(changes, verdictsOnly));
  if (failOnChange && changes.length > 0) process.exit(1);
}

if (require.main === module) main();

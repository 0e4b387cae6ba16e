/**
 * The claims ledger: each notebook records the document's claims with what was measured,
 * and the verdict is computed from the measurement and a stated rule, never typed in.
 * `Ledger.save()` writes reports/claims/<notebook>.json; the site build gathers them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { assertFinite } from './guards';

export type Verdict = 'reproduced' | 'partly' | 'not reproduced' | 'not testable';
export const VERDICTS: readonly Verdict[] = ['reproduced', 'partly', 'not reproduced', 'not testable'];

export interface Claim {
  /** Short stable identifier, e.g. "C3". */
  id: string;
  /** Where the document makes the claim: section, equation or figure. */
  source: string;
  /** The claim, in the document's words or a close paraphrase. */
  statement: string;
  /** What the document says should be observed. */
  expected: string;
  /** What we measured (formatted). */
  measured: string;
  /** The rule that turned the measurement into the verdict. */
  rule: string;
  verdict: Verdict;
  /** Caveats: hypothesis, parameter region, substitute data… */
  note?: string;
}

interface Base {
  id: string;
  source: string;
  statement: string;
  note?: string;
}

/** Format a number for a ledger row: 4 significant digits, exponent form when tiny/huge. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}

/** Verdict from a distance to the expected value: within tol → reproduced, within partlyTol → partly. */
export function verdictFromError(err: number, tol: number, partlyTol = tol): Verdict {
  if (!Number.isFinite(err)) return 'not reproduced';
  if (err <= tol) return 'reproduced';
  if (err <= partlyTol) return 'partly';
  return 'not reproduced';
}

/** Verdict from the fraction of cases in which a claim holds. */
export function verdictFromFraction(frac: number, full = 1, partly = 0.5): Verdict {
  assertFinite(frac, 'fraction');
  if (frac >= full) return 'reproduced';
  if (frac >= partly) return 'partly';
  return 'not reproduced';
}

export class Ledger {
  private readonly claims: Claim[] = [];
  constructor(readonly notebook: string, readonly title = notebook) {}

  private add(c: Claim): Claim {
    if (this.claims.some((d) => d.id === c.id)) throw new Error(`claim id '${c.id}' is used twice`);
    this.claims.push(c);
    return c;
  }

  /** A numeric claim: |measured − expected| ≤ atol + rtol·|expected| reproduces; ≤ partlyFactor × that is partly. */
  close(b: Base & { measured: number; expected: number; rtol?: number; atol?: number; partlyFactor?: number; unit?: string }): Claim {
    const rtol = b.rtol ?? 0, atol = b.atol ?? 0, pf = b.partlyFactor ?? 1;
    const tol = atol + rtol * Math.abs(b.expected);
    const err = Math.abs(b.measured - b.expected);
    const u = b.unit ? ` ${b.unit}` : '';
    return this.add({
      id: b.id, source: b.source, statement: b.statement, note: b.note,
      expected: `${fmt(b.expected)}${u}`,
      measured: `${fmt(b.measured)}${u}`,
      rule: `|Δ| ≤ ${fmt(tol)}` + (pf > 1 ? ` (partly ≤ ${fmt(pf * tol)})` : ''),
      verdict: verdictFromError(err, tol, pf * tol),
    });
  }

  /** A qualitative claim decided by a measured predicate: `holds` must be computed from `measured`. */
  check(b: Base & { expected: string; measured: string; holds: boolean; rule: string }): Claim {
    return this.add({
      id: b.id, source: b.source, statement: b.statement, note: b.note,
      expected: b.expected, measured: b.measured, rule: b.rule,
      verdict: b.holds ? 'reproduced' : 'not reproduced',
    });
  }

  /**
   * A qualitative claim with a strict and a loose test (e.g. intervals separated vs means ordered):
   * strict → reproduced, only loose → partly, neither → not reproduced. Both computed from `measured`.
   */
  checkGraded(b: Base & { expected: string; measured: string; holds: boolean; holdsLoosely: boolean; rule: string }): Claim {
    return this.add({
      id: b.id, source: b.source, statement: b.statement, note: b.note,
      expected: b.expected, measured: b.measured, rule: b.rule,
      verdict: b.holds ? 'reproduced' : b.holdsLoosely ? 'partly' : 'not reproduced',
    });
  }

  /** A claim tested over many cases: the verdict comes from the fraction that holds. */
  fraction(b: Base & { expected: string; holding: number; total: number; full?: number; partly?: number }): Claim {
    if (!(b.total > 0)) throw new RangeError(`total must be > 0, but got ${b.total}`);
    const frac = b.holding / b.total;
    const full = b.full ?? 1, partly = b.partly ?? 0.5;
    return this.add({
      id: b.id, source: b.source, statement: b.statement, note: b.note,
      expected: b.expected,
      measured: `holds in ${b.holding}/${b.total} cases (${(100 * frac).toFixed(0)}%)`,
      rule: `fraction ≥ ${full} reproduced, ≥ ${partly} partly`,
      verdict: verdictFromFraction(frac, full, partly),
    });
  }

  /** A claim this profile or this data cannot test; says why. */
  notTestable(b: Base & { expected: string; why: string }): Claim {
    return this.add({
      id: b.id, source: b.source, statement: b.statement, note: b.note,
      expected: b.expected, measured: '—', rule: b.why, verdict: 'not testable',
    });
  }

  rows(): readonly Claim[] {
    return this.claims;
  }

  /** Counts per verdict. */
  summary(): Record<Verdict, number> {
    const s = { reproduced: 0, partly: 0, 'not reproduced': 0, 'not testable': 0 } as Record<Verdict, number>;
    for (const c of this.claims) s[c.verdict] += 1;
    return s;
  }

  /** An HTML table of the claims (for display.html in a notebook). */
  toHtml(): string {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const head = ['id', 'source', 'claim', 'expected', 'measured', 'rule', 'verdict'];
    const body = this.claims
      .map((c) => {
        const tds = [c.id, c.source, c.statement, c.expected, c.measured, c.rule].map((x) => `<td>${esc(x)}</td>`).join('');
        const note = c.note ? `<br><em>${esc(c.note)}</em>` : '';
        return `<tr class="v-${c.verdict.replace(/ /g, '-')}">${tds}<td><b>${c.verdict}</b>${note}</td></tr>`;
      })
      .join('\n');
    const s = this.summary();
    return (
      `<table class="claims"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>` +
      `<p>${VERDICTS.map((v) => `${v}: ${s[v]}`).join(' · ')}</p>`
    );
  }

  /** Write reports/claims/<notebook>.json (directory from REPORT_DIR, default ./reports). */
  save(dir = path.join(process.env.REPORT_DIR ?? 'reports', 'claims')): string {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${this.notebook}.json`);
    fs.writeFileSync(file, JSON.stringify({ notebook: this.notebook, title: this.title, summary: this.summary(), claims: this.claims }, null, 2));
    return file;
  }
}

/**
 * The claims ledger: each notebook records the document's claims with what was measured, and the
 * verdict is computed from the measurement and a stated rule, never typed in.
 *
 * Every claim has a kind — `paper` (a statement the document makes), `erratum` (the document's
 * printed formula or statement is wrong as printed), `check` (our own derivation or sanity check,
 * including every rule whose outcome is fixed by construction) or `beyond` (our extension) — and
 * one of five verdicts. Comparative and noisy claims are decided from replicates with an interval:
 * reproduced only when the interval lies on the claimed side, not reproduced only when it lies on
 * the other side, otherwise inconclusive. A claim that needs a scale (seeds, width, steps) declares
 * it in `needs`; below it the verdict is "not testable at <profile>", with the measurement kept.
 * Invalid measurements (NaN, tolerance ≤ 0, holding > total) throw an error naming the claim.
 * `Ledger.save()` writes reports/claims/<notebook>.json; the site build gathers them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { activeProfile } from './profile';
import { bootstrapDifference, bootstrapInterval, pairedDifference, tIntervalMean, welchDifference, mean, type Interval } from '../core/statistics';

export type Kind = 'paper' | 'erratum' | 'check' | 'beyond';
export const KINDS: readonly Kind[] = ['paper', 'erratum', 'check', 'beyond'];
export const KIND_LABEL: Record<Kind, string> = {
  paper: 'the document’s claim',
  erratum: 'erratum (printed form is wrong)',
  check: 'our check',
  beyond: 'our extension',
};

export type Verdict = 'reproduced' | 'partly' | 'not reproduced' | 'inconclusive' | 'not testable';
export const VERDICTS: readonly Verdict[] = ['reproduced', 'partly', 'not reproduced', 'inconclusive', 'not testable'];

/** Why a claim cannot be tested: no data, nothing quantitative to test, too small a scale at this profile, or another stated cause. */
export type NotTestableReason = 'data' | 'no quantitative content' | 'scale' | 'other';

/** A minimum scale a claim needs: e.g. `{ what: 'seeds', have: 3, min: 10 }`. */
export interface Need {
  what: string;
  have: number;
  min: number;
}

export interface Claim {
  /** Short stable identifier, e.g. "C3". */
  id: string;
  kind: Kind;
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
  /** Why not testable (only when the verdict is "not testable"). */
  reason?: string;
  /** The interval the verdict was decided from, when decided from replicates. */
  interval?: Interval;
  /** Caveats: hypothesis, parameter region, substitute data… */
  note?: string;
}

export interface Base {
  id: string;
  kind: Kind;
  source: string;
  statement: string;
  note?: string;
  /** Minimum scales this claim needs; any unmet makes it "not testable at <profile>". */
  needs?: Need[];
}

export type Summary = { total: Record<Verdict, number>; byKind: Record<Kind, Record<Verdict, number>> };

const emptyCounts = (): Record<Verdict, number> => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;

/** Format a number for a ledger row: 4 significant digits, exponent form when tiny/huge. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}

/** "0.12 [0.05, 0.19] (95 % paired t, n = 10)". */
export function fmtInterval(iv: Interval, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  return `${fmt(iv.estimate)}${u} [${fmt(iv.lo)}, ${fmt(iv.hi)}] (${Math.round(iv.level * 100)} % ${iv.method}, n = ${iv.n})`;
}

/** Verdict from a distance to the expected value: within tol → reproduced, within partlyTol → partly. */
export function verdictFromError(err: number, tol: number, partlyTol = tol): Verdict {
  if (!Number.isFinite(err)) throw new RangeError(`error must be a finite number, but got ${err}`);
  if (!(tol > 0)) throw new RangeError(`tolerance must be > 0, but got ${tol}`);
  if (err <= tol) return 'reproduced';
  if (err <= partlyTol) return 'partly';
  return 'not reproduced';
}

/** Verdict from the fraction of cases in which a claim holds. */
export function verdictFromFraction(frac: number, full = 1, partly = 0.5): Verdict {
  if (!Number.isFinite(frac) || frac < 0 || frac > 1) throw new RangeError(`fraction must lie in [0, 1], but got ${frac}`);
  if (frac >= full) return 'reproduced';
  if (frac >= partly) return 'partly';
  return 'not reproduced';
}

/**
 * Verdict of "the quantity lies on the claimed side of `bound`" from its interval: the interval
 * entirely on the claimed side → reproduced, entirely on the other → not reproduced, else inconclusive.
 * With `magnitude` (a claimed size beyond the bound): past the bound but short of the magnitude → partly.
 */
export function verdictFromInterval(iv: Interval, side: 'above' | 'below', bound: number, magnitude?: number): Verdict {
  if (side !== 'above' && side !== 'below') throw new RangeError(`side must be 'above' or 'below', but got '${String(side)}'`);
  if (Number.isNaN(iv?.lo) || Number.isNaN(iv?.hi) || !(iv.lo <= iv.hi)) throw new RangeError(`interval must have lo <= hi (no NaN), but got lo=${iv?.lo}, hi=${iv?.hi}`);
  if (!Number.isFinite(bound)) throw new RangeError(`bound must be a finite number, but got ${bound}`);
  if (magnitude !== undefined && !Number.isFinite(magnitude)) throw new RangeError(`magnitude must be a finite number, but got ${magnitude}`);
  const sgn = side === 'above' ? 1 : -1;
  // work in the orientation where "above" is claimed
  const lo = sgn > 0 ? iv.lo : -iv.hi, hi = sgn > 0 ? iv.hi : -iv.lo, b = sgn * bound;
  const m = magnitude === undefined ? undefined : sgn * magnitude;
  if (m !== undefined && m > b) {
    if (lo > m) return 'reproduced';
    // short of the claimed magnitude: partly if the direction is established, otherwise not reproduced
    if (hi < m) return lo > b ? 'partly' : 'not reproduced';
    return 'inconclusive';
  }
  if (lo > b) return 'reproduced';
  if (hi < b) return 'not reproduced';
  return 'inconclusive';
}

export class Ledger {
  private readonly claims: Claim[] = [];
  readonly profile: string;
  constructor(readonly notebook: string, readonly title = notebook, profile?: string) {
    this.profile = profile ?? activeProfile();
  }

  private fail(id: string, what: string): never {
    throw new RangeError(`claim ${id}: ${what}`);
  }

  private finite(id: string, name: string, x: unknown): number {
    if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(id, `${name} must be a finite number, but got ${String(x)}`);
    return x as number;
  }

  /** The unmet scale requirements of a claim at this profile, as one sentence (or null when all are met). */
  private unmet(b: Base): string | null {
    const missing = (b.needs ?? []).filter((n) => {
      this.finite(b.id, `needs '${n.what}'.have`, n.have);
      this.finite(b.id, `needs '${n.what}'.min`, n.min);
      return n.have < n.min;
    });
    if (missing.length === 0) return null;
    return `not testable at ${this.profile}: needs ${missing.map((n) => `${n.what} ≥ ${fmt(n.min)} (has ${fmt(n.have)})`).join(', ')}`;
  }

  private add(b: Base, c: Omit<Claim, 'id' | 'kind' | 'source' | 'statement' | 'note'>): Claim {
    if (typeof b.id !== 'string' || b.id.trim() === '') throw new RangeError(`claim id must be a non-empty string, but got '${String(b.id)}'`);
    if (!KINDS.includes(b.kind)) this.fail(b.id, `kind must be one of ${KINDS.join(', ')}, but got '${String(b.kind)}'`);
    if (this.claims.some((d) => d.id === b.id)) throw new Error(`claim id '${b.id}' is used twice`);
    const gate = c.verdict === 'not testable' ? null : this.unmet(b);
    const claim: Claim = { id: b.id, kind: b.kind, source: b.source, statement: b.statement, ...c, ...(b.note ? { note: b.note } : {}) };
    if (gate) {
      claim.verdict = 'not testable';
      claim.reason = gate;
      claim.rule = `${gate}; at scale: ${c.rule}`;
    }
    this.claims.push(claim);
    return claim;
  }

  /** A deterministic numeric claim: |measured − expected| ≤ atol + rtol·|expected| reproduces; ≤ partlyFactor × that is partly. */
  close(b: Base & { measured: number; expected: number; rtol?: number; atol?: number; partlyFactor?: number; unit?: string }): Claim {
    const measured = this.finite(b.id, 'measured', b.measured), expected = this.finite(b.id, 'expected', b.expected);
    const rtol = b.rtol ?? 0, atol = b.atol ?? 0, pf = b.partlyFactor ?? 1;
    if (!(rtol >= 0) || !(atol >= 0)) this.fail(b.id, `rtol and atol must be ≥ 0, but got rtol = ${rtol}, atol = ${atol}`);
    if (!(pf >= 1)) this.fail(b.id, `partlyFactor must be ≥ 1, but got ${pf}`);
    const tol = atol + rtol * Math.abs(expected);
    if (!(tol > 0)) this.fail(b.id, `tolerance atol + rtol·|expected| must be > 0, but got ${tol} (use check() for exact equality)`);
    const u = b.unit ? ` ${b.unit}` : '';
    return this.add(b, {
      expected: `${fmt(expected)}${u}`,
      measured: `${fmt(measured)}${u}`,
      rule: `|Δ| ≤ ${fmt(tol)}` + (pf > 1 ? ` (partly ≤ ${fmt(pf * tol)})` : ''),
      verdict: verdictFromError(Math.abs(measured - expected), tol, pf * tol),
    });
  }

  /** A qualitative claim decided by a measured predicate: `holds` must be computed from `measured`. */
  check(b: Base & { expected: string; measured: string; holds: boolean; rule: string }): Claim {
    if (typeof b.holds !== 'boolean') this.fail(b.id, `holds must be a boolean, but got ${String(b.holds)}`);
    return this.add(b, { expected: b.expected, measured: b.measured, rule: b.rule, verdict: b.holds ? 'reproduced' : 'not reproduced' });
  }

  /**
   * A qualitative claim with a strict and a loose test (e.g. intervals separated vs means ordered):
   * strict → reproduced, only loose → partly, neither → not reproduced. Both computed from `measured`.
   */
  checkGraded(b: Base & { expected: string; measured: string; holds: boolean; holdsLoosely: boolean; rule: string }): Claim {
    if (typeof b.holds !== 'boolean' || typeof b.holdsLoosely !== 'boolean') this.fail(b.id, 'holds and holdsLoosely must be booleans');
    if (b.holds && !b.holdsLoosely) this.fail(b.id, 'the strict test holds but the loose one does not: the loose test must be implied by the strict one');
    return this.add(b, {
      expected: b.expected, measured: b.measured, rule: b.rule,
      verdict: b.holds ? 'reproduced' : b.holdsLoosely ? 'partly' : 'not reproduced',
    });
  }

  /** A claim tested over many cases: the verdict comes from the fraction that holds (≥ full reproduced, ≥ partly partly). */
  fraction(b: Base & { expected: string; holding: number; total: number; full?: number; partly?: number }): Claim {
    if (!Number.isInteger(b.total) || b.total <= 0) this.fail(b.id, `total must be an integer > 0, but got ${b.total}`);
    if (!Number.isInteger(b.holding) || b.holding < 0 || b.holding > b.total) this.fail(b.id, `holding must be an integer in [0, total = ${b.total}], but got ${b.holding}`);
    const full = b.full ?? 1, partly = b.partly ?? 0.5;
    if (!(full > 0 && full <= 1) || !(partly >= 0 && partly <= full)) this.fail(b.id, `need 0 ≤ partly ≤ full ≤ 1, but got full = ${full}, partly = ${partly}`);
    const frac = b.holding / b.total;
    return this.add(b, {
      expected: b.expected,
      measured: `holds in ${b.holding}/${b.total} cases (${(100 * frac).toFixed(0)}%)`,
      rule: `fraction ≥ ${full} reproduced, ≥ ${partly} partly`,
      verdict: verdictFromFraction(frac, full, partly),
    });
  }

  /**
   * A quantity measured over replicates (or with a given interval) lies above or below `bound`:
   * interval entirely on the claimed side → reproduced, entirely on the other → not reproduced, else
   * inconclusive. With `magnitude`, past the bound but short of the magnitude is partly.
   */
  threshold(b: Base & { value: readonly number[] | Interval; side: 'above' | 'below'; bound: number; magnitude?: number; expected: string; unit?: string; level?: number; method?: 't' | 'bootstrap'; minReplicates?: number }): Claim {
    const bound = this.finite(b.id, 'bound', b.bound);
    if (b.magnitude !== undefined) this.finite(b.id, 'magnitude', b.magnitude);
    const { iv, early } = this.intervalOf(b, b.value, b.level, b.method, b.minReplicates);
    const rel = b.side === 'above' ? '>' : '<';
    const rule = `${Math.round((b.level ?? 0.95) * 100)} % interval ${rel} ${fmt(bound)} → reproduced; ${b.side === 'above' ? '<' : '>'} ${fmt(bound)} → not reproduced; straddles → inconclusive` +
      (b.magnitude !== undefined ? `; short of ${fmt(b.magnitude)} → partly` : '');
    if (early) return early(rule);
    return this.add(b, { expected: b.expected, measured: fmtInterval(iv!, b.unit), rule, interval: iv!, verdict: verdictFromInterval(iv!, b.side, bound, b.magnitude) });
  }

  /**
   * A quantity measured over replicates (or with a given interval) equals `expected` within `tol`:
   * interval inside [expected ± tol] → reproduced, disjoint from it → not reproduced, else inconclusive.
   */
  within(b: Base & { value: readonly number[] | Interval; expected: number; tol: number; unit?: string; level?: number; method?: 't' | 'bootstrap'; minReplicates?: number }): Claim {
    const expected = this.finite(b.id, 'expected', b.expected), tol = this.finite(b.id, 'tol', b.tol);
    if (!(tol > 0)) this.fail(b.id, `tol must be > 0, but got ${tol}`);
    const { iv, early } = this.intervalOf(b, b.value, b.level, b.method, b.minReplicates);
    const lo = expected - tol, hi = expected + tol, u = b.unit ? ` ${b.unit}` : '';
    const rule = `${Math.round((b.level ?? 0.95) * 100)} % interval inside [${fmt(lo)}, ${fmt(hi)}] → reproduced; disjoint → not reproduced; overlapping → inconclusive`;
    if (early) return early(rule, `${fmt(expected)} ± ${fmt(tol)}${u}`);
    const v: Verdict = iv!.lo >= lo && iv!.hi <= hi ? 'reproduced' : iv!.hi < lo || iv!.lo > hi ? 'not reproduced' : 'inconclusive';
    return this.add(b, { expected: `${fmt(expected)} ± ${fmt(tol)}${u}`, measured: fmtInterval(iv!, b.unit), rule, interval: iv!, verdict: v });
  }

  /**
   * A comparative claim "A is greater (or less) than B" from replicates: the interval of the
   * difference a − b (paired t when both arms share seeds and data, Welch t or a bootstrap
   * otherwise) decides. Entirely on the claimed side of 0 (or of `margin`, the claimed magnitude)
   * → reproduced; entirely on the other side → not reproduced; straddling → inconclusive; right
   * direction but short of the margin → partly.
   */
  compare(b: Base & { a: readonly number[]; b: readonly number[]; labels: [string, string]; direction: 'greater' | 'less'; paired: boolean; margin?: number; deadZone?: number; expected?: string; unit?: string; level?: number; method?: 't' | 'bootstrap'; minReplicates?: number }): Claim {
    const level = b.level ?? 0.95, minRep = b.minReplicates ?? 3;
    const [la, lb] = b.labels;
    const n = Math.min(b.a?.length ?? 0, b.b?.length ?? 0);
    [b.a, b.b].forEach((xs, k) => {
      if (!Array.isArray(xs) && !ArrayBuffer.isView(xs)) this.fail(b.id, `${k ? 'b' : 'a'} must be an array of replicates`);
      xs.forEach((x, i) => this.finite(b.id, `${k ? 'b' : 'a'}[${i}]`, x));
    });
    if (b.paired && b.a.length !== b.b.length) this.fail(b.id, `paired arms need equal lengths, but got ${b.a.length} and ${b.b.length}`);
    if (b.margin !== undefined && !(this.finite(b.id, 'margin', b.margin) >= 0)) this.fail(b.id, `margin must be ≥ 0, but got ${b.margin}`);
    const dz = b.deadZone ?? 0;
    if (!(Number.isFinite(dz) && dz >= 0)) this.fail(b.id, `deadZone must be a finite number ≥ 0, but got ${b.deadZone}`);
    const rel = b.direction === 'greater' ? '>' : '<';
    const expected = b.expected ?? `${la} ${rel} ${lb}${b.margin ? ` by ≥ ${fmt(b.margin)}${b.unit ? ' ' + b.unit : ''}` : ''}`;
    const method = b.method ?? 't';
    const how = b.paired ? (method === 't' ? 'paired t' : 'paired bootstrap') : method === 't' ? 'Welch t' : 'bootstrap';
    const rule = `${Math.round(level * 100)} % ${how} interval of ${la} − ${lb} ${b.direction === 'greater' ? 'above' : 'below'} ${b.margin ? `±${fmt(b.margin)}` : '0'} → reproduced; on the other side → not reproduced; straddling → inconclusive` +
      (dz > 0 ? `; within ±${fmt(dz)} of 0 (too small to decide) → inconclusive` : '');
    const meansText = () => `${la} ${fmt(mean(b.a as number[]))}, ${lb} ${fmt(mean(b.b as number[]))}${b.unit ? ' ' + b.unit : ''}`;
    const needs = [...(b.needs ?? []), { what: 'replicates per arm', have: n, min: Math.max(2, minRep) }];
    const gate = this.unmet({ ...b, needs });
    if (gate) return this.add({ ...b, needs: [] }, { expected, measured: n > 0 ? `means ${meansText()} (n = ${n})` : 'no replicates', rule: `${gate}; at scale: ${rule}`, verdict: 'not testable', reason: gate });
    let iv: Interval;
    if (b.paired) {
      iv = method === 't' ? pairedDifference(b.a, b.b, level) : bootstrapInterval(b.a.map((x, i) => x - b.b[i]), mean, { level });
      if (method !== 't') iv.method = `paired ${iv.method}`;
    } else if (method === 't') {
      iv = welchDifference(b.a, b.b, level);
    } else {
      iv = bootstrapDifference(b.a, b.b, { level });
    }
    const side = b.direction === 'greater' ? 'above' : 'below';
    const margin = b.margin ? (b.direction === 'greater' ? b.margin : -b.margin) : undefined;
    let verdict = verdictFromInterval(iv, side, 0, margin);
    // a dead zone: differences within ±deadZone are too small to decide on this machine — the interval must clear it to decide either way
    if (dz > 0 && verdict !== 'inconclusive' && iv.lo <= dz && iv.hi >= -dz) verdict = 'inconclusive';
    return this.add({ ...b, needs: [] }, { expected, measured: `${la} − ${lb} = ${fmtInterval(iv, b.unit)}; means ${meansText()}`, rule, interval: iv, verdict });
  }

  /** A claim this profile or this data cannot test; says why (the reason is required). */
  notTestable(b: Base & { expected: string; reason: NotTestableReason; why: string }): Claim {
    if (!['data', 'no quantitative content', 'scale', 'other'].includes(b.reason)) this.fail(b.id, `reason must be one of data, no quantitative content, scale, other, but got '${String(b.reason)}'`);
    if (typeof b.why !== 'string' || b.why.trim() === '') this.fail(b.id, 'why must say why the claim is not testable');
    const reason = b.reason === 'scale' ? `not testable at ${this.profile}: ${b.why}` : `${b.reason}: ${b.why}`;
    return this.add(b, { expected: b.expected, measured: '—', rule: b.why, verdict: 'not testable', reason });
  }

  /** Interval of replicates (t or bootstrap) or a given interval; below minReplicates the claim is not testable at this profile. */
  private intervalOf(b: Base & { expected?: unknown; unit?: string }, value: readonly number[] | Interval, level = 0.95, method: 't' | 'bootstrap' = 't', minReplicatesGiven?: number) {
    const minReplicates = minReplicatesGiven ?? 3;
    let iv: Interval | undefined;
    let early: ((rule: string, expected?: string) => Claim) | undefined;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const xs = value as readonly number[];
      xs.forEach((x, i) => this.finite(b.id, `value[${i}]`, x));
      const needs = [...(b.needs ?? []), { what: 'replicates', have: xs.length, min: Math.max(2, minReplicates) }];
      const gate = this.unmet({ ...b, needs });
      if (gate) {
        early = (rule, expected) => this.add({ ...b, needs: [] }, {
          expected: expected ?? String(b.expected), measured: xs.length ? `mean ${fmt(mean(xs as number[]))}${b.unit ? ' ' + b.unit : ''} (n = ${xs.length})` : 'no replicates',
          rule: `${gate}; at scale: ${rule}`, verdict: 'not testable', reason: gate,
        });
      } else {
        iv = method === 't' ? tIntervalMean(xs, level) : bootstrapInterval(xs, mean, { level });
      }
    } else {
      const v = value as Interval;
      if (!v || typeof v !== 'object') this.fail(b.id, 'value must be an array of replicates or an Interval');
      for (const k of ['estimate', 'lo', 'hi'] as const) this.finite(b.id, `value.${k}`, v[k]);
      if (!(v.lo <= v.estimate && v.estimate <= v.hi)) this.fail(b.id, `interval must satisfy lo ≤ estimate ≤ hi, but got [${v.lo}, ${v.hi}] around ${v.estimate}`);
      // a ready-made interval is gated on its n only when the claim states minReplicates (fits over a few sizes carry their own n)
      const gate = minReplicatesGiven !== undefined ? this.unmet({ ...b, needs: [...(b.needs ?? []), { what: 'replicates', have: v.n, min: minReplicatesGiven }] }) : null;
      if (gate) {
        early = (rule, expected) => this.add({ ...b, needs: [] }, {
          expected: expected ?? String(b.expected), measured: fmtInterval(v, b.unit), rule: `${gate}; at scale: ${rule}`, verdict: 'not testable', reason: gate, interval: v,
        });
      } else iv = v;
    }
    return { iv, early };
  }

  rows(): readonly Claim[] {
    return this.claims;
  }

  /** Counts per verdict, overall and per kind. */
  summary(): Summary {
    const total = emptyCounts();
    const byKind = Object.fromEntries(KINDS.map((k) => [k, emptyCounts()])) as Record<Kind, Record<Verdict, number>>;
    for (const c of this.claims) {
      total[c.verdict] += 1;
      byKind[c.kind][c.verdict] += 1;
    }
    return { total, byKind };
  }

  /** An HTML table of the claims (for display.html in a notebook), with a tally per kind. */
  toHtml(): string {
    return claimsTableHtml(this.claims) + tallyHtml(this.summary());
  }

  /** Write reports/claims/<notebook>.json (directory from REPORT_DIR, default ./reports). */
  save(dir = path.join(process.env.REPORT_DIR ?? 'reports', 'claims')): string {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${this.notebook}.json`);
    fs.writeFileSync(file, JSON.stringify({ notebook: this.notebook, title: this.title, profile: this.profile, summary: this.summary(), claims: this.claims }, null, 2));
    return file;
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The claims table: one row per claim, coloured by verdict, with its kind. */
export function claimsTableHtml(claims: readonly Claim[]): string {
  const head = ['id', 'kind', 'source', 'claim', 'expected', 'measured', 'rule', 'verdict'];
  const body = claims
    .map((c) => {
      const tds = [c.id, c.kind, c.source, c.statement, c.expected, c.measured, c.rule].map((x) => `<td>${esc(x)}</td>`).join('');
      const note = c.note ? `<br><em>${esc(c.note)}</em>` : '';
      const reason = c.reason ? `<br><small>${esc(c.reason)}</small>` : '';
      return `<tr class="v-${c.verdict.replace(/ /g, '-')} k-${c.kind}">${tds}<td><b>${c.verdict}</b>${reason}${note}</td></tr>`;
    })
    .join('\n');
  return `<table class="claims"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Tally per kind: one row per kind with claims, one column per verdict. */
export function tallyHtml(s: Summary): string {
  const rows = KINDS.filter((k) => VERDICTS.some((v) => s.byKind[k][v] > 0))
    .map((k) => `<tr><td>${esc(KIND_LABEL[k])}</td>${VERDICTS.map((v) => `<td class="num">${s.byKind[k][v]}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="tally"><thead><tr><th>kind</th>${VERDICTS.map((v) => `<th>${v}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}

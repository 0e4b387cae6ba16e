/**
 * The runtime claims of Chinea ("Discussion", bottom figure and text) booked from the runtime probe
 * (`chinaeTiming` in ./chinae-experiments): per dataset and opponent (sigmoid, tanh) the escalation of training
 * time with width (E3/G3/C3), training time at the largest width on TF.js (E4…) and on the float64 engine (E4…f),
 * recall time on both engines (E5…, E5…f), and on the 2-D set the absence of the penalty below N = 10 000 (C6, C6b).
 *
 * Every comparison is the paired ln-ratio ln t(ReLU) − ln t(other) over the replicates (sessions × rounds) at
 * `level` (99 %), decided by `Ledger.compare` with a dead zone per engine: the measured run-to-run spread of the
 * probe (`sessionDeadZone`: 3 between-run standard deviations of the pooled mean, from the difference between its
 * two sessions), or `fallbackDeadZone` when the profile runs one session. The protocol and the reasons are in
 * docs/derivations/00-chinae.md §5.
 */
import { mean, pairedDifference } from '../../core/statistics';
import { fmt, type Ledger } from '../../report/claims';
import { DATASETS, sessionDeadZone, timingSeries, type ChinaeSizes, type Engine } from './chinae-experiments';
import { slopesPerRound } from './thermo-experiments';

type Entry = { config: Record<string, unknown>; record: Record<string, unknown>; seed: number };

export interface RuntimeClaimOptions {
  /** interval level of every runtime comparison (the notebook: 0.99) */
  level: number;
  /** dead zone (ln-ratio) where a profile has a single session and the spread cannot be measured */
  fallbackDeadZone: number;
  /** fewest replicates (sessions × rounds) for a runtime comparison to be testable */
  minReplicates: number;
  /** engine labels for the notes */
  engineLabel: Record<Engine, string>;
  /** appended to every note of a clouds-substitute claim */
  cloudsNote: string;
}

const IDP: Record<string, string> = { phoneme: 'E', Gauss8D: 'G', 'clouds-substitute': 'C' };
const OTHERS = [['sigmoid', ''], ['tanh', 'b']] as const;

/** The ratio exp(mean ln-ratio) with its paired-t interval's ends exponentiated: "; ratio … 0.81 [0.77, 0.85]" ("" below 2 replicates). */
const ratioText = (lnA: readonly number[], lnB: readonly number[], level: number, what = 't(ReLU)/t(other)') => {
  if (lnA.length < 2 || lnA.length !== lnB.length) return '';
  const iv = pairedDifference(lnA, lnB, level);
  return `; ratio ${what} ${fmt(Math.exp(iv.estimate))} [${fmt(Math.exp(iv.lo))}, ${fmt(Math.exp(iv.hi))}] (${Math.round(level * 100)} %)`;
};

/** The dead zone of each engine and how it was obtained (for the notes and the notebook's text). */
export function runtimeDeadZones(entries: readonly Entry[], fallback: number) {
  return Object.fromEntries((['tfjs', 'float64'] as const).map((engine) => {
    const s = sessionDeadZone(entries, engine);
    return [engine, s ? { ...s, how: `dead zone ±${fmt(s.deadZone)} = max(ln 1.02, 3 × ${fmt(s.rms)}/2): 3 between-run SDs of the pooled mean, from the rms difference of ${s.cases} mean ln-ratios between the two sessions (largest ${fmt(s.maxAbs)})` }
      : { deadZone: fallback, rms: NaN, maxAbs: NaN, cases: 0, how: `dead zone ±${fmt(fallback)} (ln 1.1; one session at this profile, so the run-to-run spread is not measured)` }];
  })) as Record<Engine, { deadZone: number; rms: number; maxAbs: number; cases: number; how: string }>;
}

/** Book the runtime claims; returns the dead zones used. */
export function bookRuntimeClaims(ledger: Ledger, entries: readonly Entry[], sizes: ChinaeSizes, o: RuntimeClaimOptions) {
  const T = sizes.timing, TW = T.widths, TWmax = TW[TW.length - 1], reps = T.rounds * T.sessions;
  const dz = runtimeDeadZones(entries, o.fallbackDeadZone);
  const repNeeds = [{ what: 'timing replicates (sessions × rounds)', have: reps, min: o.minReplicates }];
  const opts = (engine: Engine) => ({ paired: true, level: o.level, deadZone: dz[engine].deadZone }) as const;
  const ln = (xs: readonly number[]) => xs.map((x) => Math.log(x));
  const tnote = (engine: Engine, cn: string) => `runtime probe, ${T.sessions} session(s) × ${T.rounds} interleaved rounds, each replicate the fastest of ${T.bestOf[engine]} samples spread over ${T.bestOf[engine]} rounds, CPU time; ${o.engineLabel[engine]}; ${dz[engine].how}${cn}`;
  const book = (args: Parameters<Ledger['compare']>[0], what?: string) =>
    ledger.compare({ ...args, note: `${args.note ?? ''}${ratioText(args.a, args.b, o.level, what)}` });
  for (const data of DATASETS) {
    const idp = IDP[data], isC = idp === 'C', cn = isC ? o.cloudsNote : '';
    const Nlarge = isC ? (TW.find((N) => N >= 10000) ?? TWmax) : TWmax, Nmin = isC ? 10000 : 5000;
    const widthNeed = (have: number) => [{ what: 'timed width N', have, min: Nmin }];
    const tr = (engine: Engine, u: string) => timingSeries(entries, engine, data, `trainCpu_${u}`);
    const rc = (u: string, engine: Engine = 'tfjs') => timingSeries(entries, engine, data, `recallCpu_${u}`);
    for (const [other, sfx] of OTHERS) {
      // per-replicate least-squares slopes of CPU time vs N, compared as ln(slope) (floored at 1e-9: at quick's small widths a slope can be ≤ 0)
      const lnSlopes = (u: string) => slopesPerRound(TW, tr('tfjs', u)).map((x) => Math.log(Math.max(x, 1e-9)));
      book({ id: `${idp}3${sfx}`, kind: isC ? 'beyond' : 'paper', source: `Discussion (${data})`, statement: `ReLU training runtime escalates with hidden width faster than ${other}`,
        a: lnSlopes('ReLU'), b: lnSlopes(other), labels: ['ln slope(ReLU)', `ln slope(${other})`], direction: 'greater', ...opts('tfjs'), needs: [...repNeeds, ...widthNeed(TWmax)],
        expected: 'larger slope of CPU time per epoch vs N: ln-ratio of slopes > 0',
        note: `slopes over N = ${TW.join(', ')}: ReLU ${fmt(Math.exp(mean(lnSlopes('ReLU'))))}, ${other} ${fmt(Math.exp(mean(lnSlopes(other))))} ms per unit of N (geometric means); ${tnote('tfjs', cn)}` }, 'slope(ReLU)/slope(other)');
      const t4 = (engine: Engine, N: number) => [tr(engine, 'ReLU')[N], tr(engine, other)[N]];
      const [a4, b4] = t4('tfjs', Nlarge);
      book({ id: `${idp}4${sfx}`, kind: 'paper', source: `Discussion (${data})`, statement: `at large width (N = ${Nlarge}) ReLU networks train slower than ${other} networks`,
        a: ln(a4), b: ln(b4), labels: ['ln t(ReLU)', `ln t(${other})`], direction: 'greater', ...opts('tfjs'), needs: [...repNeeds, ...widthNeed(Nlarge)],
        expected: 'higher training time per epoch: ln-ratio > 0', note: `mean CPU time per epoch ReLU ${fmt(mean(a4))} ms, ${other} ${fmt(mean(b4))} ms; ${tnote('tfjs', cn)}` });
      const F64max = T.float64Widths[T.float64Widths.length - 1];
      const [af, bf] = t4('float64', F64max);
      book({ id: `${idp}4${sfx}f`, kind: 'beyond', source: `Discussion (${data}), second engine`, statement: `at N = ${F64max} ReLU networks train slower than ${other} networks, on a float64 TypeScript engine`,
        a: ln(af), b: ln(bf), labels: ['ln t(ReLU)', `ln t(${other})`], direction: 'greater', ...opts('float64'), needs: [...repNeeds, ...widthNeed(F64max)],
        expected: 'higher training time per epoch: ln-ratio > 0', note: `mean CPU time per epoch ReLU ${fmt(mean(af))} ms, ${other} ${fmt(mean(bf))} ms; ${tnote('float64', cn)}` });
      book({ id: `${idp}5${sfx}`, kind: isC ? 'beyond' : 'paper', source: `Discussion (${data})`, statement: `recall (inference) is faster for ReLU than for ${other} networks (N = ${TWmax})`,
        a: ln(rc('ReLU')[TWmax]), b: ln(rc(other)[TWmax]), labels: ['ln t(ReLU)', `ln t(${other})`], direction: 'less', ...opts('tfjs'), needs: repNeeds,
        expected: 'lower recall time over the test set: ln-ratio < 0',
        note: `recall CPU means at N = ${TW.join(', ')}: ` + TW.map((N) => `ReLU ${fmt(mean(rc('ReLU')[N]))} / ${other} ${fmt(mean(rc(other)[N]))}`).join('; ') + ` ms; ${tnote('tfjs', cn)}` });
      book({ id: `${idp}5${sfx}f`, kind: 'beyond', source: `Discussion (${data}), second engine`, statement: `recall (inference) is faster for ReLU than for ${other} networks (N = ${F64max}), on a float64 TypeScript engine`,
        a: ln(rc('ReLU', 'float64')[F64max]), b: ln(rc(other, 'float64')[F64max]), labels: ['ln t(ReLU)', `ln t(${other})`], direction: 'less', ...opts('float64'), needs: repNeeds,
        expected: 'lower recall time over the test set: ln-ratio < 0', note: `mean recall CPU time ReLU ${fmt(mean(rc('ReLU', 'float64')[F64max]))} ms, ${other} ${fmt(mean(rc(other, 'float64')[F64max]))} ms; ${tnote('float64', cn)}` });
    }
  }
  // C6: below the Clouds threshold the penalty should be absent: at the largest timed N < 10 000 ReLU trains no slower (reproduced only if measurably faster)
  const Nbelow = [...TW].reverse().find((N) => N < 10000) ?? TW[0];
  for (const [other, sfx] of OTHERS) {
    const tc = (u: string) => timingSeries(entries, 'tfjs', 'clouds-substitute', `trainCpu_${u}`)[Nbelow];
    book({ id: `C6${sfx}`, kind: 'paper', source: 'Discussion (Clouds.dat → clouds-substitute)',
      statement: `on the 2-D set the ReLU training-runtime penalty appears only at N ≥ 10 000: below it (N = ${Nbelow}) ReLU trains faster than ${other} — on clouds-substitute (not the ELENA Clouds data)`,
      a: ln(tc('ReLU')), b: ln(tc(other)), labels: ['ln t(ReLU)', `ln t(${other})`], direction: 'less', ...opts('tfjs'),
      needs: [...repNeeds, { what: 'largest timed width N', have: TWmax, min: 10000 }, { what: 'timed width below 10 000', have: Nbelow < 10000 ? 1 : 0, min: 1 }],
      expected: 'lower (not higher) training time per epoch below N = 10 000: ln-ratio < 0',
      note: `mean CPU time per epoch ReLU ${fmt(mean(tc('ReLU')))} ms, ${other} ${fmt(mean(tc(other)))} ms; a tie is inconclusive; the penalty side is C4; the model cannot express a width threshold (T2); ${tnote('tfjs', o.cloudsNote)}` });
  }
  return dz;
}

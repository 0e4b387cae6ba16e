/**
 * The authors' stored runs (data/milletari-runs/, lib/data/milletari-runs) set against this library:
 * their Hessian recomputed at their stored parameters with the exact float64 Hessian of
 * ./esp-network on the recovered split (data/milletari/), their α and γ recomputed as they coded
 * them (docs/derivations/03-milletari.md §3.6: γ = identically-zero rows, α = mean(λ < 0) with the
 * zero rows contributing exact zeros) and with relative tolerances, and their loss and accuracies
 * recomputed from their parameters.
 */
import { assertFinite } from '../../core/guards';
import { loadStoredRun, STORED_BINARY_RUNS, type StoredRun, type StoredActivation } from '../../data/milletari-runs';
import { defineExperiment } from '../../runtime/experiment';
import { eigenWithZeroRowsSplit, indicesAsCoded, indicesRobust, type DenseMatrix } from '../../analysis/hessian';
import { accuracy, denseHessian, lossOf, makeEspNet, zeroResidualFraction } from './esp-network';
import { ROBUST_TOLERANCES } from './milletari-experiment';
import { dataOf } from './experiments';

/** Largest |A − B| relative to max|B| over two flat matrices of the same size. */
export function relativeMatrixDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`matrices must be non-empty and of equal size, but have ${a.length} and ${b.length} entries`);
  let d = 0, m = 0;
  for (let i = 0; i < a.length; i++) {
    assertFinite(a[i], `a[${i}]`);
    assertFinite(b[i], `b[${i}]`);
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return m === 0 ? d : d / m;
}

export interface StoredComparison {
  task: 'linear' | 'nonlinear';
  arch: string;
  activation: StoredActivation;
  nParams: number;
  /** max|H_ours − H_theirs| / max|H_theirs| at the first and last record */
  hessianRelDiffFirst: number;
  hessianRelDiffLast: number;
  /** their stored α, γ at the last record; ours as coded from our Hessian at their parameters */
  alphaTheirs: number;
  gammaTheirs: number;
  alphaCoded: number;
  gammaCoded: number;
  /** α, γ with τ = relTol·max|λ|, one entry per ROBUST_TOLERANCES */
  alphaRobust: number[];
  gammaRobust: number[];
  /** their stored final cost, accuracies and the same recomputed from their parameters */
  costTheirs: number;
  costOurs: number;
  trainAccTheirs: number;
  trainAccOurs: number;
  testAccTheirs: number;
  testAccOurs: number;
  zeroResidualOurs: number;
}

/** Compare one stored binary run with this library's computations at its stored parameters. */
export function compareStoredRun(task: 'linear' | 'nonlinear', hidden: number[], activation: StoredActivation, run?: StoredRun): StoredComparison {
  const r = run ?? loadStoredRun(task, hidden, activation);
  if (r.task !== task) throw new RangeError(`stored run is for task '${r.task}', not '${task}'`);
  const net = makeEspNet({ sizes: r.layers, activation });
  if (net.nParams !== r.nParams) throw new Error(`stored run ${task}-${hidden.join('-')}-${activation}: ${r.nParams} parameters, but this library's network has ${net.nParams}`);
  const d = dataOf(task);
  const first = r.params[0], last = r.params[r.records - 1];
  const Hf = denseHessian(net, first, d.xTrain, d.yTrain), Hl = denseHessian(net, last, d.xTrain, d.yTrain);
  const eig = eigenWithZeroRowsSplit(Hl as DenseMatrix);
  const coded = indicesAsCoded(eig.values);
  const robust = ROBUST_TOLERANCES.map((t) => indicesRobust(eig.values, t));
  return {
    task, arch: hidden.join('-'), activation, nParams: r.nParams,
    hessianRelDiffFirst: relativeMatrixDifference(Hf.data, r.hessianFirst!), hessianRelDiffLast: relativeMatrixDifference(Hl.data, r.hessianLast!),
    alphaTheirs: r.alpha[r.records - 1], gammaTheirs: r.gamma[r.records - 1],
    alphaCoded: coded.alpha, gammaCoded: eig.zeroRows.length / eig.values.length,
    alphaRobust: robust.map((x) => x.alpha), gammaRobust: robust.map((x) => x.gamma),
    costTheirs: r.cost[r.records - 1], costOurs: lossOf(net, last, d.xTrain, d.yTrain),
    trainAccTheirs: r.accuracyTrain[r.records - 1], trainAccOurs: accuracy(net, last, d.xTrain, d.yTrain),
    testAccTheirs: r.accuracyTest[r.records - 1], testAccOurs: accuracy(net, last, d.xTest, d.yTest),
    zeroResidualOurs: zeroResidualFraction(net, last, d.xTrain, d.yTrain),
  };
}

/**
 * Where one value falls in a sample: the fraction of sample values below it, and of values equal to
 * it (a mid-rank percentile = below + equal/2, in [0, 1]).
 */
export function percentileOf(value: number, sample: readonly number[]): { below: number; equal: number; midRank: number; n: number } {
  assertFinite(value, 'value');
  const xs = sample.filter(Number.isFinite);
  if (xs.length === 0) throw new RangeError('percentileOf: sample must contain at least one finite value');
  const below = xs.filter((x) => x < value).length, equal = xs.filter((x) => x === value).length;
  return { below: below / xs.length, equal: equal / xs.length, midRank: (below + equal / 2) / xs.length, n: xs.length };
}

export interface StoredConfig { [k: string]: unknown; task: 'linear' | 'nonlinear'; hidden: number[]; activation: StoredActivation }

/** Task function of `storedComparisons` (the seed is unused: the authors ran one). */
export function storedTask(c: StoredConfig, seed: number): Record<string, unknown> {
  if (seed !== 0) throw new RangeError(`storedTask: the authors' runs have one seed, so seed must be 0, but got ${seed}`);
  return { ...compareStoredRun(c.task, c.hidden, c.activation) };
}

/** The twelve stored binary runs recomputed (one task each). */
export const storedComparisons = defineExperiment<StoredConfig>({
  name: 'milletari-stored-runs', label: '03 the authors\' stored runs', version: 1,
  module: 'lib/experiments/milletari/stored-runs.ts', task: 'storedTask',
  tasks: () => STORED_BINARY_RUNS.map((r) => ({ config: { task: r.task, hidden: r.hidden, activation: r.activation }, seed: 0, cost: r.task === 'linear' ? 1 : 15 })),
});

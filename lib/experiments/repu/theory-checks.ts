/**
 * Two statements of the effective theory behind Kim & Kang (arXiv 2408.02697 §2.2, eq. (5); PDLT §5.1, §9.1), checked
 * on an ensemble of finite-width networks at initialisation, one network per task (float64 weights, Def. 2, C_b = 0):
 *
 * - **Two nearby inputs (eq. (5)).** Pair ∥: x± = √(1 ± ε)·(s, s), so K⁽¹⁾ = C_W s²(1 ± ε); pair ⊥: (s, s) and the same
 *   vector turned by an angle θ, so K⁽¹⁾₁₂ = C_W s² cos θ at equal norms. Per layer the task returns the empirical
 *   δK∥ = K̂₊₊ − K̂₋₋ and δK⊥ = (K̂₁₁ + K̂₂₂)/2 − K̂₁₂; their ensemble means are compared with the two-input recursion
 *   (lib/theory/effective-theory kernelFlow2) started from the same K⁽¹⁾ (docs/derivations/02-repu-mrepu.md §3.12).
 * - **Backprop ∝ χ⊥.** A random unit vector u at the last layer is pulled back, g⁽ˡ⁾ = σ′(z⁽ˡ⁾) ⊙ W⁽ˡ⁺¹⁾ᵀ g⁽ˡ⁺¹⁾, on
 *   the input (s, s); at infinite width |g⁽ˡ⁾|² = |u|² Π_{m=ℓ}^{L−1} χ⊥(K⁽ᵐ⁾), the sense in which χ⊥ controls gradients.
 */
import { activation, type Activation } from '../../core/activations';
import { assertInRange, assertInteger, assertOneOf, assertPositive } from '../../core/guards';
import { makeRng } from '../../core/rng';
import type { Profile } from '../../report/profile';
import { defineExperiment, type TaskSpec } from '../../runtime/experiment';
import { repuSizes, REPU_SEED } from './sizes';

export type TheoryCheckConfig = {
  activation: 'mrepu' | 'repu' | 'tanh';
  p: number;
  cw: number;
  /** First-layer kernel of the base input (s, s): K⁽¹⁾ = C_W s². */
  K1: number;
  /** Relative norm split ε of pair ∥ and angle θ (radians) of pair ⊥. */
  eps: number;
  theta: number;
  width: number;
  depth: number;
};

export type TheoryCheckRecord = {
  /** Per layer ℓ = 1…depth: δK∥, δK⊥ of this network, and K̂ of the base input. */
  dPar: number[];
  dPerp: number[];
  K: number[];
  /** Per layer ℓ = 1…depth: |g⁽ˡ⁾|² of the pulled-back unit vector (|g⁽ᴸ⁾|² = 1). */
  grad2: number[];
};

export const actOf = (c: Pick<TheoryCheckConfig, 'activation' | 'p'>): Activation => (c.activation === 'tanh' ? activation('tanh') : activation(c.activation, { p: c.p }));

/** The four inputs (rows of length 2): pair ∥ (x₊, x₋), then pair ⊥ (x₁, x₂). */
export function theoryInputs(c: Pick<TheoryCheckConfig, 'cw' | 'K1' | 'eps' | 'theta'>): number[][] {
  assertPositive(c.cw, 'cw'); assertPositive(c.K1, 'K1');
  assertInRange(c.eps, 'eps', 1e-8, 0.5); assertInRange(c.theta, 'theta', 1e-8, 1);
  const s = Math.sqrt(c.K1 / c.cw), r = Math.SQRT2 * s;
  return [[s * Math.sqrt(1 + c.eps), s * Math.sqrt(1 + c.eps)], [s * Math.sqrt(1 - c.eps), s * Math.sqrt(1 - c.eps)],
    [s, s], [r * Math.cos(Math.PI / 4 + c.theta), r * Math.sin(Math.PI / 4 + c.theta)]];
}

/** Task: one network (seed = network index) on the four inputs, forward and one pull-back. */
export function theoryCheckNetwork(c: TheoryCheckConfig, seed: number): TheoryCheckRecord {
  assertOneOf(c.activation, 'activation', ['mrepu', 'repu', 'tanh'] as const);
  assertInteger(c.width, 'width'); assertInteger(c.depth, 'depth', 2); assertInteger(seed, 'seed', 0);
  const X = theoryInputs(c), k = X.length, n = c.width, a = actOf(c);
  const rng = makeRng(REPU_SEED * 17 + 7919 * seed + Math.round(1e3 * c.cw) + 31 * c.p + c.activation.length);
  let h = new Float64Array(2 * k); // layer input, index j·k + α
  for (let al = 0; al < k; al++) { h[al] = X[al][0]; h[k + al] = X[al][1]; }
  const Ws: Float64Array[] = [], zs: Float64Array[] = [];
  const dPar: number[] = [], dPerp: number[] = [], K: number[] = [];
  let nIn = 2;
  for (let l = 1; l <= c.depth; l++) {
    const sd = Math.sqrt(c.cw / nIn), W = new Float64Array(n * nIn), z = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < nIn; j++) {
      const w = sd * rng.normal();
      W[i * nIn + j] = w;
      for (let al = 0; al < k; al++) z[i * k + al] += w * h[j * k + al];
    }
    const G = new Float64Array(k * k);
    for (let i = 0; i < n; i++) for (let al = 0; al < k; al++) for (let be = al; be < k; be++) G[al * k + be] += z[i * k + al] * z[i * k + be];
    for (let t = 0; t < k * k; t++) G[t] /= n;
    dPar.push(G[0 * k + 0] - G[1 * k + 1]);
    dPerp.push((G[2 * k + 2] + G[3 * k + 3]) / 2 - G[2 * k + 3]);
    K.push(G[2 * k + 2]);
    Ws.push(W); zs.push(z);
    h = z.map(a.f);
    nIn = n;
  }
  // pull back a random unit vector from the last layer on input (s, s) (column α = 2)
  let g = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) { g[i] = rng.normal(); norm += g[i] * g[i]; }
  for (let i = 0; i < n; i++) g[i] /= Math.sqrt(norm);
  const grad2 = new Array(c.depth).fill(0);
  grad2[c.depth - 1] = 1;
  for (let l = c.depth - 1; l >= 1; l--) {
    const W = Ws[l], z = zs[l - 1], prev = new Float64Array(n); // W⁽ˡ⁺¹⁾ is Ws[l] (n × n), z⁽ˡ⁾ is zs[l − 1]
    for (let i = 0; i < n; i++) { const gi = g[i]; for (let j = 0; j < n; j++) prev[j] += W[i * n + j] * gi; }
    let s2 = 0;
    for (let j = 0; j < n; j++) { prev[j] *= a.df(z[j * k + 2]); s2 += prev[j] * prev[j]; }
    grad2[l - 1] = s2;
    g = prev;
  }
  return { dPar, dPerp, K, grad2 };
}

/** The settings: MRePU p = 2 near criticality at K⁽¹⁾ = 1e−3 for three C_W, and tanh at its critical C_W = 1. */
export const THEORY_SETTINGS: Omit<TheoryCheckConfig, 'width' | 'depth'>[] = [
  ...[0.9, 1.0, 1.1].map((cw) => ({ activation: 'mrepu' as const, p: 2, cw, K1: 1e-3, eps: 0.02, theta: 0.1 })),
  { activation: 'tanh', p: 1, cw: 1.0, K1: 0.3, eps: 0.02, theta: 0.1 },
];

export function theoryCheckTasks(profile: Profile): TaskSpec<TheoryCheckConfig>[] {
  const S = repuSizes(profile);
  return THEORY_SETTINGS.flatMap((st) => {
    const config = { ...st, width: S.width, depth: S.depth };
    return Array.from({ length: S.theoryNets }, (_, seed) => ({ config, seed, cost: (S.width * S.width * S.depth) / 1e6 }));
  });
}

/** The ensemble of the two-input (eq. (5)) and backprop ∝ χ⊥ checks: `theoryNets` networks per setting. */
export const theoryChecks = defineExperiment<TheoryCheckConfig, TheoryCheckRecord>({
  name: 'repu-theory-checks', label: 'two nearby inputs and backprop (eq. (5), χ⊥)', version: 1,
  module: 'lib/experiments/repu/theory-checks.ts', task: 'theoryCheckNetwork', tasks: theoryCheckTasks,
});

/**
 * Notebook 02's ensembles at initialisation (Kim & Kang, arXiv 2408.02697 §3.2 Fig. 1, §4.2 Figs. 5–6) as runtime
 * experiments, one task per (configuration, chunk of members), so they run on every core and are cached:
 *
 * - `initEnsembles`: the random-weights estimator. For one fixed input x = (s, s), many networks drawn from the
 *   initialisation distribution (Def. 2), sampled by (b) the exact stochastic metric (lib/analysis/ensembles
 *   sampleEnsembleMetric, float64) or (a) materialised float32 TF.js weights (sampleEnsembleTf). A task returns the
 *   per-member K̂⁽ˡ⁾ = (1/n) Σ_i z_i² and (1/n) Σ_i z_i⁴ of each layer; `joinEnsemble` puts the chunks of one
 *   configuration back into one EnsembleResult (the same statistics as one sampler call over every member).
 * - `singleNetworks`: the paper's second estimator of Figs. 1 and 5, random inputs with the parameters fixed: one
 *   network draw per task (float64 weights), many inputs on the circle |x|² = 2s² (so K⁽¹⁾ = C_W s² for every input and
 *   the infinite-width recursion is the same curve as for the fixed input). Its spread over inputs is the spread
 *   *within one network*; the spread of its input average over tasks is the network-to-network spread
 *   (docs/derivations/02-repu-mrepu.md §3.11).
 *
 * C_b = 0 throughout (the paper's setting for these figures).
 */
import { activation, type Activation } from '../../core/activations';
import { initBackend } from '../../core/backend';
import { assertInteger, assertOneOf, assertPositive, assertFinite } from '../../core/guards';
import { makeRng } from '../../core/rng';
import { FLOAT32_MAX, sampleEnsembleMetric, sampleEnsembleTf, type EnsembleResult, type LayerStats } from '../../analysis/ensembles';
import type { Profile } from '../../report/profile';
import { defineExperiment, type TaskSpec } from '../../runtime/experiment';
import { repuSizes, REPU_SEED } from './sizes';

/** What both estimators share: the figure and series, the network's activation, C_W, input scale and shape. */
type NetworkFamily = {
  /** Which figure the ensemble belongs to ('fig1', 'ks', 'fig5', 'fig6') and its series key within it. */
  group: string;
  key: string;
  activation: 'repu' | 'mrepu';
  p: number;
  cw: number;
  /** The input scale: x = (s, s), or inputs on the circle |x|² = 2s² (either way K⁽¹⁾ = C_W s²). */
  s: number;
  width: number;
  depth: number;
};

export type InitEnsembleConfig = NetworkFamily & {
  sampler: 'metric' | 'tf';
  /** Members in this chunk, and in the whole ensemble. */
  members: number;
  total: number;
  /** Base seed of the ensemble (the chunk index, the task seed, is mixed into it). */
  seed0: number;
};

export type InitEnsembleRecord = {
  members: number;
  valid: number;
  /** First overflowing layer of each overflowed member. */
  overflowLayers: number[];
  /** Flat [layer·valid + m]: K̂⁽ˡ⁾ of valid member m, and (1/n) Σ_i z_i⁴. */
  kernels: number[];
  m4: number[];
  /** Wall time of the sampler (ms), for the cost comparison of (a) and (b). */
  ms: number;
};

const act = (name: 'repu' | 'mrepu', p: number): Activation => activation(name, { p });

/** The seed of chunk `chunk` of an ensemble with base seed `seed0` (chunk 0 keeps seed0). */
export function chunkSeed(seed0: number, chunk: number): number {
  assertInteger(chunk, 'chunk', 0);
  return seed0 + 7919 * chunk;
}

/** Task: one chunk of members of one ensemble (seed = chunk index). */
export async function sampleInitChunk(c: InitEnsembleConfig, chunk: number): Promise<InitEnsembleRecord> {
  assertOneOf(c.sampler, 'sampler', ['metric', 'tf'] as const);
  assertInteger(c.members, 'members'); assertInteger(c.width, 'width'); assertInteger(c.depth, 'depth');
  assertPositive(c.cw, 'cw'); assertFinite(c.s, 's');
  const spec = { activation: act(c.activation, c.p), cw: c.cw, cb: 0, inputs: [[c.s, c.s]], width: c.width, depth: c.depth, members: c.members, seed: chunkSeed(c.seed0, chunk) };
  if (c.sampler === 'tf') await initBackend();
  const t = Date.now();
  const r = c.sampler === 'metric' ? sampleEnsembleMetric(spec) : sampleEnsembleTf(spec);
  const ms = Date.now() - t;
  return { members: r.members, valid: r.valid, overflowLayers: r.overflowLayers, kernels: r.memberKernels.flatMap((k) => Array.from(k)), m4: r.memberM4.flatMap((k) => Array.from(k)), ms };
}

/**
 * The chunks of one ensemble joined into one EnsembleResult (members in chunk order). `layers[ℓ].V` is
 * (n_{ℓ−1}/3)(E z⁴ − 3(E z²)²) over every valid member, as in one sampler call; `Vmetric` is not carried (NaN).
 */
export function joinEnsemble(chunks: readonly { config: Pick<InitEnsembleConfig, 'depth' | 'width' | 'sampler'>; record: InitEnsembleRecord }[]): EnsembleResult {
  if (!chunks.length) throw new RangeError('joinEnsemble needs at least one chunk, but got 0');
  const { depth, width, sampler } = chunks[0].config;
  chunks.forEach((c, i) => {
    if (c.config.depth !== depth || c.config.width !== width) throw new RangeError(`joinEnsemble: chunk ${i} has depth ${c.config.depth} and width ${c.config.width}, but chunk 0 has ${depth} and ${width}`);
    if (c.record.kernels.length !== depth * c.record.valid) throw new RangeError(`joinEnsemble: chunk ${i} must hold depth·valid = ${depth * c.record.valid} kernels, but has ${c.record.kernels.length}`);
  });
  const memberKernels: Float64Array[] = [], memberM4: Float64Array[] = [];
  for (let l = 0; l < depth; l++) {
    memberKernels.push(Float64Array.from(chunks.flatMap((c) => c.record.kernels.slice(l * c.record.valid, (l + 1) * c.record.valid))));
    memberM4.push(Float64Array.from(chunks.flatMap((c) => c.record.m4.slice(l * c.record.valid, (l + 1) * c.record.valid))));
  }
  const nPrev = Array.from({ length: depth }, (_, l) => (l === 0 ? 2 : width));
  const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const layers: LayerStats[] = memberKernels.map((k2, l) => {
    const m2 = mean(k2), m4 = mean(memberM4[l]);
    const sd = Math.sqrt(mean(k2.map((v) => (v - m2) ** 2)));
    return { layer: l + 1, kernel: [m2], kernelStd: [sd], kernel12: 0, V: (nPrev[l] / 3) * (m4 - 3 * m2 * m2), Vmetric: NaN };
  });
  const members = chunks.reduce((a, c) => a + c.record.members, 0), valid = memberKernels[0].length;
  return { method: sampler === 'metric' ? 'metric' : 'tfjs', members, valid, overflowed: members - valid, overflowLayers: chunks.flatMap((c) => c.record.overflowLayers), layers, memberKernels, memberM4, nPrev };
}

/** Every ensemble of a result, joined, by `group:key`; plus the summed sampler time and members per sampler. */
export function ensemblesOf(entries: readonly { config: InitEnsembleConfig; record: InitEnsembleRecord }[]): { ens: Record<string, EnsembleResult>; ms: Record<'metric' | 'tf', { ms: number; members: number }> } {
  const by = new Map<string, { config: InitEnsembleConfig; record: InitEnsembleRecord }[]>();
  const ms = { metric: { ms: 0, members: 0 }, tf: { ms: 0, members: 0 } };
  for (const e of entries) {
    const id = `${e.config.group}:${e.config.key}`;
    by.set(id, [...(by.get(id) ?? []), e]);
    ms[e.config.sampler].ms += e.record.ms; ms[e.config.sampler].members += e.record.members;
  }
  return { ens: Object.fromEntries([...by].map(([id, cs]) => [id, joinEnsemble(cs)])), ms };
}

/** Split `total` members into chunks of at most `chunk`, as even as possible. */
export function chunkSizes(total: number, chunk: number): number[] {
  assertInteger(total, 'total'); assertInteger(chunk, 'chunk');
  const n = Math.ceil(total / chunk), base = Math.floor(total / n), extra = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The Fig. 1 C_W values (RePU p = 2; the fixed point of x = (1, 1) is crossed at √(2/3)). */
export const FIG1_CWS = [0.6, 0.75, 0.8, Math.sqrt(2 / 3), 0.83, 0.9, 1.0];
/** The Fig. 5 cases: MRePU order p and first-layer kernel K⁽¹⁾ at C_W = 1. */
export const FIG5_CASES = [...[1e-3, 1e-2, 1e-1, 1].map((K1) => ({ p: 2, K1 })), { p: 1, K1: 1e-2 }, { p: 1, K1: 1 }];
/** The Fig. 6 ensembles (MRePU p = 2, K⁽¹⁾ = 1e−3): C_W at the full width, and widths at C_W = 1. */
export function fig6Configs(width: number): { cw: number; width: number; panel: 'C_W' | 'width'; key: string }[] {
  return [
    ...[0.9, 1.0, 1.1].map((cw) => ({ cw, width, panel: 'C_W' as const, key: `C_W:C_W=${cw}` })),
    ...[32, 128, width].filter((w, i, arr) => arr.indexOf(w) === i).map((w) => ({ cw: 1.0, width: w, panel: 'width' as const, key: `width:n=${w}` })),
  ];
}
export const fig1Key = (cw: number, sampler: 'metric' | 'tf') => `${sampler}:C_W=${cw.toPrecision(4)}`;
export const fig5Key = (p: number, K1: number) => `p=${p}:K1=${K1}`;

/** Relative cost of a chunk: (b) is O(L n) per member, (a) O(L n²) (one TF.js matmul per layer). */
const costOf = (c: InitEnsembleConfig) => (c.members * c.depth * (c.sampler === 'metric' ? c.width * 20 : c.width * c.width)) / 1e7;

export function initEnsembleTasks(profile: Profile): TaskSpec<InitEnsembleConfig>[] {
  const S = repuSizes(profile), W = S.width, L = S.depth, seed = REPU_SEED;
  const out: TaskSpec<InitEnsembleConfig>[] = [];
  const add = (base: Omit<InitEnsembleConfig, 'members' | 'total'>, total: number) => {
    chunkSizes(total, base.sampler === 'metric' ? S.chunk.metric : S.chunk.tf).forEach((m, i) => {
      const config = { ...base, members: m, total };
      out.push({ config, seed: i, cost: costOf(config) });
    });
  };
  for (const cw of FIG1_CWS) {
    const s0 = seed + Math.round(cw * 1e4);
    add({ group: 'fig1', key: fig1Key(cw, 'metric'), sampler: 'metric', activation: 'repu', p: 2, cw, s: 1, width: W, depth: L, seed0: s0 }, S.ensB);
    add({ group: 'fig1', key: fig1Key(cw, 'tf'), sampler: 'tf', activation: 'repu', p: 2, cw, s: 1, width: W, depth: L, seed0: s0 + 1 }, S.ensA);
  }
  add({ group: 'ks', key: 'tf', sampler: 'tf', activation: 'repu', p: 2, cw: 0.83, s: 1, width: W, depth: L, seed0: 71 }, Math.max(S.ensA * 4, 32));
  add({ group: 'ks', key: 'metric', sampler: 'metric', activation: 'repu', p: 2, cw: 0.83, s: 1, width: W, depth: L, seed0: 72 }, S.ensB);
  for (const { p, K1 } of FIG5_CASES) {
    add({ group: 'fig5', key: fig5Key(p, K1), sampler: 'metric', activation: 'mrepu', p, cw: 1, s: Math.sqrt(K1), width: W, depth: L, seed0: seed + Math.round(K1 * 1e4) + 7 * p }, Math.min(S.ensB, 200));
  }
  for (const c of fig6Configs(W)) {
    add({ group: 'fig6', key: c.key, sampler: 'metric', activation: 'mrepu', p: 2, cw: c.cw, s: Math.sqrt(1e-3 / c.cw), width: c.width, depth: L, seed0: seed + c.width + Math.round(100 * c.cw) }, S.fourPt);
  }
  return out;
}

/** The random-weights ensembles of Figs. 1, 5 and 6 and of the KS check, in chunks of members. */
export const initEnsembles = defineExperiment<InitEnsembleConfig, InitEnsembleRecord>({
  name: 'repu-init-ensembles', label: 'ensembles at initialisation (Figs. 1, 5, 6)', version: 1,
  module: 'lib/experiments/repu/init-ensembles.ts', task: 'sampleInitChunk', tasks: initEnsembleTasks,
});

// ---------------------------------------------------------------- the second estimator: one network, many inputs

export type SingleNetConfig = NetworkFamily & {
  /** Inputs drawn on the circle |x|² = 2s². */
  inputs: number;
};

export type SingleNetRecord = {
  /** Flat [layer·inputs + α]: K̂⁽ˡ⁾(x_α) of this one network; −1 where input α has overflowed (|z| > float32 max) at or before that layer. */
  kernels: number[];
  /** Per input: the first overflowing layer, 0 when it never overflows. */
  overflowLayer: number[];
};

/**
 * Task: one network drawn from Def. 2 (float64 weights, W ~ N(0, C_W/n_{ℓ−1}), C_b = 0; seed = network index), run on
 * `inputs` random inputs on the circle |x|² = 2s²; returns K̂⁽ˡ⁾(x) for every input and layer.
 */
export function singleNetworkKernels(c: SingleNetConfig, seed: number): SingleNetRecord {
  assertInteger(c.width, 'width'); assertInteger(c.depth, 'depth'); assertInteger(c.inputs, 'inputs');
  assertPositive(c.cw, 'cw'); assertFinite(c.s, 's'); assertInteger(seed, 'seed', 0);
  const n = c.width, k = c.inputs, f = act(c.activation, c.p).f;
  const rng = makeRng(REPU_SEED * 31 + 1009 * seed + Math.round(1e4 * c.cw) + 97 * c.p + Math.round(1e6 * c.s));
  const r = Math.SQRT2 * c.s;
  let h = new Float64Array(2 * k); // layer input, index j·k + α
  for (let a = 0; a < k; a++) { const th = 2 * Math.PI * rng.uniform(); h[a] = r * Math.cos(th); h[k + a] = r * Math.sin(th); }
  const kernels: number[] = [], overflowLayer = new Array(k).fill(0);
  let nIn = 2;
  for (let l = 1; l <= c.depth; l++) {
    const sd = Math.sqrt(c.cw / nIn), z = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const zi = i * k;
      for (let j = 0; j < nIn; j++) {
        const w = sd * rng.normal(), hj = j * k;
        for (let a = 0; a < k; a++) z[zi + a] += w * h[hj + a];
      }
    }
    for (let a = 0; a < k; a++) {
      let s2 = 0, bad = overflowLayer[a] > 0;
      for (let i = 0; i < n && !bad; i++) { const v = z[i * k + a]; if (!(Math.abs(v) <= FLOAT32_MAX)) bad = true; else s2 += v * v; }
      if (bad && overflowLayer[a] === 0) overflowLayer[a] = l;
      kernels.push(bad ? -1 : s2 / n);
    }
    h = z.map((v) => (Number.isFinite(v) ? f(v) : 0));
    nIn = n;
  }
  return { kernels, overflowLayer };
}

/** The valid (non-overflowed) K̂⁽ˡ⁾(x_α) of one network at `layer` (1-based). */
export function singleNetLayer(r: SingleNetRecord, inputs: number, layer: number): number[] {
  assertInteger(inputs, 'inputs'); assertInteger(layer, 'layer');
  if (r.kernels.length % inputs !== 0 || layer > r.kernels.length / inputs) throw new RangeError(`layer must be in [1, ${r.kernels.length / inputs}], but got ${layer}`);
  return r.kernels.slice((layer - 1) * inputs, layer * inputs).filter((v) => v >= 0);
}

export function singleNetTasks(profile: Profile): TaskSpec<SingleNetConfig>[] {
  const S = repuSizes(profile), W = S.width, L = S.depth, { nets, inputs } = S.single;
  const configs: SingleNetConfig[] = [
    ...FIG1_CWS.map((cw) => ({ group: 'fig1', key: `C_W=${cw.toPrecision(4)}`, activation: 'repu' as const, p: 2, cw, s: 1, width: W, depth: L, inputs })),
    ...FIG5_CASES.map(({ p, K1 }) => ({ group: 'fig5', key: fig5Key(p, K1), activation: 'mrepu' as const, p, cw: 1, s: Math.sqrt(K1), width: W, depth: L, inputs })),
  ];
  return configs.flatMap((config) => Array.from({ length: nets }, (_, seed) => ({ config, seed, cost: (config.width * config.width * config.depth * config.inputs) / 1e7 })));
}

/** The second estimator of Figs. 1 and 5: `single.nets` networks per setting, each on `single.inputs` random inputs. */
export const singleNetworks = defineExperiment<SingleNetConfig, SingleNetRecord>({
  name: 'repu-single-networks', label: 'one network, many inputs (Figs. 1, 5, second estimator)', version: 1,
  module: 'lib/experiments/repu/init-ensembles.ts', task: 'singleNetworkKernels', tasks: singleNetTasks,
});

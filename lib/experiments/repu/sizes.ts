/**
 * Sizes per profile of notebook 02's experiments (Kim & Kang, arXiv 2408.02697): quick / default / paper.
 * One table, read by the notebook's setup cell and by the task grids of lib/experiments/repu (so `make estimate`
 * sees every profile). The `paper` column is the paper's own sizes where they survive (docs/derivations/02-repu-mrepu.md §5).
 */
import { bySize, activeProfile, type Profile } from '../../report/profile';

export interface RepuSizes {
  /** Monte Carlo samples of the susceptibility checks. */
  mc: number;
  /** Width and depth of the initialisation ensembles (Figs. 1, 5, 6). */
  width: number; depth: number;
  /** Members of sampler (b) (stochastic metric), of sampler (a) (TF.js weights), of the four-point ensembles. */
  ensB: number; ensA: number; fourPt: number;
  /** Members per task of the initialisation ensembles (lib/experiments/repu/init-ensembles): sampler (b), sampler (a). */
  chunk: { metric: number; tf: number };
  /** The second estimator of Figs. 1 and 5: networks per setting, random inputs per network. */
  single: { nets: number; inputs: number };
  /** Networks per setting of the two-input and backprop checks (lib/experiments/repu/theory-checks). */
  theoryNets: number;
  /** RePU training (Tables 2–3): networks per depth, width, epochs. */
  trainNets: number; trainWidth: number; trainEpochs: number;
  /** MRePU training and the matched RePU arm (Figs. 7–8): networks per arm, training samples (the paper's 1000 at `paper`; 500 at `default` to pay for four arms of 10 networks), epochs. */
  mNets: number; mSamples: number; mEpochs: number;
  /** Batched vertex ensemble during training (Fig. 7 right): members, shards (tasks), width, epochs, mini-batch, probe inputs, bootstrap reps. */
  vtx: { members: number; shards: number; width: number; epochs: number; batch: number; inputs: number; boot: number };
  /** Regressions (Tables 4–5): epochs, seeds per activation, meshgrid points per axis for xyz (3-D), for the 2-D tasks. */
  regEpochs: number; regRuns: number; regGrid: number; diffGrid: number;
  /** Burgers PINN (Figs. 15–17). */
  burgers: { widths: number[]; colloc: number; data: number; steps: number; every: number; seeds: number };
}

export const REPU_SIZES: Record<Profile, RepuSizes> = {
  quick: { mc: 20000, width: 128, depth: 10, ensB: 100, ensA: 8, fourPt: 300, chunk: { metric: 100, tf: 16 }, single: { nets: 3, inputs: 16 }, theoryNets: 3, trainNets: 2, trainWidth: 32, trainEpochs: 40, mNets: 2, mSamples: 300, mEpochs: 40,
    vtx: { members: 10, shards: 1, width: 16, epochs: 3, batch: 100, inputs: 8, boot: 50 }, regEpochs: 20, regRuns: 1, regGrid: 7, diffGrid: 9,
    burgers: { widths: [8, 8], colloc: 64, data: 20, steps: 6, every: 3, seeds: 1 } },
  default: { mc: 200000, width: 512, depth: 10, ensB: 400, ensA: 12, fourPt: 1000, chunk: { metric: 100, tf: 16 }, single: { nets: 10, inputs: 32 }, theoryNets: 20, trainNets: 10, trainWidth: 64, trainEpochs: 200, mNets: 10, mSamples: 500, mEpochs: 80,
    vtx: { members: 100, shards: 2, width: 32, epochs: 15, batch: 100, inputs: 16, boot: 200 }, regEpochs: 300, regRuns: 4, regGrid: 9, diffGrid: 11,
    burgers: { widths: [32, 32, 32, 32], colloc: 1000, data: 100, steps: 200, every: 10, seeds: 1 } },
  paper: { mc: 1000000, width: 512, depth: 10, ensB: 1000, ensA: 100, fourPt: 1000, chunk: { metric: 100, tf: 20 }, single: { nets: 100, inputs: 100 }, theoryNets: 200, trainNets: 100, trainWidth: 512, trainEpochs: 1000, mNets: 100, mSamples: 1000, mEpochs: 1000,
    vtx: { members: 1000, shards: 20, width: 512, epochs: 1000, batch: 250, inputs: 16, boot: 200 }, regEpochs: 10000, regRuns: 25, regGrid: 51, diffGrid: 51,
    burgers: { widths: [64, 64, 64, 64, 64, 64, 64], colloc: 10000, data: 100, steps: 10000, every: 100, seeds: 5 } },
};

/** The sizes of a profile (default: the active one, PROFILE). */
export function repuSizes(profile: Profile = activeProfile()): RepuSizes {
  return bySize(REPU_SIZES, profile);
}

/** The notebook's base seed (every task seed is derived from it). */
export const REPU_SEED = 2408;

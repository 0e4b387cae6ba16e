/** DEMO experiment of the runtime (not one of the documents' experiments): tiny TF.js MLP trainings on two moons plus a float64 kernel recursion, used by the Slurm test and the speed measurement. */
import { activation } from '../core/activations';
import { initBackend } from '../core/backend';
import { twoMoons } from '../data/datasets';
import { kernelFlow } from '../theory/effective-theory';
import { buildMlp, evaluate, train } from '../networks/train';
import { bySize } from '../report/profile';
import { defineExperiment, grid, seeds, TaskSpec, tasksOf } from './experiment';

export type DemoConfig =
  | { kind: 'mlp'; activation: 'relu' | 'tanh'; width: number; depth: number; epochs: number; n: number }
  | { kind: 'float64'; activation: 'relu' | 'tanh'; depth: number; K1: number };

/** The demo's task function: trains an MLP (TF.js, the chosen backend) or iterates the kernel recursion (float64). */
export async function demoTask(config: DemoConfig, seed: number): Promise<Record<string, unknown>> {
  if (config.kind === 'float64') {
    const flow = kernelFlow(activation(config.activation), config.K1, config.depth, { cw: 2, cb: 0 });
    return { finalK: flow.K[flow.K.length - 1], layers: flow.K.length, backend: 'float64' };
  }
  const backend = await initBackend();
  const data = twoMoons(config.n, 0.1, 1000 + seed);
  const mlp = buildMlp({
    inputDim: 2, widths: Array(config.depth).fill(config.width), outputDim: 1, activation: activation(config.activation),
    output: 'sigmoid', seed,
  });
  try {
    const r = await train(mlp, data, { epochs: config.epochs, batchSize: 32, lr: 0.01, loss: 'bce', seed });
    return { finalK: null, loss: evaluate(mlp, data, 'bce'), firstEpochLoss: r.loss[0], backend: backend.name };
  } finally {
    mlp.dispose();
  }
}

interface DemoSizes { widths: number[]; depth: number; epochs: number; n: number; seeds: number }

/** Sizes per profile: `quick` is the Slurm test's grid (4 TF.js trainings + 2 float64 recursions, seconds in all). */
const SIZES: Record<'quick' | 'default' | 'paper', DemoSizes> = {
  quick: { widths: [4, 8], depth: 1, epochs: 10, n: 64, seeds: 1 },
  default: { widths: [32, 64], depth: 2, epochs: 40, n: 256, seeds: 2 },
  paper: { widths: [64, 128, 256], depth: 2, epochs: 200, n: 1024, seeds: 10 },
};

export function demoTasks(profile: 'quick' | 'default' | 'paper'): TaskSpec<DemoConfig>[] {
  const s = bySize(SIZES, profile);
  const mlps = grid({ activation: ['relu', 'tanh'] as const, width: s.widths }).map(
    (c): DemoConfig => ({ kind: 'mlp', ...c, depth: s.depth, epochs: s.epochs, n: s.n }));
  const exact = (['relu', 'tanh'] as const).map((a): DemoConfig => ({ kind: 'float64', activation: a, depth: 20, K1: 1 }));
  return [
    // relative cost of a training: width × depth × epochs × points (thousands)
    ...tasksOf(mlps, seeds(s.seeds), (c) => (c.kind === 'mlp' ? c.width * c.depth * c.epochs * c.n : 1) / 1000),
    ...tasksOf(exact, [0], () => 0.01),
  ];
}

/** DEMO: the runtime's demonstration grid (sizes by profile). */
export const demoExperiment = defineExperiment<DemoConfig>({
  name: 'demo-grid',
  label: 'demo grid (runtime demo)',
  version: 1,
  module: 'lib/runtime/demo-experiment.ts',
  task: 'demoTask',
  tasks: demoTasks,
});

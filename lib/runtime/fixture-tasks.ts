/** Test fixtures for the runtime (not an experiment of the documents): tiny tasks that sleep, square, throw or crash, and log each computation. */
import * as fs from 'fs';
import { defineExperiment, tasksOf } from './experiment';

/** Append one line per computation to FIXTURE_LOG (if set), so tests can count recomputations. */
function logComputation(config: Record<string, unknown>, seed: number): void {
  const log = process.env.FIXTURE_LOG;
  if (log) fs.appendFileSync(log, JSON.stringify({ config, seed, pid: process.pid }) + '\n');
}

/** Sleeps `ms`, then returns x² + seed; throws when `x` equals `throwAt`; kills its process when `x` equals `crashAt`. */
export async function square(config: { x: number; ms?: number; throwAt?: number; crashAt?: number }, seed: number) {
  await new Promise((r) => setTimeout(r, config.ms ?? 0));
  if (config.crashAt !== undefined && config.x === config.crashAt) process.exit(3);
  if (config.throwAt !== undefined && config.x === config.throwAt) throw new Error(`fixture failure at x=${config.x}`);
  logComputation(config, seed);
  return { y: config.x * config.x + seed, label: `x${config.x}`, nan: Number.NaN, list: [config.x, seed] };
}

/** A fixture grid: n tasks (x = 0…n−1, one seed), each sleeping `ms`. */
export function fixtureExperiment(name: string, n: number, ms = 0, extra: Record<string, unknown> = {}, version: number | string = 1) {
  return defineExperiment({
    name, version, module: 'lib/runtime/fixture-tasks.ts', task: 'square',
    tasks: () => tasksOf(Array.from({ length: n }, (_, x) => ({ x, ms, ...extra })), [0], (c) => 1 + c.x),
  });
}

/** The kill test's grid: 20 tasks, the first 8 short (40 ms), the rest long enough (250 ms) that the kill lands mid-run. */
export const killTestExperiment = defineExperiment({
  name: 'fixture-kill', version: 1, module: 'lib/runtime/fixture-tasks.ts', task: 'square',
  tasks: () => tasksOf(Array.from({ length: 20 }, (_, x) => ({ x, ms: x < 8 ? 40 : 250 })), [0]),
});

if (require.main === module) {
  // used by the kill test: run the 20-task grid with RESULTS_DIR from the environment
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('./runner').runExperiment(killTestExperiment, { jobs: 2, progress: 'off' }).then(() => process.exit(0));
}

/** The runtime in one import, for notebooks: `import { defineExperiment, runExperiment } from './lib/runtime/index'`. */
export { defineExperiment, grid, seeds, tasksOf, taskKey, resolveTasks, isExperiment, MAX_TASKS } from './experiment';
export type { Experiment, TaskSpec, TaskFn, Config, TaskRecord } from './experiment';
export { runExperiment, TaskFailures } from './runner';
export type { RunResult, FailedTask } from './runner';
export type { RunOptions, Shard } from './options';
export { ResultCache, resultsDir } from './cache';
export { estimateExperiment, formatEstimate } from './estimate';
export { tablePath } from './table';

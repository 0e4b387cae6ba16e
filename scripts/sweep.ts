/**
 * Runs the experiments an experiment module declares (lib/runtime): here, or as Slurm job-array shards.
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE… [--shard i/n] [--jobs n] [--only NAME] [--results DIR] [--profile P]
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE… --estimate            tasks and CPU-hours per profile
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE --scheduler local|slurm --shards n [--partition P --time T --mem M --sbatch-arg A]
 * Environment: PROFILE, RESULTS_DIR, JOBS, PROGRESS (auto|tty|lines|off).
 */
import * as fs from 'fs';
import * as path from 'path';
import { activeProfile, Profile, PROFILES } from '../lib/report/profile';
import { resultsDir as defaultResultsDir } from '../lib/runtime/cache';
import { Experiment, isExperiment } from '../lib/runtime/experiment';
import { estimateExperiment, formatEstimate } from '../lib/runtime/estimate';
import { parseJobs, parseShard, Shard } from '../lib/runtime/options';
import { runExperiment, TaskFailures } from '../lib/runtime/runner';
import { submitToSlurm } from '../lib/runtime/slurm';

export interface SweepArgs {
  modules: string[];
  shard?: Shard;
  jobs?: number;
  estimate: boolean;
  only?: string;
  results?: string;
  profile?: Profile;
  scheduler?: 'local' | 'slurm';
  shards?: number;
  partition?: string;
  time?: string;
  mem?: string;
  sbatchArgs: string[];
  summary?: string;
}

const VALUED = ['--shard', '--jobs', '--only', '--results', '--profile', '--scheduler', '--shards', '--partition', '--time', '--mem', '--sbatch-arg', '--summary'];
const FLAGS = ['--estimate', '--help'];

export const USAGE = `usage: tsx scripts/sweep.ts EXPERIMENT_MODULE… [--shard i/n] [--jobs n] [--only NAME] [--results DIR] [--profile quick|default|paper]
       tsx scripts/sweep.ts EXPERIMENT_MODULE… --estimate
       tsx scripts/sweep.ts EXPERIMENT_MODULE --scheduler local|slurm [--shards n] [--partition P] [--time T] [--mem M] [--sbatch-arg A]…`;

/** Parse the command line; an unknown option or a bad value throws naming it, its value and what is allowed. */
export function parseArgs(argv: string[]): SweepArgs & { help: boolean } {
  const out: SweepArgs & { help: boolean } = { modules: [], estimate: false, sbatchArgs: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let value: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { value = a.slice(eq + 1); a = a.slice(0, eq); }
    if (!a.startsWith('--')) { out.modules.push(a); continue; }
    if (FLAGS.includes(a)) {
      if (value !== undefined) throw new RangeError(`option ${a} takes no value, but got '${value}'`);
      if (a === '--estimate') out.estimate = true; else out.help = true;
      continue;
    }
    if (!VALUED.includes(a)) throw new RangeError(`unknown option '${a}'; allowed: ${[...VALUED, ...FLAGS].join(', ')}`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new RangeError(`option ${a} needs a value`);
    }
    switch (a) {
      case '--shard': out.shard = parseShard(value, '--shard'); break;
      case '--jobs': out.jobs = parseJobs(value, '--jobs'); break;
      case '--only': out.only = value; break;
      case '--results': out.results = value; break;
      case '--summary': out.summary = value; break;
      case '--profile':
        if (!(PROFILES as readonly string[]).includes(value)) throw new RangeError(`--profile must be one of ${PROFILES.join(', ')}, but got '${value}'`);
        out.profile = value as Profile; break;
      case '--scheduler':
        if (value !== 'local' && value !== 'slurm') throw new RangeError(`--scheduler must be local or slurm, but got '${value}'`);
        out.scheduler = value; break;
      case '--shards': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1 || n > 100_000) throw new RangeError(`--shards must be an integer in [1, 100000], but got '${value}'`);
        out.shards = n; break;
      }
      case '--partition': out.partition = value; break;
      case '--time': out.time = value; break;
      case '--mem': out.mem = value; break;
      case '--sbatch-arg': out.sbatchArgs.push(value); break;
    }
  }
  if (!out.help && out.modules.length === 0) throw new RangeError(`no experiment module given\n${USAGE}`);
  if (out.shard && out.shards) throw new RangeError('give either --shard i/n (run one shard) or --shards n (run or submit all n), not both');
  if (out.scheduler === 'slurm' && out.shard) throw new RangeError('--scheduler slurm submits every shard; --shard is for one shard here');
  if (out.scheduler === 'slurm' && out.modules.length !== 1) throw new RangeError(`--scheduler slurm takes one experiment module, but got ${out.modules.length}`);
  return out;
}

/** The experiments an experiment module declares (its exports made with defineExperiment), optionally only one by name. */
export function loadExperiments(modulePath: string, only?: string): Experiment[] {
  const abs = path.resolve(modulePath);
  if (!fs.existsSync(abs)) throw new RangeError(`experiment module not found: ${modulePath} (resolved to ${abs})`);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(abs);
  const found = Object.values(mod).filter(isExperiment) as Experiment[];
  if (found.length === 0) throw new RangeError(`${modulePath} exports no experiment (declare them with defineExperiment from lib/runtime/experiment)`);
  if (only === undefined) return found;
  const sel = found.filter((e) => e.name === only);
  if (sel.length === 0) throw new RangeError(`--only: ${modulePath} has no experiment named '${only}'; it has: ${found.map((e) => e.name).join(', ')}`);
  return sel;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) { console.log(USAGE); return 0; }
  const profile = args.profile ?? activeProfile();
  const results = args.results ? path.resolve(args.results) : defaultResultsDir();
  const experiments = args.modules.map((m) => ({ module: m, list: loadExperiments(m, args.only) }));

  if (args.estimate) {
    console.log(`estimates from the cache in ${results} (* = PROFILE ${profile}); CPU-hours = Σ over tasks of (overhead + seconds per unit cost × cost), fitted to the cached tasks' CPU times`);
    for (const { module, list } of experiments) {
      console.log(`\n${module}`);
      for (const e of list) console.log(formatEstimate(estimateExperiment(e, results), profile));
    }
    return 0;
  }

  if (args.scheduler === 'slurm') {
    const shards = args.shards ?? 1;
    const r = submitToSlurm({
      experimentModule: path.resolve(args.modules[0]), only: args.only, shards, cpusPerTask: args.jobs ?? 1, resultsDir: results, profile,
      logDir: path.join(results, 'slurm'), partition: args.partition, time: args.time, mem: args.mem, extra: args.sbatchArgs,
    });
    console.log(`submitted job array ${r.arrayJob} (${shards} shard${shards === 1 ? '' : 's'}) and collect job ${r.collectJob} (runs when all shards succeeded); results in ${results}, logs in ${path.join(results, 'slurm')}`);
    return 0;
  }

  const summaries: unknown[] = [];
  const failures: string[] = [];
  const shardRuns: (Shard | undefined)[] = args.shard ? [args.shard]
    : args.shards && args.shards > 1 ? [...Array.from({ length: args.shards }, (_, index) => ({ index, count: args.shards! })), undefined]
    : [undefined];
  for (const { list } of experiments) {
    for (const e of list) {
      for (const shard of shardRuns) {
        try {
          const r = await runExperiment(e, { jobs: args.jobs, shard, resultsDir: results, profile });
          const where = r.parquet ? `, table ${path.relative(process.cwd(), r.parquet) || r.parquet} (${r.table.shape.height} rows × ${r.table.shape.width} columns)` : '';
          console.log(`${e.name}${shard ? ` shard ${shard.index}/${shard.count}` : ''}: ${r.tasks} tasks, ${r.computed} computed, ${r.cached} cached${r.corrupt ? `, ${r.corrupt} corrupt entries recomputed` : ''}${where}`);
          summaries.push({ experiment: e.name, version: e.version, shard: shard ?? null, tasks: r.tasks, computed: r.computed, cached: r.cached, corrupt: r.corrupt, parquet: r.parquet ?? null });
        } catch (err) {
          if (!(err instanceof TaskFailures)) throw err;
          console.error(err.message);
          failures.push(`${e.name}: ${err.failures.length} failed`);
          summaries.push({ experiment: e.name, version: e.version, shard: shard ?? null, failed: err.failures.length });
          if (!shard) break;
        }
      }
    }
  }
  if (args.summary) fs.writeFileSync(args.summary, JSON.stringify(summaries, null, 2) + '\n');
  if (failures.length) {
    console.error(`sweep failed: ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`sweep: ${(e as Error).message}`);
    process.exit(2);
  });
}


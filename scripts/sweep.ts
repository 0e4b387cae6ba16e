/**
 * Runs the experiments an experiment module declares (lib/runtime): here, or as Slurm job-array shards.
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE… [--shard i/n] [--jobs n] [--only NAME] [--results DIR] [--profile P]
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE… --estimate            tasks and CPU-hours per profile
 *   tsx scripts/sweep.ts EXPERIMENT_MODULE --scheduler local|slurm --shards n [--partition P --time T --mem M --sbatch-arg A]
 *   tsx scripts/sweep.ts --notebook NN …                              every experiment of notebook NN (notebooks/catalogue.json), or --notebook all
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
  notebooks: string[];
}

const VALUED = ['--notebook', '--shard', '--jobs', '--only', '--results', '--profile', '--scheduler', '--shards', '--partition', '--time', '--mem', '--sbatch-arg', '--summary'];
const FLAGS = ['--estimate', '--help'];

export const USAGE = `usage: tsx scripts/sweep.ts EXPERIMENT_MODULE…|--notebook NN|all [--shard i/n] [--jobs n] [--only NAME] [--results DIR] [--profile quick|default|paper]
       tsx scripts/sweep.ts EXPERIMENT_MODULE… --estimate
       tsx scripts/sweep.ts EXPERIMENT_MODULE --scheduler local|slurm [--shards n] [--partition P] [--time T] [--mem M] [--sbatch-arg A]…`;

/** Parse the command line; an unknown option or a bad value throws naming it, its value and what is allowed. */
export function parseArgs(argv: string[]): SweepArgs & { help: boolean } {
  const out: SweepArgs & { help: boolean } = { modules: [], estimate: false, sbatchArgs: [], help: false, notebooks: [] };
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
      case '--notebook': out.notebooks.push(value); break;
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
  if (!out.help && out.modules.length === 0 && out.notebooks.length === 0) throw new RangeError(`no experiment module given\n${USAGE}`);
  if (out.shard && out.shards) throw new RangeError('give either --shard i/n (run one shard) or --shards n (run or submit all n), not both');
  if (out.scheduler === 'slurm' && out.shard) throw new RangeError('--scheduler slurm submits every shard; --shard is for one shard here');
  return out;
}

interface CatalogueEntry { number: string; file: string; experiments?: string }

/** Notebook NN's experiment modules: the non-test .ts files under its catalogue `experiments` folder that declare experiments ('all': every notebook's). */
export function notebookModules(notebook: string, root = path.resolve(__dirname, '..')): { notebook: string; modules: string[] }[] {
  const catalogue: CatalogueEntry[] = JSON.parse(fs.readFileSync(path.join(root, 'notebooks', 'catalogue.json'), 'utf8'));
  const known = catalogue.map((c) => c.number);
  const picked = notebook === 'all' ? catalogue : catalogue.filter((c) => c.number === notebook || c.file.replace(/\.ipynb$/, '') === notebook);
  if (picked.length === 0) throw new RangeError(`--notebook must be one of ${known.join(', ')} or all, but got '${notebook}'`);
  return picked.map((c) => {
    if (!c.experiments) return { notebook: c.number, modules: [] };
    const dir = path.join(root, c.experiments);
    const files: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const f of fs.readdirSync(d).sort()) {
        const full = path.join(d, f);
        if (fs.statSync(full).isDirectory()) walk(full);
        else if (f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts')) files.push(full);
      }
    };
    walk(dir);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const modules = files.filter((f) => Object.values(require(f)).some(isExperiment)).map((f) => path.relative(process.cwd(), f));
    return { notebook: c.number, modules };
  });
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
  for (const nb of args.notebooks) {
    for (const { notebook, modules } of notebookModules(nb)) {
      if (modules.length === 0) console.log(`notebook ${notebook}: no experiments declared for the runtime yet (its cells run inline)`);
      args.modules.push(...modules);
    }
  }
  const experiments = args.modules.map((m) => ({ module: m, list: loadExperiments(m, args.only) }));

  if (args.estimate) {
    console.log(`estimates from the cache in ${results} (* = PROFILE ${profile}); CPU-hours = Σ over tasks of (overhead + seconds per unit cost × cost), fitted to the cached tasks' CPU times`);
    const totals = new Map<string, { hours: number; unmeasured: number }>();
    for (const { module, list } of experiments) {
      console.log(`\n${module}`);
      for (const e of list) {
        const est = estimateExperiment(e, results);
        console.log(formatEstimate(est, profile));
        for (const p of est.profiles) {
          const t = totals.get(p.profile) ?? { hours: 0, unmeasured: 0 };
          if (p.cpuHours === null) t.unmeasured++; else t.hours += p.cpuHours;
          totals.set(p.profile, t);
        }
      }
    }
    if (experiments.length > 1 || experiments.some((e) => e.list.length > 1)) {
      console.log(`\ntotal over these experiments (CPU-hours; wall ≈ CPU-hours / cores):`);
      for (const [p, t] of totals) {
        console.log(`  ${p.padEnd(8)} ${t.hours < 0.1 ? `${(t.hours * 60).toFixed(1)} CPU-minutes` : `${t.hours.toPrecision(3)} CPU-hours`}` +
          `${t.unmeasured ? ` (+ ${t.unmeasured} experiment${t.unmeasured === 1 ? '' : 's'} not measured yet: run PROFILE=quick make sweep first)` : ''}`);
      }
    }
    return 0;
  }

  if (args.scheduler === 'slurm') {
    const shards = args.shards ?? 1;
    for (const module of args.modules) {
      const r = submitToSlurm({
        experimentModule: path.resolve(module), only: args.only, shards, cpusPerTask: args.jobs ?? 1, resultsDir: results, profile,
        logDir: path.join(results, 'slurm'), partition: args.partition, time: args.time, mem: args.mem, extra: args.sbatchArgs,
      });
      console.log(`${module}: submitted job array ${r.arrayJob} (${shards} shard${shards === 1 ? '' : 's'}) and collect job ${r.collectJob} (runs when all shards succeeded); results in ${results}, logs in ${path.join(results, 'slurm')}`);
    }
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


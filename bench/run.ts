/**
 * `make bench`: run every bench/*.bench.ts in turn (each prints "name: value unit" lines), then issue 14's
 * table: bench/compare.ts on this project's routes before (NATIVE_BLAS=0 NATIVE_LAPACK=0: wasm kernels, the
 * TypeScript eigen-solver) and after (the native OpenBLAS/LAPACK addon, when built), and bench/peer_torch.py
 * (PyTorch CPU) when Debian's /usr/bin/python3 imports torch, each workload side by side with the ratio.
 * The three are interleaved BENCH_REPEATS times (default 2) and each keeps its best figure: the machine is
 * shared, so single timings vary by up to 2× (the load average is printed and saved with the table).
 * Writes build/bench.json. BENCH_ONLY=compare skips the *.bench.ts files; BENCH_ONLY=files skips the table;
 * BENCH_KEYS=mlp,ensemble keeps only those rows of the table.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const dir = __dirname;
const root = path.join(dir, '..');
const only = process.env.BENCH_ONLY?.trim();
/** BENCH_KEYS=mlp,ensemble: only these rows of the table (compare.ts and peer_torch.py --only). */
const keys = process.env.BENCH_KEYS?.trim() || '';
if (keys && !/^[a-z]+(,[a-z]+)*$/.test(keys)) throw new RangeError(`BENCH_KEYS must be comma-separated row keys (matmul, mlp, ensemble, eigen, init, hvp), but got '${keys}'`);
let failed = 0;

if (only !== 'compare') {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
  for (const f of files) {
    console.log(`== ${f}`);
    try {
      execFileSync(process.execPath, [require.resolve('tsx/cli'), path.join(dir, f)], { stdio: 'inherit' });
    } catch {
      failed++;
      console.log(`   ${f} failed`);
    }
  }
}

interface Row { key: string; label: string; value: number; unit: string; better: 'higher' | 'lower'; route: string }
type Side = 'before' | 'after' | 'torch';

/** Run one side, return its BENCH rows (stderr and other lines pass through, indented). */
function runSide(side: Side): Row[] {
  const env: Record<string, string | undefined> = { ...process.env };
  let cmd: string, args: string[];
  if (side === 'torch') {
    // unset for this command alone: they slow a current OpenBLAS on this processor (issue 14)
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    [cmd, args] = ['/usr/bin/python3', [path.join(dir, 'peer_torch.py')]];
  } else {
    if (side === 'before') Object.assign(env, { NATIVE_BLAS: '0', NATIVE_LAPACK: '0' });
    [cmd, args] = [process.execPath, [require.resolve('tsx/cli'), path.join(dir, 'compare.ts')]];
  }
  if (keys) args.push('--only', keys);
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  const rows: Row[] = [];
  for (const line of `${r.stdout ?? ''}`.split('\n')) {
    if (line.startsWith('BENCH ')) rows.push(JSON.parse(line.slice(6)));
    else if (line.trim()) console.log(`   ${side}: ${line}`);
  }
  if (r.status !== 0) {
    failed++;
    console.log(`   ${side} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  }
  return rows;
}

const torchAvailable = (): string | null => {
  if (!fs.existsSync('/usr/bin/python3')) return 'no /usr/bin/python3';
  const r = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'Debian python3-torch not importable (make bench-setup installs it)';
};

const fmt = (v: number | undefined, unit?: string) => {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const s = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2);
  return unit ? `${s} ${unit}` : s;
};

/** "2.3× slower" / "1.6× faster" for ours against the peer's figure. */
function ratio(ours: Row | undefined, peer: Row | undefined): string {
  if (!ours || !peer) return '—';
  const r = ours.better === 'higher' ? peer.value / ours.value : ours.value / peer.value; // > 1: ours slower
  return r >= 1 ? `${r.toFixed(r >= 10 ? 0 : 1)}× slower` : `${(1 / r).toFixed(1 / r >= 10 ? 0 : 1)}× faster`;
}

if (only !== 'files') {
  const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 2) | 0);
  const why = torchAvailable();
  const sides: Side[] = why ? ['before', 'after'] : ['before', 'after', 'torch'];
  console.log(`== issue 14 table: ${sides.join(', ')}, ${repeats} interleaved repeat(s), best of each` + (why ? ` (PyTorch peer left out: ${why})` : ''));
  const best: Record<Side, Map<string, Row>> = { before: new Map(), after: new Map(), torch: new Map() };
  const all: Record<Side, Row[][]> = { before: [], after: [], torch: [] };
  const loads: number[][] = [];
  const t0 = Date.now();
  for (let rep = 0; rep < repeats; rep++) {
    for (const side of rep % 2 ? [...sides].reverse() : sides) {
      loads.push(os.loadavg());
      const rows = runSide(side);
      all[side].push(rows);
      for (const row of rows) {
        const b = best[side].get(row.key);
        if (!b || (row.better === 'higher' ? row.value > b.value : row.value < b.value)) best[side].set(row.key, row);
      }
    }
  }
  const keys = [...new Set([...best.before.keys(), ...best.after.keys(), ...best.torch.keys()])];
  const table = keys.map((k) => {
    const [b, a, t] = [best.before.get(k), best.after.get(k), best.torch.get(k)];
    const any = (a ?? b ?? t)!;
    return {
      key: k, label: any.label, unit: any.unit, better: any.better,
      before: b?.value, after: a?.value, torch: t?.value,
      ratioBefore: ratio(b, t), ratioAfter: ratio(a, t),
      routes: { before: b?.route, after: a?.route, torch: t?.route },
    };
  });
  const lines = [
    `| workload | this project before (wasm / TypeScript) | this project after (native) | PyTorch CPU | ratio before → after |`,
    `| --- | --- | --- | --- | --- |`,
    ...table.map((r) => `| ${r.label} | ${fmt(r.before, r.unit)} | ${fmt(r.after, r.unit)} | ${fmt(r.torch, r.unit)} | ${r.ratioBefore} → ${r.ratioAfter} |`),
  ];
  console.log(lines.join('\n'));
  console.log('routes:');
  for (const r of table) for (const s of ['before', 'after', 'torch'] as const) if (r.routes[s]) console.log(`  ${r.key} ${s}: ${r.routes[s]}`);
  const meanLoad = loads.reduce((s, l) => s + l[0], 0) / Math.max(loads.length, 1);
  console.log(`load average (1 min) at the start of each run: ${loads.map((l) => l[0].toFixed(1)).join(', ')} on ${os.cpus().length} cores; ` +
    `${((Date.now() - t0) / 1000).toFixed(0)} s in all`);
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  fs.writeFileSync(path.join(root, 'build', 'bench.json'), JSON.stringify({
    date: new Date().toISOString(), host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, meanLoad1: meanLoad, loads },
    repeats, torch: why ?? 'included', table, markdown: lines.join('\n'), runs: all,
  }, null, 2) + '\n');
  console.log('wrote build/bench.json');
}
if (failed) process.exit(1);

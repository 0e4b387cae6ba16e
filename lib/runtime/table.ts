/** The result table: one row per task (config fields, seed, record fields) as a nodejs-polars DataFrame, written as Parquet with a provenance sidecar. */
import * as fs from 'fs';
import * as path from 'path';
import pl from 'nodejs-polars';
import { provenance } from '../report/provenance';
import { writeFileAtomic } from './cache';

/** Flatten nested plain objects into dotted keys ({a: {b: 1}} → {'a.b': 1}); arrays stay values (list columns). */
export function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, name, out);
    else out[name] = v;
  }
  return out;
}

/** One table row: config fields, then `seed`, then record fields (a record field named like a config field or 'seed' gets the prefix 'record.'). */
export function tableRow(config: Record<string, unknown>, seed: number, record: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...flatten(config), seed };
  for (const [k, v] of Object.entries(flatten(record))) row[k in row ? `record.${k}` : k] = v;
  return row;
}

/** Build a DataFrame from rows (a column missing from a row is null); integer-valued config columns and seed are Int64; a list of objects or lists becomes its JSON text. */
export function toDataFrame(rows: Record<string, unknown>[], intColumns: Iterable<string> = []): pl.DataFrame {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  const ints = new Set(intColumns);
  const columns = names.map((name) => {
    const values = rows.map((r) => (r[name] === undefined ? null : r[name]));
    const nonNull = values.filter((v) => v !== null);
    try {
      if (nonNull.length === 0) return pl.Series(name, values, pl.Utf8);
      if (ints.has(name) && nonNull.every((v) => Number.isSafeInteger(v))) return pl.Series(name, values, pl.Int64);
      const kinds = new Set(nonNull.map((v) => (Array.isArray(v) ? 'array' : typeof v)));
      if (kinds.size > 1) throw new TypeError(`mixes ${[...kinds].join(' and ')} values`);
      // Polars has no list-of-struct from JS: a list holding objects or lists is stored as its JSON text (JSON.parse to read it)
      if (kinds.has('array') && nonNull.some((v) => (v as unknown[]).some((x) => x !== null && typeof x === 'object'))) {
        return pl.Series(name, values.map((v) => (v === null ? null : JSON.stringify(v))), pl.Utf8);
      }
      if (kinds.has('number')) return pl.Series(name, values, pl.Float64);
      return pl.Series(name, values);
    } catch (e) {
      throw new TypeError(`result table column '${name}' cannot be built: ${(e as Error).message}`);
    }
  });
  return pl.DataFrame(columns);
}

export interface TableProvenance {
  experiment: string;
  version: number | string;
  profile: string;
  tasks: number;
  computed: number;
  cached: number;
  [k: string]: unknown;
}

/** Parquet path of an experiment's table: `<resultsDir>/<name>-v<version>.parquet` (sidecar: same name, .json). */
export function tablePath(resultsDir: string, name: string, version: number | string): string {
  if (typeof name !== 'string' || !name) throw new RangeError(`tablePath: name must be a non-empty experiment name, but got ${JSON.stringify(name)}`);
  if (!(typeof version === 'string' ? version.length > 0 : Number.isFinite(version))) throw new RangeError(`tablePath: version must be a finite number or a non-empty string, but got ${String(version)}`);
  return path.join(resultsDir, `${name}-v${version}.parquet`);
}

/** Write the table as Parquet (temp file + rename, so a reader never sees half a file) and the provenance sidecar: commit, profile, package versions. */
export function writeTable(df: pl.DataFrame, file: string, info: TableProvenance): { parquet: string; sidecar: string } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  df.writeParquet(tmp);
  fs.renameSync(tmp, file);
  const p = provenance(`${info.experiment} v${info.version}`);
  const sidecar = file.replace(/\.parquet$/, '.json');
  const versions = { ...p.versions, tsx: pkgVersion('tsx'), '@tensorflow/tfjs-backend-wasm': pkgVersion('@tensorflow/tfjs-backend-wasm') };
  writeFileAtomic(sidecar, JSON.stringify({
    ...info, commit: fullCommit() ?? p.commit, dirty: p.dirty, date: p.date, versions,
    rows: df.height, columns: df.columns, parquet: path.basename(file),
  }, null, 2) + '\n');
  return { parquet: file, sidecar };
}

function pkgVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function fullCommit(): string | null {
  try {
    return require('child_process').execSync('git rev-parse HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

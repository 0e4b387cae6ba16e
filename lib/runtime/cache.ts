/** The content-addressed result cache on disk: one checksummed JSON file per finished task, written atomically. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { canonicalJson, parseCanonical, sha256 } from './canonical-json';
import type { Config, TaskRecord } from './experiment';

/** What one cache file holds (besides its checksum). */
export interface CacheEntry {
  key: string;
  experiment: string;
  version: number | string;
  config: Config;
  seed: number;
  cost: number;
  record: TaskRecord;
  /** The record's field names in the order the task function returned them (the stored JSON sorts keys). */
  fields?: string[];
  /** Wall time of the task function, in milliseconds. */
  wallMs: number;
  /** CPU time (user + system) of the worker process during the task, in milliseconds: unlike wall time, not inflated when other processes compete for the cores. */
  cpuMs?: number;
  finishedAt: string;
  host: string;
}

export type CacheRead =
  | { status: 'hit'; entry: CacheEntry }
  | { status: 'miss' }
  | { status: 'corrupt'; reason: string };

/** The results directory: RESULTS_DIR, else `results/` under the current directory. */
export function resultsDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.RESULTS_DIR?.trim() || 'results');
}

/** Write a file atomically: a temp file in the same directory, fsync, rename over the target, fsync the directory. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, data as any);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  } catch { /* some filesystems cannot fsync a directory; the rename is still atomic */ }
}

/** The checksum stored in an entry: sha256 of the canonical JSON of everything else. */
export function entryChecksum(entry: CacheEntry): string {
  return sha256(canonicalJson(entry, 'entry'));
}

/** One experiment's cache: `<resultsDir>/<experiment>/<key[0..1]>/<key>.json`. */
export class ResultCache {
  readonly dir: string;
  constructor(readonly root: string, readonly experiment: string) {
    this.dir = path.join(root, experiment);
  }

  pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError(`cache key must be 64 hex digits, but got ${JSON.stringify(key)}`);
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** Read a task's entry; a file that does not parse, lacks a field, or fails its checksum is reported corrupt (never returned). */
  read(key: string): CacheRead {
    const file = this.pathOf(key);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'miss' };
      return { status: 'corrupt', reason: `unreadable: ${(e as Error).message}` };
    }
    let parsed: { checksum?: unknown; entry?: unknown };
    try {
      parsed = parseCanonical(text) as typeof parsed;
    } catch (e) {
      return { status: 'corrupt', reason: `not valid JSON (${text.length} bytes): ${(e as Error).message}` };
    }
    if (!parsed || typeof parsed !== 'object' || typeof parsed.checksum !== 'string' || !parsed.entry || typeof parsed.entry !== 'object') {
      return { status: 'corrupt', reason: 'missing checksum or entry' };
    }
    const entry = parsed.entry as CacheEntry;
    let sum: string;
    try {
      sum = entryChecksum(entry);
    } catch (e) {
      return { status: 'corrupt', reason: (e as Error).message };
    }
    if (sum !== parsed.checksum) return { status: 'corrupt', reason: `checksum mismatch (stored ${parsed.checksum.slice(0, 12)}…, content ${sum.slice(0, 12)}…)` };
    if (entry.key !== key) return { status: 'corrupt', reason: `entry holds key ${String(entry.key).slice(0, 12)}…, not ${key.slice(0, 12)}…` };
    if (!entry.record || typeof entry.record !== 'object') return { status: 'corrupt', reason: 'entry has no record' };
    return { status: 'hit', entry };
  }

  /** Store a finished task atomically (two writers of the same key leave one whole file). */
  write(entry: Omit<CacheEntry, 'finishedAt' | 'host'> & Partial<Pick<CacheEntry, 'finishedAt' | 'host'>>): CacheEntry {
    const full: CacheEntry = { ...entry, finishedAt: entry.finishedAt ?? new Date().toISOString(), host: entry.host ?? os.hostname() };
    const checksum = entryChecksum(full);
    writeFileAtomic(this.pathOf(full.key), canonicalJson({ checksum, entry: full }, 'entry') + '\n');
    return full;
  }

  /** Every valid entry in this experiment's folder (any version), for cost estimates; corrupt files are skipped. */
  entries(): CacheEntry[] {
    const out: CacheEntry[] = [];
    if (!fs.existsSync(this.dir)) return out;
    for (const sub of fs.readdirSync(this.dir)) {
      const d = path.join(this.dir, sub);
      if (!/^[0-9a-f]{2}$/.test(sub) || !fs.statSync(d).isDirectory()) continue;
      for (const f of fs.readdirSync(d)) {
        const m = /^([0-9a-f]{64})\.json$/.exec(f);
        if (!m) continue;
        const r = this.read(m[1]);
        if (r.status === 'hit') out.push(r.entry);
      }
    }
    return out;
  }
}

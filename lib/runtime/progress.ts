/** One live progress line per experiment (`name: 96/240 tasks (60 cached) · 3 min 10 s · ETA 4 min`): rewritten in place on a terminal or in Jupyter, plain lines every ~10 s elsewhere. */
import type { ProgressMode } from './options';

/** A duration for people: '850 ms', '12 s', '3 min 10 s', '2 h 05 min'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** A rounded remaining time for an ETA: '40 s', '4 min', '1 h 20 min'. */
export function formatEta(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${Math.max(1, Math.ceil(s / 5) * 5)} s`;
  const m = Math.ceil(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export interface ProgressState {
  label: string;
  total: number;
  cached: number;
  computed: number;
  failed: number;
  /** Tasks with a corrupt cache entry that are being recomputed. */
  corrupt: number;
  elapsedMs: number;
  /** Milliseconds since the first computed task started (for the ETA). */
  computeMs: number;
}

/** The progress line's text. The ETA extrapolates the rate of computed tasks (cached ones are instant). */
export function progressLine(s: ProgressState, final = false): string {
  const done = s.cached + s.computed + s.failed;
  let line = `${s.label}: ${done}/${s.total} tasks (${s.cached} cached)`;
  if (s.failed) line += ` · ${s.failed} failed`;
  if (s.corrupt) line += ` · ${s.corrupt} corrupt entr${s.corrupt === 1 ? 'y' : 'ies'} recomputed`;
  line += ` · ${formatDuration(s.elapsedMs)}`;
  if (final) return line + (s.failed ? ' · finished with failures' : ' · done');
  const remaining = s.total - done;
  const finishedComputing = s.computed + s.failed;
  if (remaining > 0 && finishedComputing > 0) line += ` · ETA ${formatEta((s.computeMs / finishedComputing) * remaining)}`;
  return line;
}

interface Stream { write(s: string): unknown; isTTY?: boolean }

/** Which display applies: 'tty' on a terminal or in a Jupyter kernel (JPY_PARENT_PID set), else 'lines'. */
export function detectMode(mode: ProgressMode, stream: Stream, env: Record<string, string | undefined> = process.env): 'tty' | 'lines' | 'off' {
  if (mode !== 'auto') return mode;
  return stream.isTTY || env.JPY_PARENT_PID ? 'tty' : 'lines';
}

/** Throttled writer of one experiment's progress line. */
export class Progress {
  readonly mode: 'tty' | 'lines' | 'off';
  private last = -Infinity;
  private shown = false;
  private width = 0;
  private readonly t0: number;
  private computeStart: number | null = null;
  readonly state: ProgressState;
  /** Minimum interval between redraws; and how often the caller should redraw without news (elapsed time). */
  readonly minIntervalMs: number;
  readonly tickMs: number;

  constructor(label: string, total: number, mode: ProgressMode = 'auto', private readonly stream: Stream = process.stderr,
    private readonly now: () => number = Date.now, env: Record<string, string | undefined> = process.env,
    /** Minimum interval between updates: default 250 ms on a terminal (≤ 4 per second), 1 s in Jupyter, 10 s for plain lines. */
    intervalMs?: number) {
    this.mode = detectMode(mode, stream, env);
    // in Jupyter (a live line without a terminal) each write is one more output of the saved notebook: fewer updates
    const jupyter = this.mode === 'tty' && !stream.isTTY;
    this.minIntervalMs = intervalMs ?? (this.mode === 'tty' ? (jupyter ? 1000 : 250) : 10_000);
    this.tickMs = this.mode === 'tty' ? (jupyter ? 5000 : 1000) : 10_000;
    this.t0 = now();
    this.state = { label, total, cached: 0, computed: 0, failed: 0, corrupt: 0, elapsedMs: 0, computeMs: 0 };
  }

  /** Mark the start of computing (after cache lookups). */
  startComputing(): void {
    this.computeStart ??= this.now();
  }

  /** Update the counts and redraw if the interval has passed (or `force`). */
  update(change: Partial<Pick<ProgressState, 'cached' | 'computed' | 'failed' | 'corrupt'>> = {}, force = false): void {
    Object.assign(this.state, change);
    this.draw(force, false);
  }

  /** A message (a failure, a worker's output) on its own line, without breaking the live line. */
  log(text: string): void {
    if (this.mode === 'off') return;
    if (this.mode === 'tty' && this.shown) this.stream.write(`\r${' '.repeat(this.width)}\r`);
    this.stream.write(text.endsWith('\n') ? text : text + '\n');
    if (this.mode === 'tty' && this.shown) this.draw(true, false);
  }

  /** The final line. */
  finish(): void {
    this.draw(true, true);
  }

  private draw(force: boolean, final: boolean): void {
    if (this.mode === 'off') return;
    const t = this.now();
    if (!force && t - this.last < this.minIntervalMs) return;
    this.last = t;
    this.state.elapsedMs = t - this.t0;
    this.state.computeMs = this.computeStart === null ? 0 : t - this.computeStart;
    const line = progressLine(this.state, final);
    if (this.mode === 'tty') {
      // '\r' and padding, no ANSI escapes: Jupyter honours a carriage return but not every escape
      this.stream.write(`\r${line.padEnd(this.width)}${final ? '\n' : ''}`);
      this.width = final ? 0 : line.length;
      this.shown = !final;
    } else {
      this.stream.write(line + '\n');
    }
  }
}

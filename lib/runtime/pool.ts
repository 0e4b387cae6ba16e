/** A pool of worker processes (child_process.fork of worker.ts under tsx) that runs task messages in parallel; a crashed worker fails its task and is replaced. */
import { ChildProcess, fork } from 'child_process';
import * as path from 'path';
import type { TaskMessage, WorkerReply } from './worker';

export interface PoolHandlers {
  done(m: TaskMessage, entryJson: string): void;
  failed(m: TaskMessage, error: string): void;
  /** A line a worker wrote to stdout or stderr. */
  output?(line: string, pid: number): void;
  started?(m: TaskMessage): void;
}

const WORKER = path.join(__dirname, 'worker.ts');

/** The node arguments that let a child process load TypeScript: tsx's CommonJS hook. */
export function tsxExecArgv(): string[] {
  return ['--require', require.resolve('tsx/cjs')];
}

/** Run every message on up to `jobs` workers; resolves when all have finished (done or failed). */
export function runPool(jobs: number, messages: TaskMessage[], h: PoolHandlers, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  const queue = messages.slice();
  let running = 0;
  let earlyDeaths = 0;
  const workers = new Set<ChildProcess>();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      if (err) {
        settled = true;
        for (const w of workers) w.kill('SIGKILL');
        reject(err);
      } else if (queue.length === 0 && running === 0) {
        settled = true;
        for (const w of workers) w.disconnect?.();
        resolve();
      }
    };
    const spawn = () => {
      const w = fork(WORKER, [], { execArgv: tsxExecArgv(), env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
      workers.add(w);
      let current: TaskMessage | null = null;
      let ready = false;
      let tail = '';
      for (const s of [w.stdout, w.stderr]) {
        let buf = '';
        s?.setEncoding('utf8');
        s?.on('data', (d: string) => {
          buf += d;
          tail = (tail + d).slice(-2000);
          let i: number;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (line.trim()) h.output?.(line, w.pid ?? 0);
          }
        });
      }
      const next = () => {
        const m = queue.shift();
        if (!m) {
          current = null;
          w.disconnect();
          return;
        }
        current = m;
        running += 1;
        h.started?.(m);
        w.send(m);
      };
      w.on('message', (r: WorkerReply) => {
        if (r.type === 'ready') {
          ready = true;
          next();
          return;
        }
        if (!current || r.key !== current.key) return;
        const m = current;
        running -= 1;
        current = null;
        if (r.type === 'done') h.done(m, r.entry);
        else h.failed(m, r.error);
        next();
        finish();
      });
      w.on('exit', (code, signal) => {
        workers.delete(w);
        if (settled) return;
        if (!ready) {
          earlyDeaths += 1;
          if (earlyDeaths >= 3) {
            finish(new Error(`worker processes exit before starting (code ${code}, signal ${signal}); last output:\n${tail}`));
            return;
          }
        }
        if (current) {
          const m = current;
          current = null;
          running -= 1;
          h.failed(m, `worker process ${w.pid} died while running the task (exit code ${code}, signal ${signal}; out of memory?)${tail ? `; its last output:\n${tail.slice(-600)}` : ''}`);
        }
        if (queue.length > 0 && workers.size < jobs) spawn();
        finish();
      });
      w.on('error', (e) => { tail += `\n${e.message}`; });
    };
    for (let i = 0; i < Math.min(jobs, queue.length); i++) spawn();
  });
}

/**
 * Chooses the TF.js backend: tfjs-node-gpu if its native binding loads, else tfjs-node,
 * else WebAssembly (SIMD), else the plain JS cpu backend. TFJS_BACKEND=name forces one.
 * Returns which backend runs and why each better one did not, for every report header.
 * On wasm, the matmul family (BatchMatMul, _FusedMatMul) runs OpenBLAS sgemm through the native
 * addon when it was built (lib/core/native-blas; NATIVE_BLAS=0 keeps the wasm kernels); `matmul` says which.
 */
import * as tf from '@tensorflow/tfjs';
import { installNativeMatmul } from './native-blas';

export interface BackendChoice {
  /** The TF.js backend name now active: 'tensorflow' (node or node-gpu), 'wasm' or 'cpu'. */
  name: string;
  /** The package that supplied it. */
  pkg: string;
  /** One line per better backend that was not used, saying why. */
  skipped: string[];
  /** What runs the matmul family: 'native OpenBLAS sgemm …' or 'wasm kernels (why)'; absent off wasm. */
  matmul?: string;
}

const CANDIDATES = [
  { key: 'node-gpu', pkg: '@tensorflow/tfjs-node-gpu', backend: 'tensorflow' },
  { key: 'node', pkg: '@tensorflow/tfjs-node', backend: 'tensorflow' },
  { key: 'wasm', pkg: '@tensorflow/tfjs-backend-wasm', backend: 'wasm' },
  { key: 'cpu', pkg: '@tensorflow/tfjs (built in)', backend: 'cpu' },
] as const;

let chosen: BackendChoice | null = null;

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0].slice(0, 160);
}

/** Initialise the best available TF.js backend once; later calls return the same choice. */
export async function initBackend(env: Record<string, string | undefined> = process.env): Promise<BackendChoice> {
  if (chosen) return chosen;
  const forced = env.TFJS_BACKEND?.trim();
  if (forced && !CANDIDATES.some((c) => c.key === forced)) {
    throw new RangeError(`TFJS_BACKEND must be one of ${CANDIDATES.map((c) => c.key).join(', ')}, but got '${forced}'`);
  }
  const skipped: string[] = [];
  for (const c of CANDIDATES) {
    if (forced && c.key !== forced) {
      skipped.push(`${c.pkg}: not tried (TFJS_BACKEND=${forced})`);
      continue;
    }
    try {
      if (c.key !== 'cpu') require(c.pkg);
      if (!(await tf.setBackend(c.backend))) throw new Error(`tf.setBackend('${c.backend}') returned false`);
      await tf.ready();
      chosen = { name: tf.getBackend(), pkg: c.pkg, skipped };
      if (chosen.name === 'wasm') chosen.matmul = installNativeMatmul(env).detail;
      return chosen;
    } catch (e) {
      skipped.push(`${c.pkg}: ${firstLine(e)}`);
    }
  }
  throw new Error(`no TF.js backend could be initialised:\n${skipped.join('\n')}`);
}

/** One-line description for report headers. */
export function describeBackend(b: BackendChoice): string {
  return `${b.name} (${b.pkg})` + (b.matmul ? `; matmul: ${b.matmul}` : '') + (b.skipped.length ? `; not used: ${b.skipped.join('; ')}` : '');
}

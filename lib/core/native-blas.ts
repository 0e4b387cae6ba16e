/**
 * Native BLAS/LAPACK under TF.js's wasm backend: the addon native/activation_native.c, built
 * by native/build.cjs against the system OpenBLAS (Debian: libopenblas-dev), supplies
 *  - sgemm for the TF.js kernels BatchMatMul and _FusedMatMul (tf.matMul, tf.fused.matMul and the
 *    gradients of both, which route through BatchMatMul): installNativeMatmul() replaces the wasm
 *    backend's kernels with ones that call cblas_sgemm directly on the wasm backend's own memory
 *    (WebAssembly.Memory, no copies) and hand any case they do not cover (non-float32, an incompatible
 *    batch broadcast, a prelu activation, a bias other than a scalar or a row) to the original wasm kernel;
 *  - dsyevd (LAPACK, divide and conquer) for dense symmetric eigendecompositions: lapackSymmetricEigen();
 *  - trainEpoch, a whole epoch of MLP / stacked-ensemble training (forward, backward, Adam or SGD) for
 *    lib/networks/train-native (NATIVE_TRAIN=0 or NATIVE_BLAS=0 keep the TF.js training step).
 * When the module is absent (no compiler or BLAS at install time, another platform) or disabled
 * (NATIVE_BLAS=0 for the matmul kernels, NATIVE_LAPACK=0 for dsyevd) everything stays on the wasm /
 * TypeScript routes, and the provenance strings say so. NATIVE_MODULE=<path> loads another build (tests
 * point it at a missing file to exercise the fallback).
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export interface NativeModule {
  sgemm(buf: ArrayBuffer, aOff: number, bOff: number, cOff: number, batch: number, M: number, N: number, K: number,
    transA: boolean, transB: boolean, strideA: number, strideB: number, biasOff: number, biasSize: number, act: number, alpha: number): void;
  dsyevd(a: Float64Array, w: Float64Array, n: number, wantVectors: boolean): number;
  info(): { config: string; threads: number };
  /** One epoch of native MLP training (lib/networks/train-native); absent from builds before it was added. */
  trainEpoch?(theta: Float32Array, m: Float32Array, v: Float32Array, x: Float32Array, y: Float32Array, idx: Int32Array, dims: Int32Array,
    conf: Float64Array, acc: Float32Array, alive: Uint8Array, losses: Float32Array, died: Int32Array): number;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_NATIVE_MODULE = path.join(__dirname, '..', '..', 'native', 'build', 'activation_native.node');

const loaded = new Map<string, { module: NativeModule | null; why: string }>();

/** The addon at NATIVE_MODULE (default native/build/activation_native.node), or null and why not. Cached per path. */
export function loadNative(env: Env = process.env): { module: NativeModule | null; why: string } {
  const file = env.NATIVE_MODULE?.trim() || DEFAULT_NATIVE_MODULE;
  let r = loaded.get(file);
  if (!r) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require(file) as NativeModule;
      const i = m.info();
      r = { module: m, why: `${i.config.trim()}, ${i.threads} threads` };
    } catch (e) {
      const msg = String((e as Error)?.message ?? e).split('\n')[0];
      r = { module: null, why: /Cannot find module/.test(msg) ? `native module not built (${path.relative(process.cwd(), file) || file}; npm ci or make setup builds it)` : `native module failed to load: ${msg.slice(0, 160)}` };
    }
    loaded.set(file, r);
  }
  return r;
}

/** Calls per kernel that ran natively and that were handed to the original kernel (tests read these). */
export const nativeStats = {
  BatchMatMul: { native: 0, fallback: 0 },
  _FusedMatMul: { native: 0, fallback: 0 },
};

export interface NativeMatmulStatus {
  /** true when BatchMatMul and _FusedMatMul run OpenBLAS sgemm */
  active: boolean;
  /** one line for provenance: what runs the matmul family and why */
  detail: string;
}

const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
const FUSED_ACT: Record<string, number> = { linear: 0, relu: 1, relu6: 2, elu: 3, sigmoid: 4, leakyrelu: 5 };
let originals: Map<string, tf.KernelConfig> | null = null;
let status: NativeMatmulStatus | null = null;

// the parts of tfjs-backend-wasm's BackendWasm used here (not in its public typings)
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: object): { memoryOffset: number | null } };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

const sizeOf = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);

/** Broadcast batch shape of two outer shapes, or null when not broadcastable. */
function broadcastOuter(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length), out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out.push(Math.max(x, y));
  }
  return out;
}

/** out = act(op(a)·op(b) + bias) by sgemm on the wasm heap, or null when the case is not covered. */
function nativeMatmul(mod: NativeModule, backend: WasmBackendLike, a: tf.TensorInfo, b: tf.TensorInfo, transA: boolean, transB: boolean,
  bias: tf.TensorInfo | undefined, act: number, alpha: number): tf.TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  const ar = a.shape.length, br = b.shape.length;
  const K = transA ? a.shape[ar - 2] : a.shape[ar - 1], Kb = transB ? b.shape[br - 1] : b.shape[br - 2];
  const M = transA ? a.shape[ar - 1] : a.shape[ar - 2], N = transB ? b.shape[br - 2] : b.shape[br - 1];
  if (K !== Kb) return null; // the original kernel raises its error
  const oa = a.shape.slice(0, -2), ob = b.shape.slice(0, -2);
  const ba = sizeOf(oa), bb = sizeOf(ob);
  const outer = broadcastOuter(oa, ob);
  const batch = Math.max(ba, bb);
  // one operand broadcast whole (its batch 1) or equal batches; anything else goes to the wasm kernel
  if (!outer || sizeOf(outer) !== batch || (ba !== bb && ba !== 1 && bb !== 1) || M * N * batch === 0) return null;
  let biasOff = -1, biasSize = 0;
  if (bias) {
    biasSize = sizeOf(bias.shape);
    if (bias.dtype !== 'float32' || (biasSize !== 1 && !(biasSize === N && bias.shape[bias.shape.length - 1] === N))) return null;
  }
  const offA = backend.dataIdMap.get(a.dataId).memoryOffset, offB = backend.dataIdMap.get(b.dataId).memoryOffset;
  // a threaded wasm build shares its memory (SharedArrayBuffer), which N-API cannot hand over as an ArrayBuffer
  if (offA == null || offB == null || !(backend.wasm.HEAPU8.buffer instanceof ArrayBuffer)) return null;
  const out = backend.makeOutput([...outer, M, N], 'float32');
  const offC = backend.dataIdMap.get(out.dataId).memoryOffset!;
  if (bias) biasOff = backend.dataIdMap.get(bias.dataId).memoryOffset!;
  // the heap's ArrayBuffer is read after makeOutput: an allocation may have grown (replaced) it
  mod.sgemm(backend.wasm.HEAPU8.buffer as ArrayBuffer, offA, offB, offC, batch, M, N, K, transA, transB,
    ba === 1 ? 0 : M * K, bb === 1 ? 0 : K * N, biasOff, biasSize, act, alpha);
  return out;
}

/**
 * Replace the wasm backend's BatchMatMul and _FusedMatMul with the native ones when the module loads and
 * NATIVE_BLAS is not 0; idempotent. Call after the wasm backend is initialised (lib/core/backend does).
 */
export function installNativeMatmul(env: Env = process.env): NativeMatmulStatus {
  if (status?.active) return status;
  if (env.NATIVE_BLAS?.trim() === '0') return (status = { active: false, detail: 'wasm kernels (NATIVE_BLAS=0)' });
  const { module: mod, why } = loadNative(env);
  if (!mod) return (status = { active: false, detail: `wasm kernels (${why})` });
  const origs = new Map<string, tf.KernelConfig>();
  for (const k of KERNELS) {
    const c = tf.getKernel(k, 'wasm');
    if (!c) return (status = { active: false, detail: `wasm kernels (the wasm backend has no ${k} kernel registered)` });
    origs.set(k, c);
  }
  const orig = (k: string) => origs.get(k)!.kernelFunc;
  const replace = (k: (typeof KERNELS)[number], f: tf.KernelFunc) => {
    tf.unregisterKernel(k, 'wasm');
    tf.registerKernel({ kernelName: k, backendName: 'wasm', kernelFunc: f });
  };
  replace('BatchMatMul', (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const out = nativeMatmul(mod, args.backend as unknown as WasmBackendLike, a, b, !!transposeA, !!transposeB, undefined, 0, 0);
    if (out) { nativeStats.BatchMatMul.native++; return out; }
    nativeStats.BatchMatMul.fallback++;
    return orig('BatchMatMul')(args);
  });
  replace('_FusedMatMul', (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const { transposeA, transposeB, activation, leakyreluAlpha } = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string; leakyreluAlpha?: number };
    const act = FUSED_ACT[activation ?? 'linear'];
    const out = preluActivationWeights == null && act !== undefined
      ? nativeMatmul(mod, args.backend as unknown as WasmBackendLike, a!, b!, !!transposeA, !!transposeB, bias ?? undefined, act, leakyreluAlpha ?? 0.2)
      : null;
    if (out) { nativeStats._FusedMatMul.native++; return out; }
    nativeStats._FusedMatMul.fallback++;
    return orig('_FusedMatMul')(args);
  });
  originals = origs;
  return (status = { active: true, detail: `native OpenBLAS sgemm for BatchMatMul and _FusedMatMul (${why})` });
}

/** Put the wasm backend's own BatchMatMul and _FusedMatMul back (tests compare both routes in one process). */
export function uninstallNativeMatmul(): void {
  if (originals) {
    for (const [k, c] of originals) {
      tf.unregisterKernel(k, 'wasm');
      tf.registerKernel(c);
    }
  }
  originals = null;
  status = null;
}

/** What runs the matmul family now (null before installNativeMatmul was called). */
export function nativeMatmulStatus(): NativeMatmulStatus | null {
  return status;
}

// ---------------------------------------------------------------- LAPACK dsyevd

/** Below this order the TypeScript tred2/tql2 is as fast as a call out (and needs no module). */
export const LAPACK_MIN_N = 64;

/** Which route dense symmetric eigen-solving takes here, for provenance: 'LAPACK dsyevd for n ≥ 64' or 'TypeScript (why)'. */
export function lapackRoute(env: Env = process.env): string {
  if (env.NATIVE_LAPACK?.trim() === '0') return 'TypeScript tred2/tql2 (NATIVE_LAPACK=0)';
  const { module: mod, why } = loadNative(env);
  return mod ? `LAPACK dsyevd for n ≥ ${LAPACK_MIN_N}, TypeScript below` : `TypeScript tred2/tql2 (${why})`;
}

/**
 * What runs a training step of lib/networks/train (train, trainBatched), for provenance: the addon's trainEpoch
 * (forward, backward and the Adam/SGD update of a whole epoch in one call) or the TF.js tape and optimizer.
 * The per-call choice (backend, activation) is lib/networks/train-native nativeTrainRoute.
 */
export function nativeTrainingRoute(backend: string, env: Env = process.env): string {
  if (env.NATIVE_BLAS?.trim() === '0') return 'TF.js tape and optimizer (NATIVE_BLAS=0)';
  if (env.NATIVE_TRAIN?.trim() === '0') return 'TF.js tape and optimizer (NATIVE_TRAIN=0)';
  if (backend !== 'wasm' && backend !== 'cpu') return `TF.js tape and optimizer (backend ${backend})`;
  const { module: mod, why } = loadNative(env);
  if (!mod || typeof (mod as { trainEpoch?: unknown }).trainEpoch !== 'function') return `TF.js tape and optimizer (${mod ? 'native module without trainEpoch' : why})`;
  return 'native trainEpoch (one call per epoch: forward, backward, Adam/SGD in float32, OpenBLAS sgemm) for zoo activations';
}

/** The last route symmetric eigen-solving took ('lapack dsyevd' or why not), for provenance. */
export let lapackLastRoute = 'not used yet';

/**
 * Eigendecomposition of the symmetric n×n row-major matrix `data` (symmetrised as (A + Aᵀ)/2) by LAPACK
 * dsyevd: ascending values, vectors[k] the unit eigenvector of values[k] (signs as LAPACK returns them).
 * Returns null — the caller then runs its TypeScript solver — when n < LAPACK_MIN_N, NATIVE_LAPACK=0,
 * the module is absent, or dsyevd reports failure (info ≠ 0).
 */
export function lapackSymmetricEigen(A: { n: number; data: Float64Array }, wantVectors = true, env: Env = process.env):
  { values: Float64Array; vectors: Float64Array[] } | null {
  const n = A.n;
  if (n < LAPACK_MIN_N) return null;
  if (env.NATIVE_LAPACK?.trim() === '0') { lapackLastRoute = 'TypeScript (NATIVE_LAPACK=0)'; return null; }
  const { module: mod, why } = loadNative(env);
  if (!mod) { lapackLastRoute = `TypeScript (${why})`; return null; }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (A.data[i * n + j] + A.data[j * n + i]);
  const w = new Float64Array(n);
  const info = mod.dsyevd(a, w, n, wantVectors);
  if (info !== 0) { lapackLastRoute = `TypeScript (dsyevd info = ${info})`; return null; }
  lapackLastRoute = `LAPACK dsyevd (${why})`;
  // column k of LAPACK's column-major result is row k of this row-major buffer
  return { values: w, vectors: wantVectors ? Array.from({ length: n }, (_, k) => a.slice(k * n, (k + 1) * n)) : [] };
}

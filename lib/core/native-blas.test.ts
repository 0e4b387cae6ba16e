/**
 * The native BLAS/LAPACK routes (lib/core/native-blas) against the wasm kernels and the TypeScript
 * eigen-solver: same results within float32 (matmul family) and float64 (dsyevd) tolerance, the native path
 * taken when the module is built, the fallback when it is absent or disabled. No timings are asserted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { initBackend, describeBackend } from './backend';
import {
  DEFAULT_NATIVE_MODULE, installNativeMatmul, uninstallNativeMatmul, nativeStats, loadNative, lapackSymmetricEigen, LAPACK_MIN_N,
} from './native-blas';
import { symmetricEigen, symmetricEigenvalues, type DenseMatrix } from '../analysis/hessian';
import { makeRng } from './rng';

const BUILT = fs.existsSync(DEFAULT_NATIVE_MODULE);
const NEED = BUILT ? false : 'native module not built (node native/build.cjs needs a C compiler and libopenblas-dev)';
/** Debian's OpenBLAS development library (make setup installs it): where it is, the addon must have been built. */
const OPENBLAS_DEV = ['/usr/lib/x86_64-linux-gnu/libopenblas.so', '/usr/lib/aarch64-linux-gnu/libopenblas.so'].find((f) => fs.existsSync(f));

test('where libopenblas-dev is installed the addon is built and loads (make setup / npm ci build it)', { skip: OPENBLAS_DEV ? false : 'libopenblas-dev not installed' }, () => {
  assert.ok(BUILT, `${OPENBLAS_DEV} is present but ${DEFAULT_NATIVE_MODULE} is not: run node native/build.cjs and read why`);
  const { module, why } = loadNative({});
  assert.ok(module, why);
  assert.match(why, /OpenBLAS/);
});

/** Loss and gradients of a small MLP that exercises matMul (2-D, transposed, batched with a broadcast
 *  operand) and fused matMul (bias + relu / sigmoid), forward and backward. */
function mlpLossAndGrads(seed: number): { loss: number; grads: Float32Array[]; outs: Float32Array[] } {
  return tf.tidy(() => {
    const r = makeRng(seed);
    const t = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => r.normal()), shape);
    const x = t([16, 5]), y = t([16, 1]);
    const vars = [tf.variable(t([5, 7])), tf.variable(t([7])), tf.variable(t([7, 6])), tf.variable(t([6])), tf.variable(t([3, 6, 1]))];
    const [w1, b1, w2, b2, w3] = vars;
    const f = () => {
      const h1 = tf.tanh(tf.add(tf.matMul(x, w1), b1));
      // under a gradient TF.js fuses only the linear activation (shouldFuse), so the activations come after
      const h2 = tf.relu(tf.fused.matMul({ a: h1, b: w2, bias: b2 }));
      const h3 = tf.sigmoid(tf.fused.matMul({ a: h2, b: w2, transposeB: true })); // 16×7
      const hb = tf.matMul(tf.tile(tf.reshape(tf.slice(h3, [0, 0], [16, 6]), [1, 16, 6]), [3, 1, 1]), w3); // batched 3 × (16×6 · 6×1)
      const z = tf.mean(hb, 0) as tf.Tensor2D;
      const gram = tf.matMul(h1, h1, true, false); // 7×7, transposeA
      return tf.add(tf.mean(tf.square(tf.sub(z, y))), tf.mul(1e-3, tf.sum(gram))) as tf.Scalar;
    };
    const { value, grads } = tf.variableGrads(f, vars);
    // forward only (TF.js's BatchMatMul gradient does not broadcast): a batch-1 operand against a batch of 3, both ways
    const outs = [tf.matMul(x, w1, false, false), tf.matMul(w1, x, true, true), tf.matMul(tf.reshape(x, [1, 16, 5]), tf.tile(tf.reshape(w1, [1, 5, 7]), [3, 1, 1])),
      tf.matMul(tf.tile(tf.reshape(x, [1, 16, 5]), [3, 1, 1]), w1), tf.matMul(tf.reshape(w1, [1, 1, 5, 7]), tf.reshape(tf.tile(x, [2, 1]), [2, 1, 16, 5]), true, true)]
      .concat((['relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu'] as const).map((activation) => tf.fused.matMul({ a: x, b: w1, bias: b1, activation })))
      .map((o) => o.dataSync() as Float32Array);
    const res = { loss: value.dataSync()[0], grads: vars.map((v) => grads[v.name].dataSync() as Float32Array), outs };
    vars.forEach((v) => v.dispose());
    return res;
  });
}

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let scale = 0, d = 0;
  for (let i = 0; i < a.length; i++) { scale = Math.max(scale, Math.abs(b[i])); d = Math.max(d, Math.abs(a[i] - b[i])); }
  return d / Math.max(scale, 1e-30);
}

test('on wasm with the module built, initBackend installs native sgemm and says so', { skip: NEED }, async () => {
  const b = await initBackend({ TFJS_BACKEND: 'wasm' });
  assert.equal(b.name, 'wasm');
  assert.match(b.matmul ?? '', /^native OpenBLAS sgemm for BatchMatMul and _FusedMatMul/);
  assert.match(describeBackend(b), /matmul: native OpenBLAS sgemm/);
});

test('native sgemm and the wasm kernels agree on a small MLP, forward and gradients; the native path is taken', { skip: NEED }, async () => {
  await initBackend({ TFJS_BACKEND: 'wasm' });
  assert.equal(tf.getBackend(), 'wasm');
  uninstallNativeMatmul();
  const st = installNativeMatmul({});
  assert.equal(st.active, true, st.detail);
  const before = { bmm: nativeStats.BatchMatMul.native, fused: nativeStats._FusedMatMul.native };
  const nat = mlpLossAndGrads(3);
  assert.ok(nativeStats.BatchMatMul.native - before.bmm >= 8, `BatchMatMul native calls: ${nativeStats.BatchMatMul.native - before.bmm}`);
  assert.ok(nativeStats._FusedMatMul.native - before.fused >= 2, `_FusedMatMul native calls: ${nativeStats._FusedMatMul.native - before.fused}`);
  uninstallNativeMatmul();
  const calls = nativeStats.BatchMatMul.native + nativeStats._FusedMatMul.native;
  const ref = mlpLossAndGrads(3);
  assert.equal(nativeStats.BatchMatMul.native + nativeStats._FusedMatMul.native, calls, 'the wasm route made no native calls');
  installNativeMatmul({});
  assert.ok(Math.abs(nat.loss - ref.loss) <= 1e-5 * Math.abs(ref.loss), `loss ${nat.loss} vs ${ref.loss}`);
  nat.grads.forEach((g, i) => assert.ok(maxRelDiff(g, ref.grads[i]) < 1e-5, `gradient ${i}: max rel diff ${maxRelDiff(g, ref.grads[i])}`));
  nat.outs.forEach((o, i) => assert.ok(maxRelDiff(o, ref.outs[i]) < 1e-6, `output ${i}: max rel diff ${maxRelDiff(o, ref.outs[i])}`));
});

test('native matmul: a 1×1 bias, leakyrelu and a prelu (handed to the wasm kernel) match plain ops', { skip: NEED }, async () => {
  await initBackend({ TFJS_BACKEND: 'wasm' });
  installNativeMatmul({});
  const a = tf.tensor2d([[1, -2, 3], [-4, 5, -6]]), b = tf.tensor2d([[1, 0], [0, 1], [1, -1]]);
  const fb = nativeStats._FusedMatMul.fallback;
  const leaky = tf.fused.matMul({ a, b, bias: tf.scalar(0.5), activation: 'leakyrelu', leakyreluAlpha: 0.1 }).dataSync();
  [4.5, -0.45, -0.95, 11.5].forEach((v, i) => assert.ok(Math.abs(leaky[i] - v) < 1e-6, `leakyrelu ${i}: ${leaky[i]} vs ${v}`));
  const prelu = tf.fused.matMul({ a, b, activation: 'prelu', preluActivationWeights: tf.tensor1d([0.5, 0.5]) }).arraySync();
  assert.deepEqual(prelu, [[4, -2.5], [-5, 11]]);
  assert.equal(nativeStats._FusedMatMul.fallback, fb + 1, 'prelu went to the wasm kernel');
  // 0 rows: handed on, still the right shape
  assert.deepEqual(tf.matMul(tf.zeros([0, 3]), b).shape, [0, 2]);
});

test('fallback: with the module absent or NATIVE_BLAS=0 the wasm kernels run and the reason is given', async () => {
  await initBackend({ TFJS_BACKEND: 'wasm' });
  uninstallNativeMatmul();
  const absent = installNativeMatmul({ NATIVE_MODULE: '/nonexistent/activation_native.node' });
  assert.equal(absent.active, false);
  assert.match(absent.detail, /^wasm kernels \(native module not built/);
  assert.equal(loadNative({ NATIVE_MODULE: '/nonexistent/activation_native.node' }).module, null);
  const calls = nativeStats.BatchMatMul.native;
  assert.deepEqual(tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])).arraySync(), [[19, 22], [43, 50]]);
  assert.equal(nativeStats.BatchMatMul.native, calls);
  uninstallNativeMatmul();
  assert.deepEqual(installNativeMatmul({ NATIVE_BLAS: '0' }), { active: false, detail: 'wasm kernels (NATIVE_BLAS=0)' });
  uninstallNativeMatmul();
  // eigen-solving falls back to TypeScript the same way
  assert.equal(lapackSymmetricEigen(randomSymmetric(LAPACK_MIN_N, 1), true, { NATIVE_MODULE: '/nonexistent/x.node' }), null);
  assert.equal(lapackSymmetricEigen(randomSymmetric(LAPACK_MIN_N, 1), true, { NATIVE_LAPACK: '0' }), null);
  assert.equal(lapackSymmetricEigen(randomSymmetric(LAPACK_MIN_N - 1, 1), true, {}), null, 'small n stays in TypeScript');
});

function randomSymmetric(n: number, seed: number, degenerate = false): DenseMatrix {
  const rng = makeRng(seed), data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { const x = rng.normal(); data[i * n + j] = x; data[j * n + i] = x; }
  if (degenerate) for (let i = 0; i < 5; i++) { data.fill(0, i * n, (i + 1) * n); for (let j = 0; j < n; j++) data[j * n + i] = 0; } // 5 zero rows
  return { n, data };
}

test('LAPACK dsyevd and the TypeScript tred2/tql2 agree to float64 tolerance (values, vectors up to sign, residuals)', { skip: NEED }, () => {
  for (const [n, deg] of [[LAPACK_MIN_N, false], [150, false], [120, true]] as const) {
    const A = randomSymmetric(n, n, deg);
    const nat = lapackSymmetricEigen(A, true, {});
    assert.ok(nat, 'the native route ran');
    const prev = process.env.NATIVE_LAPACK;
    process.env.NATIVE_LAPACK = '0';
    let ts;
    try { ts = symmetricEigen(A); assert.deepEqual(symmetricEigenvalues(A), Float64Array.from(ts.values).sort()); } finally {
      if (prev === undefined) delete process.env.NATIVE_LAPACK; else process.env.NATIVE_LAPACK = prev;
    }
    const viaEntry = symmetricEigen(A); // the entry point takes the LAPACK route now
    assert.deepEqual(viaEntry.values, nat.values);
    assert.deepEqual(symmetricEigenvalues(A).length, n);
    const scale = Math.max(...ts.values.map(Math.abs));
    for (let k = 0; k < n; k++) {
      assert.ok(Math.abs(nat.values[k] - ts.values[k]) <= 1e-12 * scale, `λ${k}: ${nat.values[k]} vs ${ts.values[k]}`);
      const v = nat.vectors[k];
      let res = 0, norm = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A.data[i * n + j] * v[j];
        res = Math.max(res, Math.abs(s - nat.values[k] * v[i]));
        norm += v[i] * v[i];
      }
      assert.ok(res <= 1e-12 * scale, `‖Av − λv‖∞ = ${res} for k = ${k}`);
      assert.ok(Math.abs(norm - 1) < 1e-12);
      // vectors of simple eigenvalues agree with TypeScript's up to sign
      const gap = Math.min(k > 0 ? ts.values[k] - ts.values[k - 1] : Infinity, k + 1 < n ? ts.values[k + 1] - ts.values[k] : Infinity);
      if (gap > 1e-6 * scale) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * ts.vectors[k][i];
        assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-9, `|⟨v_lapack, v_ts⟩| = ${Math.abs(dot)} for k = ${k}`);
      }
    }
  }
});

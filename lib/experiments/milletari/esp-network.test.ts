import { test, before } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { safeSigmoid, safeSoftplus } from '../../core/activations-tf';
import assert from 'node:assert/strict';
import {
  makeEspNet, initParams, lossOf, gradient, hessianVectorProduct, hvpOperator, denseHessian, gaussNewtonHessian,
  logitJacobian, fastGradient, predict, accuracy, zeroResidualFraction, authorsRecordSchedule, trainEsp, preactivations, sigmoid,
  type EspNet, type HiddenActivation,
} from './esp-network';
import { loadMilletari } from '../../data/milletari-data';
import { symmetricEigen, zeroRows, zeroRowFraction } from '../../analysis/hessian';
import { makeRng } from '../../core/rng';

const close = (a: number, b: number, tol: number, msg = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (tol ${tol})`);

const NL = loadMilletari('nonlinear');
const LIN = loadMilletari('linear');
const Xs = NL.xTrain.slice(0, 40), ys = NL.yTrain.slice(0, 40);

/** A generic parameter point: Glorot weights, non-zero biases, β spread over both signs. */
function randomTheta(net: EspNet, seed: number): Float64Array {
  const rng = makeRng(seed);
  const th = initParams(net, rng);
  for (const ly of net.layers) {
    for (let i = 0; i < ly.nOut; i++) th[ly.b + i] = 0.3 * rng.normal();
    if (ly.beta >= 0) for (let i = 0; i < ly.nOut; i++) th[ly.beta + i] = 1 + 0.8 * rng.normal();
  }
  return th;
}

const CASES: { sizes: number[]; activation: HiddenActivation; trainableOutputBeta?: boolean }[] = [
  { sizes: [2, 10, 1], activation: 'esp' },
  { sizes: [2, 8, 2, 1], activation: 'esp' },
  { sizes: [2, 8, 2, 1], activation: 'sigmoid' },
  { sizes: [2, 8, 2, 1], activation: 'sigmoid', trainableOutputBeta: true },
  { sizes: [2, 10, 1], activation: 'relu' },
  { sizes: [2, 8, 2, 1], activation: 'relu', trainableOutputBeta: true },
];

/** Smallest |pre-activation| of hidden layers over the data (ReLU kink distance). */
function kinkDistance(net: EspNet, th: Float64Array, X: number[][]): number {
  const pre = preactivations(net, th, X);
  let m = Infinity;
  for (let l = 0; l < pre.length - 1; l++) for (const v of pre[l]) m = Math.min(m, Math.abs(v));
  return m;
}

test('parameter counts and order match the note (41/45 relu, sigmoid; 52/56 esp)', () => {
  const n = (sizes: number[], activation: HiddenActivation, t = false) => makeEspNet({ sizes, activation, trainableOutputBeta: t }).nParams;
  assert.equal(n([2, 10, 1], 'relu'), 41); assert.equal(n([2, 8, 2, 1], 'relu'), 45);
  assert.equal(n([2, 10, 1], 'sigmoid'), 41); assert.equal(n([2, 8, 2, 1], 'sigmoid'), 45);
  assert.equal(n([2, 10, 1], 'esp'), 52); assert.equal(n([2, 8, 2, 1], 'esp'), 56);
  assert.equal(n([2, 10, 1], 'relu', true), 42); assert.equal(n([2, 8, 2, 1], 'sigmoid', true), 46);
  const net = makeEspNet({ sizes: [2, 8, 2, 1], activation: 'esp' });
  assert.deepEqual(net.paramNames.slice(0, 3), ['W1[0,0]', 'W1[0,1]', 'W1[1,0]']);
  assert.equal(net.paramNames[16], 'b1[0]'); assert.equal(net.paramNames[24], 'beta1[0]');
  assert.equal(net.paramNames[32], 'W2[0,0]'); assert.equal(net.paramNames[55], 'beta3[0]');
  assert.deepEqual(net.layers.map((l) => [l.w, l.b, l.beta]), [[0, 16, 24], [32, 48, 50], [52, 54, 55]]);
  const relu = makeEspNet({ sizes: [2, 8, 2, 1], activation: 'relu' });
  assert.ok(relu.layers.every((l) => l.beta === -1));
  assert.throws(() => makeEspNet({ sizes: [2, 3, 2], activation: 'esp' }), /output layer must have 1 unit/);
  assert.throws(() => makeEspNet({ sizes: [2, -3, 1], activation: 'esp' }), /sizes\[1\] must be an integer >= 1, but got -3/);
  assert.throws(() => makeEspNet({ sizes: [2, 3, 1], activation: 'tanh' as never }), /activation must be 'relu', 'sigmoid' or 'esp', but got 'tanh'/);
});

test('init: Glorot-uniform limits, zero biases, esp β ~ N(0, 0.004); initial esp loss ≈ ln 2', () => {
  const net = makeEspNet({ sizes: [2, 8, 2, 1], activation: 'esp' });
  const th = initParams(net, 1);
  for (const ly of net.layers) {
    const lim = Math.sqrt(6 / (ly.nIn + ly.nOut));
    for (let k = 0; k < ly.nIn * ly.nOut; k++) assert.ok(Math.abs(th[ly.w + k]) <= lim);
    for (let i = 0; i < ly.nOut; i++) { assert.equal(th[ly.b + i], 0); assert.ok(Math.abs(th[ly.beta + i]) < 0.02); }
  }
  close(lossOf(net, th, NL.xTrain, NL.yTrain), Math.LN2, 1e-3, 'initial loss');
  const ctl = makeEspNet({ sizes: [2, 10, 1], activation: 'relu', trainableOutputBeta: true });
  assert.equal(initParams(ctl, 1)[41], 1, 'control output β starts at 1');
});

test('gradient matches central finite differences of the loss (all activations)', () => {
  for (const c of CASES) {
    const net = makeEspNet(c);
    const th = randomTheta(net, 3);
    if (c.activation === 'relu') assert.ok(kinkDistance(net, th, Xs) > 1e-4, 'no ReLU kink within the FD step');
    const { loss, grad } = gradient(net, th, Xs, ys);
    close(loss, lossOf(net, th, Xs, ys), 0, 'loss');
    for (let i = 0; i < net.nParams; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(th[i]));
      const p = th.slice(); p[i] += h; const m = th.slice(); m[i] -= h;
      const fd = (lossOf(net, p, Xs, ys) - lossOf(net, m, Xs, ys)) / (2 * h);
      close(grad[i], fd, 1e-7 * Math.max(1, Math.abs(fd)), `${c.activation} ${JSON.stringify(c.sizes)} ∂/∂${net.paramNames[i]}`);
    }
  }
});

test('the batch-major training gradient equals the dual-number gradient (all activations)', () => {
  for (const c of CASES) {
    const net = makeEspNet(c);
    const th = randomTheta(net, 6);
    const a = gradient(net, th, NL.xTrain, NL.yTrain), b = fastGradient(net, th, NL.xTrain, NL.yTrain);
    close(b.loss, a.loss, 1e-15, 'loss');
    let mx = 0; for (const v of a.grad) mx = Math.max(mx, Math.abs(v));
    for (let i = 0; i < net.nParams; i++) close(b.grad[i], a.grad[i], 1e-14 * mx, `${c.activation} ${net.paramNames[i]}`);
  }
});

test('HVP and dense Hessian match central differences of the analytic gradient (~1e-6 relative); symmetric to 1e-12', () => {
  for (const c of CASES) {
    const net = makeEspNet(c);
    let seed = 5;
    let th = randomTheta(net, seed);
    // for ReLU pick the first seed whose pre-activations all stay > 1e-4 from the kink (FD step 1e-5)
    while (c.activation === 'relu' && kinkDistance(net, th, Xs) <= 1e-4) th = randomTheta(net, ++seed);
    const H = denseHessian(net, th, Xs, ys);
    assert.ok(H.asymmetry <= 1e-12, `asymmetry ${H.asymmetry}`);
    let maxH = 0; for (const v of H.data) maxH = Math.max(maxH, Math.abs(v));
    const n = net.nParams;
    let err = 0;
    for (let i = 0; i < n; i++) {
      const h = 1e-5 * Math.max(1, Math.abs(th[i]));
      const p = th.slice(); p[i] += h; const m = th.slice(); m[i] -= h;
      const gp = gradient(net, p, Xs, ys).grad, gm = gradient(net, m, Xs, ys).grad;
      for (let j = 0; j < n; j++) err = Math.max(err, Math.abs((gp[j] - gm[j]) / (2 * h) - H.data[j * n + i]));
    }
    assert.ok(err <= 1e-6 * maxH, `${c.activation} ${JSON.stringify(c.sizes)}: max |H − FD| = ${err} vs max|H| = ${maxH}`);
    // HVP with a random direction = H·v
    const rng = makeRng(9);
    const v = Float64Array.from({ length: n }, () => rng.normal());
    const hv = hessianVectorProduct(net, th, Xs, ys, v);
    const op = hvpOperator(net, th, Xs, ys)(v);
    for (let i = 0; i < n; i++) {
      let s = 0; for (let j = 0; j < n; j++) s += H.data[i * n + j] * v[j];
      close(hv[i], s, 1e-12 * maxH * n, 'Hv'); assert.equal(op[i], hv[i]);
    }
  }
});

before(async () => {
  await tf.setBackend('cpu');
});

/** Third route (docs/derivations/03-milletari.md §3.7 "third route"): float32 TF.js double backprop with nested-safe ops, one flat θ tensor sliced into W, b, β. */
function tfHessian(net: EspNet, th: Float64Array, X: number[][], y: number[]): Float64Array {
  const n = net.nParams, L = net.layers.length;
  const Xt = tf.tensor2d(X), yt = tf.tensor1d(y);
  const loss = (t: tf.Tensor): tf.Scalar => {
    let a: tf.Tensor = Xt;
    let z: tf.Tensor = tf.scalar(0);
    net.layers.forEach((ly, k) => {
      const W = t.slice([ly.w], [ly.nIn * ly.nOut]).reshape([ly.nOut, ly.nIn]);
      const h = a.matMul(W as tf.Tensor2D, false, true).add(t.slice([ly.b], [ly.nOut]));
      const beta = ly.beta >= 0 ? t.slice([ly.beta], [ly.nOut]) : tf.scalar(1);
      if (k === L - 1) { z = h.mul(beta).reshape([X.length]); return; }
      a = net.activation === 'relu' ? tf.relu(h) : net.activation === 'esp' ? h.mul(safeSigmoid(h.mul(beta))) : safeSigmoid(h.mul(beta));
    });
    return safeSoftplus(z).sub(yt.mul(z)).mean() as tf.Scalar;
  };
  const g = tf.grad(loss);
  const out = new Float64Array(n * n);
  const t0 = tf.tensor1d(Array.from(th));
  for (let i = 0; i < n; i++) {
    const row = tf.tidy(() => {
      const e = tf.oneHot(tf.tensor1d([i], 'int32'), n).reshape([n]);
      // `+ 0·Σt` keeps θ in the graph where a gradient component does not depend on it
      return tf.grad((t: tf.Tensor) => g(t).mul(e).sum().add(t.mul(0).sum()))(t0).dataSync();
    });
    out.set(Float64Array.from(row), i * n);
  }
  tf.dispose([Xt, yt, t0]);
  return out;
}

test('third route: TF.js float32 double backprop (nested-safe ops) agrees with the float64 Hessian to ~1e-3 (relu, esp, sigmoid)', () => {
  for (const activation of ['relu', 'esp', 'sigmoid'] as const) {
    const net = makeEspNet({ sizes: [2, 3, 1], activation, trainableOutputBeta: activation === 'sigmoid' });
    let seed = 12;
    let th = randomTheta(net, seed);
    const X = Xs.slice(0, 8), y = ys.slice(0, 8);
    while (activation === 'relu' && kinkDistance(net, th, X) <= 1e-3) th = randomTheta(net, ++seed);
    const H = denseHessian(net, th, X, y), T = tfHessian(net, th, X, y);
    let mx = 0, err = 0;
    for (let k = 0; k < H.data.length; k++) { mx = Math.max(mx, Math.abs(H.data[k])); err = Math.max(err, Math.abs(H.data[k] - T[k])); }
    console.log(`# TF.js route ${activation}: max |H64 − Htf| / max|H| = ${(err / mx).toExponential(2)}`);
    assert.ok(err <= 1e-3 * mx, `${activation}: max |H64 − Htf| = ${err} vs max|H| = ${mx}`);
  }
});

test('closed forms: logistic regression [2,1] gives H = (1/m)Σσ(1−σ)x̃x̃ᵀ; a [1,1] esp unit z = β(wx+b) by hand', () => {
  const net = makeEspNet({ sizes: [2, 1], activation: 'relu' });
  assert.equal(net.nParams, 3);
  const th = Float64Array.from([0.7, -1.3, 0.4]);
  const H = denseHessian(net, th, Xs, ys);
  const m = Xs.length;
  const ref = new Float64Array(9);
  for (const x of Xs) {
    const xt = [x[0], x[1], 1];
    const s = sigmoid(0.7 * x[0] - 1.3 * x[1] + 0.4);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) ref[i * 3 + j] += (s * (1 - s) * xt[i] * xt[j]) / m;
  }
  for (let k = 0; k < 9; k++) close(H.data[k], ref[k], 1e-15, `H[${k}]`);
  // the residual part vanishes when z is linear in θ: H = GN exactly (to round-off)
  const GN = gaussNewtonHessian(net, th, Xs, ys);
  for (let k = 0; k < 9; k++) close(GN.data[k], H.data[k], 1e-15, 'GN = H');

  // [1,1] esp: θ = (w, b, β), z = β(wx + b). ∇z = (βx, β, h); ∇²z has z_wβ = x, z_bβ = 1.
  const net1 = makeEspNet({ sizes: [1, 1], activation: 'esp' });
  const t1 = Float64Array.from([0.9, -0.2, 1.7]);
  const X1 = [[0.5], [-1.2], [2.0]], y1 = [1, 0, 1];
  const H1 = denseHessian(net1, t1, X1, y1);
  const R = new Float64Array(9);
  X1.forEach(([x], mu) => {
    const h = 0.9 * x - 0.2, z = 1.7 * h, s = sigmoid(z), r = s - y1[mu];
    const gz = [1.7 * x, 1.7, h];
    const hz = [[0, 0, x], [0, 0, 1], [x, 1, 0]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) R[i * 3 + j] += (s * (1 - s) * gz[i] * gz[j] + r * hz[i][j]) / 3;
  });
  for (let k = 0; k < 9; k++) close(H1.data[k], R[k], 1e-15, `esp H[${k}]`);
});

test('Gauss–Newton part is PSD and H − GN equals (1/m)Σ(σ(z)−y)∇²z (∇²z by differences of the logit Jacobian)', () => {
  for (const activation of ['esp', 'sigmoid', 'relu'] as const) {
    const net = makeEspNet({ sizes: [2, 8, 2, 1], activation, trainableOutputBeta: activation !== 'esp' });
    const th = randomTheta(net, 8);
    const X = Xs.slice(0, 6), y = ys.slice(0, 6), m = X.length, n = net.nParams;
    if (activation === 'relu') assert.ok(kinkDistance(net, th, X) > 1e-4);
    const H = denseHessian(net, th, X, y), GN = gaussNewtonHessian(net, th, X, y);
    const ev = symmetricEigen(GN).values;
    assert.ok(ev[0] >= -1e-13 * ev[n - 1], `GN PSD: λmin ${ev[0]}`);
    const { z } = logitJacobian(net, th, X);
    const res = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const h = 1e-5 * Math.max(1, Math.abs(th[i]));
      const p = th.slice(); p[i] += h; const q = th.slice(); q[i] -= h;
      const Jp = logitJacobian(net, p, X).J, Jm = logitJacobian(net, q, X).J;
      for (let mu = 0; mu < m; mu++) {
        const r = (sigmoid(z[mu]) - y[mu]) / m;
        for (let j = 0; j < n; j++) res[j * n + i] += (r * (Jp[mu][j] - Jm[mu][j])) / (2 * h);
      }
    }
    let err = 0, mx = 0;
    for (let k = 0; k < n * n; k++) { err = Math.max(err, Math.abs(H.data[k] - GN.data[k] - res[k])); mx = Math.max(mx, Math.abs(H.data[k])); }
    assert.ok(err <= 1e-6 * mx, `${activation}: |H − GN − R| = ${err} (max|H| ${mx})`);
  }
});

test('dead ReLU units give identically-zero Hessian rows; esp and sigmoid give none', () => {
  const net = makeEspNet({ sizes: [2, 10, 1], activation: 'relu' });
  const th = randomTheta(net, 4);
  // kill hidden units 2 and 7: negative incoming weights, zero bias, positive inputs
  for (const k of [2, 7]) { th[2 * k] = -Math.abs(th[2 * k]) - 0.1; th[2 * k + 1] = -Math.abs(th[2 * k + 1]) - 0.1; th[20 + k] = 0; }
  const pre = preactivations(net, th, Xs)[0];
  const dead = Array.from({ length: 10 }, (_, k) => Xs.every((_, mu) => pre[mu * 10 + k] <= 0));
  const expected: number[] = [];
  dead.forEach((d, k) => { if (d) expected.push(2 * k, 2 * k + 1, 20 + k, 30 + k); });
  expected.sort((a, b) => a - b);
  assert.ok(dead[2] && dead[7]);
  const H = denseHessian(net, th, Xs, ys);
  assert.deepEqual(zeroRows(H), expected);
  assert.equal(zeroRowFraction(H), expected.length / 41);
  for (const activation of ['esp', 'sigmoid'] as const) {
    const n2 = makeEspNet({ sizes: [2, 10, 1], activation });
    const t2 = initParams(n2, 4);
    assert.equal(zeroRows(denseHessian(n2, t2, Xs, ys)).length, 0, activation);
  }
});

test('predict, accuracy and zero-residual fraction as coded; bad input names the value', () => {
  const net = makeEspNet({ sizes: [2, 1], activation: 'relu' });
  const th = Float64Array.from([30, 30, -30]); // z = 30(x1 + x2 − 1)
  const X = [[1, 1], [0, 0], [0.5, 0.5], [0.6, 0.5]];
  const p = predict(net, th, X);
  close(p[0], sigmoid(30), 1e-15); close(p[2], 0.5, 1e-15);
  assert.equal(accuracy(net, th, X, [1, 0, 1, 1]), 0.75, 'ŷ = 0.5 is not > 0.5');
  assert.equal(zeroResidualFraction(net, th, X, [1, 0, 1, 1]), 0.5, '|ŷ − y| ≤ 1e-5 for the two saturated rows');
  const bad = th.slice(); bad[1] = NaN;
  assert.throws(() => lossOf(net, bad, X, [1, 0, 1, 1]), /theta\[1\] must be finite, but got NaN/);
  assert.throws(() => gradient(net, th.slice(0, 2), X, [1, 0, 1, 1]), /theta must have 3 entries \(nParams\), but has 2/);
  assert.throws(() => lossOf(net, th, [[1, 2, 3]], [1]), /X\[0\] must have 2 entries \(sizes\[0\]\), but has 3/);
  assert.throws(() => lossOf(net, th, [[1, Infinity]], [1]), /X\[0\]\[1\] must be finite, but got Infinity/);
  assert.throws(() => lossOf(net, th, X, [1, 0, 2, 1]), /y\[2\] must be 0 or 1, but got 2/);
  assert.throws(() => lossOf(net, th, X, [1, 0]), /one label per row of X \(4\), but has 2/);
  assert.throws(() => hessianVectorProduct(net, th, X, [1, 0, 1, 1], [1, NaN, 0]), /v\[1\] must be finite/);
});

test('authors’ record schedule: 36 / 62 / 66 records for E = 1000 / 2300 / 2500; 66 exactly for 2462 ≤ E ≤ 2511', () => {
  const s = authorsRecordSchedule(1000);
  assert.equal(s.length, 36);
  assert.deepEqual(s.slice(0, 4), [0, 11, 21, 31]);
  assert.deepEqual(s.slice(19, 22), [191, 211, 261]);
  assert.equal(s[35], 961);
  assert.equal(authorsRecordSchedule(2300).length, 62);
  assert.equal(authorsRecordSchedule(2500).length, 66);
  assert.equal(authorsRecordSchedule(2461).length, 65);
  assert.equal(authorsRecordSchedule(2462).length, 66);
  assert.equal(authorsRecordSchedule(2511).length, 66);
  assert.equal(authorsRecordSchedule(2512).length, 67);
  assert.throws(() => authorsRecordSchedule(-5), /E must be an integer >= 1, but got -5/);
});

test('trainer: first TF1-Adam step moves each parameter by ≈ lr0·sign(g); records after the update', () => {
  const net = makeEspNet({ sizes: [2, 10, 1], activation: 'esp' });
  const th0 = initParams(net, 2);
  const g0 = gradient(net, th0, LIN.xTrain, LIN.yTrain).grad;
  const r = trainEsp({ xTrain: LIN.xTrain, yTrain: LIN.yTrain, sizes: [2, 10, 1], activation: 'esp', seed: 2, epochs: 1, recordAt: [0] });
  // TF1 Adam, k = 1: m = 0.1g, v = 0.001g², lr_1 = 0.01·√0.001/0.1 → Δθ = −lr_1·m/(√v + 1e-8) ≈ −0.01·sign(g)
  for (let i = 0; i < net.nParams; i++) {
    const g = g0[i];
    const want = -((0.01 * Math.sqrt(1 - 0.999)) / (1 - 0.9)) * ((1 - 0.9) * g) / (Math.sqrt((1 - 0.999) * g * g) + 1e-8);
    close(r.theta[i] - th0[i], want, 1e-15, net.paramNames[i]);
    if (Math.abs(g) > 1e-3) close(r.theta[i] - th0[i], -0.01 * Math.sign(g), 1e-6, net.paramNames[i]);
  }
  assert.equal(r.records.length, 1);
  close(r.records[0].loss, lossOf(net, r.theta, LIN.xTrain, LIN.yTrain), 0);
  assert.equal(r.records[0].testAcc, null);
  close(r.lossCurve[0], Math.LN2, 1e-3, 'initial loss ≈ ln 2');
});

test('trainer: linear task, [2,10,1] esp, 1000 epochs, authors’ schedule — train accuracy and loss', () => {
  const t0 = performance.now();
  const r = trainEsp({ xTrain: LIN.xTrain, yTrain: LIN.yTrain, xTest: LIN.xTest, yTest: LIN.yTest, sizes: [2, 10, 1], activation: 'esp', seed: 1, epochs: 1000 });
  const ms = performance.now() - t0;
  assert.equal(r.records.length, 36);
  const last = r.records[35];
  console.log(`# linear esp [2,10,1] seed 1: epoch ${last.epoch} loss ${last.loss.toExponential(3)} train ${last.trainAcc} test ${last.testAcc} zero-res ${last.zeroResidual} (${ms.toFixed(0)} ms)`);
  assert.equal(last.trainAcc, 1);
  assert.ok(last.loss < r.records[0].loss);
});

test('trainer: 56-parameter esp net on 690 samples, 2500 epochs learns; non-finite loss throws naming epoch and activation', () => {
  // speed lives in bench/hessian.bench.ts (≈ 0.7 s unloaded), never in a timed test
  const t0 = performance.now();
  const r = trainEsp({ xTrain: NL.xTrain, yTrain: NL.yTrain, xTest: NL.xTest, yTest: NL.yTest, sizes: [2, 8, 2, 1], activation: 'esp', seed: 1, epochs: 2500, recordAt: [2499] });
  const s = (performance.now() - t0) / 1000;
  console.log(`# nonlinear esp [2,8,2,1] 2500 epochs: ${s.toFixed(2)} s, final loss ${r.records[0].loss.toFixed(4)}, train ${r.records[0].trainAcc.toFixed(3)}, test ${r.records[0].testAcc!.toFixed(3)}`);
  assert.ok(r.records[0].loss < 0.69, `2500 epochs should lower the loss below ln 2, got ${r.records[0].loss}`);
  const net = makeEspNet({ sizes: [2, 10, 1], activation: 'sigmoid' });
  // finite but huge weights overflow the ReLU pre-activations to ∞, so ∞ − ∞ = NaN in the loss
  const huge = new Float64Array(net.nParams).fill(1e300);
  assert.throws(() => trainEsp({ xTrain: LIN.xTrain, yTrain: LIN.yTrain, sizes: [2, 10, 1], activation: 'relu', seed: 1, epochs: 3, theta0: huge }),
    /loss became non-finite \(NaN\) at epoch 0 for activation 'relu'/);
  const bad = initParams(net, 1); bad[5] = NaN;
  assert.throws(() => trainEsp({ xTrain: LIN.xTrain, yTrain: LIN.yTrain, sizes: [2, 10, 1], activation: 'sigmoid', seed: 1, epochs: 3, theta0: bad }), /theta0\[5\] must be finite, but got NaN/);
  assert.throws(() => trainEsp({ xTrain: LIN.xTrain, yTrain: LIN.yTrain, sizes: [2, 10, 1], activation: 'esp', seed: 1, epochs: 0 }), /epochs must be an integer >= 1, but got 0/);
});

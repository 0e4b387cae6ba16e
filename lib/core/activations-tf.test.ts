import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { zoo, swish, sigmoidAct, Activation } from './activations';
import { tfOp, safeSigmoid, safeTanh } from './activations-tf';

before(async () => {
  await tf.setBackend('cpu');
});

type Op = (x: tf.Tensor) => tf.Tensor;

/** f, f′, f″ of an op by TF.js autodiff (grad and grad∘grad) at the points xs. */
function autodiff(op: Op, xs: number[]): { f: number[]; d1: number[]; d2: number[] } {
  return tf.tidy(() => {
    const x = tf.tensor1d(xs);
    const g1 = tf.grad((t: tf.Tensor) => op(t).sum());
    // `+ 0·t` keeps x in the graph where f′ does not depend on it (identity, ReLU: f″ ≡ 0)
    const g2 = tf.grad((t: tf.Tensor) => g1(t).sum().add(t.mul(0).sum()));
    return { f: Array.from(op(x).dataSync()), d1: Array.from(g1(x).dataSync()), d2: Array.from(g2(x).dataSync()) };
  });
}

function grid(a: Activation): number[] {
  const xs: number[] = [];
  for (let x = -3.9; x <= 3.9; x += 0.3) xs.push(Number(x.toFixed(3)));
  for (const k of a.kinks) xs.push(k - 0.01, k + 0.01);
  return xs.filter((x) => a.kinks.every((k) => Math.abs(x - k) > 1e-4));
}

/** Largest error of autodiff against the float64 closed forms, relative to 1 + |value|. */
function worst(a: Activation, op: Op): { d0: number; d1: number; d2: number } {
  const xs = grid(a);
  const r = autodiff(op, xs);
  const err = (got: number[], want: (x: number) => number) =>
    Math.max(...xs.map((x, i) => Math.abs(got[i] - want(x)) / (1 + Math.abs(want(x)))));
  return { d0: err(r.f, a.f), d1: err(r.d1, a.df), d2: err(r.d2, a.d2f) };
}

test('tfOp: f, f′ and f″ by TF.js autodiff match the float64 closed forms for every zoo activation (both sides of kinks)', () => {
  for (const a of zoo()) {
    const w = worst(a, tfOp(a));
    assert.ok(w.d0 < 1e-5, `${a.label} f: ${w.d0}`);
    assert.ok(w.d1 < 1e-4, `${a.label} f′: ${w.d1}`);
    assert.ok(w.d2 < 1e-3, `${a.label} f″: ${w.d2}`);
  }
});

test('the check above catches the TF.js trap: raw tf.sigmoid inside Swish gives a wrong f″', () => {
  const a = swish(1);
  const raw: Op = (x) => x.mul(tf.sigmoid(x));
  const w = worst(a, raw);
  assert.ok(w.d2 > 1e-3, `raw Swish f″ error ${w.d2} should be visible`);
  assert.ok(worst(a, tfOp(a)).d2 < 1e-3);
  // the documented point: Swish″(0.3) = 0.4780, raw double backprop gives ≈ 0.4889
  const safe = autodiff(tfOp(a), [0.3]).d2[0], bad = autodiff(raw, [0.3]).d2[0];
  assert.ok(Math.abs(safe - 0.478) < 1e-3 && Math.abs(bad - 0.4889) < 1e-3, `${safe} ${bad}`);
});

test('third derivatives work through the safe ops (σ‴ by autodiff vs closed form)', () => {
  const s3 = (x: number) => { const s = sigmoidAct().f(x), d = s * (1 - s); return d * (1 - 6 * d); };
  const v = tf.tidy(() => {
    const g = (f: Op): Op => (t) => tf.grad((u: tf.Tensor) => f(u).sum())(t);
    return Array.from(g(g(g(safeSigmoid)))(tf.tensor1d([-1.2, 0, 0.7])).dataSync());
  });
  [-1.2, 0, 0.7].forEach((x, i) => assert.ok(Math.abs(v[i] - s3(x)) < 1e-4, `σ‴(${x}) ${v[i]} vs ${s3(x)}`));
  const t2 = autodiff(safeTanh, [0.5]).d2[0];
  assert.ok(Math.abs(t2 - -2 * Math.tanh(0.5) * (1 - Math.tanh(0.5) ** 2)) < 1e-4);
});

test('safe ops survive optimizer.minimize (inputs saved through customGrad)', () => {
  const v = tf.variable(tf.tensor1d([0.3, -0.2]));
  const opt = tf.train.sgd(0.1);
  const x = tf.tensor1d([1, 2]);
  const before = v.dataSync().slice();
  opt.minimize(() => safeTanh(safeSigmoid(x.mul(v))).sum() as tf.Scalar);
  assert.notDeepEqual(Array.from(v.dataSync()), Array.from(before));
  tf.dispose([v, x]);
  opt.dispose();
});

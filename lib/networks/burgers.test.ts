import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildMlp } from './train';
import { tanhAct, relu, gelu, mrepu, type Activation } from '../core/activations';
import { safeTanh } from '../core/activations-tf';
import { toMlp64, forward64 } from './mlp-float64';
import {
  RAISSI_NU, burgersColeHopf, burgersFiniteDifference, burgersDerivatives, burgersResidual, residualOf,
  burgersPoints, burgersLoss, trainBurgersPinn, predictU, relativeL2Error,
} from './burgers';

before(async () => { await tf.setBackend('cpu'); });

test('Cole–Hopf: initial and boundary values, odd symmetry, and the maximal slope −152.00516 at t = 1.6037/π (Basdevant et al. 1986)', () => {
  const u = burgersColeHopf();
  for (const x of [-0.7, -0.2, 0.33, 0.9]) assert.equal(u(0, x), -Math.sin(Math.PI * x));
  for (const t of [0.1, 0.5, 1]) {
    assert.ok(Math.abs(u(t, 1)) < 1e-12 && Math.abs(u(t, -1)) < 1e-12, `u(${t}, ±1) = ${u(t, 1)}, ${u(t, -1)}`);
    for (const x of [0.05, 0.4, 0.8]) assert.ok(Math.abs(u(t, x) + u(t, -x)) < 1e-12);
  }
  // small t: one heat-kernel step away from the initial condition
  assert.ok(Math.abs(u(1e-4, 0.5) + 1) < 1e-4);
  const t = 1.6037 / Math.PI, h = 1e-6;
  const slope = (u(t, h) - u(t, -h)) / (2 * h);
  assert.ok(Math.abs(slope + 152.00516) < 1e-4, `slope ${slope}`);
  // quadrature converged: 60 and 150 nodes agree
  const u60 = burgersColeHopf(RAISSI_NU, 60), u150 = burgersColeHopf(RAISSI_NU, 150);
  for (const [tt, x] of [[0.25, 0.3], [0.75, 0.02], [1, -0.5]]) assert.ok(Math.abs(u60(tt, x) - u150(tt, x)) < 1e-9);
});

test('Cole–Hopf agrees with an independent finite-difference solve (2001 points, RK4)', () => {
  const u = burgersColeHopf();
  for (const tEnd of [0.25, 0.5]) {
    const fd = burgersFiniteDifference(2001, tEnd);
    let worst = 0;
    fd.x.forEach((x, i) => { worst = Math.max(worst, Math.abs(fd.u[i] - u(tEnd, x))); });
    assert.ok(worst < 3e-3, `t = ${tEnd}: max |FD − Cole–Hopf| = ${worst}`);
  }
});

test('the residual of an exact viscous-shock solution u = c − a tanh(a(x − ct)/(2ν)) is ~0 (nested grads through safeTanh)', () => {
  const nu = 0.1, a = 0.5, c = 0.2;
  const f = (tx: tf.Tensor2D) => tf.tidy(() => {
    const t = tx.slice([0, 0], [-1, 1]), x = tx.slice([0, 1], [-1, 1]);
    return tf.scalar(c).sub(safeTanh(x.sub(t.mul(c)).mul(a / (2 * nu))).mul(a)) as tf.Tensor2D;
  });
  const tx = tf.tensor2d([[0, 0], [0.3, 0.1], [0.7, -0.4], [1, 0.8]]);
  const r = residualOf(f, tx, nu).dataSync();
  // scale of each term: a²k ≈ 0.6
  r.forEach((v, i) => assert.ok(Math.abs(v) < 1e-5, `residual[${i}] = ${v}`));
  // and a wrong ν leaves a residual of the size of the ν-term
  const wrong = residualOf(f, tx, 2 * nu).dataSync();
  assert.ok(Math.max(...Array.from(wrong, Math.abs)) > 0.05);
});

function fdDerivs(act: Activation, mlp: ReturnType<typeof buildMlp>, t: number, x: number) {
  const net = toMlp64(mlp);
  const u = (tt: number, xx: number) => forward64(net, [tt, xx], act.f)[0];
  const h = 1e-3;
  return {
    u: u(t, x),
    ut: (u(t + h, x) - u(t - h, x)) / (2 * h),
    ux: (u(t, x + h) - u(t, x - h)) / (2 * h),
    uxx: (u(t, x + h) - 2 * u(t, x) + u(t, x - h)) / (h * h),
  };
}

test('u_t, u_x, u_xx by nested tf.grad match float64 finite differences of the same network (tanh, GELU, MRePU)', () => {
  const pts = [[0.2, -0.6], [0.5, 0.1], [0.9, 0.75]];
  for (const [act, cw] of [[tanhAct(), 1], [gelu(), 1], [mrepu(2), 0.3]] as const) {
    const mlp = buildMlp({ inputDim: 2, widths: [16, 16], outputDim: 1, activation: act, cw, cb: 0.1, seed: 5 });
    const d = burgersDerivatives(mlp, tf.tensor2d(pts));
    const got = { u: d.u.dataSync(), ut: d.ut.dataSync(), ux: d.ux.dataSync(), uxx: d.uxx.dataSync() };
    const res = burgersResidual(mlp, tf.tensor2d(pts), 0.05).dataSync();
    pts.forEach(([t, x], i) => {
      const e = fdDerivs(act, mlp, t, x);
      for (const k of ['u', 'ut', 'ux', 'uxx'] as const) {
        assert.ok(Math.abs(got[k][i] - e[k]) < 2e-3 * (1 + Math.abs(e[k])), `${act.name} ${k}(${t}, ${x}): tf ${got[k][i]} vs FD ${e[k]}`);
      }
      const rFd = e.ut + e.u * e.ux - 0.05 * e.uxx;
      assert.ok(Math.abs(res[i] - rFd) < 3e-3 * (1 + Math.abs(rFd)), `${act.name} residual ${res[i]} vs ${rFd}`);
    });
    mlp.dispose();
  }
});

test('a ReLU network has u_xx ≡ 0 at generic points (its residual cannot contain diffusion)', () => {
  const mlp = buildMlp({ inputDim: 2, widths: [16, 16], outputDim: 1, activation: relu(), cw: 2, cb: 0.1, seed: 2 });
  const d = burgersDerivatives(mlp, tf.tensor2d([[0.13, 0.37], [0.61, -0.93], [0.4, 0.05]]));
  assert.deepEqual(Array.from(d.uxx.dataSync()), [0, 0, 0]);
  mlp.dispose();
});

test('training points: counts, domain, initial values; a short tanh PINN lowers its loss; relative L2', async () => {
  const p = burgersPoints(300, 100, 1);
  assert.equal(p.colloc.length, 300);
  assert.equal(p.dataX.length, 100);
  assert.ok(p.colloc.every(([t, x]) => t >= 0 && t <= 1 && x >= -1 && x <= 1));
  p.dataX.forEach(([t, x], i) => assert.ok(t === 0 ? Math.abs(p.dataU[i] + Math.sin(Math.PI * x)) < 1e-15 : (Math.abs(x) === 1 && p.dataU[i] === 0)));
  const r = await trainBurgersPinn(tanhAct(), { widths: [16, 16], nColloc: 200, nData: 60, steps: 40, lr: 0.005, cw: 1, cb: 0, seed: 3, reportEvery: 20 });
  assert.equal(r.divergedAt, null);
  assert.ok(r.history[r.history.length - 1].loss < r.history[0].loss, JSON.stringify(r.history));
  const grid = [[0.5, 0.5], [0.2, -0.3]];
  const pred = predictU(r.mlp, grid);
  assert.equal(pred.length, 2);
  assert.equal(relativeL2Error([1, 2], [1, 2]), 0);
  assert.ok(Math.abs(relativeL2Error([0, 0], [3, 4]) - 1) < 1e-15);
  r.mlp.dispose();
});

test('an exploding MRePU initialisation is recorded as divergence, not thrown', async () => {
  const r = await trainBurgersPinn(mrepu(2), { widths: [32, 32, 32, 32], nColloc: 50, nData: 20, steps: 3, lr: 1e-3, cw: 2, cb: 0, seed: 1 });
  assert.equal(r.divergedAt, 1);
  r.mlp.dispose();
});

test('bad inputs throw errors that name the value', async () => {
  assert.throws(() => burgersColeHopf(-1), /nu must be > 0, but got -1/);
  assert.throws(() => burgersColeHopf(RAISSI_NU, 500), /n must be <= 180 .* got 500/);
  assert.throws(() => burgersColeHopf()(-0.1, 0), /t must be >= 0, but got -0.1/);
  assert.throws(() => burgersColeHopf()(0.5, NaN), /x must be a finite number, but got NaN/);
  assert.throws(() => burgersFiniteDifference(2, 0.1), /nx must be an integer >= 3, but got 2/);
  assert.throws(() => burgersFiniteDifference(101, 0.1), /too coarse.*Péclet/);
  assert.throws(() => burgersPoints(10, 2, 1), /nData must be an integer >= 4, but got 2/);
  assert.throws(() => relativeL2Error([1], [1, 2]), /pred has 1 values but ref has 2/);
  const mlp = buildMlp({ inputDim: 1, widths: [4], outputDim: 1, activation: tanhAct(), seed: 1 });
  assert.throws(() => burgersDerivatives(mlp, tf.tensor2d([[0.1, 0.2]])), /inputDim 1/);
  mlp.dispose();
  const mlp2 = buildMlp({ inputDim: 2, widths: [4], outputDim: 1, activation: tanhAct(), seed: 1 });
  assert.throws(() => burgersResidual(mlp2, tf.tensor2d([[0.1, 0.2, 0.3]])), /shape \[1, 3\]/);
  mlp2.dispose();
  await assert.rejects(trainBurgersPinn(tanhAct(), { widths: [4], nColloc: 8, nData: 8, steps: 1, lr: -1, cw: 1, cb: 0, seed: 1 }), /lr must be > 0, but got -1/);
  await assert.rejects(trainBurgersPinn(tanhAct(), { widths: [4], nColloc: 8, nData: 8, steps: 0, lr: 1, cw: 1, cb: 0, seed: 1 }), /steps must be an integer >= 1, but got 0/);
});

test('the fast residual path (one nested grad, ∇u kept) gives the same loss and parameter gradients as the plain one, and leaks no tensor', () => {
  const mlp = buildMlp({ inputDim: 2, widths: [16, 16], outputDim: 1, activation: gelu(), cw: 1, cb: 0.1, seed: 4 });
  const p = burgersPoints(40, 20, 9);
  const tx = tf.tensor2d(p.colloc), dX = tf.tensor2d(p.dataX), dU = tf.tensor2d(p.dataU, [20, 1]);
  const n0 = tf.memory().numTensors;
  const a = tf.variableGrads(() => burgersLoss(mlp, tx, dX, dU, RAISSI_NU, 1), mlp.params);
  const n1 = tf.memory().numTensors;
  const kept: tf.Tensor[] = [];
  const b = tf.variableGrads(() => burgersLoss(mlp, tx, dX, dU, RAISSI_NU, 1, kept), mlp.params);
  tf.dispose(kept);
  assert.equal(kept.length, 1);
  // each path leaves exactly its outputs (value + gradients) alive
  assert.equal(tf.memory().numTensors - n1, n1 - n0);
  assert.ok(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0]) < 1e-6);
  for (const k of Object.keys(a.grads)) {
    const d = tf.tidy(() => tf.sub(a.grads[k], b.grads[k]).abs().max().dataSync()[0]);
    assert.ok(d < 1e-5, `${k}: ${d}`);
  }
  tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), tx, dX, dU]);
  mlp.dispose();
});

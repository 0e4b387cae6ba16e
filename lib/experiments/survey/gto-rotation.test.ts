import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTasks } from '../../runtime/experiment';
import { PROFILES } from '../../report/profile';
import { makeRng } from '../../core/rng';
import {
  rotationExperiment, rotationTask, rotationTarget, randomRotation, rotationByAngle, invarianceError, rotationNetValue, rotationParams, ROT_ANGLES,
} from './gto-rotation';

const matmul = (A: number[][], B: number[][]) => A.map((r) => B[0].map((_, j) => r.reduce((s, v, k) => s + v * B[k][j], 0)));
const T = (A: number[][]) => A[0].map((_, j) => A.map((r) => r[j]));
const det = (A: number[][]) => A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) - A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) + A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);

test('rotations are orthogonal with determinant 1; rotationByAngle turns by the stated angle', () => {
  const rng = makeRng(3);
  for (let k = 0; k < 20; k++) {
    const R = k % 2 ? randomRotation(rng) : rotationByAngle(rng, 37);
    const I = matmul(R, T(R));
    I.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-12)));
    assert.ok(Math.abs(det(R) - 1) < 1e-12);
    if (k % 2 === 0) assert.ok(Math.abs(Math.acos((R[0][0] + R[1][1] + R[2][2] - 1) / 2) - (37 * Math.PI) / 180) < 1e-9);
  }
});

test('invarianceError: 0 for the radial target and for a GTO net centred at the origin, O(1) for a tanh unit', () => {
  const rng = makeRng(5);
  const xs = Array.from({ length: 30 }, () => [rng.normal(), rng.normal(), rng.normal()]), Rs = Array.from({ length: 5 }, () => randomRotation(rng));
  assert.ok(invarianceError(rotationTarget, xs, Rs, 1) < 1e-12);
  const centred = { model: 'gto' as const, C: [[0, 0, 0]], logA: [0], v: [2], v0: 0.1 };
  assert.ok(invarianceError((r) => rotationNetValue(centred, r), xs, Rs, 1) < 1e-12);
  const offCentre = { ...centred, C: [[1, 0, 0]] };
  assert.ok(invarianceError((r) => rotationNetValue(offCentre, r), xs, Rs, 1) > 0.05);
  const tanhUnit = { model: 'tanh' as const, W: [[1], [0], [0]], b: [0], v: [1], v0: 0 };
  assert.ok(invarianceError((r) => rotationNetValue(tanhUnit, r), xs, Rs, 1) > 0.3);
  assert.equal(rotationParams(16), 81);
});

test('rotationTask (tiny): finite errors for every model, the net for seed 0 only', async () => {
  for (const model of ['gto', 'tanh', 'relu'] as const) {
    const r = await rotationTask({ model, width: 4, epochs: 20, nTrain: 16, nTest: 8 }, model === 'gto' ? 0 : 1);
    assert.equal(r.diverged, false);
    for (const k of ['testRel', 'invRel'] as const) assert.ok(Number.isFinite(r[k]!) && r[k]! >= 0, `${model} ${k}`);
    assert.equal(r.invByAngle!.length, ROT_ANGLES.length);
    assert.equal(typeof r.net, model === 'gto' ? 'string' : 'object');
  }
});

test('rotationExperiment resolves at every profile, one task per model and seed', () => {
  for (const p of PROFILES) assert.ok(resolveTasks(rotationExperiment, p).length >= 3 * 2, p);
});

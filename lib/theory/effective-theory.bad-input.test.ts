// Bad input to lib/theory/effective-theory: each call fails at once with an error naming the argument and the value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiPar, chiParFd, criticality, fixedPoints, fourPointFlow, kernelFlow, kernelFlow2, largestNonGrowingCw, logGrid, repuFixedPoint, repuFourPointR, repuLogKernelExact } from './effective-theory';
import { mrepu, repu, tanhAct } from '../core/activations';

const cases: [string, () => unknown, RegExp][] = [
  ["chiPar form", () => chiPar(tanhAct(), 1, 1, 'bogus' as never), /chiPar form must be one of 'stein', 'moment', but got 'bogus'/],
  ["kernelFlow depth 1e9", () => kernelFlow(tanhAct(), 1, 1e9), /kernelFlow over 1000000000 layers: estimated cost 1.00e\+9 layers exceeds the limit/],
  ["fourPointFlow depth 1e9", () => fourPointFlow(tanhAct(), 1, 1e9), /fourPointFlow over 1000000000 layers: estimated cost/],
  ["kernelFlow2 depth 1e9", () => kernelFlow2(tanhAct(), { k11: 1, k12: 0, k22: 1 }, 1e9), /kernelFlow2 over 1000000000 layers/],
  ["kernelFlow2 k12 NaN", () => kernelFlow2(tanhAct(), { k11: 1, k12: NaN, k22: 1 }, 3), /k12 must be a finite number, but got NaN/],
  ["chiParFd h 0", () => chiParFd(tanhAct(), 1, 1, 0), /chiParFd: h \(relative step\) must lie in .*but got 0/],
  ["chiParFd cw -1", () => chiParFd(tanhAct(), 1, -1), /cw must be > 0, but got -1/],
  ["repuLogKernelExact cw -3 p=1", () => repuLogKernelExact(1, -3, 1, 2), /cw must be > 0, but got -3/],
  ["logGrid n 1e10", () => logGrid(1, 10, 1e10), /logGrid with n=10000000000: estimated cost/],
  ["fixedPoints unknown option", () => fixedPoints(tanhAct(), { cw: 1, cb: 0 }, { bogus: 1 } as never), /fixedPoints options: unknown option 'bogus'; allowed: kMin, kMax, points/],
  ["fixedPoints points 1e9", () => fixedPoints(tanhAct(), { cw: 1, cb: 0 }, { points: 1e9 }), /fixedPoints on 1000000000 points: estimated cost/],
  ["criticality kMax < kMin", () => criticality(tanhAct(), { kMin: 10, kMax: 1 }), /criticality: kMax must be > kMin, but got kMin=10, kMax=1/],
  ["largestNonGrowingCw step 1e-12", () => largestNonGrowingCw(tanhAct(), 1, 3, 2.5, 1e-12), /largestNonGrowingCw from top=2.5 in steps of 1e-12: estimated cost/],
];

test('effective-theory: bad input gets a clear error naming the argument and the value', () => {
  for (const [label, call, msg] of cases) assert.throws(call, msg, label);
});

test('effective theory: overflow of an exploding flow is data (overflowAt), never a NaN assertion', () => {
  for (const p of [2, 3]) {
    for (const cw of [2, 3, 5]) {
      const r = fourPointFlow(repu(p), 1, 12, { cw, cb: 0 });
      assert.ok(r.overflowAt !== null && r.overflowAt <= 12, `repu(${p}) cw=${cw}: overflowAt ${r.overflowAt}`);
      assert.ok([...r.K, ...r.V, ...r.R].every(Number.isFinite), `repu(${p}) cw=${cw}: finite up to the overflow`);
    }
  }
  const m = fourPointFlow(mrepu(2), 1, 12, { cw: 3, cb: 0 });
  assert.ok([...m.K, ...m.V].every(Number.isFinite));
});

test('effective theory: closed forms never return NaN; their overflow is a documented ±Infinity', () => {
  const Ks = repuFixedPoint(2, 3);
  assert.equal(repuLogKernelExact(2, 3, Ks, 2000), Math.log(Ks)); // ∞·0 was NaN
  assert.equal(repuLogKernelExact(2, 3, 1, 2000), Infinity);
  assert.equal(repuFourPointR(400, 3) > 1e200 || repuFourPointR(400, 3) === Infinity, true); // Inf/Inf was NaN
  assert.ok(!Number.isNaN(repuFourPointR(700, 3)));
});

test('effective theory: the good path gives the same numbers', () => {
  // c_p = 2(4p−1)!!/((2p−1)!!)² − 1: p = 2 gives 2·105/9 − 1
  assert.equal(repuFourPointR(2, 2), 2 * 105 / 9 - 1);
  assert.equal(repuLogKernelExact(2, 1.5, 2, 3), Math.log(repuFixedPoint(2, 1.5)) + 4 * Math.log(2 / repuFixedPoint(2, 1.5)));
  const f = fourPointFlow(tanhAct(), 1, 6);
  assert.equal(f.overflowAt, null);
  assert.equal(f.V.length, 6);
});

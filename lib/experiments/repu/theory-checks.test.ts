import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actOf, theoryCheckNetwork, theoryCheckTasks, theoryChecks, theoryInputs, type TheoryCheckConfig } from './theory-checks';
import { resolveTasks } from '../../runtime/experiment';
import { chiPerp, kernelFlow } from '../../theory/effective-theory';

const tiny: TheoryCheckConfig = { activation: 'tanh', p: 1, cw: 1, K1: 0.3, eps: 0.02, theta: 0.1, width: 64, depth: 4 };

test('theoryInputs: pair ∥ splits the norm by 1 ± ε, pair ⊥ keeps it and turns by θ', () => {
  const [xp, xm, x1, x2] = theoryInputs(tiny);
  const sq = (x: number[]) => x[0] ** 2 + x[1] ** 2;
  assert.ok(Math.abs(sq(xp) / sq(x1) - 1.02) < 1e-12 && Math.abs(sq(xm) / sq(x1) - 0.98) < 1e-12);
  assert.ok(Math.abs(sq(x2) / sq(x1) - 1) < 1e-12);
  assert.ok(Math.abs((x1[0] * x2[0] + x1[1] * x2[1]) / sq(x1) - Math.cos(0.1)) < 1e-12);
  assert.ok(Math.abs((tiny.cw * sq(x1)) / 2 - tiny.K1) < 1e-12);
  assert.throws(() => theoryInputs({ ...tiny, eps: 0 }), /eps/);
  assert.throws(() => theoryInputs({ ...tiny, K1: -1 }), /K1/);
});

test('theoryCheckNetwork at tiny size: deterministic; layer-1 δK∥ ≈ 2ε K⁽¹⁾; mean pull-back ≈ Π χ⊥ over a few networks', () => {
  const a = theoryCheckNetwork(tiny, 0);
  assert.deepEqual(a, theoryCheckNetwork(tiny, 0));
  assert.equal(a.grad2.length, 4);
  assert.equal(a.grad2[3], 1);
  assert.ok(Math.abs(a.dPar[0] / (2 * 0.02 * a.K[0]) - 1) < 1e-9); // layer 1 is a quadratic form of the inputs: exact
  const flow = kernelFlow(actOf(tiny), tiny.K1, 4, { cw: 1, cb: 0 }).K;
  const want = flow.slice(0, 3).reduce((p, K) => p * chiPerp(actOf(tiny), K, 1), 1);
  const nets = Array.from({ length: 12 }, (_, s) => theoryCheckNetwork({ ...tiny, width: 128 }, s).grad2[0]);
  const got = nets.reduce((x, y) => x + y, 0) / nets.length;
  assert.ok(Math.abs(got / want - 1) < 0.25, `${got} vs ${want}`);
  assert.throws(() => theoryCheckNetwork({ ...tiny, depth: 1 }, 0), /depth/);
  assert.throws(() => theoryCheckNetwork({ ...tiny, activation: 'relu' as 'tanh' }, 0), /activation/);
});

test('task grid: every profile declared', () => {
  assert.equal(theoryCheckTasks('quick').length, 4 * 3);
  assert.ok(resolveTasks(theoryChecks, 'paper').length > resolveTasks(theoryChecks, 'default').length);
});

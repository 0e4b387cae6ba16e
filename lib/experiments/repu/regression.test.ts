import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cwByRule, evalPoints, FUNCTIONS, meshgrid, polyRegressionTasks, diffRegressionTasks, regressionConfigs, trainRegression } from './regression';

test('meshgrid: points per axis and bounds', () => {
  const g = meshgrid(2, -1, 1, 3);
  assert.equal(g.length, 9);
  assert.deepEqual(g[0], [-1, -1]);
  assert.deepEqual(g[8], [1, 1]);
  assert.throws(() => meshgrid(2, -1, 1, 1), /points/);
});

test('exact gradients match central differences of the targets', () => {
  for (const [name, F] of Object.entries(FUNCTIONS)) {
    for (const p of evalPoints(name as keyof typeof FUNCTIONS).slice(0, 40)) {
      const g = F.grad(p);
      for (let d = 0; d < F.dim; d++) {
        const up = p.map((v, k) => (k === d ? v + 1e-6 : v)), dn = p.map((v, k) => (k === d ? v - 1e-6 : v));
        assert.ok(Math.abs((F.f(up) - F.f(dn)) / 2e-6 - g[d]) < 1e-4, `${name} at ${p}`);
      }
    }
  }
});

test('arms: paper C_W of MRePU where it survives (p = 2 and p = 1), by rule, ReLU, GELU', () => {
  assert.deepEqual(regressionConfigs('poly1b', 10, 101).map((c) => c.arm), ['MRePU, paper C_W', 'MRePU p=1, paper C_W', 'MRePU, C_W by rule', 'ReLU', 'GELU']);
  assert.equal(regressionConfigs('poly1b', 10, 101)[0].cw, 0.8);
  assert.equal(regressionConfigs('poly1b', 10, 101)[0].lr, 1e-4);
  assert.equal(regressionConfigs('g1', 10, 101).length, 3);
  assert.ok(cwByRule('poly1') < cwByRule('xyz'));
  assert.equal(new Set(polyRegressionTasks('quick').map((t) => t.config.fn)).size, 4);
  assert.equal(new Set(diffRegressionTasks('quick').map((t) => t.config.fn)).size, 3);
});

test('trainRegression at tiny size: finite metrics; plots for seed 0 only', async () => {
  const c = { ...regressionConfigs('xyz', 2, 4)[3] };
  const r0 = await trainRegression(c, 0), r1 = await trainRegression(c, 1);
  assert.equal(r0.diverged, false);
  assert.ok(Number.isFinite(r0.relLoss) && Number.isFinite(r0.gradErr) && Number.isFinite(r0.sliceErr));
  assert.ok(r0.plot.length > 0 && r0.curve.length > 0);
  assert.equal(r1.plot.length, 0);
  const g = await trainRegression({ ...regressionConfigs('g1', 2, 11)[0] }, 0);
  assert.ok(Number.isFinite(g.roughness));
  await assert.rejects(() => trainRegression({ ...c, lr: 0 }, 0), /lr/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { burgersConfigs, burgersGrids, burgersPinn, trainBurgers } from './burgers-pinn';
import { resolveTasks } from '../../runtime/experiment';

test('grids: 51 × 101 error grid, 11 × 26 plotting grid', () => {
  const g = burgersGrids();
  assert.equal(g.err.length, 51 * 101);
  assert.equal(g.map.length, 11 * 26);
});

test('arms share the sizes; paper profile has 5 seeds', () => {
  const c = burgersConfigs('quick');
  assert.deepEqual(c.map((x) => x.arm), ['tanh', 'GELU', 'ReLU', 'MRePU, paper C_W', 'MRePU, C_W by rule', 'MRePU p=1, paper C_W']);
  assert.equal(resolveTasks(burgersPinn, 'paper').length, 6 * 5);
});

test('trainBurgers at tiny size: finite error, maps for seed 0', async () => {
  const c = { ...burgersConfigs('quick')[0], widths: [4], colloc: 16, data: 8, steps: 2, every: 1 };
  const r = await trainBurgers(c, 0);
  assert.equal(r.divergedAt, -1);
  assert.ok(r.relErr > 0 && Number.isFinite(r.relErr));
  assert.equal(r.errByT.length, 11);
  assert.equal(r.uMap.length, 11 * 26);
  assert.equal(r.uSlices.length, 3 * 101);
  await assert.rejects(() => trainBurgers({ ...c, steps: 0 }, 0), /steps/);
});

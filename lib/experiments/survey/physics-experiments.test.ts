import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTasks } from '../../runtime/experiment';
import { PROFILES } from '../../report/profile';
import { PHYSICS_EXPERIMENTS, pesTask, pinnTask, vfTask, bespokeTask, bespokeActivation, vfiTruth, mbData, morseData } from './physics-experiments';

test('every physics experiment resolves at every profile', () => {
  for (const e of PHYSICS_EXPERIMENTS) for (const p of PROFILES) assert.ok(resolveTasks(e, p).length > 0, `${e.name} at ${p}`);
});

test('pesTask (tiny): a ReLU fit has a force-jump ratio near 1, a tanh fit a large one; MD errors are finite', async () => {
  const relu = await pesTask({ surface: 'morse', activation: 'relu', epochs: 20, size: 16, mdTime: 1 }, 0);
  const tanh = await pesTask({ surface: 'morse', activation: 'tanh', epochs: 20, size: 16, mdTime: 1 }, 0);
  assert.ok(relu.jumpRatio! < 3 && tanh.jumpRatio! > 30, `relu ${relu.jumpRatio}, tanh ${tanh.jumpRatio}`);
  assert.ok(Number.isFinite(tanh.dE01) && typeof tanh.net === 'string');
  const mb = await pesTask({ surface: 'mb', activation: 'gelu', epochs: 2, size: 8, mdTime: 0.5 }, 1);
  assert.equal(mb.jumpRatio, null);
  assert.equal(mb.net, null);
  assert.ok(mbData(8).x.length > 0 && morseData(4).x.length === 4);
  await assert.rejects(pesTask({ surface: 'morse', activation: 'relu', epochs: 2, size: 16, mdTime: -1 }, 0), /mdTime/);
});

test('pinnTask (tiny): a ReLU PINN has u″ ≡ 0; seed 0 returns the curves', async () => {
  const r = await pinnTask({ activation: 'relu', steps: 2 }, 0);
  assert.equal(r.maxD2, 0);
  assert.equal(r.u!.length, 101);
  const t = await pinnTask({ activation: 'tanh', steps: 2 }, 1);
  assert.equal(t.u, null);
  assert.ok(t.maxD2 > 0);
});

test('vfTask (tiny): errors are finite and non-negative; the VFI truth has a kink inside the grid', async () => {
  const { grid, sol } = vfiTruth(41);
  assert.equal(sol.V.length, grid.length);
  const r = await vfTask({ activation: 'tanh', grid: 41, epochs: 5 }, 0);
  for (const k of ['cWin', 'cAll', 'vAll', 'dVWin', 'implWin', 'implMean'] as const) assert.ok(Number.isFinite(r[k]) && r[k] >= 0, k);
  assert.ok(r.kink > 0.5 && r.kink < 4);
});

test('bespokeTask (tiny): test MSE and loss history; unknown activations are refused', async () => {
  const r = await bespokeTask({ activation: 'gto1', width: 4, epochs: 20, target: 'orbital' }, 0);
  assert.ok(r.mse > 0 && r.loss.length === 2 && typeof r.net === 'string');
  assert.throws(() => bespokeActivation('gto9' as 'gto1'), /activation/);
  await assert.rejects(bespokeTask({ activation: 'tanh', width: 4, epochs: 20, target: 'square' as 'wave' }, 0), /target/);
});

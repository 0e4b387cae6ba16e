import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainTask, hessianTasks, controlTasks, sweepTasks, slqTasks, slqTask, epochsFor, sizesFor, SEED } from './experiments';
import { resolveTasks } from '../../runtime/experiment';
import { hessianRuns, sweepRuns, runsOf } from './experiments';
import { runExperiment } from '../../runtime/runner';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadUnits, isPlateauFromLosses } from './milletari-experiment';
import { makeEspNet } from './esp-network';

test('task grids: sizes by profile, unique keys, ≥ 30 sweep seeds for ReLU and Swish at default', () => {
  assert.equal(hessianTasks('quick').length, 2 * 2 * 3 * 2);
  assert.equal(controlTasks('default').length, 2 * 2 * 2 * 10);
  const sw = sweepTasks('default');
  for (const task of ['linear', 'nonlinear']) for (const act of ['relu', 'esp']) {
    assert.ok(sw.filter((t) => t.config.task === task && t.config.activation === act && t.config.sizes.join() === '2,8,2,1').length >= 30);
  }
  assert.equal(resolveTasks(hessianRuns, 'paper').length, 2 * 2 * 3 * 30);
  assert.ok(resolveTasks(sweepRuns, 'quick').every((t) => t.cost > 0));
  assert.equal(slqTasks('quick').length, 1);
  assert.equal(epochsFor('nonlinear', [2, 8, 2, 1], 1), 2500);
  assert.equal(epochsFor('linear', [2, 10, 1], 0.01), 50);
  assert.throws(() => epochsFor('linear', [2, 10, 1], 0), /epochScale/);
  assert.equal(sizesFor('default').seeds, 10);
});

test('trainTask at tiny size: a JSON record with spectra, dead units and epochs to the threshold', () => {
  const r = trainTask({ task: 'linear', sizes: [2, 8, 2, 1], activation: 'relu', epochs: 60, hessianEvery: 2, trainableOutputBeta: false, seedBase: SEED, lastOnly: false }, 0);
  assert.equal(r.diverged, false);
  assert.equal(r.nParams, 45);
  assert.equal(JSON.parse(r.rowsJson).length, 6);
  assert.equal(r.theta.length, 45);
  assert.equal(r.last!.values.length, 45);
  assert.equal(r.last!.zeroRows, Math.round(r.last!.gammaCoded * 45));
  assert.ok(r.deadUnitsEnd >= 0 && r.deadUnitsEnd <= 10);
  assert.ok(r.epochsToThreshold <= 60);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
  const again = trainTask({ task: 'linear', sizes: [2, 8, 2, 1], activation: 'relu', epochs: 60, hessianEvery: 2, trainableOutputBeta: false, seedBase: SEED, lastOnly: false }, 0);
  assert.deepEqual(again.theta, r.theta);
  const last = trainTask({ task: 'linear', sizes: [2, 10, 1], activation: 'esp', epochs: 50, hessianEvery: 0, trainableOutputBeta: false, seedBase: SEED, lastOnly: true }, 1);
  assert.equal(JSON.parse(last.rowsJson).length, 1);
  assert.throws(() => trainTask({ task: 'linear', sizes: [2, 10, 1], activation: 'tanh' as never, epochs: 50, hessianEvery: 0, trainableOutputBeta: false, seedBase: SEED, lastOnly: true }, 0), /activation/);
  assert.throws(() => trainTask({ task: 'linear', sizes: [2, 10, 1], activation: 'relu', epochs: 0, hessianEvery: 0, trainableOutputBeta: false, seedBase: SEED, lastOnly: true }, 0), /epochs/);
});

test('deadUnits: a ReLU unit with negative incoming weights on positive inputs is dead; a dead layer kills the net', () => {
  const net = makeEspNet({ sizes: [2, 2, 1, 1], activation: 'relu' });
  // W1 = [[1, 1], [-1, -1]], b1 = 0; W2 = [[-1, -1]] (the single layer-2 unit is dead), b2 = 0; W3, b3
  const th = [1, 1, -1, -1, 0, 0, -1, -1, 0, 1, 0];
  const d = deadUnits(net, th, [[1, 2], [0.5, 0.1]]);
  assert.deepEqual(d.perLayer, [1, 1]);
  assert.equal(d.deadLayer, true);
  assert.throws(() => deadUnits(net, th, []), /X must be/);
  assert.equal(isPlateauFromLosses(0.6, 0.59, 0.6, 0.9), true);
  assert.equal(isPlateauFromLosses(0.6, 0.1, 0.6, 0.9), false);
  assert.throws(() => isPlateauFromLosses(0, 0, 0.5, 0.5), /lossHalf/);
});

test('slqTask at tiny size: Lanczos extremes match the dense spectrum', () => {
  const r = slqTask({ width: 4, samples: 30, epochs: 20, steps: 80, probes: 2 }, 0) as { values: number[]; lanczosMax: number; lanczosMin: number; gnMin: number };
  const hi = r.values[r.values.length - 1], lo = r.values[0];
  assert.ok(Math.abs(r.lanczosMax - hi) < 1e-8 * Math.max(1, Math.abs(hi)));
  assert.ok(Math.abs(r.lanczosMin - lo) < 1e-8 * Math.max(1, Math.abs(hi)));
  assert.ok(r.gnMin > -1e-10);
  assert.throws(() => slqTask({ width: 4, samples: 10_000, epochs: 20, steps: 80, probes: 2 }, 0), /samples/);
});

test('a tiny grid through the runtime: the result table builds and runsOf restores the rows', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb03-'));
  const tiny = { ...hessianRuns, name: 'nb03-tiny', tasks: [{ config: { task: 'linear' as const, sizes: [2, 10, 1], activation: 'relu' as const, epochs: 50, hessianEvery: 0, trainableOutputBeta: false, seedBase: SEED, lastOnly: false }, seed: 0 }] };
  const res = await runExperiment(tiny, { jobs: 1, resultsDir: dir, progress: 'off' } as never);
  const runs = runsOf(res.entries);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].arch, '10');
  assert.ok(runs[0].rows.length >= 1 && Number.isFinite(runs[0].rows[0].loss));
  fs.rmSync(dir, { recursive: true });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunkSizes, ensemblesOf, initEnsembleTasks, initEnsembles, joinEnsemble, sampleInitChunk, singleNetLayer, singleNetTasks, singleNetworkKernels, singleNetworks, type InitEnsembleConfig, type SingleNetConfig } from './init-ensembles';
import { layerVertex, sampleEnsembleMetric } from '../../analysis/ensembles';
import { activation } from '../../core/activations';
import { resolveTasks } from '../../runtime/experiment';
import { kernelFlow } from '../../theory/effective-theory';

const tiny: InitEnsembleConfig = { group: 'g', key: 'k', sampler: 'metric', activation: 'mrepu', p: 2, cw: 1, s: 0.03, width: 16, depth: 4, members: 20, total: 40, seed0: 5 };

test('chunkSizes: even chunks that add up', () => {
  assert.deepEqual(chunkSizes(12, 16), [12]);
  assert.deepEqual(chunkSizes(48, 16), [16, 16, 16]);
  assert.deepEqual(chunkSizes(50, 16), [13, 13, 12, 12]);
  assert.throws(() => chunkSizes(0, 16), /total/);
  assert.throws(() => chunkSizes(10, 0), /chunk/);
});

test('sampleInitChunk at tiny size: chunk 0 is the sampler call with the base seed; chunks join into one ensemble', async () => {
  const a = await sampleInitChunk(tiny, 0), b = await sampleInitChunk(tiny, 1);
  const direct = sampleEnsembleMetric({ activation: activation('mrepu', { p: 2 }), cw: 1, cb: 0, inputs: [[0.03, 0.03]], width: 16, depth: 4, members: 20, seed: 5 });
  assert.deepEqual(a.kernels.slice(0, 20), Array.from(direct.memberKernels[0]));
  assert.notDeepEqual(a.kernels, b.kernels);
  const j = joinEnsemble([{ config: tiny, record: a }, { config: tiny, record: b }]);
  assert.equal(j.members, 40);
  assert.equal(j.valid, a.valid + b.valid);
  assert.equal(j.memberKernels.length, 4);
  // layer statistics equal the resampling function over every member
  for (let l = 1; l <= 4; l++) assert.ok(Math.abs(j.layers[l - 1].V - layerVertex(j, l).V) <= 1e-12 * Math.abs(j.layers[l - 1].V) + 1e-18);
  const { ens, ms } = ensemblesOf([{ config: tiny, record: a }, { config: tiny, record: b }]);
  assert.deepEqual(Object.keys(ens), ['g:k']);
  assert.equal(ms.metric.members, 40);
  await assert.rejects(() => sampleInitChunk({ ...tiny, width: 0 }, 0), /width/);
  await assert.rejects(() => sampleInitChunk({ ...tiny, sampler: 'x' as 'tf' }, 0), /sampler/);
  assert.throws(() => joinEnsemble([]), /at least one chunk/);
});

test('sampleInitChunk (a) TF.js weights at tiny size', async () => {
  const r = await sampleInitChunk({ ...tiny, sampler: 'tf', members: 4 }, 0);
  assert.equal(r.members, 4);
  assert.equal(r.kernels.length, 4 * r.valid);
});

test('singleNetworkKernels: one network on inputs of one norm; first-layer kernel near K(1), deterministic, overflow as data', () => {
  const c: SingleNetConfig = { group: 'g', key: 'k', activation: 'mrepu', p: 2, cw: 1, s: 0.03, width: 64, depth: 3, inputs: 8 };
  const r = singleNetworkKernels(c, 0);
  assert.equal(r.kernels.length, 3 * 8);
  assert.deepEqual(r, singleNetworkKernels(c, 0));
  const K1 = singleNetLayer(r, 8, 1), want = kernelFlow(activation('mrepu', { p: 2 }), 0.03 ** 2, 3, { cw: 1, cb: 0 }).K;
  assert.equal(K1.length, 8);
  K1.forEach((k) => assert.ok(Math.abs(k / want[0] - 1) < 0.6, `K̂(1) = ${k}`));
  const boom = singleNetworkKernels({ ...c, activation: 'repu', cw: 3, s: 3, depth: 8 }, 1);
  assert.ok(boom.overflowLayer.some((l) => l > 0));
  assert.ok(boom.kernels.every((v) => Number.isFinite(v)));
  assert.throws(() => singleNetworkKernels({ ...c, inputs: 0 }, 0), /inputs/);
  assert.throws(() => singleNetLayer(r, 8, 4), /layer/);
});

test('task grids: every profile declared, more work at paper', () => {
  for (const e of [initEnsembles, singleNetworks] as Parameters<typeof resolveTasks>[0][]) {
    const q = resolveTasks(e, 'quick'), d = resolveTasks(e, 'default'), p = resolveTasks(e, 'paper');
    assert.ok(q.length > 0 && d.length >= q.length && p.length >= d.length);
  }
  const total = (t: ReturnType<typeof initEnsembleTasks>, g: string) => t.filter((x) => x.config.group === g && x.config.key.startsWith('metric')).reduce((a, x) => a + x.config.members, 0);
  assert.equal(total(initEnsembleTasks('default'), 'fig1'), 7 * 400);
  assert.equal(singleNetTasks('quick').length, 13 * 3);
});

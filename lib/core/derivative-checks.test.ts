import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { zoo, relu, sigmoidAct, tanhAct } from './activations';
import { derivativeAgreement, kinkAvoidingGrid } from './derivative-checks';

before(async () => {
  await tf.setBackend('cpu');
});

test('grid avoids kinks but samples both sides', () => {
  const g = kinkAvoidingGrid([0]);
  assert.ok(g.every((x) => Math.abs(x) >= 1e-3));
  assert.ok(g.some((x) => x < 0 && x > -0.02) && g.some((x) => x > 0 && x < 0.02));
});

test('all routes agree with the closed forms over the zoo; the raw stock ops are flagged', () => {
  const r = derivativeAgreement(zoo());
  for (const c of r) {
    assert.ok(c.fdD2 < 1e-5 && c.tfD2 < 1e-3, `${c.label}: ${JSON.stringify(c)}`);
    if (c.mathjsD2 !== undefined) assert.ok(c.mathjsD2 < 1e-9, c.label);
  }
  const sig = derivativeAgreement([sigmoidAct(), tanhAct(), relu()]);
  assert.ok(sig[0].rawTfD2! > 1e-2, `raw sigmoid f″ error ${sig[0].rawTfD2}`);
  assert.ok(sig[1].rawTfD2! > 1e-2, `raw tanh f″ error ${sig[1].rawTfD2}`);
  assert.equal(sig[2].rawTfD2, undefined);
});

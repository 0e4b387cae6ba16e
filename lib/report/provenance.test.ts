import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { provenance, provenanceHtml } from './provenance';
import { DEFAULT_NATIVE_MODULE, nativeTrainingRoute } from '../core/native-blas';

test('provenance names the training-step route, and "not used" without a backend', () => {
  const p = provenance('demo');
  assert.equal(p.training, 'not used');
  assert.match(provenanceHtml(p), /training step: not used/);
  const withBackend = provenance('demo', { name: 'wasm', pkg: '@tensorflow/tfjs-backend-wasm', skipped: [] });
  assert.match(provenanceHtml(withBackend), /training step: (native trainEpoch|TF\.js tape)/);
});

test('the training route: switches, other backends, and the native epoch when the addon is built', () => {
  assert.match(nativeTrainingRoute('wasm', { NATIVE_TRAIN: '0' }), /TF\.js tape and optimizer \(NATIVE_TRAIN=0\)/);
  assert.match(nativeTrainingRoute('wasm', { NATIVE_BLAS: '0' }), /NATIVE_BLAS=0/);
  assert.match(nativeTrainingRoute('tensorflow', {}), /backend tensorflow/);
  if (fs.existsSync(DEFAULT_NATIVE_MODULE)) assert.match(nativeTrainingRoute('wasm', {}), /^native trainEpoch/);
});

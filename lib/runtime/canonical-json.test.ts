import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, parseCanonical, sha256 } from './canonical-json';

test('canonical JSON sorts keys at every depth, drops undefined, writes −0 as 0', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: -0 }], c: undefined } }), '{"a":{"d":[1,{"y":0,"z":0}]},"b":1}');
  assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
});

test('non-finite numbers and typed arrays round-trip', () => {
  const v = { nan: NaN, inf: Infinity, ninf: -Infinity, f: new Float64Array([1.5, NaN]) };
  const back = parseCanonical(canonicalJson(v)) as Record<string, unknown>;
  assert.ok(Number.isNaN(back.nan));
  assert.equal(back.inf, Infinity);
  assert.equal(back.ninf, -Infinity);
  assert.deepEqual(back.f, [1.5, NaN]);
});

test('what is not JSON data throws naming its path', () => {
  assert.throws(() => canonicalJson({ a: { b: () => 1 } }, 'config'), /config\.a\.b must be plain JSON data, but got function/);
  assert.throws(() => canonicalJson({ a: [new Date(0)] }, 'record'), /record\.a\[0\] must be plain JSON data.*Date/);
  assert.throws(() => canonicalJson({ n: 1n }), /value\.n must be plain JSON data, but got bigint/);
});

test('sha256 of a known string', () => {
  assert.equal(sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmoid } from '../../core/activations';
import {
  hardTanh, pwlTanh, polyTanh, rationalTanh, exactTanh, sigmoidFrom, hardSigmoid, maxAbsError, oddLeastSquares, nsPerEval,
} from './cheap-activations';

test('piecewise-linear error obeys the interpolation bound h²/8 · max|tanh″| (max|tanh″| = 4/(3√3)) and is odd', () => {
  for (const seg of [4, 8, 16, 32]) {
    const a = pwlTanh(seg, 4), h = 4 / seg;
    const err = maxAbsError(a.f, Math.tanh, -4, 4, 8001);
    assert.ok(err <= (h * h / 8) * (4 / (3 * Math.sqrt(3))) * 1.001 + Math.abs(1 - Math.tanh(4)), `seg ${seg}: ${err}`);
    assert.equal(a.f(-1.3), -a.f(1.3));
  }
});

test('odd least squares recovers an exactly odd polynomial; the clamped tanh fits improve with degree', () => {
  const c = oddLeastSquares((x) => 0.5 * x - 0.25 * x ** 3 + 0.01 * x ** 5, 5, 2);
  [0.5, -0.25, 0.01].forEach((v, i) => assert.ok(Math.abs(c[i] - v) < 1e-9, `c${i} = ${c[i]}`));
  const errs = [3, 5, 9].map((d) => maxAbsError(polyTanh(d).f, Math.tanh));
  assert.ok(errs[0] > errs[1] && errs[1] > errs[2], errs.join(', '));
  assert.throws(() => oddLeastSquares(Math.tanh, 4, 2), /degree must be odd, but got 4/);
});

test("Lambert's Padé approximant agrees with tanh's Taylor series to O(x⁷); hard tanh error is 1 − tanh 1", () => {
  const x = 0.05;
  assert.ok(Math.abs(rationalTanh().f(x) - Math.tanh(x)) < 1e-8);
  assert.ok(Math.abs(maxAbsError(hardTanh().f, Math.tanh, -8, 8, 16001) - (1 - Math.tanh(1))) < 1e-9);
});

test('sigmoidFrom(tanh) is the sigmoid; hard sigmoid error is known', () => {
  assert.ok(maxAbsError(sigmoidFrom(exactTanh()).f, sigmoid) < 1e-15);
  assert.ok(maxAbsError(hardSigmoid().f, sigmoid) < 0.08);
});

test('nsPerEval returns a positive number and the checksum of the sum (no timing assertions)', () => {
  const r = nsPerEval((x) => x, 1000, 1);
  assert.ok(r.ns > 0 && Math.abs(r.checksum - -6 * 1000 - 12 * 499.5) < 1e-6 * 1000 + 20);
  assert.throws(() => pwlTanh(0), /segments/);
  assert.throws(() => nsPerEval(Math.tanh, 0), /n/);
});

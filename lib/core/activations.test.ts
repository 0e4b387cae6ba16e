import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as math from 'mathjs';
import { zoo, activation, erf, erfc, normalCdf, sigmoid, softplus, repu, mrepu, leakyRelu, elu, swish } from './activations';

/** Sample points on a grid that avoids each kink by ≥ 1e-3 and includes both sides. */
function points(kinks: readonly number[]): number[] {
  const xs: number[] = [];
  for (let x = -4; x <= 4; x += 0.173) xs.push(x);
  for (const k of kinks) xs.push(k - 0.05, k + 0.05, k - 0.5, k + 0.5);
  return xs.filter((x) => kinks.every((k) => Math.abs(x - k) > 1e-3));
}

test("every zoo activation: f′ and f″ agree with central finite differences (second route)", () => {
  for (const a of zoo()) {
    for (const x of points(a.kinks)) {
      const h = 1e-5;
      const fd1 = (a.f(x + h) - a.f(x - h)) / (2 * h);
      const fd2 = (a.df(x + h) - a.df(x - h)) / (2 * h);
      const s1 = 1 + Math.abs(a.df(x)), s2 = 1 + Math.abs(a.d2f(x));
      assert.ok(Math.abs(fd1 - a.df(x)) < 1e-6 * s1, `${a.label} f′(${x}): ${a.df(x)} vs FD ${fd1}`);
      assert.ok(Math.abs(fd2 - a.d2f(x)) < 1e-6 * s2, `${a.label} f″(${x}): ${a.d2f(x)} vs FD ${fd2}`);
    }
  }
});

test('f′ and f″ agree with mathjs symbolic derivatives where mathjs can write f (third route)', () => {
  let checked = 0;
  for (const a of [...zoo(), swish(2.5)]) {
    if (!a.expr) continue;
    const d1 = math.derivative(a.expr, 'x').compile();
    const d2 = math.derivative(math.derivative(a.expr, 'x'), 'x').compile();
    const f = math.compile(a.expr);
    for (const x of points(a.kinks).filter((v) => Math.abs(v) < 3)) {
      assert.ok(Math.abs(f.evaluate({ x }) - a.f(x)) < 1e-12 * (1 + Math.abs(a.f(x))), `${a.label} f(${x})`);
      assert.ok(Math.abs(d1.evaluate({ x }) - a.df(x)) < 1e-10, `${a.label} f′(${x})`);
      assert.ok(Math.abs(d2.evaluate({ x }) - a.d2f(x)) < 1e-9, `${a.label} f″(${x})`);
    }
    checked++;
  }
  assert.ok(checked >= 7, `only ${checked} activations had expressions`);
});

test('erf, erfc, Φ against reference values (Abramowitz & Stegun tables / mpmath)', () => {
  assert.ok(Math.abs(erf(1) - 0.8427007929497149) < 1e-14);
  assert.ok(Math.abs(erf(-0.5) + 0.5204998778130465) < 1e-14);
  assert.ok(Math.abs(erfc(3) - 2.209049699858544e-5) / 2.209049699858544e-5 < 1e-12);
  assert.ok(Math.abs(erfc(6) - 2.1519736712498913e-17) / 2.1519736712498913e-17 < 1e-10);
  assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-14);
  assert.equal(erf(0), 0);
});

test('sigmoid and softplus do not overflow and keep their identities', () => {
  assert.equal(sigmoid(-1000), 0);
  assert.equal(sigmoid(1000), 1);
  assert.equal(softplus(1000), 1000);
  for (const x of [-30, -2, 0, 0.7, 25]) {
    assert.ok(Math.abs(sigmoid(x) + sigmoid(-x) - 1) < 1e-15);
    assert.ok(Math.abs(softplus(x) - softplus(-x) - x) < 1e-12);
  }
});

test('families reduce to their members: RePU p=1 is ReLU, swish β→∞ tends to ReLU, MRePU(x) = x·RePU_p(x+1)', () => {
  const r = activation('relu');
  for (const x of [-2, -0.1, 0.3, 5]) {
    assert.equal(repu(1).f(x), r.f(x));
    assert.ok(Math.abs(swish(200).f(x) - r.f(x)) < 1e-3);
    assert.ok(Math.abs(mrepu(3).f(x) - x * repu(3).f(x + 1)) < 1e-12);
  }
  assert.equal(activation('repu', { p: 3 }).label, 'RePU (p=3)');
});

test('properties: zero-centred means f(0)=0; bounded activations stay bounded on a wide grid', () => {
  for (const a of zoo()) {
    if (a.props.zeroCentred) assert.equal(a.f(0), 0, a.label);
    if (a.props.bounded === 'both') for (let x = -50; x <= 50; x += 0.5) assert.ok(Math.abs(a.f(x)) <= 1, a.label);
  }
});

test('bad parameters are refused with the value named', () => {
  assert.throws(() => repu(0.5), /p must be an integer >= 1, but got 0.5/);
  assert.throws(() => repu(-2), /p must be an integer >= 1, but got -2/);
  assert.throws(() => swish(NaN), /beta must be a finite number, but got NaN/);
  assert.throws(() => leakyRelu(1.5), /alpha must lie in \[0, 1\), but got 1.5/);
  assert.throws(() => elu(-1), /alpha must be > 0, but got -1/);
  assert.throws(() => activation('relux'), /unknown activation 'relux'/);
});

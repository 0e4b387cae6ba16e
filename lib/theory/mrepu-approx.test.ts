import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lemma7, evalOneVar, theorem8, evalNetwork, evalPolynomial, networkSize, mrepuF, solveLinear, type Polynomial } from './mrepu-approx';
import { mrepu } from '../core/activations';
import { makeRng } from '../core/rng';

test('mrepuF matches the zoo MRePU; solveLinear solves a pivoting-needing system', () => {
  for (const p of [1, 2, 3]) for (const x of [-2, -1, -0.5, 0, 0.7, 2]) assert.ok(Math.abs(mrepuF(p, x) - mrepu(p).f(x)) < 1e-12);
  assert.deepEqual(solveLinear([[0, 1], [2, 0]], [3, 4]), [2, 3]);
  assert.throws(() => solveLinear([[1, 1], [1, 1]], [1, 2]), /singular/);
});

test('Lemma 7: p+2 neurons reproduce any polynomial of degree ≤ p+1 on [−1, 1] to 1e-10', () => {
  const rng = makeRng(3);
  for (const p of [1, 2, 3]) for (let t = 0; t < 5; t++) {
    const coeffs = Array.from({ length: p + 2 }, () => rng.normal());
    const net = lemma7(coeffs, p);
    assert.equal(net.a.length, p + 2);
    for (let i = 0; i <= 200; i++) {
      const x = -1 + i / 100;
      const P = coeffs.reduce((s, c, j) => s + c * x ** j, 0);
      assert.ok(Math.abs(evalOneVar(net, x) - P) < 1e-10, `p=${p} x=${x}`);
    }
  }
  assert.throws(() => lemma7([1, 2, 3, 4], 1), /degree/);
});

test('Theorem 8: random polynomials in 2 and 3 variables of degree ≤ 5 are reproduced on [−r, r]^d to 1e-10 (relative), all preactivations ≥ −1', () => {
  const rng = makeRng(8);
  for (const [d, D, r, p] of [[2, 2, 1, 2], [2, 4, 1, 2], [3, 3, 1, 1], [3, 5, 2, 2], [2, 3, 0.5, 3]]) {
    const terms: Polynomial['terms'] = [];
    // every monomial of total degree ≤ D
    const rec = (i: number, left: number, e: number[]) => {
      if (i === d) { terms.push({ coeff: rng.normal(), exps: [...e] }); return; }
      for (let k = 0; k <= left; k++) rec(i + 1, left - k, [...e, k]);
    };
    rec(0, D, []);
    const P: Polynomial = { vars: d, terms };
    const net = theorem8(P, p, r);
    assert.equal(networkSize(net).hiddenLayers, Math.max(1, D - 1));
    let worst = 0, scale = 0, minPre = Infinity;
    for (let s = 0; s < 300; s++) {
      const x = Array.from({ length: d }, () => r * (2 * rng.uniform() - 1));
      const { y, minPreactivation } = evalNetwork(net, x);
      const want = evalPolynomial(P, x);
      worst = Math.max(worst, Math.abs(y[0] - want)); scale = Math.max(scale, Math.abs(want)); minPre = Math.min(minPre, minPreactivation);
    }
    assert.ok(worst / scale < 1e-10, `d=${d} D=${D}: ${worst / scale}`);
    assert.ok(minPre >= -1 - 1e-12, `preactivation ${minPre} below −1`);
  }
});

test('Theorem 8: xy and x²y³z exactly; bad input throws', () => {
  const xy = theorem8({ vars: 2, terms: [{ coeff: 1, exps: [1, 1] }] });
  assert.ok(Math.abs(evalNetwork(xy, [0.3, -0.7]).y[0] + 0.21) < 1e-14);
  const m = theorem8({ vars: 3, terms: [{ coeff: 2, exps: [2, 3, 1] }, { coeff: -1, exps: [0, 0, 0] }] });
  const [x, y, z] = [0.9, -0.8, 0.6];
  assert.ok(Math.abs(evalNetwork(m, [x, y, z]).y[0] - (2 * x * x * y ** 3 * z - 1)) < 1e-12);
  assert.throws(() => theorem8({ vars: 2, terms: [{ coeff: 1, exps: [1] }] }), /exps/);
});

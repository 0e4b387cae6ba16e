/**
 * Exact Hessians of the Milletarì nets (lib/esp-network) and dense eigen-solvers (lib/hessian):
 * dense Hessian + full eigendecomposition for the 8-2 ESP net (56 params, 690 samples) and a
 * ~1900-parameter [2, 40, 40, 1] ESP net (100 samples); H·v products per second; tred2/tql2 vs
 * cyclic Jacobi at n = 56 and 300 (Jacobi at n ≈ 2000 is skipped: ~1 s at 300 and O(n³) per sweep
 * put it near 5 minutes).
 */
import { makeEspNet, initParams, denseHessian, hvpOperator } from '../lib/esp-network';
import { symmetricEigen, symmetricEigenvalues, jacobiEigen, type DenseMatrix } from '../lib/hessian';
import { loadMilletari } from '../lib/milletari-data';
import { makeRng } from '../lib/rng';

const NL = loadMilletari('nonlinear');
const time = <T>(f: () => T): [T, number] => { const t0 = performance.now(); const r = f(); return [r, (performance.now() - t0) / 1000]; };

function netCase(sizes: number[], m: number, label: string, eigenvalueOnlyToo: boolean): void {
  const net = makeEspNet({ sizes, activation: 'esp' });
  const th = initParams(net, 1);
  const rng = makeRng(2);
  for (let i = 0; i < th.length; i++) th[i] += 0.3 * rng.normal(); // a generic, non-initial point
  const X = NL.xTrain.slice(0, m), y = NL.yTrain.slice(0, m);
  const op = hvpOperator(net, th, X, y);
  const v = Float64Array.from({ length: net.nParams }, () => rng.normal());
  op(v); // warm-up
  const reps = Math.max(3, Math.round(2e6 / (m * net.nParams)));
  const [, tv] = time(() => { for (let k = 0; k < reps; k++) op(v); });
  console.log(`hessian ${label}: ${(reps / tv).toFixed(1)} HVP/s (N = ${net.nParams}, m = ${m})`);
  const [H, th_] = time(() => denseHessian(net, th, X, y));
  console.log(`hessian ${label}: ${th_.toFixed(3)} s dense Hessian (${net.nParams} HVPs; raw asymmetry ${H.asymmetry.toExponential(1)})`);
  const [, te] = time(() => symmetricEigen(H));
  console.log(`hessian ${label}: ${te.toFixed(3)} s tred2/tql2 eigenvalues + eigenvectors (n = ${net.nParams})`);
  if (eigenvalueOnlyToo) {
    const [, tvo] = time(() => symmetricEigenvalues(H));
    console.log(`hessian ${label}: ${tvo.toFixed(3)} s tred2/tql2 eigenvalues only (n = ${net.nParams})`);
  }
}

function solverCase(n: number): void {
  const rng = makeRng(n);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) { const x = rng.normal(); data[i * n + j] = x; data[j * n + i] = x; }
  const A: DenseMatrix = { n, data };
  symmetricEigen(A); jacobiEigen(A); // warm-up
  const [, tq] = time(() => symmetricEigen(A));
  const [, tj] = time(() => jacobiEigen(A));
  console.log(`hessian solvers n = ${n}: ${(tq * 1000).toFixed(1)} ms tred2/tql2, ${(tj * 1000).toFixed(1)} ms Jacobi (with eigenvectors)`);
}

netCase([2, 8, 2, 1], 690, 'esp 8-2', false);
netCase([2, 40, 40, 1], 100, 'esp 40-40', true);
solverCase(56);
solverCase(300);
console.log('hessian solvers n ≈ 2000: Jacobi skipped (≈ 5 min extrapolated); tred2/tql2 timed above on the 40-40 Hessian');

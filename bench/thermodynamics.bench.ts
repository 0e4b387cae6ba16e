/** Throughput of lib/theory/thermodynamics: exact BigInt counts (two routes) and log-space thermodynamics at figure scale. */
import { compositions, compositionsByConvolution, netParams, thermodynamics } from '../lib/theory/thermodynamics';

const time = (f: () => void, reps: number): number => {
  f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
};
for (const [g, K] of [[20, 4], [100, 10]]) {
  const ie = time(() => compositions(g, K), 5), cv = time(() => compositionsByConvolution(g, K), 5);
  console.log(`thermo-counts: ${ie.toFixed(2)} ms per c(n; g=${g}, K=${K}) table (inclusion–exclusion; convolution ${cv.toFixed(2)} ms)`);
}
const P = netParams({ g0: 40, p: 2 });
const ms = time(() => thermodynamics(P, 1), 50);
console.log(`thermo-functions: ${(1000 / ms).toFixed(0)} evaluations/s of (ln Z, U, S, C) at g0 = 40, K = 2`);

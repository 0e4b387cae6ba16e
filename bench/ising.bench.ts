/** Monte Carlo throughput of lib/theory/ising-mc at L = 64 near T_c: Metropolis attempted spin updates per second (Wolff flipped spins per second alongside). */
import { simulateIsing } from '../lib/theory/ising-mc';

const L = 64, T = 2.27;
const rate = (algorithm: 'metropolis' | 'wolff'): number => {
  simulateIsing({ L, T, algorithm, sweeps: 20, thermalize: 5, bins: 10, seed: 1 }); // warm-up
  const t0 = performance.now();
  const r = simulateIsing({ L, T, algorithm, sweeps: 400, thermalize: 20, bins: 20, seed: 2 });
  return r.spinUpdates / ((performance.now() - t0) / 1000);
};
const met = rate('metropolis'), wolff = rate('wolff');
console.log(`ising-mc: ${met.toExponential(3)} spin-flips/s (Metropolis, L = ${L}, T = ${T}; Wolff: ${wolff.toExponential(3)} flipped spins/s)`);

/**
 * Ensemble samplers of lib/analysis/ensembles: (b) exact stochastic-metric sampling vs (a) materialised TF.js weights,
 * at the paper's Fig. 1 size (width 512, depth 10, two inputs). Prints networks per second and the ratio.
 */
import { initBackend } from '../lib/core/backend';
import { sampleEnsembleMetric, sampleEnsembleTf, type EnsembleSpec } from '../lib/analysis/ensembles';
import { mrepu } from '../lib/core/activations';

(async () => {
  const b = await initBackend();
  const spec: Omit<EnsembleSpec, 'members'> = {
    activation: mrepu(2), cw: 1, cb: 0, inputs: [[0.02, 0.02], [0.02, -0.01]], width: 512, depth: 10, seed: 1,
  };
  sampleEnsembleMetric({ ...spec, members: 10 }); // warm-up
  let t0 = performance.now();
  const nB = 1000;
  sampleEnsembleMetric({ ...spec, members: nB });
  const sB = (performance.now() - t0) / 1000;
  console.log(`ensembles (b) stochastic metric, ${nB} nets, width 512, depth 10, 2 inputs: ${sB.toFixed(3)} s (${(nB / sB).toFixed(0)} nets/s)`);
  sampleEnsembleTf({ ...spec, members: 2 }); // warm-up
  const nA = 20;
  t0 = performance.now();
  sampleEnsembleTf({ ...spec, members: nA });
  const sA = (performance.now() - t0) / 1000;
  console.log(`ensembles (a) TF.js weights on ${b.name}, ${nA} nets, same size: ${sA.toFixed(3)} s (${(nA / sA).toFixed(1)} nets/s)`);
  console.log(`ensembles speed-up (b)/(a): ${((nB / sB) / (nA / sA)).toFixed(0)}x per network`);
})();

// The library's shared surface: infrastructure, the activation zoo and training. Topic modules
// (thermodynamics, gaussian, effective-theory, ensembles, hessian, ising, …) are imported
// directly by path — one concept per module, and their names stay unambiguous.
export * from './core/guards';
export * from './core/rng';
export * from './report/profile';
export * from './report/claims';
export * from './report/plot';
export * from './core/activations';
export * from './core/activations-tf';
export * from './core/derivative-checks';
export * from './core/backend';
export * from './report/provenance';
export * from './networks/train';
export * from './data/datasets';

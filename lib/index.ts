// The library's shared surface: infrastructure, the activation zoo and training. Topic modules
// (thermodynamics, gaussian, effective-theory, ensembles, hessian, ising, …) are imported
// directly by path — one concept per module, and their names stay unambiguous.
export * from './guards';
export * from './rng';
export * from './profile';
export * from './claims';
export * from './plot';
export * from './activations';
export * from './activations-tf';
export * from './derivative-checks';
export * from './backend';
export * from './provenance';
export * from './train';
export * from './datasets';

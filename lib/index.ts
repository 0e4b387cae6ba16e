// The library's public surface: re-exports only (one concept per module; see README).
export * from './guards';
export * from './rng';
export * from './profile';
export * from './claims';
export * from './plot';
export * from './activations';
export * from './backend';
export * from './provenance';

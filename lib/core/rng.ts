/**
 * Seeded pseudo-random numbers for JS-side sampling (never Math.random in lib/).
 * Generator: mulberry32 (T. Ettinger, public domain), a 32-bit state generator with
 * period 2^32 that passes gjrand/PractRand to 2^32 outputs; ample for the Monte Carlo
 * here. Child streams are derived with splitmix32 so sub-experiments do not overlap.
 */
import { assertFinite, assertInteger, assertPositive, assertWithinBudget } from './guards';

export interface Rng {
  /** The seed this stream was made from (for provenance). */
  readonly seed: number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Uniform integer in {0, …, n−1}. */
  int(n: number): number;
  /** A new, independent stream derived from this one (cf. jax.random.split). */
  split(): Rng;
}

function splitmix32(a: number): number {
  a = (a + 0x9e3779b9) | 0;
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t = t ^ (t >>> 15);
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** A seeded generator; the same seed gives the same stream on every machine. */
export function makeRng(seed: number): Rng {
  assertFinite(seed, 'seed');
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, but got ${seed}`);
  let state = splitmix32(seed >>> 0);
  let spare: number | null = null;
  let children = 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed,
    uniform,
    normal(): number {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0, v = 0, s = 0;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * f;
      return u * f;
    },
    int(n: number): number {
      assertInteger(n, 'n');
      return Math.floor(uniform() * n);
    },
    split(): Rng {
      children += 1;
      return makeRng(splitmix32((seed ^ Math.imul(children, 0x85ebca6b)) >>> 0));
    },
  };
  return rng;
}

/** n independent standard normals as a Float64Array. */
export function normals(rng: Rng, n: number, std = 1): Float64Array {
  assertInteger(n, 'n', 0);
  assertWithinBudget(`normals(n=${n})`, n, 2e8, 'numbers (8 bytes each)');
  assertPositive(std, 'std');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = std * rng.normal();
  return out;
}

/** A uniformly random permutation of 0…n−1 (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Int32Array {
  assertInteger(n, 'n', 0);
  assertWithinBudget(`permutation(n=${n})`, n, 2e8, 'entries');
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

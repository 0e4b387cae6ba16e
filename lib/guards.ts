/**
 * Argument guards: every public routine validates its inputs with these, so a bad value
 * fails at once with a message that names the argument and the value it got.
 */

/** Throw unless `x` is a finite number. */
export function assertFinite(x: number, name: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${name} must be a finite number, but got ${String(x)}`);
  }
  return x;
}

/** Throw unless `x` is a finite number > 0. */
export function assertPositive(x: number, name: string): number {
  assertFinite(x, name);
  if (x <= 0) throw new RangeError(`${name} must be > 0, but got ${x}`);
  return x;
}

/** Throw unless `x` is a finite number >= 0. */
export function assertNonNegative(x: number, name: string): number {
  assertFinite(x, name);
  if (x < 0) throw new RangeError(`${name} must be >= 0, but got ${x}`);
  return x;
}

/** Throw unless `x` is an integer >= `min` (default 1). */
export function assertInteger(x: number, name: string, min = 1): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, but got ${String(x)}`);
  }
  return x;
}

/** Throw unless lo <= x <= hi. */
export function assertInRange(x: number, name: string, lo: number, hi: number): number {
  assertFinite(x, name);
  if (x < lo || x > hi) throw new RangeError(`${name} must lie in [${lo}, ${hi}], but got ${x}`);
  return x;
}

/** Throw unless every entry of `xs` is finite; names the first bad index. */
export function assertAllFinite(xs: ArrayLike<number>, name: string): void {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) {
      throw new RangeError(`${name}[${i}] must be finite, but got ${String(xs[i])}`);
    }
  }
}

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

/** Throw unless `x` is one of `allowed` (an enumeration option such as an optimiser name). */
export function assertOneOf<T extends string>(x: unknown, name: string, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, but got ${typeof x === 'string' ? `'${x}'` : String(x)}`);
  }
  return x as T;
}

/** Throw if an options object has a key outside `allowed` (a misspelt or misrouted option is never ignored). */
export function assertKnownOptions(opts: object | undefined, name: string, allowed: readonly string[]): void {
  if (opts === undefined) return;
  if (opts === null || typeof opts !== 'object') throw new TypeError(`${name} must be an object, but got ${String(opts)}`);
  const bad = Object.keys(opts).filter((k) => !allowed.includes(k));
  if (bad.length) throw new RangeError(`${name}: unknown option${bad.length > 1 ? 's' : ''} ${bad.map((k) => `'${k}'`).join(', ')}; allowed: ${allowed.length ? allowed.join(', ') : '(none)'}`);
}

/** The factor WORK_BUDGET scales every work limit by (default 1; e.g. WORK_BUDGET=100 for a deliberate huge run). */
export function workBudgetFactor(env: Record<string, string | undefined> = process.env): number {
  const raw = env.WORK_BUDGET;
  if (raw === undefined || raw === '') return 1;
  const f = Number(raw);
  if (!(f > 0) || !Number.isFinite(f)) throw new RangeError(`WORK_BUDGET must be a positive number, but got '${raw}'`);
  return f;
}

/**
 * Fail at once when a request's estimated cost exceeds its limit (× WORK_BUDGET), saying the
 * estimate, the limit and how to raise it: an absurd size never starts, hangs or runs out of memory.
 */
export function assertWithinBudget(what: string, cost: number, limit: number, unit: string): void {
  const lim = limit * workBudgetFactor();
  if (!Number.isFinite(cost) || cost > lim) {
    throw new RangeError(`${what}: estimated cost ${Number.isFinite(cost) ? cost.toPrecision(3) : String(cost)} ${unit} exceeds the limit ${lim.toPrecision(3)} ${unit}; set WORK_BUDGET=<factor> to raise the limit on purpose`);
  }
}

/** Throw unless `x` has type number (NaN and ±Infinity pass: for elementwise maths that propagates them; null, strings, undefined do not). */
export function assertNumber(x: unknown, name: string): number {
  if (typeof x !== 'number') throw new TypeError(`${name} must be a number, but got ${typeof x === 'string' ? `'${x}'` : String(x)}`);
  return x;
}

/** Throw unless `xs` has at least `min` entries, all finite and strictly increasing (a sorted grid). */
export function assertSortedFinite(xs: ArrayLike<number>, name: string, min = 2): void {
  if (xs === null || typeof xs !== 'object' || typeof xs.length !== 'number') throw new TypeError(`${name} must be an array of numbers, but got ${String(xs)}`);
  if (xs.length < min) throw new RangeError(`${name} needs at least ${min} points, but got ${xs.length}`);
  assertAllFinite(xs, name);
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] > xs[i - 1])) throw new RangeError(`${name} must be strictly increasing, but ${name}[${i - 1}]=${xs[i - 1]} ≥ ${name}[${i}]=${xs[i]}`);
  }
}

/** Throw unless arrays `a` (named `nameA`) and `b` have the same length. */
export function assertSameLength(a: ArrayLike<unknown>, nameA: string, b: ArrayLike<unknown>, nameB: string): void {
  if (a.length !== b.length) throw new RangeError(`${nameA} has ${a.length} entries but ${nameB} has ${b.length}; they must have equal length`);
}

/** An iteration cap for a loop that should converge: throws, naming the loop and the cap, instead of hanging. */
export function assertIterations(i: number, cap: number, what: string): void {
  if (i > cap) throw new RangeError(`${what} did not finish within ${cap} iterations (a NaN, an infinite range or a zero tolerance?)`);
}

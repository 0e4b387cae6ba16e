/**
 * The activation zoo: every activation the five documents use, as data. Each entry has
 * f, f′, f″ as float64 functions, the kinks where f is not smooth, a mathjs expression
 * (where mathjs can write f) for symbolic checks, and its properties. TF.js ops that are
 * safe to differentiate twice live in `activations-tf.ts`.
 */
import { assertFinite, assertInteger, assertKnownOptions, assertPositive, assertNumber } from './guards';

/** PDLT-style universality class, from the Taylor coefficients σ_k = σ^(k)(0) (seed 002 §3; PDLT ch. 5). */
export type UniversalityClass = 'K*=0' | 'scale-invariant' | 'half-stable' | 'none' | 'unclassified';

export interface ActivationProps {
  /** 'both': bounded above and below; 'below': bounded below only; 'none'. */
  bounded: 'both' | 'below' | 'none';
  monotone: boolean;
  /** k in C^k: −1 discontinuous, 0 continuous with kinks, Infinity smooth. */
  smoothness: number;
  /** f(0) = 0. */
  zeroCentred: boolean;
  universality: UniversalityClass;
}

export interface Activation {
  /** Identifier used in code and tables, e.g. 'repu'. */
  readonly name: string;
  /** Label for plots and tables, with parameters, e.g. 'RePU (p=2)'. */
  readonly label: string;
  readonly params: Readonly<Record<string, number>>;
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  readonly d2f: (x: number) => number;
  /** Points where f, f′ or f″ jumps (split Gaussian integrals here). */
  readonly kinks: readonly number[];
  /** f as a mathjs expression in x, when mathjs can express it (for symbolic derivative checks). */
  readonly expr?: string;
  readonly props: Readonly<ActivationProps>;
}

/** Logistic sigmoid σ(x) = 1/(1+e^{−x}), evaluated without overflow. */
export function sigmoid(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'sigmoid: x'); // NaN in → NaN out; null/strings are an error, not 0.5
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** softplus(x) = ln(1+e^x), evaluated without overflow. */
export function softplus(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'softplus: x');
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Error function, |error| < 1.2e−7 (Numerical Recipes erfc, Chebyshev fit), refined by one Newton-free series where |x| < 0.5. */
export function erf(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'erf: x');
  if (Math.abs(x) < 0.5) {
    // Maclaurin series: erf x = 2/√π Σ (−1)^n x^{2n+1} / (n! (2n+1)); 12 terms reach 1e−16 here.
    let term = x, sum = x;
    const x2 = x * x;
    for (let n = 1; n < 14; n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  return 1 - erfc(x);
}

/** Complementary error function erfc(x) = 1 − erf(x), accurate in the tails (continued fraction for |x| > 2). */
export function erfc(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'erfc: x');
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erf(x);
  if (x > 26.6) return 0;
  if (x < 2.5) {
    // Taylor series of erf around 0 converges for all x but cancels; use erfc = e^{−x²} Σ (W. J. Cody style) via
    // the series erf x = 2/√π e^{−x²} Σ 2^n x^{2n+1} / (1·3·…·(2n+1)), no cancellation for x > 0.
    let term = x, sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  }
  // Continued fraction (Lentz), converges fast for x ≥ 2.5.
  const tiny = 1e-300;
  let f = x, C = x, D = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    D = x + a * D;
    D = Math.abs(D) < tiny ? tiny : D;
    C = x + a / C;
    C = Math.abs(C) < tiny ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'normalPdf: x');
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal distribution function Φ(x) = ½ erfc(−x/√2). */
export function normalCdf(x: number): number {
  if (typeof x !== 'number') assertNumber(x, 'normalCdf: x');
  return 0.5 * erfc(-x / Math.SQRT2);
}

const smooth = Infinity;

function make(a: Omit<Activation, 'kinks' | 'params'> & { kinks?: number[]; params?: Record<string, number> }): Activation {
  return Object.freeze({ ...a, kinks: Object.freeze(a.kinks ?? []), params: Object.freeze(a.params ?? {}), props: Object.freeze(a.props) });
}

export const identity = (): Activation =>
  make({
    name: 'identity', label: 'identity', expr: 'x',
    f: (x) => x, df: () => 1, d2f: () => 0,
    props: { bounded: 'none', monotone: true, smoothness: smooth, zeroCentred: true, universality: 'scale-invariant' },
  });

/** Heaviside step / perceptron: H(x) = 1 for x > 0, 0 otherwise (the TF.js `step` convention at 0). */
export const heaviside = (): Activation =>
  make({
    name: 'heaviside', label: 'Heaviside', kinks: [0],
    f: (x) => (x > 0 ? 1 : 0), df: () => 0, d2f: () => 0,
    props: { bounded: 'both', monotone: true, smoothness: -1, zeroCentred: false, universality: 'none' },
  });

export const sigmoidAct = (): Activation =>
  make({
    name: 'sigmoid', label: 'sigmoid', expr: '1/(1+exp(-x))',
    f: sigmoid,
    df: (x) => { const s = sigmoid(x); return s * (1 - s); },
    d2f: (x) => { const s = sigmoid(x); return s * (1 - s) * (1 - 2 * s); },
    props: { bounded: 'both', monotone: true, smoothness: smooth, zeroCentred: false, universality: 'none' },
  });

export const tanhAct = (): Activation =>
  make({
    name: 'tanh', label: 'tanh', expr: 'tanh(x)',
    f: Math.tanh,
    df: (x) => { const t = Math.tanh(x); return 1 - t * t; },
    d2f: (x) => { const t = Math.tanh(x); return -2 * t * (1 - t * t); },
    props: { bounded: 'both', monotone: true, smoothness: smooth, zeroCentred: true, universality: 'K*=0' },
  });

export const relu = (): Activation =>
  make({
    name: 'relu', label: 'ReLU', kinks: [0],
    f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0), d2f: () => 0,
    props: { bounded: 'below', monotone: true, smoothness: 0, zeroCentred: true, universality: 'scale-invariant' },
  });

/** Leaky ReLU: x for x > 0, αx otherwise; α in [0, 1). */
export const leakyRelu = (alpha = 0.01): Activation => {
  assertFinite(alpha, 'alpha');
  if (alpha < 0 || alpha >= 1) throw new RangeError(`alpha must lie in [0, 1), but got ${alpha}`);
  return make({
    name: 'leaky-relu', label: `leaky ReLU (α=${alpha})`, params: { alpha }, kinks: [0],
    f: (x) => (x > 0 ? x : alpha * x), df: (x) => (x > 0 ? 1 : alpha), d2f: () => 0,
    props: { bounded: alpha === 0 ? 'below' : 'none', monotone: true, smoothness: 0, zeroCentred: true, universality: 'scale-invariant' },
  });
};

/** ELU (Clevert et al. 2016): x for x > 0, α(e^x − 1) otherwise; C¹ only when α = 1. */
export const elu = (alpha = 1): Activation => {
  assertPositive(alpha, 'alpha');
  return make({
    name: 'elu', label: alpha === 1 ? 'ELU' : `ELU (α=${alpha})`, params: { alpha }, kinks: [0],
    f: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    df: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
    d2f: (x) => (x > 0 ? 0 : alpha * Math.exp(x)),
    props: { bounded: 'below', monotone: true, smoothness: alpha === 1 ? 1 : 0, zeroCentred: true, universality: 'unclassified' },
  });
};

export const softplusAct = (): Activation =>
  make({
    name: 'softplus', label: 'softplus', expr: 'log(1+exp(x))',
    f: softplus, df: sigmoid,
    d2f: (x) => { const s = sigmoid(x); return s * (1 - s); },
    props: { bounded: 'below', monotone: true, smoothness: smooth, zeroCentred: false, universality: 'none' },
  });

/** GELU, exact: x Φ(x) with Φ the standard normal CDF (Hendrycks & Gimpel 2016; not the tanh approximation). */
export const gelu = (): Activation =>
  make({
    name: 'gelu', label: 'GELU',
    f: (x) => x * normalCdf(x),
    df: (x) => normalCdf(x) + x * normalPdf(x),
    d2f: (x) => normalPdf(x) * (2 - x * x),
    props: { bounded: 'below', monotone: false, smoothness: smooth, zeroCentred: true, universality: 'half-stable' },
  });

/** SiLU / Swish: x σ(βx), β > 0 (seed 003, eq. (5): ⟨j⟩ = h σ(βh)); β = 1 is SiLU. */
export const swish = (beta = 1): Activation => {
  assertPositive(beta, 'beta');
  return make({
    name: 'swish', label: beta === 1 ? 'SiLU' : `Swish (β=${beta})`, params: { beta }, expr: `x/(1+exp(-${beta}*x))`,
    f: (x) => x * sigmoid(beta * x),
    df: (x) => { const s = sigmoid(beta * x); return s + beta * x * s * (1 - s); },
    d2f: (x) => { const s = sigmoid(beta * x), ds = s * (1 - s); return 2 * beta * ds + beta * beta * x * ds * (1 - 2 * s); },
    props: { bounded: 'below', monotone: false, smoothness: smooth, zeroCentred: true, universality: 'half-stable' },
  });
};

/** Mish (Misra 2019): x tanh(softplus(x)). */
export const mish = (): Activation =>
  make({
    name: 'mish', label: 'Mish', expr: 'x*tanh(log(1+exp(x)))',
    f: (x) => x * Math.tanh(softplus(x)),
    df: (x) => { const t = Math.tanh(softplus(x)); return t + x * (1 - t * t) * sigmoid(x); },
    d2f: (x) => {
      const t = Math.tanh(softplus(x)), s = sigmoid(x), u = 1 - t * t;
      return 2 * u * s + x * u * (s * (1 - s) - 2 * t * s * s);
    },
    props: { bounded: 'below', monotone: false, smoothness: smooth, zeroCentred: true, universality: 'half-stable' },
  });

export const sine = (): Activation =>
  make({
    name: 'sin', label: 'sin', expr: 'sin(x)',
    f: Math.sin, df: Math.cos, d2f: (x) => -Math.sin(x),
    props: { bounded: 'both', monotone: false, smoothness: smooth, zeroCentred: true, universality: 'K*=0' },
  });

/**
 * RePU of order p: max(0, x)^p, p a positive integer (seed 002, Definition 3); p = 1 is ReLU.
 * C^{p−1}: the p-th derivative jumps at 0.
 */
export const repu = (p = 2): Activation => {
  assertInteger(p, 'p', 1);
  return make({
    name: 'repu', label: `RePU (p=${p})`, params: { p }, kinks: [0],
    f: (x) => (x > 0 ? x ** p : 0),
    df: (x) => (x > 0 ? p * x ** (p - 1) : 0),
    d2f: (x) => (x > 0 && p >= 2 ? p * (p - 1) * x ** (p - 2) : 0),
    props: { bounded: 'below', monotone: true, smoothness: p - 1, zeroCentred: true, universality: p === 1 ? 'scale-invariant' : 'none' },
  });
};

/**
 * MRePU of order p: x · max(0, x+1)^p (seed 002, Definition 6, as recovered in
 * docs/derivations/02-repu-mrepu.md §2, §3.6). "Order p" is read as the exponent of max(0, x+1), so
 * the active piece is a polynomial of degree p + 1 and the function is C^{p−1}, the smoothness of
 * RePU of the same order; this is the form the recovered LaTeX and an independent PyTorch
 * implementation both give. σ(0)=0, σ′(0)=1: K*=0 class.
 */
export const mrepu = (p = 2): Activation => {
  assertInteger(p, 'p', 1);
  return make({
    name: 'mrepu', label: `MRePU (p=${p})`, params: { p }, kinks: [-1],
    f: (x) => (x > -1 ? x * (x + 1) ** p : 0),
    df: (x) => (x > -1 ? (x + 1) ** (p - 1) * ((p + 1) * x + 1) : 0),
    d2f: (x) => {
      if (x <= -1) return 0;
      return p === 1 ? 2 : p * (x + 1) ** (p - 2) * ((p + 1) * x + 2);
    },
    props: { bounded: 'below', monotone: false, smoothness: p - 1, zeroCentred: true, universality: 'K*=0' },
  });
};

/** Factories by name, for tables and configuration strings. */
export const FACTORIES = {
  identity, heaviside, sigmoid: sigmoidAct, tanh: tanhAct, relu, 'leaky-relu': leakyRelu, elu,
  softplus: softplusAct, gelu, swish, mish, sin: sine, repu, mrepu,
} as const;
export type ActivationName = keyof typeof FACTORIES;

/** The one parameter each factory takes, by name (none for the others). */
const PARAMETER_OF: Partial<Record<ActivationName, string>> = { 'leaky-relu': 'alpha', elu: 'alpha', swish: 'beta', repu: 'p', mrepu: 'p' };

/** Build a zoo activation by name with optional parameters: `activation('repu', {p: 3})`. */
export function activation(name: ActivationName | string, params: Record<string, number> = {}): Activation {
  const fac = (FACTORIES as Record<string, (...a: number[]) => Activation>)[name];
  if (!fac) throw new RangeError(`unknown activation '${name}'; known: ${Object.keys(FACTORIES).join(', ')}`);
  const allowed = PARAMETER_OF[name as ActivationName];
  assertKnownOptions(params, `activation '${name}' parameters`, allowed ? [allowed] : []);
  for (const [k, v] of Object.entries(params)) assertFinite(v, k);
  const arg = allowed ? params[allowed] : undefined;
  return arg === undefined ? fac() : fac(arg);
}

/** The default zoo: one instance of every activation, as used by the gallery (notebook 01). */
export function zoo(): Activation[] {
  return [
    identity(), heaviside(), sigmoidAct(), tanhAct(), relu(), leakyRelu(0.1), elu(1), softplusAct(),
    gelu(), swish(1), mish(), sine(), repu(2), repu(3), mrepu(2),
  ];
}

/**
 * Gradient flow through depth at initialisation (seed 001, "The Art of the Gradient"):
 * backpropagation in a float64 MLP, returning ‖∂L/∂W_ℓ‖_F for every layer ℓ.
 */
import type { Activation } from '../../core/activations';
import { assertInteger, assertNonNegative, assertPositive, assertWithinBudget, assertSameLength, assertAllFinite } from '../../core/guards';
import { makeRng, normals } from '../../core/rng';

export interface DeepNetSpec {
  activation: Activation;
  inputDim: number;
  width: number;
  /** Number of hidden layers. */
  depth: number;
  /** W ~ N(0, cw / fan_in). */
  cw: number;
  /** b ~ N(0, cb). */
  cb: number;
  seed: number;
}

/** Weights (row-major Float64Array, fan_in × fan_out) and biases of a deep MLP with a scalar linear output. */
export interface DeepNet {
  spec: DeepNetSpec;
  dims: number[];
  W: Float64Array[];
  b: Float64Array[];
}

/** Sample a deep MLP at initialisation: W_ℓ ~ N(0, C_W/n_{ℓ−1}), b_ℓ ~ N(0, C_b). */
export function initDeepNet(spec: DeepNetSpec): DeepNet {
  assertInteger(spec.inputDim, 'inputDim');
  assertInteger(spec.width, 'width');
  assertInteger(spec.depth, 'depth');
  assertPositive(spec.cw, 'cw');
  assertNonNegative(spec.cb, 'cb');
  assertWithinBudget(`initDeepNet with depth ${spec.depth} × width ${spec.width}`, spec.depth * spec.width * (spec.width + 1) + spec.inputDim * spec.width, 1e8, 'parameters');
  const rng = makeRng(spec.seed);
  const dims = [spec.inputDim, ...new Array(spec.depth).fill(spec.width), 1];
  const W: Float64Array[] = [], b: Float64Array[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    W.push(normals(rng, dims[l] * dims[l + 1], Math.sqrt(spec.cw / dims[l])));
    b.push(spec.cb > 0 ? normals(rng, dims[l + 1], Math.sqrt(spec.cb)) : new Float64Array(dims[l + 1]));
  }
  return { spec, dims, W, b };
}

/** The loss L = (1/m) Σ_i ½ (f(x_i) − y_i)² of the network on a batch. */
export function deepNetLoss(net: DeepNet, x: number[][], y: number[]): number {
  checkBatch(net, x, y, 'deepNetLoss');
  let s = 0;
  x.forEach((xi, i) => { s += 0.5 * (forward(net, xi).out - y[i]) ** 2; });
  return s / x.length;
}

function forward(net: DeepNet, xi: number[]): { z: Float64Array[]; h: Float64Array[]; out: number } {
  const { dims, W, b } = net, f = net.spec.activation.f;
  const h: Float64Array[] = [Float64Array.from(xi)], z: Float64Array[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const [nIn, nOut] = [dims[l], dims[l + 1]];
    const zl = Float64Array.from(b[l]);
    const hin = h[l], Wl = W[l];
    for (let i = 0; i < nIn; i++) { const v = hin[i]; if (v !== 0) for (let j = 0; j < nOut; j++) zl[j] += v * Wl[i * nOut + j]; }
    z.push(zl);
    if (l + 2 < dims.length) h.push(zl.map(f));
  }
  return { z, h, out: z[z.length - 1][0] };
}

function checkBatch(net: DeepNet, x: number[][], y: number[], what: string): void {
  if (!Array.isArray(x) || x.length === 0) throw new RangeError(`${what}: x must hold at least one input row, but got ${Array.isArray(x) ? 0 : String(x)}`);
  assertSameLength(x, `${what}: x`, y, 'y');
  x.forEach((r, i) => { if (r.length !== net.dims[0]) throw new RangeError(`${what}: x[${i}] has ${r.length} entries, expected inputDim = ${net.dims[0]}`); assertAllFinite(r, `x[${i}]`); });
  assertAllFinite(y, 'y');
}

/** ‖∂L/∂W_ℓ‖_F for ℓ = 1 … depth+1 (last = readout) by backpropagation of L = mean ½(f(x) − y)². */
export function layerGradientNorms(net: DeepNet, x: number[][], y: number[]): number[] {
  checkBatch(net, x, y, 'layerGradientNorms');
  const { dims } = net, df = net.spec.activation.df;
  const nL = dims.length - 1;
  const G = net.W.map((w) => new Float64Array(w.length));
  x.forEach((xi, s) => {
    const { z, h, out } = forward(net, xi);
    let delta = Float64Array.from([(out - y[s]) / x.length]);
    for (let l = nL - 1; l >= 0; l--) {
      const [nIn, nOut] = [dims[l], dims[l + 1]];
      const hin = h[l], Gl = G[l], Wl = net.W[l];
      for (let i = 0; i < nIn; i++) { const v = hin[i]; if (v !== 0) for (let j = 0; j < nOut; j++) Gl[i * nOut + j] += v * delta[j]; }
      if (l === 0) break;
      const prev = new Float64Array(nIn), zp = z[l - 1];
      for (let i = 0; i < nIn; i++) {
        let acc = 0;
        for (let j = 0; j < nOut; j++) acc += Wl[i * nOut + j] * delta[j];
        prev[i] = acc * df(zp[i]);
      }
      delta = prev;
    }
  });
  return G.map((g) => {
    let s = 0;
    for (const v of g) s += v * v;
    const norm = Math.sqrt(s);
    if (!Number.isFinite(norm)) throw new Error(`gradient norm overflowed (${norm}) with ${net.spec.activation.label}, depth ${net.spec.depth}`);
    return norm;
  });
}

/** Layers counted back from the output until ‖∂L/∂W_ℓ‖ first drops below `threshold`; null if it never does. */
export function layersUntilVanished(norms: number[], threshold = 1e-6): number | null {
  if (!Array.isArray(norms) || norms.length === 0) throw new RangeError('layersUntilVanished: norms must hold at least one layer norm, but got none');
  norms.forEach((v, i) => { if (!(v >= 0)) throw new RangeError(`layersUntilVanished: norms[${i}] must be a norm >= 0 (∞ = exploded), but got ${v}`); });
  assertPositive(threshold, 'threshold');
  for (let k = 1; k <= norms.length; k++) if (norms[norms.length - k] < threshold) return k;
  return null;
}

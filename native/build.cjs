#!/usr/bin/env node
/**
 * Builds native/build/activation_native.node (the OpenBLAS/LAPACK addon lib/core/native-blas.ts loads)
 * with the system C compiler against Node's own headers and the system BLAS; no network, no node-gyp.
 * Run by `npm ci` (package.json "postinstall") and `make setup`. It never fails the install: when a
 * compiler, Node's headers or a BLAS is missing it says so and exits 0, and TF.js keeps its wasm kernels.
 * Rebuilds only when the source is newer than the module (FORCE=1 rebuilds; NATIVE_BUILD=0 skips the build).
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = __dirname;
const src = path.join(dir, 'activation_native.c');
const out = path.join(dir, 'build', 'activation_native.node');
const say = (m) => console.log(`native/build.cjs: ${m}`);

/** Load the module in a child Node and run a 2×2 sgemm and dsyevd (Node loads addons lazily, so a missing
 *  BLAS symbol would only show at the first call). Throws when the results are wrong. */
function smokeTest(file) {
  const js = `const m = require(${JSON.stringify(file)});
const mem = new ArrayBuffer(64), f = new Float32Array(mem);
f.set([1, 2, 3, 4], 0); f.set([5, 6, 7, 8], 4);
m.sgemm(mem, 0, 16, 32, 1, 2, 2, 2, false, false, 0, 0, -1, 0, 0, 0);
if (String(Array.from(f.subarray(8, 12))) !== '19,22,43,50') throw new Error('sgemm gave ' + Array.from(f.subarray(8, 12)));
const a = Float64Array.from([2, 1, 1, 2]), w = new Float64Array(2);
if (m.dsyevd(a, w, 2, true) !== 0 || Math.abs(w[0] - 1) > 1e-12 || Math.abs(w[1] - 3) > 1e-12) throw new Error('dsyevd gave ' + Array.from(w));`;
  execFileSync(process.execPath, ['-e', js], { stdio: 'pipe' });
}

function main() {
  if (process.env.NATIVE_BUILD === '0') return say('NATIVE_BUILD=0: not built (TF.js uses its wasm kernels, eigen-solving stays in TypeScript)');
  if (process.platform !== 'linux') return say(`not built on ${process.platform} (only Linux is set up); TF.js uses its wasm kernels`);
  if (!process.env.FORCE && fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return say('up to date');
  const includes = [path.resolve(process.execPath, '../../include/node'), '/usr/include/node', '/usr/local/include/node']
    .filter((d) => fs.existsSync(path.join(d, 'node_api.h')));
  if (!includes.length) return say("Node's headers (node_api.h) not found: not built; TF.js uses its wasm kernels");
  const cc = ['cc', 'gcc', 'clang'].find((c) => { try { execFileSync(c, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } });
  if (!cc) return say('no C compiler (Debian: apt-get install g++ or make setup): not built; TF.js uses its wasm kernels');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = path.join(path.dirname(out), `activation_native.${process.pid}.tmp.node`);
  // OpenBLAS carries CBLAS and LAPACK (dsyevd); the reference libblas + liblapack are the second choice
  const libsets = [['-lopenblas'], ['-lcblas', '-llapack'], ['-lblas', '-llapack']];
  const errors = [];
  for (const libs of libsets) {
    try {
      execFileSync(cc, ['-O2', '-ftree-vectorize', '-fno-trapping-math', '-fno-math-errno', '-fPIC', '-shared', '-std=c11', '-DNODE_GYP_MODULE_NAME=activation_native', `-I${includes[0]}`,
        '-o', tmp, src, ...libs, '-lm'], { stdio: 'pipe' });
      smokeTest(tmp);
      fs.renameSync(tmp, out);
      return say(`built ${path.relative(process.cwd(), out)} (${cc}, ${libs.join(' ')})`);
    } catch (e) {
      errors.push(`${libs.join(' ')}: ${String(e.stderr || e.message).trim().split('\n').slice(-2).join(' | ')}`);
    }
  }
  try { fs.unlinkSync(tmp); } catch { /* none */ }
  say(`not built (TF.js uses its wasm kernels; Debian: apt-get install libopenblas-dev, or make setup):\n  ${errors.join('\n  ')}`);
}

try { main(); } catch (e) { say(`not built: ${e.message}`); }
process.exitCode = 0;

/**
 * The authors' stored runs of Milletarì, Chotibut & Trevisanutto (seed 003): every run committed with
 * their code (WessZumino/meanfield-theory-of-activation-functions, Apache-2.0; data/milletari-runs/README.md
 * for the provenance, fields and checksums), stored gzip-compressed as JSON in data/milletari-runs/.
 * Twelve binary runs (task × {10, 8-2} × {relu, sigmoid, esp}: parameters and gradients at every
 * recorded epoch, cost, accuracies, α, γ, eigenvalues, the Hessian at the first and last record,
 * residuals) and three digits runs (parameters, cost, accuracies, α, γ, eigenvalues).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { createHash } from 'crypto';

export type StoredTask = 'linear' | 'nonlinear' | 'digits';
export type StoredActivation = 'relu' | 'sigmoid' | 'esp';

/** SHA-256 of the compressed files (data/milletari-runs/README.md, "In this repository"). */
export const STORED_RUN_SHA256: Readonly<Record<string, string>> = {
  'digits-25-esp.json.gz': '17b64d4c2751345cf199e5f611eef203927ebae4bbd42f0486382e6149e993ee',
  'digits-25-relu.json.gz': 'c50602d6f46844f48fdf5507b05cf548d600fb61de1d328a64380e687ab5aa83',
  'digits-25-sigmoid.json.gz': '5b0fc0c9ab1a6ece89590e7f03d2af298fedc70d3faafd9e0e40e1d004e7f257',
  'linear-10-esp.json.gz': '3e5a9b96be3d60d3fa5feb3382485e3394255e8dc789e3988b4f62afeffcd32d',
  'linear-10-relu.json.gz': 'c76a0a275a2a991a836c6317974a447254ea1f550441b9be649c6e0f7272bbc5',
  'linear-10-sigmoid.json.gz': '0a50ef7288ed37f0bfa5708fcab3d0ffcc56cd6b888e87853bfa5cf67508f883',
  'linear-8-2-esp.json.gz': 'aab3d404ee0ad8686a3006438889d4e59da1129e62b9239bc44d799c22ecb8ad',
  'linear-8-2-relu.json.gz': '65bcf5e7405d3daa84333647cd3dc7ea383a4e81c061c2a722813b35eec70e1a',
  'linear-8-2-sigmoid.json.gz': '10ae5ccf06460b132ebd9240015d6c69ea6421d95149464478944771d409a21f',
  'nonlinear-10-esp.json.gz': 'df5d6d4c01f9baebdcdcdbf20ccd281586173c586884a3c7cc1041f029231cc8',
  'nonlinear-10-relu.json.gz': '19859f2d434ae224294bae85a48f66964a24cf0f615639f13ed18f1e24d8c390',
  'nonlinear-10-sigmoid.json.gz': '70db31acc35077b1f7f08216d9e9ad7ee7fe1eeae2132e1c70ccf7413d98713c',
  'nonlinear-8-2-esp.json.gz': '0ce85c7056dd52cf63953de6de7f99d2543ad0bd1bc953abcfc8ed5f0f873ae0',
  'nonlinear-8-2-relu.json.gz': '3f3bb6d94f86f56737c684e2cfdcc33a07cebd00342353c00fde6305ca8b14a0',
  'nonlinear-8-2-sigmoid.json.gz': 'cc31edc849dfec02d8d7d7ce5f278fca04e074e63133f04ff6c9f2befc30e44e',
};

export const STORED_RUNS_DIR = path.resolve(__dirname, '..', '..', 'data', 'milletari-runs');

export interface StoredRun {
  source: string;
  task: StoredTask;
  layers: number[];
  activation: StoredActivation;
  records: number;
  tensors: { name: string; shape: number[] }[];
  nParams: number;
  cost: number[];
  accuracyTrain: number[];
  accuracyTest: number[];
  alpha: number[];
  gamma: number[];
  eigenvaluesReal: number[][];
  eigenvaluesMaxAbsImag: number;
  params: number[][];
  /** binary tasks only */
  grads?: number[][];
  hessianFirst?: number[];
  hessianLast?: number[];
  residualFirst?: number[];
  residualLast?: number[];
}

/** File name of a stored run: `<task>-<hidden widths>-<activation>.json.gz`, e.g. storedRunFile('linear', [8, 2], 'relu'). */
export function storedRunFile(task: StoredTask, hidden: readonly number[], activation: StoredActivation): string {
  if (!['linear', 'nonlinear', 'digits'].includes(task)) throw new RangeError(`task must be 'linear', 'nonlinear' or 'digits', but got '${String(task)}'`);
  if (!['relu', 'sigmoid', 'esp'].includes(activation)) throw new RangeError(`activation must be 'relu', 'sigmoid' or 'esp', but got '${String(activation)}'`);
  if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((w) => Number.isInteger(w) && w >= 1)) throw new RangeError(`hidden must be a non-empty list of positive integer widths, but got ${JSON.stringify(hidden)}`);
  return `${task}-${hidden.join('-')}-${activation}.json.gz`;
}

/** sha256 (hex) of a file's bytes. */
export function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Load one stored run after checking its checksum; refuses an unknown, altered or malformed file,
 * naming it. `dir` defaults to data/milletari-runs/.
 */
export function loadStoredRun(task: StoredTask, hidden: readonly number[], activation: StoredActivation, dir = STORED_RUNS_DIR): StoredRun {
  const name = storedRunFile(task, hidden, activation);
  const want = STORED_RUN_SHA256[name];
  if (!want) throw new RangeError(`no stored run ${name}; stored: ${Object.keys(STORED_RUN_SHA256).join(', ')}`);
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new Error(`stored run file not found at '${file}' (see data/milletari-runs/README.md)`);
  const got = sha256Of(file);
  if (got !== want) throw new Error(`stored run '${file}' fails its checksum: sha256 ${got}, expected ${want} (altered or wrong file)`);
  let run: StoredRun;
  try {
    run = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')) as StoredRun;
  } catch (e) {
    throw new Error(`stored run '${file}' is not gzip-compressed JSON: ${String(e)}`);
  }
  const n = run.nParams;
  if (!Number.isInteger(n) || n < 1) throw new Error(`stored run ${name}: nParams must be a positive integer, but got ${String(n)}`);
  if (!Array.isArray(run.params) || run.params.length !== run.records) throw new Error(`stored run ${name}: params must have one entry per record (${run.records}), but has ${run.params?.length}`);
  for (const [r, p] of run.params.entries()) if (p.length !== n) throw new Error(`stored run ${name}: params[${r}] must have ${n} entries, but has ${p.length}`);
  for (const f of ['cost', 'accuracyTrain', 'accuracyTest', 'alpha', 'gamma'] as const) {
    if (!Array.isArray(run[f]) || run[f].length !== run.records) throw new Error(`stored run ${name}: ${f} must have ${run.records} entries, but has ${run[f]?.length}`);
  }
  if (run.task !== 'digits') {
    for (const f of ['hessianFirst', 'hessianLast'] as const) if (run[f]?.length !== n * n) throw new Error(`stored run ${name}: ${f} must have ${n * n} entries, but has ${run[f]?.length}`);
  }
  return run;
}

/** The twelve binary runs' coordinates: task × hidden widths × activation. */
export const STORED_BINARY_RUNS: { task: 'linear' | 'nonlinear'; hidden: number[]; activation: StoredActivation }[] =
  (['linear', 'nonlinear'] as const).flatMap((task) => [[10], [8, 2]].flatMap((hidden) => (['relu', 'sigmoid', 'esp'] as const).map((activation) => ({ task, hidden, activation }))));

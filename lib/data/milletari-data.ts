/**
 * Data of Milletarì, Chotibut & Trevisanutto, "Mean-field theory of activation functions" (seed 003;
 * docs/derivations/03-milletari.md §2 "data", "train/test split"): the linear (51 × 2) and non-linear
 * (863 × 2) binary-classification sets with the authors' own train/test split and training-row order,
 * loaded with nodejs-polars after a SHA-256 check (data/milletari/README.md).
 */
import * as fs from 'fs';
import pl from 'nodejs-polars';
import { sha256File } from './elena';

export type MilletariTask = 'linear' | 'nonlinear';

/** SHA-256 of the two CSV files (data/milletari/README.md table). */
export const MILLETARI_SHA256: Readonly<Record<MilletariTask, string>> = {
  linear: '12ac7b567f1881a2e1fdb558f102fd65c8e3fa4ac800a03e7d64cfde48c736c4',
  nonlinear: 'e4b04ab8cef6da760988ecc659f2c41c6d355c9fc071d2cd32b5ccbbeac39325',
};
/** Default paths of the two files. */
export const MILLETARI_PATH: Readonly<Record<MilletariTask, string>> = {
  linear: 'data/milletari/linear.csv',
  nonlinear: 'data/milletari/nonlinear.csv',
};
/** Expected sizes (docs/derivations/03-milletari.md §2): rows, train rows, test rows. */
export const MILLETARI_SIZES: Readonly<Record<MilletariTask, { rows: number; train: number; test: number }>> = {
  linear: { rows: 51, train: 38, test: 13 },
  nonlinear: { rows: 863, train: 690, test: 173 },
};
export const MILLETARI_COLUMNS = ['x1', 'x2', 'y', 'split', 'train_order'] as const;

export interface MilletariData {
  task: MilletariTask;
  /** training inputs, ordered by `train_order` (0-based; the authors' training-set order) */
  xTrain: number[][];
  yTrain: number[];
  /** test inputs, in file order */
  xTest: number[][];
  yTest: number[];
  /** the whole file as read */
  df: pl.DataFrame;
}

export interface MilletariOptions {
  /** expected SHA-256; null skips the check (for testing malformed copies). Default: the README value. */
  sha256?: string | null;
  /** check the row counts of docs/derivations/03-milletari.md §2 (default true) */
  checkSizes?: boolean;
}

/**
 * Load a Milletarì data set (docs/derivations/03-milletari.md §2 table, rows "data", "train/test
 * split"); refuses a file whose checksum, columns, values, labels, split tags or train_order are
 * wrong, naming the fault.
 */
export function loadMilletari(task: MilletariTask, path?: string, o: MilletariOptions = {}): MilletariData {
  if (task !== 'linear' && task !== 'nonlinear') throw new Error(`task must be 'linear' or 'nonlinear', but got '${String(task)}'`);
  const file = path ?? MILLETARI_PATH[task];
  if (!fs.existsSync(file)) throw new Error(`Milletarì ${task} file not found at '${file}' (expected ${MILLETARI_PATH[task]}; see data/milletari/README.md)`);
  const want = o.sha256 === undefined ? MILLETARI_SHA256[task] : o.sha256;
  if (want !== null) {
    const got = sha256File(file);
    if (got !== want) throw new Error(`Milletarì ${task} file '${file}' fails its checksum: sha256 ${got}, expected ${want} (altered or wrong file)`);
  }
  let df: pl.DataFrame;
  try {
    df = pl.readCSV(fs.readFileSync(file), { hasHeader: true });
  } catch (e) {
    throw new Error(`Milletarì ${task} file '${file}' is not a readable CSV: ${String(e)}`);
  }
  const cols = df.columns.join(',');
  if (cols !== MILLETARI_COLUMNS.join(',')) throw new Error(`Milletarì ${task} file '${file}' must have columns ${MILLETARI_COLUMNS.join(',')}, but has ${cols}`);
  for (const c of ['x1', 'x2', 'y'] as const) {
    const s = df.getColumn(c);
    if (!s.isNumeric()) throw new Error(`Milletarì ${task} column '${c}' must be numeric, but has type ${String(s.dtype)}`);
    if (s.nullCount() > 0) throw new Error(`Milletarì ${task} column '${c}' has ${s.nullCount()} missing values`);
  }
  const rows = df.rows() as unknown[][];
  const sizes = MILLETARI_SIZES[task];
  if (o.checkSizes !== false && rows.length !== sizes.rows) throw new Error(`Milletarì ${task} file must have ${sizes.rows} rows, but has ${rows.length}`);
  const train: { order: number; x: number[]; y: number }[] = [];
  const xTest: number[][] = [], yTest: number[] = [];
  rows.forEach((r, i) => {
    const [x1, x2, y, split, ord] = r as [number, number, number, unknown, unknown];
    const where = `Milletarì ${task} row ${i + 1}`;
    if (!Number.isFinite(x1)) throw new Error(`${where}: x1 must be finite, but got ${String(x1)}`);
    if (!Number.isFinite(x2)) throw new Error(`${where}: x2 must be finite, but got ${String(x2)}`);
    if (y !== 0 && y !== 1) throw new Error(`${where}: y must be 0 or 1, but got ${String(y)}`);
    if (split === 'train') {
      const k = Number(ord);
      if (ord === null || ord === '' || !Number.isInteger(k) || k < 0) throw new Error(`${where}: train row needs a non-negative integer train_order, but got ${String(ord)}`);
      train.push({ order: k, x: [x1, x2], y });
    } else if (split === 'test') {
      if (ord !== null && ord !== '') throw new Error(`${where}: test row must have an empty train_order, but got ${String(ord)}`);
      xTest.push([x1, x2]);
      yTest.push(y);
    } else {
      throw new Error(`${where}: split must be 'train' or 'test', but got '${String(split)}'`);
    }
  });
  train.sort((a, b) => a.order - b.order);
  train.forEach((t, i) => {
    if (t.order !== i) throw new Error(`Milletarì ${task}: train_order must be a permutation of 0…${train.length - 1}, but sorted position ${i} holds ${t.order}`);
  });
  if (o.checkSizes !== false && (train.length !== sizes.train || xTest.length !== sizes.test)) {
    throw new Error(`Milletarì ${task}: split must be ${sizes.train} train / ${sizes.test} test, but is ${train.length} / ${xTest.length}`);
  }
  return { task, xTrain: train.map((t) => t.x), yTrain: train.map((t) => t.y), xTest, yTest, df };
}

// How much memory a fit (or a cross-validation) of a sparse file (libsvm, Matrix Market) will
// need: the file's X goes to the library as a CSC matrix (src/formats/csc.ts) and is never
// densified, so the plan counts its nonzeros, not rows × features. Said twice: before the file is
// read, from its first MiB (libsvm: rows, entries and the largest index per byte; Matrix Market:
// its size line), and once it is read, from the exact counts, before the matrix is built and fit.
// A fit over the budget (memory-plan.ts) is refused with the figure, exit 2.

import { InputError } from '../errors.js';
import { cscBytes } from '../formats/csc.js';
import { mtxBanner, mtxSize } from '../formats/mtx-header.js';
import type { FitOptions } from '../problem/types.js';
import { formatBytes, memoryBudget, readSample } from './memory-plan.js';

/** A sparse X's size: rows, features (columns) and stored entries (nonzeros). */
export interface SparseShape {
  rows: number;
  columns: number;
  entries: number;
}

/** What the run does with X. */
export interface SparseUse {
  /** The exact absolute and quantile solvers, which read a dense copy of X̃ (and a row-major one). */
  exactLoss: boolean;
  /** A cross-validation: its folds' training subsets and their solver copies too. */
  cv: boolean;
  /** λ values of the path: its coefficients are kept λ × features. */
  nLambda: number;
}

/** The use of a fit (or, `cv`, a cross-validation) with these options; glmnet's default 100 λ. */
export function sparseUseOf(options: FitOptions, cv: boolean): SparseUse {
  const exactLoss = options.loss === 'absolute' || options.loss === 'quantile';
  return { exactLoss, cv, nLambda: options.lambda?.length ?? options.nLambda ?? 100 };
}

/** Per row and per feature, the solver's float64 vectors (weights, residuals, IRLS; centres, scales, gradients, active sets). */
const ROW_DOUBLES = 16;
const FEATURE_DOUBLES = 24;
/** The reader's triplets: row and column (uint32) and value (float64), in arrays grown by doubling. */
const TRIPLET_BYTES = 16;

/** Bytes of the run at its peak: reading (triplets and the CSC made from them) or fitting, whichever is more. */
function sparseFitBytes(shape: SparseShape, use: SparseUse): number {
  const { rows, columns, entries } = shape;
  const csc = cscBytes(entries, columns);
  const reading = TRIPLET_BYTES * 2 ** Math.ceil(Math.log2(Math.max(entries, 1024))) + 16 * rows + csc;
  // The CSC, the solver's copy of it (its heap), vectors, and the path's coefficients.
  const fitOnce = csc + 8 * ROW_DOUBLES * rows + 8 * (FEATURE_DOUBLES + use.nLambda) * columns;
  let fitting = csc + fitOnce;
  // A fold's training subset, its solver's copy and path beside the full fit's; threads' shared copy of X.
  if (use.cv) fitting += 2 * csc + fitOnce;
  // The exact solvers' dense copies of X̃.
  if (use.exactLoss) fitting += 16 * rows * columns;
  return Math.max(reading, fitting);
}

/** Refuses a run over the budget, in one line with the figure; `estimated`: the shape comes from the first MiB. */
export function checkSparsePlan(file: string, shape: SparseShape, use: SparseUse, estimated: boolean): void {
  const needed = sparseFitBytes(shape, use);
  const budget = memoryBudget();
  if (needed <= budget) return;
  const about = estimated ? '≈ ' : '';
  const what = use.exactLoss
      ? "its nonzeros, the solver's copy, and the dense copies of X that the exact absolute and quantile solvers read"
      : "its nonzeros, the solver's copy and the path's coefficients; X is never densified";
  throw new InputError(
    `${file}: the ${use.cv ? 'cross-validation' : 'fit'} needs about ${formatBytes(needed)} for ${about}${shape.rows} rows × ${about}${shape.columns} features with ` +
      `${about}${shape.entries} nonzeros (${what}), more than the ${formatBytes(budget)} it may use here${estimated ? " (estimated from the file's first MiB)" : ''}`,
  );
}

/** The shape estimated before reading (null when the first MiB cannot tell: the reader then reports the file's mistakes). */
export async function estimateSparseShape(file: string, format: 'libsvm' | 'mtx'): Promise<SparseShape | null> {
  const { sample, size } = await readSample(file);
  try {
    return format === 'mtx' ? mtxShape(sample, file) : libsvmShape(sample, size);
  } catch {
    return null;
  }
}

/** A Matrix Market file's shape from its banner and size line (symmetric files store half: both halves counted). */
function mtxShape(sample: string, file: string): SparseShape | null {
  const lines = sample.split('\n');
  const banner = mtxBanner(lines[0], file);
  const sizeLine = lines.slice(1).find((line) => line.trim() !== '' && !line.trim().startsWith('%'));
  if (sizeLine === undefined) return null;
  const header = mtxSize(sizeLine.trim(), banner, file);
  const entries = header.nEntries * (header.symmetry === 'general' ? 1 : 2);
  return { rows: header.nRows, columns: header.nCols, entries };
}

/** A libsvm file's shape: its rows and entries scaled from the complete lines of the sample, its largest index seen there. */
function libsvmShape(sample: string, size: number): SparseShape | null {
  const lines = sample.split('\n');
  const complete = sample.length < size ? lines.slice(0, -1) : lines;
  let rows = 0;
  let entries = 0;
  let columns = 0;
  let bytes = 0;
  for (const line of complete) {
    bytes += Buffer.byteLength(line) + 1;
    const hash = line.indexOf('#');
    const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (body === '') continue;
    rows++;
    for (const token of body.split(/\s+/).slice(1)) {
      const colon = token.indexOf(':');
      const key = token.slice(0, colon);
      if (colon <= 0 || key === 'qid') continue;
      entries++;
      columns = Math.max(columns, Number(key) || 0);
    }
  }
  if (rows === 0) return null;
  const scale = Math.max(1, size / bytes);
  return { rows: Math.round(rows * scale), columns, entries: Math.round(entries * scale) };
}

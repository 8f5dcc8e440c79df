// Reads the data file of fit, cv or predict in its format (input-format.ts): CSV streamed
// (csv.ts), libsvm and Matrix Market as sparse triplets made once into a CSC matrix, never
// densified (sparse-table.ts; fit and cv first check the memory it will take: sparse-plan.ts), Parquet and Arrow IPC by column (column-table.ts). Options that do not apply
// to the format are refused.

import { InputError } from '../errors.js';
import { readLibsvmLines } from '../formats/libsvm.js';
import { readMtxLines } from '../formats/mtx.js';
import { columnTable } from './column-table.js';
import { type CsvOptions, readCsv } from './csv.js';
import type { DataTable } from './data-table.js';
import { type InputFormat, inputFormatOf, isSparseFormat } from './input-format.js';
import { checkLength, readNumberFile } from './number-file.js';
import type { FitFlags } from './options.js';
import { type SparseUse, checkSparsePlan, estimateSparseShape } from './sparse-plan.js';
import { sparseTable } from './sparse-table.js';
import { textLines } from './text-lines.js';

export interface DataOptions extends CsvOptions {
  /** --input-format (default: by the file's extension). */
  inputFormat?: string;
  /** --y: the target of a Matrix Market X, one number per line. */
  y?: string;
  /** --weights-file: observation weights of a libsvm or Matrix Market file, one per line. */
  weightsFile?: string;
  /** --offset-file: the offsets of a libsvm or Matrix Market file's rows, one per line (predict too). */
  offsetFile?: string;
  /** fit and cv: what the run does with a sparse file's X, to check the memory it needs (sparse-plan.ts). */
  sparseUse?: SparseUse;
}

/** The data options of fit and cv's flags. */
export function dataOptionsOf(flags: FitFlags): DataOptions {
  const { target, weights, offset, dropIncomplete, inputFormat, y, weightsFile, offsetFile } = flags;
  return { target, weights, offset, dropIncomplete, inputFormat, y, weightsFile, offsetFile };
}

/** The files fit and cv read (the output may be none of them). */
export function dataInputs(file: string, flags: FitFlags): string[] {
  return [file, ...[flags.y, flags.weightsFile, flags.offsetFile].filter((path): path is string => path !== undefined)];
}

export async function readData(file: string, options: DataOptions): Promise<DataTable> {
  const format = inputFormatOf(file, options.inputFormat);
  checkOptions(format, options);
  if (format === 'csv') return readCsv(file, options);
  // The column formats' libraries (apache-arrow is megabytes of JavaScript) load only for their files.
  if (format === 'parquet') return columnTable(await (await import('./parquet-reader.js')).readParquet(file), file, options);
  if (format === 'arrow') return columnTable(await (await import('./arrow-reader.js')).readArrow(file), file, options);
  return readSparse(file, format, options);
}

async function readSparse(file: string, format: 'libsvm' | 'mtx', options: DataOptions): Promise<DataTable> {
  const predicting = options.features !== undefined;
  const use = options.sparseUse;
  const estimate = use ? await estimateSparseShape(file, format).catch(() => null) : null;
  if (use && estimate) checkSparsePlan(file, estimate, use, true);
  // The small files first: their mistakes are found before a large X is read.
  const y = format === 'mtx' && !predicting ? await readNumberFile(options.y!, '--y') : undefined;
  const weights = options.weightsFile !== undefined && !predicting ? await readNumberFile(options.weightsFile, '--weights-file') : undefined;
  const offset = options.offsetFile !== undefined ? await readNumberFile(options.offsetFile, '--offset-file') : undefined;
  // No dense size limit: X stays sparse (the readers' checkSize is the page's, which densifies).
  const rows = format === 'libsvm' ? await readLibsvmLines(textLines(file), file, false) : await readMtxLines(textLines(file), file, false);
  if (y) checkLength(y, rows.nRows, '--y', options.y!, file);
  if (weights) checkLength(weights, rows.nRows, '--weights-file', options.weightsFile!, file);
  if (offset) checkLength(offset, rows.nRows, '--offset-file', options.offsetFile!, file);
  if (use) checkSparsePlan(file, { rows: rows.nRows, columns: rows.nCols, entries: rows.entries.length }, use, false);
  const target = format === 'libsvm' && !predicting ? { values: rows.labels, name: 'label' } : y;
  return sparseTable(rows, file, { target, weights, offset, features: options.features, strictColumns: format === 'mtx' });
}

/** Refuses the options that the format has no use for, each in one line saying what to do. */
function checkOptions(format: InputFormat, options: DataOptions): void {
  const what = format === 'libsvm' ? 'a libsvm file' : 'a Matrix Market file';
  if (!isSparseFormat(format)) {
    if (options.y !== undefined) throw new InputError(`option --y: only for Matrix Market data (--input-format mtx); a ${format} file's target is a column: --target`);
    if (options.weightsFile !== undefined) throw new InputError(`option --weights-file: only for libsvm and Matrix Market data; a ${format} file's weights are a column: --weights`);
    if (options.offsetFile !== undefined) throw new InputError(`option --offset-file: only for libsvm and Matrix Market data; a ${format} file's offset is a column: --offset`);
    return;
  }
  if (options.weights !== undefined) throw new InputError(`option --weights: ${what} has no named columns; give the weights one per line with --weights-file`);
  if (options.offset !== undefined) throw new InputError(`option --offset: ${what} has no named columns; give the offsets one per line with --offset-file`);
  if (format === 'libsvm') {
    if (options.target !== undefined) throw new InputError('option --target: a libsvm file\'s target is its labels (the first number of each line)');
    if (options.y !== undefined) throw new InputError('option --y: a libsvm file\'s target is its labels (the first number of each line)');
    return;
  }
  if (options.target !== undefined) throw new InputError('option --target: a Matrix Market file holds only X; give the target one per line with --y');
  if (options.y === undefined && options.features === undefined) throw new InputError('option --y is needed: a Matrix Market file holds only X; give the target one per line with --y <file>');
}

// The formats other than CSV as the page's table (table.ts): a libsvm file's labels (column
// `label`, the default target) and features x1…xp; a Matrix Market X's x1…xp and its target file
// (`y`, or the name on the file's first line); a Parquet or Arrow file's every column, each
// numeric, none missing. Sparse rows are densified once (src/formats/triplets.ts), the features
// views of one column-major block. Messages are the command line's, but for what to do.

import { InputError, show } from '../../errors.js';
import { type ColumnFile, keptRows } from '../../formats/columns.js';
import type { NumberColumn } from '../../formats/number-lines.js';
import { type SparseRows, densify } from '../../formats/triplets.js';

/** A table's columns as a reader's worker hands them over (the source is the caller's). */
export interface TableParts {
  names: string[];
  columns: Float64Array[];
  n: number;
  /** The line of each row (1-based): libsvm's. */
  lines?: Float64Array;
  /** The column the file names as its target. */
  target?: string;
}

/** What the page says where the command line offers --drop-incomplete. */
const NO_DROPPING = '; the page does not drop rows: remove the row or the column';

export function libsvmParts(rows: SparseRows, source: string): TableParts {
  if (rows.nCols === 0) throw new InputError(`${source}: no line has an index:value entry: a fit needs at least one feature`);
  const features = featureColumns(rows, source);
  const lines = rows.lines instanceof Float64Array ? rows.lines : Float64Array.from(rows.lines ?? []);
  return { names: ['label', ...features.names], columns: [rows.labels, ...features.columns], n: rows.nRows, lines, target: 'label' };
}

export function mtxParts(rows: SparseRows, y: NumberColumn, source: string): TableParts {
  const features = featureColumns(rows, source);
  const named = y.name !== undefined && !features.names.includes(y.name);
  const target = named ? y.name! : 'y';
  return { names: [...features.names, target], columns: [...features.columns, y.values], n: rows.nRows, target };
}

/** Every column of a Parquet or Arrow file: a non-numeric one, a missing or infinite cell, a name twice are errors. */
export async function columnParts(file: ColumnFile, source: string): Promise<TableParts> {
  const names = file.names.map((name) => name.trim());
  if (names.length === 0) throw new InputError(`${source}: the file has no columns`);
  names.forEach((name, j) => {
    const before = names.indexOf(name);
    if (before < j) throw new InputError(`${source}: header: column name ${show(name)} appears twice (columns ${before + 1} and ${j + 1})`);
  });
  if (file.nRows === 0) throw new InputError(`${source}: the file has no data rows`);
  if (names.length < 2) throw new InputError(`${source}: the file has one column: a fit needs a target and at least one feature`);
  const columns = await file.read(names.map((_, j) => j));
  keptRows(columns, names, file.nRows, source, false, NO_DROPPING);
  return { names, columns: columns.map((column) => column.values), n: file.nRows };
}

/** The buffers behind the parts' arrays, each once: moved to the page, not copied. */
export function buffersOf(parts: TableParts): ArrayBuffer[] {
  const arrays = parts.lines ? [...parts.columns, parts.lines] : parts.columns;
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

/** x1…xp as views of one dense column-major block. */
function featureColumns(rows: SparseRows, source: string): { names: string[]; columns: Float64Array[] } {
  const { nRows, nCols } = rows;
  const dense = densify(rows.entries, nRows, nCols, (j) => j, source);
  const names = Array.from({ length: nCols }, (_, j) => `x${j + 1}`);
  return { names, columns: names.map((_, j) => dense.subarray(j * nRows, (j + 1) * nRows)) };
}

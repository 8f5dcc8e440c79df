// A columnar file (Parquet, Arrow IPC) as the commands' table: its columns found by name as a
// CSV's header (csv-header.ts: --target, --weights, --offset, a saved model's features), numeric columns
// only (the readers refuse others, naming them) but a multinomial target (text or numbers), missing cells (null, NaN) an error naming row
// and column unless --drop-incomplete drops their rows, as for a CSV.

import { InputError } from '../errors.js';
import { type ColumnFile, type NumericColumn, keptRows } from '../formats/columns.js';
import { columnsOf } from './csv-header.js';
import type { CsvOptions } from './csv-reader.js';
import type { DataTable } from './data-table.js';

export async function columnTable(file: ColumnFile, source: string, options: CsvOptions): Promise<DataTable> {
  const { names, nRows } = file;
  if (names.length === 0) throw new InputError(`${source}: the file has no columns`);
  const layout = columnsOf(names.map((name) => name.trim()), source, options);
  if (nRows === 0) throw new InputError(`${source}: the file has no data rows`);
  const { target, weights, offset, features } = layout;
  // With the labels option (loss multinomial) the target is read as labels, a text column too.
  const labelled = options.labels === true && target >= 0;
  const labels = labelled ? await file.readLabels(target) : undefined;
  const wanted = [...features, ...[labelled ? -1 : target, weights, offset].filter((j) => j >= 0)];
  const columns = await file.read(wanted);
  const advice = '; use --drop-incomplete to drop such rows';
  const checked = labels ? [...columns, labelsAsColumn(labels)] : columns;
  const checkedNames = [...wanted, ...(labels ? [target] : [])].map((j) => names[j]);
  const keep = keptRows(checked, checkedNames, nRows, source, options.dropIncomplete === true, advice);
  const n = keep.length;
  if (n === 0) throw new InputError(`${source}: all ${nRows} data rows have missing values (--drop-incomplete)`);
  const p = features.length;
  const X = new Float64Array(n * p);
  for (let k = 0; k < p; k++) gather(columns[k].values, keep, X, k * n);
  const other = (j: number) => gather(columns[wanted.indexOf(j)].values, keep, new Float64Array(n), 0);
  const origin = Uint32Array.from(keep, (i) => i + 1);
  return {
    X: { data: X, nRows: n, nCols: p, layout: 'column-major' },
    y: target >= 0 && !labels ? other(target) : new Float64Array(0),
    ...(labels ? { labels: Array.from(keep, (i) => String(labels[i])) } : {}),
    ...(weights >= 0 ? { weights: other(weights) } : {}),
    ...(offset >= 0 ? { offset: other(offset), offsetName: names[offset] } : {}),
    featureNames: features.map((j) => names[j]),
    targetName: target >= 0 ? names[target] : '',
    weightsName: weights >= 0 ? names[weights] : '',
    rowNames: layout.rowNames,
    nDropped: nRows - n,
    origin: { row: origin },
  };
}

/** Labels as a column for keptRows: a null label is a null cell, any other is a number (0). */
function labelsAsColumn(labels: (string | number | null)[]): NumericColumn {
  return { values: Float64Array.from(labels, (label) => (label === null ? NaN : 0)), isNull: (i) => labels[i] === null };
}

function gather(values: Float64Array, keep: Uint32Array, into: Float64Array, offset: number): Float64Array {
  for (let r = 0; r < keep.length; r++) into[offset + r] = values[keep[r]];
  return into;
}

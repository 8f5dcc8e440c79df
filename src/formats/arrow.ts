// An Arrow IPC file (the file format, Feather v2, or the stream format) read by apache-arrow,
// the Arrow project's own JavaScript implementation, from its bytes (the whole file in memory).
// Integer and floating-point columns are numeric; any other type is refused by name.

import { DataType, type Table, tableFromIPC } from 'apache-arrow';
import { InputError, show } from '../errors.js';
import type { ColumnFile, NumericColumn } from './columns.js';

/** The columns of the Arrow IPC file of `bytes`; `source` names it in messages. */
export function arrowColumns(bytes: Uint8Array, source: string): ColumnFile {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new InputError(`${source}: not an Arrow IPC file (${err instanceof Error ? err.message : String(err)})`);
  }
  const fields = table.schema.fields;
  return {
    names: fields.map((field) => field.name),
    nRows: table.numRows,
    read: async (indices) => indices.map((j) => numericColumn(table, j, source)),
    readLabels: async (j) => labelColumn(table, j, source),
  };
}

/**
 * Column j as labels: a Utf8 column's strings (a dictionary of Utf8 too: pandas' categorical,
 * apache-arrow's own string arrays), a numeric column's numbers; null cells (and NaN) null.
 */
function labelColumn(table: Table, j: number, source: string): (string | number | null)[] {
  const field = table.schema.fields[j];
  const text = DataType.isUtf8(field.type) || (DataType.isDictionary(field.type) && DataType.isUtf8(field.type.dictionary));
  if (!text) {
    const { values, isNull } = numericColumn(table, j, source);
    return Array.from(values, (v, i) => (isNull(i) || Number.isNaN(v) ? null : v));
  }
  return Array.from(table.getChildAt(j)!, (value: string | null) => value);
}

function numericColumn(table: Table, j: number, source: string): NumericColumn {
  const field = table.schema.fields[j];
  if (!DataType.isInt(field.type) && !DataType.isFloat(field.type)) {
    throw new InputError(`${source}: column ${show(field.name)} is not numeric (its type is ${String(field.type)})`);
  }
  const vector = table.getChildAt(j)!;
  const values = new Float64Array(table.numRows);
  let i = 0;
  // Int64 columns give BigInts; null cells give null.
  for (const value of vector) values[i++] = value === null ? NaN : Number(value);
  return { values, isNull: (row) => !vector.isValid(row) };
}

// An Arrow IPC file (the file format, Feather v2, or the stream format) read by apache-arrow,
// the Arrow project's own JavaScript implementation. Integer and floating-point columns are
// numeric; any other type is refused by name. The whole file is read into memory.

import { readFile } from 'node:fs/promises';
import { DataType, type Table, tableFromIPC } from 'apache-arrow';
import { InputError, show } from '../errors.js';
import type { ColumnFile, NumericColumn } from './column-table.js';
import { describeFsError } from './csv.js';

export async function readArrow(path: string): Promise<ColumnFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read data file ${show(path)}: ${describeFsError(err)}`);
  }
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new InputError(`${path}: not an Arrow IPC file (${err instanceof Error ? err.message : String(err)})`);
  }
  const fields = table.schema.fields;
  return {
    names: fields.map((field) => field.name),
    nRows: table.numRows,
    read: async (indices) => indices.map((j) => numericColumn(table, j, path)),
  };
}

function numericColumn(table: Table, j: number, path: string): NumericColumn {
  const field = table.schema.fields[j];
  if (!DataType.isInt(field.type) && !DataType.isFloat(field.type)) {
    throw new InputError(`${path}: column ${show(field.name)} is not numeric (its type is ${String(field.type)})`);
  }
  const vector = table.getChildAt(j)!;
  const values = new Float64Array(table.numRows);
  let i = 0;
  // Int64 columns give BigInts; null cells give null.
  for (const value of vector) values[i++] = value === null ? NaN : Number(value);
  return { values, isNull: (row) => !vector.isValid(row) };
}

// A Parquet file read by hyparquet (pure JavaScript, no dependencies, in Node and browsers),
// with hyparquet-compressors for the codecs other than Snappy (gzip, zstd, brotli, LZ4), from any
// AsyncBuffer: a Node file (the command line) or a browser File read by slices (the page).
// Flat integer, floating-point and decimal columns are numeric; any other type is refused by name.

import { type AsyncBuffer, type FileMetaData, type SchemaElement, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError, show } from '../errors.js';
import type { ColumnFile, NumericColumn } from './columns.js';

const NUMERIC_TYPES = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);
/** Converted types of INT32/INT64 that are still plain numbers. */
const NUMERIC_CONVERTED = new Set(['INT_8', 'INT_16', 'INT_32', 'INT_64', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64', 'DECIMAL']);

/** The columns of the Parquet file `file`; `source` names it in messages. */
export async function parquetColumns(file: AsyncBuffer, source: string): Promise<ColumnFile> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new InputError(`${source}: not a Parquet file (${err instanceof Error ? err.message : String(err)})`);
  }
  const top = parquetSchema(metadata).children;
  const nRows = Number(metadata.num_rows);
  return {
    names: top.map((child) => child.element.name),
    nRows,
    read: async (indices) => {
      const names = indices.map((j) => top[j].element.name);
      indices.forEach((j) => checkNumeric(top[j].element, top[j].children.length, source));
      const columns = names.map(() => ({ values: new Float64Array(nRows), nulls: new Uint8Array(nRows) }));
      const slot = new Map(names.map((name, k) => [name, k]));
      await parquetRead({
        file,
        metadata,
        columns: names,
        compressors,
        onChunk: ({ columnName, columnData, rowStart }) => {
          const k = slot.get(columnName);
          if (k !== undefined) fill(columns[k], columnData, rowStart, nRows);
        },
      });
      return columns.map(({ values, nulls }): NumericColumn => ({ values, isNull: (i) => nulls[i] === 1 }));
    },
    readLabels: async (j) => {
      const { element, children } = top[j];
      const text = children.length === 0 && element.type === 'BYTE_ARRAY' && (element.converted_type === 'UTF8' || element.logical_type?.type === 'STRING');
      if (!text) checkNumeric(element, children.length, source);
      const labels = new Array<string | number | null>(nRows).fill(null);
      await parquetRead({
        file, metadata, columns: [element.name], compressors,
        onChunk: ({ columnData, rowStart }) => {
          for (let r = 0; r < Math.min(columnData.length, nRows - rowStart); r++) labels[rowStart + r] = labelOf(columnData[r]);
        },
      });
      return labels;
    },
  };
}

/** A decoded cell as a label: a string as it is, a number (or BigInt) as a number, null when missing. */
function labelOf(value: unknown): string | number | null {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isNaN(number) ? null : number;
}

/** A browser Blob (a File) as hyparquet's AsyncBuffer: only the slices it asks for are read. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

function checkNumeric(element: SchemaElement, nChildren: number, source: string): void {
  const decimal = element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL';
  const plain = element.type !== undefined && NUMERIC_TYPES.has(element.type) && (element.converted_type === undefined || NUMERIC_CONVERTED.has(element.converted_type));
  if (nChildren === 0 && (plain || decimal) && element.repetition_type !== 'REPEATED') return;
  const type = nChildren > 0 ? 'a nested group' : [element.type, element.logical_type?.type ?? element.converted_type].filter(Boolean).join(' ');
  throw new InputError(`${source}: column ${show(element.name)} is not numeric (its type is ${type})`);
}

/** Copies a decoded chunk (numbers, BigInts, nulls) into rows rowStart… of the column. */
function fill(column: { values: Float64Array; nulls: Uint8Array }, data: ArrayLike<unknown>, rowStart: number, nRows: number): void {
  const end = Math.min(data.length, nRows - rowStart);
  for (let r = 0; r < end; r++) {
    const value = data[r];
    if (value === null || value === undefined) {
      column.values[rowStart + r] = NaN;
      column.nulls[rowStart + r] = 1;
    } else {
      column.values[rowStart + r] = Number(value);
    }
  }
}

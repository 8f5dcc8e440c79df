// The files one sparse benchmark row is passed in, between bench/sparse.ts, its proxpath child
// (bench/sparse-fit.ts) and R (bench/glmnet-sparse-runner.R): CSC arrays and y, little-endian.
//
//   indptr.bin  nFeatures + 1 int32     indices.bin  nnz int32 (0-based rows)
//   values.bin  nnz float64             y.bin        nSamples float64
//   lambda.bin  K float64 (glmnet's λ, written by the R runner)

import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import type { SparseData } from './gen-sparse.js';

if (endianness() !== 'LE') throw new Error('bench/sparse: the binary files are written little-endian: run on a little-endian machine');

const bytesOf = (a: Int32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function writeSparse(dir: string, data: SparseData): void {
  writeFileSync(path.join(dir, 'indptr.bin'), bytesOf(data.indptr));
  writeFileSync(path.join(dir, 'indices.bin'), bytesOf(data.indices));
  writeFileSync(path.join(dir, 'values.bin'), bytesOf(data.values));
  writeFileSync(path.join(dir, 'y.bin'), bytesOf(data.y));
}

function readTyped<T extends Int32Array | Float64Array>(file: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = readFileSync(file);
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export const readFloat64 = (file: string): Float64Array => readTyped(file, (b) => new Float64Array(b));
export const readInt32 = (file: string): Int32Array => readTyped(file, (b) => new Int32Array(b));

export function readSparse(dir: string, nSamples: number, nFeatures: number): SparseData {
  return {
    nSamples,
    nFeatures,
    indptr: readInt32(path.join(dir, 'indptr.bin')),
    indices: readInt32(path.join(dir, 'indices.bin')),
    values: readFloat64(path.join(dir, 'values.bin')),
    y: readFloat64(path.join(dir, 'y.bin')),
  };
}

/** The row's X as proxpath takes it. */
export const cscOf = (data: SparseData) =>
  ({ format: 'csc', indptr: data.indptr, indices: data.indices, values: data.values, nRows: data.nSamples, nCols: data.nFeatures }) as const;

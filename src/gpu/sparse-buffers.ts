// A sparse X on the device, uploaded once per open() in float32 and never densified: the raw
// matrix (not centred, not scaled) as CSR row blocks for X̃₁B and CSC column blocks for X̃₁ᵀD, each
// block's index and values one binding at most; and per feature (m_j, 1/s_j), with which the
// kernels fold the standardization in (shaders/products/sparse-*.wgsl). Row blocks cover nPad
// rows (the padding rows empty); column blocks cover the nFeatures features. A 0/1 matrix stores
// no values (a 4-byte placeholder is bound instead).

import type { SparseColumns } from '../problem/design.js';

/** Lines [start, start + lines) of a CSR or CSC matrix, with their entries [first, first + entries). */
export interface LineBlock {
  start: number;
  lines: number;
  first: number;
  entries: number;
}

/**
 * Consecutive lines whose index (lines + 1 offsets, then one position per entry, u32) fits
 * `maxWords` words: each block one binding (its values, one float per entry, fit then too).
 */
export function planLineBlocks(indptr: ArrayLike<number>, nLines: number, maxWords: number): LineBlock[] {
  const blocks: LineBlock[] = [];
  for (let start = 0; start < nLines;) {
    let end = start;
    while (end < nLines && end + 2 - start + (indptr[end + 1] - indptr[start]) <= maxWords) end++;
    if (end === start) {
      throw new Error(`line ${start} of the sparse X has ${indptr[start + 1] - indptr[start]} entries, more than one buffer binding holds (${maxWords} u32)`);
    }
    blocks.push({ start, lines: end - start, first: indptr[start], entries: indptr[end] - indptr[start] });
    start = end;
  }
  return blocks;
}

/** The CSR form of CSC columns (rows ascending within a column give columns ascending within a row), with nLines ≥ nRows rows. */
export function cscToCsr(csc: Pick<SparseColumns, 'indptr' | 'indices' | 'values'>, nLines: number): { indptr: Int32Array; indices: Int32Array; values: Float64Array } {
  const { indptr, indices, values } = csc;
  const nnz = indices.length;
  const rowptr = new Int32Array(nLines + 1);
  for (let e = 0; e < nnz; e++) rowptr[indices[e] + 1]++;
  for (let i = 0; i < nLines; i++) rowptr[i + 1] += rowptr[i];
  const next = rowptr.slice(0, nLines);
  const cols = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  for (let j = 0; j + 1 < indptr.length; j++) {
    for (let e = indptr[j]; e < indptr[j + 1]; e++) {
      const at = next[indices[e]]++;
      cols[at] = j;
      vals[at] = values[e];
    }
  }
  return { indptr: rowptr, indices: cols, values: vals };
}

export interface SparseBlock {
  /** First line (row or feature) and lines. */
  start: number;
  lines: number;
  /** u32: lines + 1 offsets (relative to the block's first entry), then the entries' positions. */
  index: GPUBuffer;
  /** f32 per entry, or the placeholder of a 0/1 matrix. */
  values: GPUBuffer;
}

export interface SparseData {
  /** CSR row blocks over nPad rows (X̃₁B). */
  rows: SparseBlock[];
  /** CSC column blocks over nFeatures features (X̃₁ᵀD, gathers). */
  columns: SparseBlock[];
  /** pPad vec2 float32: (m_j, 1/s_j); (0, 0) for unusable features and padding. */
  centring: GPUBuffer;
  /** Every stored value is 1: no values uploaded (flags VALUES_ONE). */
  valuesOne: boolean;
  /** With an intercept (the centres are 0 without one, and so is the intercept's row of X̃₁ᵀD). */
  intercept: boolean;
  /** The largest binding a gathered working set's row block may take. */
  maxBindingBytes: number;
  /** Bound where a kernel's optional buffer is unused: 4 u32 NONE (an empty working set). */
  placeholder: GPUBuffer;
}

function mapped(device: GPUDevice, label: string, words: number, fill: (buffer: ArrayBuffer) => void): GPUBuffer {
  const buffer = device.createBuffer({ label, size: 4 * Math.max(words, 4), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true });
  fill(buffer.getMappedRange());
  buffer.unmap();
  return buffer;
}

function uploadBlocks(
  device: GPUDevice, kind: string, m: { indptr: ArrayLike<number>; indices: ArrayLike<number>; values: ArrayLike<number> },
  blocks: LineBlock[], placeholder: GPUBuffer | null,
): SparseBlock[] {
  return blocks.map((b) => {
    const label = `proxpath sparse X ${kind} ${b.start}+${b.lines}`;
    const index = mapped(device, `${label} index`, b.lines + 1 + b.entries, (data) => {
      const words = new Uint32Array(data);
      for (let d = 0; d <= b.lines; d++) words[d] = m.indptr[b.start + d] - b.first;
      for (let e = 0; e < b.entries; e++) words[b.lines + 1 + e] = m.indices[b.first + e];
    });
    const values = placeholder ?? mapped(device, `${label} values`, b.entries, (data) => {
      const floats = new Float32Array(data);
      for (let e = 0; e < b.entries; e++) floats[e] = m.values[b.first + e];
    });
    return { start: b.start, lines: b.lines, index, values };
  });
}

/**
 * Uploads a standardized sparse X: `maxBlockBytes` bounds each block of entries (tests force tiny
 * blocks), `maxBindingBytes` a gathered working set's.
 * nPad, pPad: the rows of the samples and coefs buffers.
 */
export function uploadSparse(
  device: GPUDevice, sparse: SparseColumns, usable: Uint8Array, intercept: boolean, nPad: number, pPad: number,
  limits: { maxBindingBytes: number; maxBlockBytes: number },
): SparseData {
  const p = usable.length;
  const { maxBindingBytes } = limits;
  const maxWords = Math.floor(limits.maxBlockBytes / 4);
  const valuesOne = sparse.values.every((v) => v === 1);
  const placeholder = mapped(device, 'proxpath sparse placeholder', 4, (data) => new Uint32Array(data).fill(0xffffffff));
  const shared = valuesOne ? placeholder : null;
  const columns = uploadBlocks(device, 'columns', sparse, planLineBlocks(sparse.indptr, p, maxWords), shared);
  const csr = cscToCsr(sparse, nPad);
  const rows = uploadBlocks(device, 'rows', csr, planLineBlocks(csr.indptr, nPad, maxWords), shared);
  const centring = mapped(device, 'proxpath sparse centring', 2 * pPad, (data) => {
    const floats = new Float32Array(data);
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      floats[2 * j] = sparse.centers[j];
      floats[2 * j + 1] = sparse.invScale[j];
    }
  });
  return { rows, columns, centring, valuesOne, intercept, maxBindingBytes, placeholder };
}

export function destroySparse(data: SparseData): void {
  const buffers = new Set([data.centring, data.placeholder, ...[...data.rows, ...data.columns].flatMap((b) => [b.index, b.values])]);
  for (const b of buffers) b.destroy();
}

// The host side of a sparse X on WebGPU, without a device: the blocks of entries that each fit one
// binding (planLineBlocks), the CSR copy of the CSC columns (cscToCsr), and the counted work of
// sparse products (work.ts walks the stored entries, not n·(p + 1) cells).

import { describe, expect, it } from 'vitest';
import { cscToCsr, planLineBlocks } from '../src/gpu/sparse-buffers.js';
import { fitPath } from '../src/index.js';
import { cscOf, randomCsc, responseFor, rowsOf } from './helpers/sparse-data.js';

describe('blocks of a sparse X', () => {
  it('cover every line once, each within its words (lines + 1 offsets and the entries)', () => {
    const X = randomCsc(2, 50, 40, 0.3);
    for (const maxWords of [60, 100, 200, 1e9]) {
      const blocks = planLineBlocks(X.indptr, X.nCols, maxWords);
      expect(blocks[0].start).toBe(0);
      blocks.forEach((b, k) => {
        if (k > 0) expect(b.start).toBe(blocks[k - 1].start + blocks[k - 1].lines);
        expect(b.lines + 1 + b.entries).toBeLessThanOrEqual(maxWords);
        expect(b.first).toBe(X.indptr[b.start]);
        expect(b.entries).toBe(X.indptr[b.start + b.lines] - X.indptr[b.start]);
      });
      const last = blocks[blocks.length - 1];
      expect(last.start + last.lines).toBe(X.nCols);
      if (maxWords === 1e9) expect(blocks).toHaveLength(1);
    }
  });
  it('refuse a line that no binding holds, naming it', () => {
    expect(() => planLineBlocks([0, 2, 30], 2, 20)).toThrow('line 1 of the sparse X has 28 entries, more than one buffer binding holds (20 u32)');
  });
  it('CSR from CSC: the same entries, columns ascending in each row, empty padding rows', () => {
    const X = randomCsc(3, 30, 9, 0.4);
    const csr = cscToCsr({ indptr: Int32Array.from(X.indptr), indices: Int32Array.from(X.indices), values: Float64Array.from(X.values) }, 32);
    const dense = rowsOf(X);
    expect(csr.indptr).toHaveLength(33);
    expect(csr.indptr[30]).toBe(csr.indptr[32]);
    for (let i = 0; i < 30; i++) {
      const cols = Array.from(csr.indices.subarray(csr.indptr[i], csr.indptr[i + 1]));
      expect(cols).toEqual(dense[i].flatMap((v, j) => (v !== 0 ? [j] : [])));
      cols.forEach((j, t) => expect(csr.values[csr.indptr[i] + t]).toBe(dense[i][j]));
    }
  });
});

describe('counted work of the batched iteration on a sparse X', () => {
  // The same passes over X; the products cost less, the rest (loss terms, the working sets' Gram
  // matrices, gathered dense) the same.
  it('walks the stored entries: fewer flops and bytes than the dense X̃ of the same path', async () => {
    const X = randomCsc(4, 200, 60, 0.05);
    const y = responseFor('logistic', X, 1);
    const options = { loss: 'logistic' as const, backend: 'cpu' as const, solver: 'batched' as const, nLambda: 10 };
    const sparse = await fitPath({ X: cscOf(X), y }, options);
    const dense = await fitPath({ X: rowsOf(X), y }, options);
    expect(sparse.work!.columnPasses).toBeCloseTo(dense.work!.columnPasses, 6);
    expect(sparse.work!.flops).toBeLessThan(dense.work!.flops);
    expect(sparse.work!.bytes).toBeLessThan(dense.work!.bytes);
  });
});

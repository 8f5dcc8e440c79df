// The products of the batched ops (webgpu-backend.ts) over a sparse X (sparse-buffers.ts), the
// standardization folded in as glmnet does and X̃ never formed (shaders/products/sparse-*.wgsl):
//   X̃₁B:   scaled = S⁻¹B with the shift b0 − mᵀS⁻¹B in the intercept's row, then a CSR product
//   X̃₁ᵀD:  Σ_i D_ik per column, then a CSC product, x̃_jᵀd = (x_jᵀd − m_j·Σd)/s_j
// The working-set products walk the same entries: forwardFeatures zeroes the unlisted rows of
// `scaled` (a pass over every entry), backwardFeatures visits the listed columns only. The weighted
// Gram matrix of a working set reads it dense: its columns are gathered into row blocks of
// X̃_S (n × m float32, each one binding) that products/gram.wgsl then reads like X̃₁'s.

import type { Params } from './params.js';
import { type Geometry, GRAM_TILE, MAX_GROUPS, ROW_TILE, roundUp } from './layout.js';
import type { SparseBlock, SparseData } from './sparse-buffers.js';

/** What the ops lend the sparse products. */
export interface SparseContext {
  /** Dispatches kernel `name` with the active list bound at 1 and `bindings` from 2. */
  run(name: string, params: Params, bindings: GPUBuffer[], groups: [number, number?, number?]): void;
  /** A storage buffer freed with the ops, or by `free`. */
  storage(label: string, bytes: number): GPUBuffer;
  free(buffer: GPUBuffer): void;
  /** The arena (its buffer changes when it grows) and a region of it. */
  arenaBuffer(): GPUBuffer;
  arenaAlloc(floats: number): number;
  /** A u32 list on the device, padded with NONE (working sets). */
  list(values: Int32Array, label: string): GPUBuffer;
  readonly nActive: number;
}

/** A working set on the device: its list buffer and length. */
export interface Listed {
  buffer: GPUBuffer;
  size: number;
}

/** Where a weighted Gram product reads X̃_S: gathered row blocks and the list 0 … m − 1. */
export interface GramSource {
  geometry: Geometry;
  blocks: GPUBuffer[];
  list: GPUBuffer;
}

const LISTED = 1;
const VALUES_ONE = 2;
const INTERCEPT = 1;

export class SparseProducts {
  private readonly scratch = new Map<number, { scaled: GPUBuffer; sums: number }>();
  private gathered: { features: Int32Array; source: GramSource } | null = null;

  constructor(
    private readonly ctx: SparseContext,
    private readonly data: SparseData,
    private readonly geometry: Geometry,
    private readonly dispatchFlops: number,
  ) {}

  private get shape(): Params {
    return { nSamples: this.geometry.nSamples, nFeatures: this.geometry.nFeatures, flags: this.data.valuesOne ? VALUES_ONE : 0 };
  }

  /** The scaled coefficients and the arena's sums for buffers of `stride` floats per row. */
  private scratchOf(stride: number): { scaled: GPUBuffer; sums: number } {
    let entry = this.scratch.get(stride);
    if (!entry) {
      entry = { scaled: this.ctx.storage('proxpath sparse scaled coefs', 4 * this.geometry.pPad * stride), sums: this.ctx.arenaAlloc(stride) };
      this.scratch.set(stride, entry);
    }
    return entry;
  }

  /** Splits `quads` line quads of a block into dispatches of at most ~dispatchFlops and MAX_GROUPS workgroups. */
  private dispatches(block: SparseBlock, entries: number, quads: number, stride: number, each: (tileBase: number, count: number) => void): void {
    const flopsPerQuad = (2 * stride * Math.max(entries, 1) * 4) / Math.max(block.lines, 1);
    const perDispatch = Math.max(1, Math.min(MAX_GROUPS, Math.floor(this.dispatchFlops / flopsPerQuad)));
    for (let t = 0; t < quads; t += perDispatch) each(t, Math.min(perDispatch, quads - t));
  }

  /** eta = X̃₁·B (listed: over the working set only, forwardFeatures). */
  forward(B: GPUBuffer, stride: number, eta: GPUBuffer, listed: Listed | null): void {
    const { ctx } = this;
    const { scaled } = this.scratchOf(stride);
    ctx.run('sparseCoefs', { kStride: stride, nFeatures: this.geometry.nFeatures, size: listed?.size ?? 0, flags: listed ? LISTED : 0 },
      [B, this.data.centring, scaled, listed?.buffer ?? this.data.placeholder], [1, ctx.nActive]);
    const columnTiles = Math.ceil(ctx.nActive / 16);
    for (const block of this.data.rows) {
      const entries = this.entriesOf(block);
      this.dispatches(block, entries, Math.ceil(block.lines / 4), stride, (tileBase, count) => {
        ctx.run('sparseForward', { ...this.shape, kStride: stride, nActive: ctx.nActive, blockRows: block.lines, rowBase: block.start, tileBase },
          [block.index, block.values, scaled, eta], [count, columnTiles]);
      });
    }
  }

  /** G = X̃₁ᵀ·D, or its listed rows (backwardFeatures: the others keep their values). */
  backward(D: GPUBuffer, stride: number, G: GPUBuffer, listed: Listed | null): void {
    const { ctx } = this;
    const { sums } = this.scratchOf(stride);
    ctx.run('sparseSums', { kStride: stride, nSamples: this.geometry.nSamples, flags: this.data.intercept ? INTERCEPT : 0, columns: [sums] },
      [D, ctx.arenaBuffer()], [1, ctx.nActive]);
    const columnTiles = Math.ceil(ctx.nActive / 16);
    const last = this.data.columns.length - 1;
    this.data.columns.forEach((block, b) => {
      const walked = listed ? listed.size : block.lines + (b === last ? 1 : 0);
      const flags = this.shape.flags! | (listed ? LISTED : 0);
      this.dispatches(block, this.entriesOf(block), Math.ceil(walked / 4), stride, (tileBase, count) => {
        ctx.run('sparseBackward', {
          ...this.shape, flags, kStride: stride, nActive: ctx.nActive, blockRows: block.lines, rowBase: block.start, tileBase,
          size: listed?.size ?? 0, columns: [sums],
        }, [block.index, block.values, D, G, this.data.centring, ctx.arenaBuffer(), listed?.buffer ?? this.data.placeholder], [count, columnTiles]);
      });
    });
  }

  private entriesOf(block: SparseBlock): number {
    return block.index.size / 4 - block.lines - 1;
  }

  /**
   * The working set's columns of X̃₁ gathered dense, in row blocks of one binding each, for the
   * weighted Gram product (the last set's, kept while the set stays the same).
   */
  gramSource(features: Int32Array, listed: Listed): GramSource {
    const last = this.gathered;
    if (last && last.features.length === features.length && last.features.every((f, a) => f === features[a])) return last.source;
    if (last) {
      for (const b of last.source.blocks) this.ctx.free(b);
      this.ctx.free(last.source.list);
    }
    const m = features.length;
    const mPad = roundUp(Math.max(m, 1), GRAM_TILE);
    const { nSamples, nFeatures, nPad } = this.geometry;
    const blockRows = Math.min(nPad, Math.floor(this.data.maxBindingBytes / (4 * mPad) / ROW_TILE) * ROW_TILE);
    if (blockRows < ROW_TILE) throw new Error(`a working set of ${m} features gathered dense needs more than one buffer binding per ${ROW_TILE} rows`);
    const geometry: Geometry = { nSamples, nFeatures, nPad, pPad: mPad, blocks: [] };
    const blocks: GPUBuffer[] = [];
    for (let start = 0; start < nPad; start += blockRows) {
      const rows = Math.min(blockRows, nPad - start);
      const buffer = this.ctx.storage(`proxpath gathered X̃_S rows ${start}+${rows}`, 4 * rows * mPad);
      for (const block of this.data.columns) {
        this.ctx.run('sparseGather', { ...this.shape, blockRows: block.lines, rowBase: block.start, chunkRows: rows, chunkBase: start, size: m },
          [block.index, block.values, this.data.centring, listed.buffer, buffer], [Math.ceil(rows / 64), mPad]);
      }
      geometry.blocks.push({ start, rows });
      blocks.push(buffer);
    }
    const source = { geometry, blocks, list: this.ctx.list(Int32Array.from({ length: m }, (_, a) => a), `proxpath gathered working set (${m})`) };
    this.gathered = { features: features.slice(), source };
    return source;
  }
}

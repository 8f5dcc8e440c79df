// How a problem maps onto device buffers and dispatches: padding to the kernels' tiles, X̃₁
// split into row blocks that each fit one binding, the backward product's chunks of rows, and
// the dispatches each product is split into so that none runs long enough for a browser's
// watchdog (about 100 ms on a real GPU: DISPATCH_FLOPS is ~1 GFLOP, some 10 ms on a weak GPU).
// Pure arithmetic: tested without a device.

/** Rows of a forward tile (shaders/products/forward.wgsl); row blocks are multiples of it. */
export const ROW_TILE = 64;
/** Features of a backward tile (shaders/products/backward.wgsl); pPad is a multiple of it. */
export const FEATURE_TILE = 64;
/** Active columns per product tile (both products). */
export const COLUMN_TILE = 16;
/** Rows per workgroup of the sample reductions (SAMPLE_CHUNK in shaders/samples/*.wgsl). */
export const SAMPLE_CHUNK = 1024;
/** The backward product's chunks: about this many over all rows (more spreads a long sum wider). */
const TARGET_CHUNKS = 64;
/** The most floating-point operations one product dispatch may do. */
export const DISPATCH_FLOPS = 2 ** 30;
/** WebGPU's default maxComputeWorkgroupsPerDimension. */
export const MAX_GROUPS = 65535;

export const roundUp = (x: number, multiple: number): number => Math.ceil(x / multiple) * multiple;

/** Floats between rows of a samples or coefs buffer of K columns: K, a scratch column, vec4 padding. */
export const columnStride = (nColumns: number): number => roundUp(nColumns + 1, 4);

export interface RowBlock {
  /** First global row. */
  start: number;
  /** Rows, a multiple of ROW_TILE (the last block's padding rows are zero). */
  rows: number;
}

export interface Geometry {
  nSamples: number;
  nFeatures: number;
  /** Rows of samples buffers: nSamples rounded up to ROW_TILE. */
  nPad: number;
  /** Rows of coefs buffers: nFeatures + 1 (the intercept) rounded up to FEATURE_TILE. */
  pPad: number;
  blocks: RowBlock[];
}

/** Row blocks of X̃₁ (nPad × pPad float32) of at most `maxBlockBytes` each. */
export function planGeometry(nSamples: number, nFeatures: number, maxBlockBytes: number): Geometry {
  const nPad = roundUp(Math.max(nSamples, 1), ROW_TILE);
  const pPad = roundUp(nFeatures + 1, FEATURE_TILE);
  const rowBytes = 4 * pPad;
  const blockRows = Math.floor(maxBlockBytes / rowBytes / ROW_TILE) * ROW_TILE;
  if (blockRows < ROW_TILE) {
    throw new Error(
      `one tile of ${ROW_TILE} rows of X̃ (${ROW_TILE * rowBytes} bytes for ${nFeatures} features) exceeds the ` +
      `largest buffer binding, ${maxBlockBytes} bytes`,
    );
  }
  const blocks: RowBlock[] = [];
  for (let start = 0; start < nPad; start += blockRows) blocks.push({ start, rows: Math.min(blockRows, nPad - start) });
  return { nSamples, nFeatures, nPad, pPad, blocks };
}

/** The padded sizes of a sparse X's problem: no dense row blocks (sparse-buffers.ts blocks its entries). */
export function sparseGeometry(nSamples: number, nFeatures: number): Geometry {
  return { nSamples, nFeatures, nPad: roundUp(Math.max(nSamples, 1), ROW_TILE), pPad: roundUp(nFeatures + 1, FEATURE_TILE), blocks: [] };
}

export interface ForwardDispatch {
  block: number;
  /** First row tile of the block, and how many. */
  tileBase: number;
  tiles: number;
}

export interface BackwardDispatch {
  block: number;
  /** First chunk within the block, and how many. */
  tileBase: number;
  chunks: number;
  /** Global index of the first chunk (its slice of the partial sums). */
  chunkBase: number;
}

export interface ProductPlan {
  stride: number;
  chunkRows: number;
  nChunks: number;
  forward: ForwardDispatch[];
  backward: BackwardDispatch[];
}

/**
 * The dispatches of both products for buffers of `stride` floats per row. The backward
 * product's partial sums (nChunks × pPad × stride float32) must fit one binding of
 * `maxBindingBytes`: chunks grow until they do.
 */
export function planProducts(geometry: Geometry, stride: number, maxBindingBytes: number, dispatchFlops = DISPATCH_FLOPS): ProductPlan {
  const { pPad, blocks, nPad } = geometry;
  const largest = Math.max(...blocks.map((b) => b.rows));
  let chunkRows = Math.min(largest, Math.max(ROW_TILE, roundUp(Math.ceil(nPad / TARGET_CHUNKS), ROW_TILE)));
  const chunksOf = (rows: number) => blocks.reduce((s, b) => s + Math.ceil(b.rows / rows), 0);
  const partialBytes = (rows: number) => chunksOf(rows) * pPad * stride * 4;
  while (partialBytes(chunkRows) > maxBindingBytes && chunkRows < largest) chunkRows = Math.min(largest, 2 * chunkRows);
  if (partialBytes(chunkRows) > maxBindingBytes) {
    throw new Error(
      `the partial sums of X̃ᵀD (${partialBytes(chunkRows)} bytes for ${blocks.length} row blocks, ${pPad} features ` +
      `and ${stride} columns) exceed the largest buffer binding, ${maxBindingBytes} bytes`,
    );
  }
  const tileFlops = 2 * ROW_TILE * pPad * stride;
  const tilesPerDispatch = Math.max(1, Math.min(MAX_GROUPS, Math.floor(dispatchFlops / tileFlops)));
  const chunkFlops = 2 * chunkRows * pPad * stride;
  const chunksPerDispatch = Math.max(1, Math.min(MAX_GROUPS, Math.floor(dispatchFlops / chunkFlops)));
  const forward: ForwardDispatch[] = [];
  const backward: BackwardDispatch[] = [];
  let chunkBase = 0;
  blocks.forEach((block, b) => {
    const tiles = block.rows / ROW_TILE;
    for (let t = 0; t < tiles; t += tilesPerDispatch) forward.push({ block: b, tileBase: t, tiles: Math.min(tilesPerDispatch, tiles - t) });
    const chunks = Math.ceil(block.rows / chunkRows);
    for (let c = 0; c < chunks; c += chunksPerDispatch) {
      const count = Math.min(chunksPerDispatch, chunks - c);
      backward.push({ block: b, tileBase: c, chunks: count, chunkBase });
      chunkBase += count;
    }
  });
  return { stride, chunkRows, nChunks: chunkBase, forward, backward };
}

/** Workgroups along x for an elementwise pass over `rows` rows (invocations stride beyond). */
export const rowGroups = (rows: number): number => Math.max(1, Math.min(MAX_GROUPS, Math.ceil(rows / 64)));

/** Features per side of a weighted Gram tile (shaders/products/gram.wgsl); working sets are padded to it. */
export const GRAM_TILE = 32;
/** Workgroups a weighted Gram product aims at (tiles × columns × chunks): more chunks only when there are few tiles. */
const GRAM_TARGET_GROUPS = 1024;

export interface GramPlan {
  /** The working set padded to GRAM_TILE. */
  mPad: number;
  /** Tiles on and below the diagonal: the x dimension of every dispatch. */
  tilePairs: number;
  /** Active columns per group: the partial sums of one group fit one binding. */
  groupSlots: number;
  chunkRows: number;
  nChunks: number;
  /** Bytes of the partial sums of one group (nChunks × groupSlots × mPad² float32). */
  partialBytes: number;
  /** Chunks per dispatch, by row block, as the backward product's. */
  dispatches: BackwardDispatch[];
}

/**
 * The dispatches of a weighted Gram matrix Q = X̃_Sᵀ diag(h) X̃_S of `size` listed features for
 * `slots` columns: chunks of rows (within row blocks) whose partial sums are added afterwards,
 * enough of them to spread the work when the tiles and columns are few, and groups of at most
 * `maxGroupSlots` columns small enough that one group's partial sums fit `maxBindingBytes`.
 */
export function planGram(
  geometry: Geometry, size: number, slots: number, maxBindingBytes: number, dispatchFlops = DISPATCH_FLOPS, maxGroupSlots = MAX_GROUPS,
): GramPlan {
  const { blocks, nPad } = geometry;
  const mPad = roundUp(Math.max(size, 1), GRAM_TILE);
  const tiles = mPad / GRAM_TILE;
  const tilePairs = (tiles * (tiles + 1)) / 2;
  if (tilePairs > MAX_GROUPS) throw new Error(`a weighted Gram matrix of ${size} features needs ${tilePairs} tiles, over ${MAX_GROUPS} workgroups`);
  const slotBytes = 4 * mPad * mPad;
  const largest = Math.max(...blocks.map((b) => b.rows));
  const chunksOf = (rows: number) => blocks.reduce((s, b) => s + Math.ceil(b.rows / rows), 0);
  // At least one chunk per row block, with the largest chunks.
  const fewest = chunksOf(largest) * slotBytes;
  if (fewest > maxBindingBytes) {
    throw new Error(
      `the partial sums of a weighted Gram matrix of ${size} features over ${blocks.length} row blocks (${fewest} bytes) ` +
      `exceed the largest buffer binding, ${maxBindingBytes} bytes`,
    );
  }
  const groupSlots = Math.max(1, Math.min(slots, maxGroupSlots, MAX_GROUPS, Math.floor(maxBindingBytes / fewest)));
  const wanted = Math.min(64, Math.max(1, Math.ceil(GRAM_TARGET_GROUPS / (tilePairs * groupSlots))));
  let chunkRows = Math.min(largest, Math.max(ROW_TILE, roundUp(Math.ceil(nPad / wanted), ROW_TILE)));
  const partialBytes = (rows: number) => chunksOf(rows) * groupSlots * slotBytes;
  while (partialBytes(chunkRows) > maxBindingBytes && chunkRows < largest) chunkRows = Math.min(largest, 2 * chunkRows);
  const chunkFlops = 2 * chunkRows * tilePairs * GRAM_TILE * GRAM_TILE * groupSlots;
  const chunksPerDispatch = Math.max(1, Math.min(MAX_GROUPS, Math.floor(dispatchFlops / chunkFlops)));
  const dispatches: BackwardDispatch[] = [];
  let chunkBase = 0;
  blocks.forEach((block, b) => {
    const chunks = Math.ceil(block.rows / chunkRows);
    for (let c = 0; c < chunks; c += chunksPerDispatch) {
      const count = Math.min(chunksPerDispatch, chunks - c);
      dispatches.push({ block: b, tileBase: c, chunks: count, chunkBase });
      chunkBase += count;
    }
  });
  return { mPad, tilePairs, groupSlots, chunkRows, nChunks: chunkBase, partialBytes: partialBytes(chunkRows), dispatches };
}

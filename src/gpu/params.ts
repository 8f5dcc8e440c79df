// The per-dispatch parameters of every kernel (struct Params in shaders/common.wgsl), packed
// into the 128 bytes of that struct: twelve u32, three f32, one u32 (size), three vec4<u32> of
// arena offsets, then four u32 (maxSweeps, slotBase, nSamples, nFeatures).

export interface Params {
  rows?: number;
  kStride?: number;
  nActive?: number;
  blockRows?: number;
  rowBase?: number;
  tileBase?: number;
  chunkRows?: number;
  chunkBase?: number;
  nChunks?: number;
  pPad?: number;
  flags?: number;
  outputs?: number;
  scalar0?: number;
  scalar1?: number;
  scalar2?: number;
  /** Newton ops: features in the working-set list (m), the Gram matrices' size. */
  size?: number;
  /** Arena offsets (floats) of the op's columns arguments, in the order the kernel names them (≤ 12). */
  columns?: number[];
  /** gramSolve: most coordinate-descent sweeps. */
  maxSweeps?: number;
  /** weightedGram: first active slot of the dispatch's group of columns. */
  slotBase?: number;
  /** Sparse products: the problem's samples and features. */
  nSamples?: number;
  nFeatures?: number;
}

export const PARAMS_BYTES = 128;

const U32_FIELDS = [
  'rows', 'kStride', 'nActive', 'blockRows', 'rowBase', 'tileBase', 'chunkRows', 'chunkBase', 'nChunks', 'pPad',
  'flags', 'outputs',
] as const;

/** Writes `params` at byte `offset` of `target` (which has room for PARAMS_BYTES there). */
export function packParams(params: Params, target: ArrayBuffer, offset: number): void {
  const u32 = new Uint32Array(target, offset, PARAMS_BYTES / 4);
  const f32 = new Float32Array(target, offset, PARAMS_BYTES / 4);
  u32.fill(0);
  U32_FIELDS.forEach((name, i) => { u32[i] = params[name] ?? 0; });
  f32[12] = params.scalar0 ?? 0;
  f32[13] = params.scalar1 ?? 0;
  f32[14] = params.scalar2 ?? 0;
  u32[15] = params.size ?? 0;
  const columns = params.columns ?? [];
  if (columns.length > 12) throw new Error(`a kernel takes at most 12 columns arguments, not ${columns.length}`);
  columns.forEach((c, i) => { u32[16 + i] = c; });
  u32[28] = params.maxSweeps ?? 0;
  u32[29] = params.slotBase ?? 0;
  u32[30] = params.nSamples ?? 0;
  u32[31] = params.nFeatures ?? 0;
}

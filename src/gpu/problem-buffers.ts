// The problem's data on the device, uploaded once per open(), in float32: X̃₁ in row blocks (or a
// sparse X's CSR and CSC blocks, sparse-buffers.ts), y (and the offset after it) and the weights
// wn, and the penalty of each coefficient row.

import { penaltyBlocks, penaltyUnits } from '../solvers/penalty-units.js';
import type { Standardized } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import type { Geometry } from './layout.js';
import { destroySparse, type SparseData, uploadSparse } from './sparse-buffers.js';

/** Largest finite float32 (F32_MAX in shaders/common.wgsl): infinite bounds become ±F32_MAX. */
export const F32_MAX = 3.4028234e38;

export const toFloat32 = (v: number): number => (v > F32_MAX ? F32_MAX : v < -F32_MAX ? -F32_MAX : v);

export interface ProblemBuffers {
  /** Per row block: blockRows × pPad float32, column-major (shaders/common.wgsl); none for a sparse X. */
  blocks: GPUBuffer[];
  /** A sparse X's blocks and centring (its products fold the standardization in), or null. */
  sparse: SparseData | null;
  /**
   * 2·nPad float32: y, then the offset the smooth losses add to η (Problem.offset; zeros without
   * one: shaders/samples/link-offset.wgsl); 0 past nSamples.
   */
  y: GPUBuffer;
  /** nPad float32; 0 past nSamples. */
  wn: GPUBuffer;
  /** pPad vec4 float32: (α·v_j, (1−α)·v_j, lower_j, upper_j); see shaders/coefs/prox-gradient.wgsl. */
  penalty: GPUBuffer;
  /**
   * A grouped penalty's blocks (shaders/coefs/blocks.wgsl): their levels (nBlocks vec4) and rows
   * (u32 offsets then rows); null for a separable penalty.
   */
  penaltyBlocks: { count: number; levels: GPUBuffer; rows: GPUBuffer } | null;
}

function filled(device: GPUDevice, label: string, floats: number, fill: (data: Float32Array) => void): GPUBuffer {
  const buffer = device.createBuffer({ label, size: 4 * floats, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC, mappedAtCreation: true });
  fill(new Float32Array(buffer.getMappedRange()));
  buffer.unmap();
  return buffer;
}

/** `limits`: a sparse X's largest block of entries and binding (X̃₁'s dense row blocks are in `geometry`). */
export function uploadProblem(
  device: GPUDevice, problem: Problem, std: Standardized, geometry: Geometry, limits: { maxBindingBytes: number; maxBlockBytes: number },
): ProblemBuffers {
  const { nSamples: n, nFeatures: p } = problem;
  const { nPad, pPad } = geometry;
  const columns = std.design.sparse;
  const sparse = columns ? uploadSparse(device, columns, std.usable, problem.intercept, nPad, pPad, limits) : null;
  const blocks = columns ? [] : geometry.blocks.map((block, b) => filled(device, `proxpath X̃₁ rows ${block.start}+${block.rows} (block ${b})`, block.rows * pPad, (data) => {
    const real = Math.max(0, Math.min(block.rows, n - block.start));
    for (let j = 0; j < p; j++) {
      if (!std.usable[j]) continue;
      const from = j * n + block.start;
      data.set(std.Xs.subarray(from, from + real), j * block.rows);
    }
    if (problem.intercept) data.fill(1, p * block.rows, p * block.rows + real);
  }));
  const y = filled(device, 'proxpath y, offset', 2 * nPad, (data) => {
    data.set(problem.y);
    if (problem.offset) data.set(problem.offset, nPad);
  });
  const wn = filled(device, 'proxpath wn', nPad, (data) => data.set(std.wn));
  const { l1Unit, l2Unit } = penaltyUnits(problem);
  const penalty = filled(device, 'proxpath penalty', 4 * pPad, (data) => {
    for (let j = 0; j < p; j++) {
      if (!std.usable[j]) continue;
      data[4 * j] = l1Unit[j];
      data[4 * j + 1] = l2Unit[j];
      data[4 * j + 2] = toFloat32(std.lower[j]);
      data[4 * j + 3] = toFloat32(std.upper[j]);
    }
    if (problem.intercept) {
      data[4 * p + 2] = -F32_MAX;
      data[4 * p + 3] = F32_MAX;
    }
  });
  return { blocks, sparse, y, wn, penalty, penaltyBlocks: uploadBlocks(device, problem, std) };
}

function uploadBlocks(device: GPUDevice, problem: Problem, std: Standardized): ProblemBuffers['penaltyBlocks'] {
  const blocks = penaltyBlocks(problem, std.usable);
  if (!blocks) return null;
  const { count } = blocks;
  const levels = filled(device, 'proxpath penalty blocks', 4 * count, (data) => {
    for (let b = 0; b < count; b++) data.set([blocks.l1Unit[b], blocks.l2Unit[b], blocks.wUnit[b], blocks.open[b]], 4 * b);
  });
  const rows = device.createBuffer({
    label: 'proxpath penalty block rows', size: 4 * (count + 1 + blocks.rows.length), usage: GPUBufferUsage.STORAGE, mappedAtCreation: true,
  });
  const index = new Uint32Array(rows.getMappedRange());
  for (let b = 0; b <= count; b++) index[b] = count + 1 + blocks.start[b];
  index.set(blocks.rows, count + 1);
  rows.unmap();
  return { count, levels, rows };
}

export function destroyProblem(buffers: ProblemBuffers): void {
  for (const b of buffers.blocks) b.destroy();
  if (buffers.sparse) destroySparse(buffers.sparse);
  buffers.y.destroy();
  buffers.wn.destroy();
  buffers.penalty.destroy();
  buffers.penaltyBlocks?.levels.destroy();
  buffers.penaltyBlocks?.rows.destroy();
}

// The work of the batched iteration: what the fit counted as it dispatched (its `work`), or,
// for results without it, a model of the products from the iteration counts. Each iteration of a column costs one forward
// product η = X̃₁β and one backward product X̃₁ᵀD over `rows` rows and p + 1 columns (the
// intercept is column p + 1): 2·rows·(p + 1) flops each. In Gram mode (squared loss, n ≫ p)
// the products run over the p + 1 pseudo-samples of the reduced problem instead of the n rows
// (gram.ts; its one-off reduction runs on the host in float64 and is not counted).
// Bytes: the least traffic, as bench/kernels.ts counts it: X̃₁ read once per product and block
// iteration (all active columns of a block share the read), and each column's operand and
// result once per product. The λ run in blocks of BLOCK_COLUMNS columns (solve.ts) that
// iterate until their slowest column stops.

import { getLoss } from '../losses/registry.js';
import { GRAM_MAX_FEATURES, GRAM_MAX_WORK, GRAM_RATIO } from '../solvers/batched/gram.js';
import type { LossName, WorkCount } from '../problem/types.js';
import { type GpuProjection, projectedMs } from './projection.js';
import type { WorkModel } from './types.js';

/** Columns per λ block of the batched solver (solve.ts). */
export const BLOCK_COLUMNS = 32;

/** The rule of gram.ts's useGram for a case with unit weights. */
export function usesGram(loss: LossName, n: number, p: number): boolean {
  const m = p + 1;
  return getLoss(loss).quadratic && m <= GRAM_MAX_FEATURES && n >= GRAM_RATIO * m && (n * m * m) / 2 <= GRAM_MAX_WORK;
}

export function workModel(loss: LossName, n: number, p: number, iterations: readonly number[], solveMs: number): WorkModel {
  const gram = usesGram(loss, n, p);
  const rows = gram ? p + 1 : n;
  const cols = p + 1;
  let columnIterations = 0;
  let blockIterations = 0;
  for (let first = 0; first < iterations.length; first += BLOCK_COLUMNS) {
    const block = iterations.slice(first, first + BLOCK_COLUMNS);
    columnIterations += block.reduce((a, b) => a + b, 0);
    blockIterations += Math.max(...block);
  }
  const flops = 2 * 2 * rows * cols * columnIterations;
  const bytes = 2 * 4 * (rows * cols * blockIterations + (rows + cols) * columnIterations);
  const seconds = solveMs / 1000;
  return { flops, bytes, productRows: rows, gram, gflops: seconds > 0 ? flops / seconds / 1e9 : 0, gbytes: seconds > 0 ? bytes / seconds / 1e9 : 0 };
}

/** The work a fit counted itself (its `work`), with its rates and the projected GPU time. */
export function countedWork(loss: LossName, n: number, p: number, work: WorkCount, solveMs: number, at: GpuProjection): WorkModel {
  const gram = usesGram(loss, n, p);
  const seconds = solveMs / 1000;
  const { flops, bytes, columnPasses, dispatches, submits, readbacks, modelSteps } = work;
  return {
    counted: true, flops, bytes, productRows: gram ? p + 1 : n, gram, columnPasses, dispatches, submits, readbacks, modelSteps,
    projectedMs: projectedMs(work, at),
    gflops: seconds > 0 ? flops / seconds / 1e9 : 0, gbytes: seconds > 0 ? bytes / seconds / 1e9 : 0,
  };
}

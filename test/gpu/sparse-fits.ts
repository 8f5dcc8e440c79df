// Whole paths on the page's WebGPU device (the caller's), the same data with X sparse (CSC) and
// dense, for test/webgpu-sparse.test.ts: what each fit returns that the test compares.

import { fitPath } from '../../src/api/fit-path.js';
import type { FitOptions, SparseMatrix } from '../../src/problem/types.js';

export interface SparseFitSpec {
  X: { nRows: number; nCols: number; indptr: number[]; indices: number[]; values: number[] };
  y: number[];
  weights?: number[];
  offset?: number[];
  options: FitOptions;
}

export interface FitSummary {
  lambda: number[];
  objective: number[];
  beta: number[][];
  intercept: number[];
  converged: boolean[];
  columns?: string;
  finishedOn?: string[];
  backend: string;
}

export async function sparseFits(device: GPUDevice, spec: SparseFitSpec): Promise<{ sparse: FitSummary; dense: FitSummary }> {
  const { X, y, weights, offset } = spec;
  const csc: SparseMatrix = { format: 'csc', ...X };
  const rows = Array.from({ length: X.nRows }, () => new Array<number>(X.nCols).fill(0));
  for (let j = 0; j < X.nCols; j++) for (let e = X.indptr[j]; e < X.indptr[j + 1]; e++) rows[X.indices[e]][j] = X.values[e];
  const options: FitOptions = { ...spec.options, backend: 'webgpu', device };
  const summary = async (data: SparseMatrix | number[][]): Promise<FitSummary> => {
    const fit = await fitPath({ X: data, y, weights, offset }, options);
    return {
      lambda: fit.lambda, objective: fit.objective, beta: fit.beta, intercept: fit.intercept, converged: fit.converged,
      columns: fit.device.columns as string | undefined, finishedOn: fit.device.finishedOn, backend: fit.backend,
    };
  };
  return { sparse: await summary(csc), dense: await summary(rows) };
}

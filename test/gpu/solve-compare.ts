// The whole batched solver (solveBatched) on WebGPU against the float64 CPU twin, on the same
// problem and λ: the float64 objective of each backend's answer, for the test to compare.
// Runs in the page (test/gpu/harness.ts).

import { cpuBatchBackend } from '../../src/solvers/batched/cpu-backend.js';
import { webGpuBatchBackend, type WebGpuBackendOptions } from '../../src/gpu/webgpu-backend.js';
import type { Dataset, FitOptions } from '../../src/problem/types.js';
import { standardize } from '../../src/problem/standardize.js';
import { validate, type Problem } from '../../src/problem/validate.js';
import { workDoubles } from '../../src/solvers/engines.js';
import { solveBatched, type BatchedSolution } from '../../src/solvers/batched/solve.js';
import type { Standardized } from '../../src/problem/standardize.js';
import { coordinateFunctions, penaltyBlocks, penaltyUnits } from '../../src/solvers/penalty-units.js';
import { BlockScratch, blockValueColumn } from '../../src/solvers/batched/block-ops.js';

export interface SolveSpec {
  data: { X: number[][]; y: number[]; weights?: number[] };
  options: FitOptions;
  lambdas: number[];
  /** The CPU twin's KKT target (absolute); the GPU's is raised to its float32 floor. */
  kktTolerance: number;
  maxIterations: number;
  backend?: WebGpuBackendOptions;
  /** Gram mode for the squared loss (default: solveBatched's choice). */
  gram?: boolean;
}

export interface SolveComparison {
  cpu: number[];
  gpu: number[];
  gpuConverged: boolean[];
  gpuIterations: number[];
  gpuKkt: number[];
  cpuConverged: boolean[];
  /** GPU coefficients (standardized, intercept last), for comparing two GPU runs. */
  gpuCoefs: number[][];
}

/** Σ wn ℓ(y, b̃0 + X̃β̃) + P_λ(β̃), in float64, P the problem's penalty (per coordinate or per block). */
function objective(problem: Problem, std: Standardized, lambda: number, beta: Float64Array, b0: number): number {
  const n = problem.nSamples;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let eta = problem.intercept ? b0 : 0;
    for (let j = 0; j < beta.length; j++) eta += std.Xs[j * n + i] * beta[j];
    if (std.wn[i] > 0) loss += std.wn[i] * problem.loss.value(problem.y[i], eta);
  }
  const blocks = penaltyBlocks(problem, std.usable);
  if (blocks) {
    const column = Float64Array.from([...beta, 0]); // the intercept's block: free, its levels 0
    return loss + blockValueColumn(blocks, problem.penalty.spec.block!, new BlockScratch(blocks), { data: column, base: 0 }, lambda);
  }
  const { l1Unit, l2Unit } = penaltyUnits(problem);
  const { value } = coordinateFunctions(problem);
  let penalty = 0;
  for (let j = 0; j < beta.length; j++) {
    if (std.usable[j]) penalty += value(beta[j], lambda * l1Unit[j], lambda * l2Unit[j], problem.penalty.gamma);
  }
  return loss + penalty;
}

export async function compareSolve(device: GPUDevice, spec: SolveSpec): Promise<SolveComparison> {
  const problem = validate(spec.data as Dataset, spec.options);
  const std = standardize(problem, workDoubles(problem));
  try {
    const lambdas = Float64Array.from(spec.lambdas);
    const b0Start = problem.intercept ? problem.loss.nullEta(problem.y, problem.weights) : 0;
    const options = { b0Start, kktTolerance: spec.kktTolerance, maxIterations: spec.maxIterations, gram: spec.gram };
    const cpu = await solveBatched(problem, std, lambdas, options, cpuBatchBackend);
    const gpu = await solveBatched(problem, std, lambdas, options, webGpuBatchBackend(device, spec.backend));
    const values = (s: BatchedSolution) => s.betaStd.map((beta, k) => objective(problem, std, lambdas[k], beta, s.interceptStd[k]));
    return {
      cpu: values(cpu), gpu: values(gpu), gpuConverged: gpu.converged, gpuIterations: gpu.iterations, gpuKkt: gpu.kkt,
      cpuConverged: cpu.converged, gpuCoefs: gpu.betaStd.map((b, k) => [...b, gpu.interceptStd[k]]),
    };
  } finally {
    std.heap.release();
  }
}

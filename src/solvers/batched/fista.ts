// Accelerated proximal gradient (FISTA) for the smooth losses, all λ columns of a block at once.
// Each column has its own step t_k, found by backtracking (the interface has no curvature bound,
// and Poisson has none at all): start at 1/L₀ with L₀ = λ_max(X̃₁ᵀ diag(wn) X̃₁) (exact for the
// squared loss), halve on a failed sufficient-decrease test, grow slowly on success. Momentum
// restarts per column by the gradient test of O'Donoghue and Candès. The predictors of the
// momentum point are combined from those of the iterates (X̃ is linear), so one iteration costs
// one product with X̃ᵀ and one with X̃.

import { Pacer } from '../pacer.js';
import type { BatchBuffer, BatchOps } from './backend.js';
import { fistaLimits, StallWatch } from './precision.js';

/** One block of λ columns to solve. */
export interface BlockJob {
  /** K values of λ. */
  lambda: Float64Array;
  /** (nFeatures + 1) × K float64 starting coefficients, column-major, intercept last. */
  start: Float64Array;
  /** Absolute KKT tolerance (largest subdifferential distance). */
  kktTolerance: number;
  maxIterations: number;
  /** Iterations between convergence checks (the only readbacks). */
  checkEvery: number;
  signal?: AbortSignal;
}

export interface BlockResult {
  /** (nFeatures + 1) × K float64 coefficients, intercept last. */
  coefs: Float64Array;
  iterations: number[];
  converged: boolean[];
  kkt: number[];
}

/** Columns not yet converged, as the index list the backend takes. */
export function activeColumns(done: boolean[]): Int32Array {
  const list: number[] = [];
  done.forEach((d, k) => { if (!d) list.push(k); });
  return Int32Array.from(list);
}

export function filled(ops: BatchOps, K: number, value: number): BatchBuffer {
  const b = ops.alloc('columns', K);
  ops.write(b, new Float64Array(K).fill(value));
  return b;
}

export async function fistaBlock(ops: BatchOps, gramNorm: number, job: BlockJob): Promise<BlockResult> {
  const K = job.lambda.length;
  const coefs = () => ops.alloc('coefs', K);
  const samples = () => ops.alloc('samples', K);
  const columns = () => ops.alloc('columns', K);
  const X = coefs(), Xnew = coefs(), Z = coefs(), G = coefs();
  const etaX = samples(), etaNew = samples(), etaZ = samples(), D = samples();
  const lambda = columns();
  ops.write(lambda, job.lambda);
  const startStep = gramNorm > 0 ? 1 / gramNorm : 1;
  const limits = fistaLimits(ops.precision, startStep, ops.valueOffset ?? 0);
  const step = filled(ops, K, startStep);
  const theta = filled(ops, K, 1);
  const valueAtZ = columns(), valueNew = columns(), accept = columns(), momentum = columns(), kkt = columns();
  const reductions = { gradDot: columns(), stepSquared: columns(), restartDot: columns() };

  const done = new Array<boolean>(K).fill(false);
  const converged = new Array<boolean>(K).fill(false);
  const stall = new StallWatch(ops.precision, K);
  const iterations = new Array<number>(K).fill(0);
  let kktValues: Float64Array = new Float64Array(K);
  ops.setActive(activeColumns(done));
  ops.write(X, job.start);
  ops.write(Z, job.start);
  ops.forward(X, etaX);
  ops.copy(etaX, etaZ);

  // Minus the gradient at the iterates, its KKT violation, and the columns that are done.
  const check = async () => {
    ops.smoothTerms(etaX, D, valueNew);
    ops.backward(D, G);
    ops.kkt(G, X, lambda, kkt);
    kktValues = await ops.read(kkt);
    for (let k = 0; k < K; k++) {
      if (done[k]) continue;
      if (kktValues[k] <= job.kktTolerance) done[k] = converged[k] = true;
      else if (stall.stalled(k, kktValues[k])) done[k] = true;
    }
    ops.setActive(activeColumns(done));
  };

  await check();
  // Pauses between iterations let an abort be seen on the CPU backend, whose readbacks do not wait.
  const pacer = new Pacer(job.signal);
  for (let it = 1; it <= job.maxIterations && done.includes(false); it++) {
    if (pacer.due()) await pacer.pause();
    ops.smoothTerms(etaZ, D, valueAtZ);
    ops.backward(D, G);
    ops.proxGradient(Z, G, step, lambda, Xnew, X, reductions);
    ops.forwardSmooth(Xnew, etaNew, D, valueNew);
    ops.fistaColumns({ step, theta, valueAtZ, valueNew, reductions, accept, momentum, limits });
    ops.advance(Xnew, X, Z, accept, momentum);
    ops.advance(etaNew, etaX, etaZ, accept, momentum);
    for (let k = 0; k < K; k++) if (!done[k]) iterations[k]++;
    if (it % job.checkEvery === 0 || it === job.maxIterations) {
      pacer.check();
      await check();
    }
  }
  const result = await ops.read(X);
  return { coefs: result, iterations, converged, kkt: Array.from(kktValues) };
}

// Public types of proxpath: the data, the options and the result of a path fit.

import type { LossName } from '../losses/registry.js';
import type { PenaltyName } from '../penalties/registry.js';

export type { LossName };

export type BackendName = 'auto' | 'webgpu' | 'cpu';

/**
 * How the CPU solves the path: `cd`, coordinate descent along the path (with IRLS for smooth
 * losses, pivoting or smoothing with an exact finish for absolute and quantile); `batched`, the
 * GPU's iteration in float64 (all λ at once); `auto`, the fastest for the problem (cd).
 */
export type SolverName = 'auto' | 'cd' | 'batched';

/** A dense matrix given as one typed array with explicit dimensions and layout. */
export interface DenseMatrix {
  /** nRows × nCols values, float64 or float32, in the stated layout. */
  data: Float64Array | Float32Array | ArrayLike<number>;
  nRows: number;
  nCols: number;
  layout: 'row-major' | 'column-major';
}

/**
 * A sparse matrix in compressed sparse column (`csc`: R's dgCMatrix, scipy's csc_matrix) or row
 * (`csr`: scipy's csr_matrix) form, 0-based. Checked once (InputError naming the row or column):
 * indptr starts at 0, never decreases and ends at the number of stored entries; indices lie in
 * range; values are finite. Indices may come unsorted within a column (row), and repeated ones are
 * summed (as scipy's sum_duplicates and R's sparseMatrix do); stored zeros are dropped. A CSR matrix
 * is converted once to CSC, the solvers' layout.
 */
export interface SparseMatrix {
  format: 'csr' | 'csc';
  /** nCols + 1 (csc) or nRows + 1 (csr) offsets into indices and values. */
  indptr: Int32Array | Uint32Array | ArrayLike<number>;
  /** The row (csc) or column (csr) index of each stored entry, 0-based. */
  indices: Int32Array | Uint32Array | ArrayLike<number>;
  /** The stored entries' values (float64 or float32). */
  values: Float64Array | Float32Array | ArrayLike<number>;
  nRows: number;
  nCols: number;
}

/** The data of a fit: X is n × p (samples × features). */
export interface Dataset {
  X: DenseMatrix | SparseMatrix | ArrayLike<number>[];
  /** n responses. */
  y: ArrayLike<number>;
  /** Optional n observation weights (≥ 0, not all 0); normalized to sum to n. */
  weights?: ArrayLike<number>;
  /**
   * Optional n offsets (finite), glmnet's `offset`: a known part of each row's linear predictor,
   * η_i = offset_i + b0 + x_iᵀβ, for every loss (a log exposure for Poisson, say). A fit with an
   * offset predicts only with new offsets (PredictOptions.offset).
   */
  offset?: ArrayLike<number>;
  /** Optional p feature names (default x1 … xp). */
  featureNames?: string[];
}

export interface ProgressEvent {
  /** λ values solved so far, and in all. */
  solved: number;
  total: number;
  lambda: number;
  /**
   * Iterations so far over the λ solved (coordinate passes, or batched iterations per λ
   * column); absent where a run has none to count (cross-validation's fold fits).
   */
  iterations?: number;
}

/** A penalty by name (src/penalties/registry.ts), with its γ (MCP, SCAD) and groups (group, sparse-group). */
export interface PenaltyOption {
  name: PenaltyName;
  /** MCP: γ > 1 (default 3); SCAD: γ > 2 (default 3.7). */
  gamma?: number;
  /** One group label per feature, in feature order (group and sparse-group only). */
  groups?: (string | number)[];
}

export interface FitOptions {
  loss?: LossName;
  /** The penalty (default elastic net, `enet`); a name or {name, gamma?, groups?}. */
  penalty?: PenaltyOption['name'] | PenaltyOption;
  /** Huber threshold δ > 0. */
  delta?: number;
  /** Quantile level τ ∈ (0, 1). */
  tau?: number;
  /**
   * Mixing α ∈ [0, 1]: elastic net 1 lasso, 0 ridge; MCP/SCAD/group α·P + (1−α)/2·β² (ncvreg,
   * grpreg); sparse group α·ℓ1 + (1−α)·group (default 0.95, SGL's); default 1 otherwise.
   */
  alpha?: number;
  /** User λ values (≥ 0), used as given (sorted descending). */
  lambda?: ArrayLike<number>;
  /** Length of the default λ sequence (default 100). */
  nLambda?: number;
  /** λ_min / λ_max of the default sequence (default 1e-4 if n > p, else 1e-2). */
  lambdaMinRatio?: number;
  /** p penalty factors ≥ 0 (0: unpenalized, Infinity: excluded), rescaled to sum to p. */
  penaltyFactor?: ArrayLike<number>;
  /** Lower bounds on the coefficients (original scale): one value for all, or p values ≤ 0. */
  lower?: number | ArrayLike<number>;
  /** Upper bounds on the coefficients (original scale): one value for all, or p values ≥ 0. */
  upper?: number | ArrayLike<number>;
  /** Solve with columns scaled to unit weighted variance (default true). */
  standardize?: boolean;
  /** Fit an unpenalized intercept (default true). */
  intercept?: boolean;
  /** Convergence threshold (default 1e-7, glmnet's `thresh`). */
  tol?: number;
  /** Most coordinate-descent passes over the strong set per λ (default 1e5). */
  maxIter?: number;
  /** glmnet's dfmax: the path ends at the first λ with more than dfmax nonzero coefficients. */
  dfmax?: number;
  /** glmnet's pmax: the path ends before the first λ at which more than pmax features were ever nonzero (a warning says so). */
  pmax?: number;
  /** glmnet's exclude: features kept at 0, by name or 1-based position. */
  exclude?: (string | number)[];
  /**
   * Where to compute: `webgpu` (the GPU, or an InputError saying why not), `cpu`, or `auto` (a
   * real GPU adapter if there is one; the CPU when there is none or it is a software fallback).
   */
  backend?: BackendName;
  solver?: SolverName;
  /**
   * Finish each batched (GPU) solution with float64 coordinate descent on the CPU, warm-started
   * from it: objectives then match the CPU path to ~1e-7 relative instead of float32's ~1e-5.
   */
  polish?: boolean;
  /**
   * Absolute and quantile losses with the lasso (α = 1): trace the exact path through every λ
   * where its solution changes (the result's `breakpoints`), not only the grid's; CPU only.
   */
  breakpoints?: boolean;
  /**
   * The relaxed lasso (glmnet's relax = TRUE): each λ's support is also refit without penalty,
   * and the result's `relaxed` holds the refits; coefAt, predict read any blend γ·penalized +
   * (1 − γ)·refit. The refits run on the CPU's coordinate descent, whatever the backend.
   */
  relax?: boolean;
  /** The γ grid of a relaxed fit, each in [0, 1] (default [0, 0.25, 0.5, 0.75, 1]): what cvPath cross-validates. */
  gammaRelax?: number[];
  /**
   * The WebGPU device to use (instead of acquiring one), or a function that gives one: a function
   * is called again for a new device when the first is lost mid-path.
   */
  device?: GPUDevice | (() => Promise<GPUDevice>);
  /** Stops the fit (AbortError) at the next check: between λ values, or at a GPU readback. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

/** glmnet's type.multinomial: a lasso per coefficient, or a group penalty across the classes of each feature. */
export type MultinomialType = 'ungrouped' | 'grouped';

/** The data of a multinomial fit: y holds class labels (strings or integers), C ≥ 3 distinct. */
export interface MultinomialDataset extends Omit<Dataset, 'y' | 'offset'> {
  y: ArrayLike<string | number>;
}

/**
 * Options of a multinomial logistic fit (glmnet's family "multinomial"): those of FitOptions that
 * apply (alpha, λ, penalty factors, bounds with `ungrouped`, standardize, intercept, tol, maxIter,
 * backend cpu or auto, signal, onProgress), and the penalty's type (default ungrouped, as glmnet).
 */
export interface MultinomialOptions extends Omit<FitOptions, 'loss'> {
  loss: 'multinomial';
  multinomial?: MultinomialType;
}

export interface Timing {
  setupMs: number;
  solveMs: number;
  totalMs: number;
  /** Headless Chromium host only: launching the browser and moving the data and the result. */
  hostMs?: number;
  /**
   * WebGPU only, where the device has the `timestamp-query` feature (requested when the adapter
   * offers it; a caller's own device must have been created with it): the GPU time of the fit's
   * compute passes, from timestamp queries, summed, in ms. Absent without the feature. Browsers may
   * quantize timestamps (Chrome: to 100 µs unless WebGPU developer features are enabled); the
   * headless Chromium that proxpath launches (--enable-unsafe-webgpu) gave unquantized times.
   */
  gpuMs?: number;
}

/** Where WebGPU ran: the page's navigator.gpu, Dawn in Node, headless Chromium driven from Node, or the caller's device. */
export type GpuHost = 'browser' | 'dawn' | 'headless-chromium' | 'caller';

/** What a WebGPU adapter says about itself (GPUAdapterInfo), and whether it is a software renderer. */
export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  /** A CPU implementation (SwiftShader, llvmpipe, WARP…): a fallback adapter or named as one. */
  software: boolean;
}

/** A device fault survived mid-path: the λ values from `atLambda` on were solved again elsewhere. */
export interface RecoveryEvent {
  /** Index of the first λ not yet solved when the fault came (0-based). */
  atLambda: number;
  error: string;
  resumedOn: 'webgpu (new device)' | 'cpu (batched float64)';
}

export interface DeviceInfo {
  /** Why this backend was used. */
  reason: string;
  /** Where WebGPU ran, or was looked for. */
  host?: GpuHost;
  /** The adapter used, or the one turned down by `auto`. */
  adapter?: AdapterSummary;
  /** The device's limits that size the buffers. */
  limits?: Record<string, number>;
  /** Device faults survived during the fit. */
  recovered?: RecoveryEvent[];
  /** True when every batched solution was finished by float64 coordinate descent (`polish`). */
  polished?: boolean;
  /**
   * Per λ, where its solution was finished (batched fits that needed the CPU): its own backend,
   * or float64 coordinate descent (`cpu-cd`) for λ the batched iteration left unconverged.
   */
  finishedOn?: ('webgpu' | 'cpu-batched' | 'cpu-cd')[];
  [key: string]: unknown;
}

export interface ProblemSummary {
  n: number;
  p: number;
  loss: LossName;
  /** The penalty's name, its γ (MCP, SCAD) and its group labels (group penalties). */
  penalty: PenaltyOption['name'];
  gamma?: number;
  groups?: string[];
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  delta?: number;
  tau?: number;
  tol: number;
  maxIter: number;
  lambdaSequence: 'default' | 'user';
  /** True when the fit had an offset (its predictions then need one); absent otherwise. */
  offset?: boolean;
  /** The λ_max of the data (the first λ of the default sequence). */
  lambdaMax: number;
}

/** Counted work of a batched fit (src/solvers/batched/work.ts counts it). */
export interface WorkCount {
  /** Iterations of the batched loop (FISTA or PDHG), summed over blocks. */
  iterations: number;
  /** Second-order outer steps (0: first-order iterations only). */
  outerIterations: number;
  /** Floating-point operations (a multiply-add counts 2). */
  flops: number;
  /** Bytes read and written by the ops (the matrix once per product). */
  bytes: number;
  /** Products with X̃ or X̃ᵀ, one per active column: passes over the data, λ by λ. */
  columnPasses: number;
  /**
   * Coordinate steps of the Newton model solves taken one after another: a solve's λ columns
   * run side by side (a workgroup each), so each solve adds its longest column's sweeps × |S|.
   * On a GPU each step is a barrier and a read of a Gram column: latency, not flops.
   */
  modelSteps: number;
  dispatches: number;
  submits: number;
  readbacks: number;
}

/** A fit's counted work: the whole, and each λ block's share (its products, checks, readbacks). */
export interface PathWork extends WorkCount {
  blocks: WorkCount[];
}

// Public types of proxpath: the data, the options and the result of a path fit.

/** The losses of DESIGN §1. */
export type LossName = 'squared' | 'logistic' | 'poisson' | 'huber' | 'absolute' | 'quantile';

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

/** The data of a fit: X is n × p (samples × features). */
export interface Dataset {
  X: DenseMatrix | ArrayLike<number>[];
  /** n responses. */
  y: ArrayLike<number>;
  /** Optional n observation weights (≥ 0, not all 0); normalized to sum to n. */
  weights?: ArrayLike<number>;
  /** Optional p feature names (default x1 … xp). */
  featureNames?: string[];
}

export interface ProgressEvent {
  /** λ values solved so far, and in all. */
  solved: number;
  total: number;
  lambda: number;
}

export interface FitOptions {
  loss?: LossName;
  /** Huber threshold δ > 0. */
  delta?: number;
  /** Quantile level τ ∈ (0, 1). */
  tau?: number;
  /** Elastic-net mixing α ∈ [0, 1]: 1 lasso, 0 ridge. */
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
  backend?: BackendName;
  solver?: SolverName;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export interface Timing {
  setupMs: number;
  solveMs: number;
  totalMs: number;
}

export interface DeviceInfo {
  /** Why this backend was used. */
  reason: string;
  [key: string]: unknown;
}

export interface ProblemSummary {
  n: number;
  p: number;
  loss: LossName;
  alpha: number;
  standardize: boolean;
  intercept: boolean;
  delta?: number;
  tau?: number;
  tol: number;
  maxIter: number;
  lambdaSequence: 'default' | 'user';
  /** The λ_max of the data (the first λ of the default sequence). */
  lambdaMax: number;
}

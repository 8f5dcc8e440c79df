// The benchmark's records: what a run was asked (BenchConfig), each case of the matrix
// (CaseSpec), what one backend did on it (BackendRun), and the saved report (BenchReport).
// Everything here is plain JSON: `proxpath report results.json` re-renders from it alone.

import type { GpuProjection } from './projection.js';
import type { AdapterSummary, LossName } from '../problem/types.js';

/**
 * Where a case runs. cpu: coordinate descent in this process (float64); cpu-batched: the GPU's
 * iteration in float64 (the kernels' CPU twin); chromium: WebGPU in (headless) Chrome;
 * dawn: WebGPU in Node through Dawn, in a child process with a time limit;
 * glmnet: R's glmnet; sklearn: scikit-learn.
 */
export type RunnerName = 'cpu' | 'cpu-batched' | 'chromium' | 'dawn' | 'glmnet' | 'sklearn';
export const RUNNER_NAMES: readonly RunnerName[] = ['cpu', 'cpu-batched', 'chromium', 'dawn', 'glmnet', 'sklearn'];
/** Runners that are proxpath on a GPU (their times are the numerators of GPU/CPU speedups). */
export const GPU_RUNNERS: readonly RunnerName[] = ['chromium', 'dawn'];

/** The matrix and how to run it. */
export interface BenchConfig {
  nSamples: number[];
  nFeatures: number[];
  nLambdas: number[];
  losses: LossName[];
  alphas: number[];
  /** 0: a path fit; K ≥ 3: K-fold cross-validation (cvPath) of the path. */
  folds: number[];
  /** 'star': the first value of each size list, then one size axis varied at a time; 'grid': every combination. */
  design: 'star' | 'grid';
  runners: RunnerName[];
  /** Timed runs per case and backend, after one untimed warm-up. */
  repeats: number;
  /** No further repeats once a case's timed runs on one backend have taken this long (at least one runs). */
  maxCaseSeconds: number;
  /** λ_min / λ_max (default: glmnet's, 1e-4 when n > p, else 1e-2). */
  lambdaMinRatio?: number;
  seed: number;
  /** The figures of the projection of GPU time from counted work (projection.ts). */
  projection?: GpuProjection;
  /** Per-run time limit of the Dawn child process. */
  dawnTimeoutSeconds: number;
  /**
   * Time limit of one case on an in-process CPU runner (cpu, cpu-batched), warm-up and timed runs
   * together: the fit is stopped by its AbortSignal and the case records the time-out. None: no limit.
   */
  cpuTimeoutSeconds?: number;
  /**
   * The whole matrix's time budget: a (case, runner) step is not started once it is spent, and the
   * time limits of the CPU and Dawn runs are cut to what is left of it. None: no budget.
   */
  budgetSeconds?: number;
}

/** One case of the matrix. */
export interface CaseSpec {
  id: string;
  n: number;
  p: number;
  K: number;
  loss: LossName;
  alpha: number;
  folds: number;
  seed: number;
}

export interface TimeSummary {
  /** Wall time of each timed run, ms (the warm-up excluded). */
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** (max − min) / median: the spread of the timed runs, relative. */
  spread: number;
}

/** The adapter a GPU runner used, and where. */
export interface RunnerDevice {
  host?: string;
  adapter?: AdapterSummary;
  /** Adapter features (timestamp-query among them or not). */
  features?: string[];
  /** Chrome's version string, for the browser runner. */
  browser?: string;
}

/**
 * The work a path's batched iteration did: counted by the host as it dispatched (`counted`, the
 * fit's own `work`), or a model from the iteration counts where the fit has none (flops.ts).
 */
export interface WorkModel {
  counted?: boolean;
  /** Counted work only: products per column (passes over the data), and the backend's calls. */
  columnPasses?: number;
  dispatches?: number;
  submits?: number;
  readbacks?: number;
  /** Counted work only: the Newton model solves' coordinate steps in sequence (WorkCount.modelSteps). */
  modelSteps?: number;
  /** Counted work only: the GPU time it projects to at the report's figures (projection.ts). */
  projectedMs?: number;
  flops: number;
  bytes: number;
  /** Rows of each product: n, or p + 1 in Gram mode (squared loss, n ≫ p). */
  productRows: number;
  gram: boolean;
  /** flops / wall solve time, and bytes / the same time (not the GPU time: see BackendRun.gpuMs). */
  gflops: number;
  gbytes: number;
}

/** What one backend did on one case. */
export interface BackendRun {
  runner: RunnerName;
  ok: boolean;
  /** Why the runner did not run or failed (then the numbers below are absent). */
  error?: string;
  time?: TimeSummary;
  /** Median solve time reported by the fit itself (excludes setup), ms. */
  solveMedianMs?: number;
  /**
   * Median over the timed runs of the fit's GPU time (timing.gpuMs: the compute passes, from
   * timestamp queries); null where the device lacks timestamp-query, for CV cases and off WebGPU.
   */
  gpuMs?: number | null;
  /** Iterations (passes) per λ of the last timed run. */
  iterations?: number[];
  /** Objective per λ at the returned coefficients, evaluated in float64 by the benchmark (objective.ts). */
  objective?: number[];
  intercept?: number[];
  /** Coefficients per λ on the original scale (omitted when p·K is large: see `coefficientsOmitted`). */
  beta?: number[][];
  coefficientsOmitted?: boolean;
  /** Number of nonzero coefficients per λ. */
  df?: number[];
  /** CV error curve per λ (cases with folds). */
  cvm?: number[];
  device?: RunnerDevice;
  work?: WorkModel;
  /** Software versions (glmnet, scikit-learn). */
  version?: string;
  note?: string;
}

/**
 * The path every run is measured against: a tight CPU fit (src/bench/reference.ts), or where a
 * case has none, the CPU run itself.
 */
export interface ReferencePath {
  /** 'cpu at tol 1e-13', or the runner's name. */
  label: string;
  /** Per λ, the benchmark's float64 objective. */
  objective: number[];
  /** Per λ, the intercept and the coefficients on the original scale (absent when the run omitted them). */
  intercept?: number[];
  beta?: number[][];
}

/** One backend compared with the reference. */
export interface Agreement {
  runner: RunnerName;
  /** The reference's label: 'cpu at tol 1e-13' (the tight reference), or 'cpu' (the CPU run). */
  reference: string;
  /** max over λ of |f_runner − f_ref| / max(|f_ref|, tiny). */
  objectiveMaxRelDiff: number;
  /** Per λ, the same relative difference. */
  objectiveRelDiff: number[];
  /** max over λ of max_j |β_runner − β_ref| / max(1, max_j |β_ref|); null without coefficients. */
  coefMaxDiff: number | null;
  /** Per λ, number of features nonzero in one fit and zero in the other; null without coefficients. */
  supportDiff: number[] | null;
  supportDiffMax: number | null;
  /**
   * The largest |β| among those features, over max(1, max_j |β_ref|) at its λ: small when the
   * support differs only by coefficients entering or leaving there; null without a difference.
   */
  supportDiffLargest: number | null;
  /** The tolerance the objective difference is held to (float32 for GPU runners). */
  tolerance: number;
  /** objectiveMaxRelDiff beyond tolerance. */
  flagged: boolean;
}

export interface CaseResult {
  spec: CaseSpec;
  /** λ sequence given to every backend. */
  lambda: number[];
  runs: BackendRun[];
  /** What the agreement is measured against (absent in reports written before the tight reference). */
  reference?: ReferencePath;
  agreement: Agreement[];
  /** cpu median time / runner median time, per runner that ran (> 1: faster than the CPU path). */
  speedupVsCpu: Partial<Record<RunnerName, number>>;
}

export interface MachineInfo {
  platform: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  memoryGiB: number;
  node: string;
  proxpath: string;
  hostname?: string;
}

export interface BenchReport {
  format: 'proxpath-bench';
  formatVersion: 1;
  createdAt: string;
  config: BenchConfig;
  machine: MachineInfo;
  /** The browser runner's Chrome and its adapter (null when it did not run). */
  browser: { version: string; executable?: string; url?: string; flags: string[]; device?: RunnerDevice } | null;
  /** Dawn's adapter, when the dawn runner ran. */
  dawn: RunnerDevice | null;
  /** True when any GPU runner used a software (fallback) adapter: every table and chart says so. */
  softwareFallback: boolean;
  cases: CaseResult[];
  /** How long the whole matrix took, ms. */
  totalMs: number;
  notes: string[];
}

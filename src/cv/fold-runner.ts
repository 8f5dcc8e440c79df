// How the fold fits of a cross-validation run on the CPU: one after another here, or in threads
// (src/hosts/node-workers.ts, web-workers.ts). A job names its training rows; the runner builds
// the subset and fits it.

import { fitPathLent } from '../fit.js';
import { cpuChoice } from '../gpu/choice.js';
import type { LentBackend } from '../gpu/lent-backend.js';
import { AbortError } from '../errors.js';
import type { PathFitJSON } from '../problem/result.js';
import type { Dataset, FitOptions } from '../problem/types.js';
import { type FoldMatrix, isCsc, rowSubset } from './fold-matrix.js';

/** The data of a CV run, shared by every job (`M`: the form of X, when a caller knows it). */
export interface FoldData<M extends FoldMatrix = FoldMatrix> {
  /** n × p: column-major float64, or the canonical CSC of a sparse X (never densified). */
  X: M;
  y: Float64Array;
  weights: Float64Array;
  featureNames: string[];
  nRows: number;
  nCols: number;
  /** Whether the user gave weights (else the fold fits get none, as the full fit). */
  hasWeights: boolean;
  /** The user's offsets (n), if any: every fold fit takes its training rows', as cv.glmnet. */
  offset?: Float64Array;
}

export interface FoldJob {
  /** Index of the α of the grid, and the fold (1…K) held out. */
  alpha: number;
  fold: number;
  trainRows: Int32Array;
  /** Plain, structured-cloneable fit options (no signal, no callbacks). */
  options: Omit<FitOptions, 'signal' | 'onProgress'>;
}

/**
 * What the CV statistics need of a fold's path (original scale): a fold fit's JSON, or the
 * folds × λ batch's columns (batched-folds.ts), which have no objective or deviance of their own.
 * A relaxed fold fit (option relax) has its refits too.
 */
export type FoldPath = Pick<PathFitJSON, 'lambda' | 'intercept' | 'beta' | 'featureNames' | 'df' | 'converged' | 'iterations' | 'kktViolation' | 'backend' | 'relaxed'>;

export type FoldRunner = (
  data: FoldData,
  jobs: FoldJob[],
  control: {
    signal?: AbortSignal;
    onDone?: (done: number) => void;
    /** Most threads the run may use (cvPath's clamp of `workers`); runners without threads ignore it. */
    threads?: number;
  },
) => Promise<FoldPath[]>;

/** The training subset of one job, as a dataset: column-major, or a CSC of the rows' entries for a sparse X. */
export function trainingSet(data: FoldData, rows: Int32Array): Dataset {
  const m = rows.length;
  const X = rowSubset(data.X, data.nRows, data.nCols, rows);
  return {
    X: isCsc(X) ? X : { data: X, nRows: m, nCols: data.nCols, layout: 'column-major' },
    y: Float64Array.from(rows, (i) => data.y[i]),
    weights: data.hasWeights ? Float64Array.from(rows, (i) => data.weights[i]) : undefined,
    ...(data.offset ? { offset: Float64Array.from(rows, (i) => data.offset![i]) } : {}),
    featureNames: data.featureNames,
  };
}

/** The fold fits' backend: the run chose it (the CPU route, or the CPU after a WebGPU fault); no fold chooses again. */
const FOLD_CPU: LentBackend = { kind: 'cpu', choice: cpuChoice('a cross-validation fold on the CPU, as its run chose') };

/** Fits one job (in this thread or in a worker) on the CPU. */
export async function fitFold(data: FoldData, job: FoldJob, signal?: AbortSignal): Promise<PathFitJSON> {
  const fit = await fitPathLent(trainingSet(data, job.trainRows), { ...job.options, signal }, FOLD_CPU);
  return fit.toJSON();
}

/** Fits the jobs in turn. */
export const serialFolds: FoldRunner = async (data, jobs, control) => {
  const fits: PathFitJSON[] = [];
  for (const job of jobs) {
    if (control.signal?.aborted) throw new AbortError('the cross-validation was aborted');
    fits.push(await fitFold(data, job, control.signal));
    control.onDone?.(fits.length);
  }
  return fits;
};

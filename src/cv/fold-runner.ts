// How the fold fits of a cross-validation run on the CPU: one after another here, or in threads
// (src/hosts/node-workers.ts, web-workers.ts). A job names its training rows; the runner builds
// the subset and fits it.

import { fitPathLent } from '../fit.js';
import { cpuChoice } from '../gpu/choice.js';
import type { LentBackend } from '../gpu/lent-backend.js';
import { AbortError } from '../errors.js';
import type { PathFitJSON } from '../problem/result.js';
import type { FitOptions } from '../problem/types.js';

/** The data of a CV run, column-major, shared by every job. */
export interface FoldData {
  X: Float64Array;
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

/** The training subset of one job, as a column-major dataset. */
export function trainingSet(data: FoldData, rows: Int32Array) {
  const m = rows.length;
  const X = new Float64Array(m * data.nCols);
  for (let j = 0; j < data.nCols; j++) {
    const from = j * data.nRows;
    const to = j * m;
    for (let t = 0; t < m; t++) X[to + t] = data.X[from + rows[t]];
  }
  return {
    X: { data: X, nRows: m, nCols: data.nCols, layout: 'column-major' as const },
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

// K-fold cross-validation along the path in this process, as cv.glmnet does it: the λ sequence
// of the full-data fit, every fold fitted on that same sequence (given explicitly, so no fold
// stops early), held-out errors per fold, their weighted mean and standard error, λ_min and
// λ_1se. With several α, every α uses the same folds, and the best (α, λ) is reported. The
// options are checked, the backend chosen and the fold threads picked by the caller (cvPath,
// src/api/cv-path.ts); every fit here runs on that one backend.

import { fitPathLent, fitProblem } from '../fit.js';
import type { SharedBackend } from '../gpu/lent-backend.js';
import { toColumnMajor } from '../problem/matrix.js';
import { checkSparse, isSparse } from '../problem/sparse-matrix.js';
import type { PathFit } from '../problem/result.js';
import type { Dataset } from '../problem/types.js';
import type { Problem } from '../problem/validate.js';
import { CvFit } from './cv-fit.js';
import { cvCurves } from './cv-curves.js';
import type { CvPlan } from './cv-options.js';
import type { FoldData, FoldJob, FoldRunner } from './fold-runner.js';
import { foldsRoute } from './folds-route.js';

/** Fewest held-out rows per fold for fold-wise (grouped) statistics, as cv.glmnet. */
const MIN_ROWS_PER_FOLD = 3;

/** The fold runner for `nJobs` fold fits of about `serialEstimateMs` in turn; lowered counts are said in `warnings`. */
export type PickRunner = (nJobs: number, serialEstimateMs: number, warnings: string[]) => Promise<{ runner: FoldRunner; threads?: number }>;

/** The validated problem of the first α on the whole data, and how long its validation took. */
export interface FirstProblem {
  problem: Problem;
  validateMs: number;
}

/**
 * Cross-validates on `backend` (the caller frees it), a run that began at `t0`. `pickRunner`
 * chooses the threads of the CPU's fold fits.
 */
export async function crossValidate(
  data: Dataset,
  plan: CvPlan,
  first: FirstProblem,
  backend: SharedBackend,
  pickRunner: PickRunner,
  t0: number,
): Promise<CvFit> {
  const { fitOptions, alphas, foldId, nFolds: K, measure } = plan;
  // The folds' route on the run's backend: the CPU's fold fits, or the folds × λ batch on its device.
  const ownPaths = plan.alignment === 'fold-paths' && fitOptions.lambda === undefined;
  const route = foldsRoute(backend, fitOptions.backend ?? 'auto', first.problem.penalty.spec, { ownPaths, relaxed: first.problem.relax !== null, sparse: isSparse(data.X) });
  const fulls: PathFit[] = [];
  for (const [a, alpha] of alphas.entries()) {
    const options = { ...fitOptions, alpha };
    // The first α's problem is validated already: its setup time counts that validation.
    const full = a === 0 ? fitProblem(first.problem, options, backend, performance.now() - first.validateMs) : fitPathLent(data, options, backend);
    fulls.push(await full);
  }
  const n = data.y.length;
  const p = fulls[0].featureNames.length;
  // The folds' fits and held-out predictions read X as it came: a dense copy, or a sparse X's
  // canonical CSC (no copy when it is one), each fold a row subset of its nonzeros.
  const Xc = isSparse(data.X) ? checkSparse(data.X, 'X', p) : toColumnMajor(data.X, 'X', p).data;
  const y = Float64Array.from(data.y);
  const weights = data.weights ? Float64Array.from(data.weights) : new Float64Array(n).fill(1);
  const grouped = measure === 'auc' || n / K >= MIN_ROWS_PER_FOLD;
  const warnings: string[] = [];
  if (!grouped) warnings.push(`fewer than ${MIN_ROWS_PER_FOLD} rows per fold: standard errors from single rows (cv.glmnet's grouped = FALSE)`);

  const jobs = foldJobs(plan, fulls, route.kind === 'cpu');
  const offset = data.offset ? Float64Array.from(data.offset) : undefined;
  const data64: FoldData = {
    X: Xc, y, weights, featureNames: fulls[0].featureNames, nRows: n, nCols: p, hasWeights: !!data.weights, ...(offset ? { offset } : {}),
  };
  const serialEstimate = fulls.reduce((s, fit) => s + fit.timing.totalMs, 0) * K;
  const { runner, threads } = route.kind === 'webgpu' ? { runner: route.runner, threads: undefined } : await pickRunner(jobs.length, serialEstimate, warnings);
  const onProgress = fitOptions.onProgress;
  const onDone = onProgress ? (done: number) => onProgress({ solved: done, total: jobs.length, lambda: NaN }) : undefined;
  const fits = await runner(data64, jobs, { signal: fitOptions.signal, onDone, threads });

  const curves = cvCurves({ plan, fulls, fits, X: Xc, y, weights, offset, grouped });
  if (route.kind === 'webgpu') warnings.push(...route.warnings);
  return new CvFit({
    measure, nFolds: K, foldId: Array.from(foldId), grouped, curves, warnings,
    timing: { totalMs: performance.now() - t0, foldFits: jobs.length },
    folds: threads === undefined ? route.folds : { ...route.folds, threads },
  });
}

/** One job per α and fold (α-major, folds 1…K within), each on its full fit's λ sequence. */
function foldJobs(plan: CvPlan, fulls: PathFit[], onCpu: boolean): FoldJob[] {
  const { fitOptions, alphas, foldId, nFolds: K } = plan;
  const n = foldId.length;
  // dfmax and pmax cut the full fit's path: the folds solve every λ it kept (as cv.glmnet's
  // predictions at the full fit's λ do), so they take neither.
  const { signal: _signal, onProgress: _progress, dfmax: _dfmax, pmax: _pmax, ...plain } = fitOptions;
  // The CPU route's fold fits (here or in worker threads) run on the CPU, as the run's backend.
  const cpu = onCpu ? { backend: 'cpu' as const } : {};
  const jobs: FoldJob[] = [];
  alphas.forEach((alpha, a) => {
    for (let f = 1; f <= K; f++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (foldId[i] !== f) rows.push(i);
      // fold-paths: the fold's own default path (or the λ list given); else the full fit's λ.
      const lambda = plan.alignment === 'fold-paths' ? plain.lambda : fulls[a].lambda;
      jobs.push({ alpha: a, fold: f, trainRows: Int32Array.from(rows), options: { ...plain, alpha, lambda, ...cpu } });
    }
  });
  return jobs;
}

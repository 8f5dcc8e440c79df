// cvPath: K-fold cross-validation along the path, as cv.glmnet does it: the λ sequence of the
// full-data fit, every fold fitted on that same sequence (given explicitly, so no fold stops
// early), held-out errors per fold, their weighted mean and standard error, λ_min and λ_1se.
// With several α, every α uses the same folds, and the best (α, λ) is reported.

import { defaultAlpha } from '../problem/penalty-option.js';
import { fitPathLent } from '../fit.js';
import { InputError, show } from '../problem/errors.js';
import { toColumnMajor } from '../problem/matrix.js';
import type { PathFit } from '../problem/result.js';
import type { Dataset, FitOptions } from '../problem/types.js';
import { binaryLosses, lossSpec } from '../losses/registry.js';
import { CvFit, type CvCurve } from './cv-fit.js';
import { checkFoldCount, checkFoldId, randomFolds } from './folds.js';
import { checkMeasure, chooseLambda, foldStatistics, rowError, weightedAuc, type MeasureName } from './measures.js';
import { serialFolds, type FoldJob, type FoldPath, type FoldRunner } from './fold-runner.js';
import { foldsRoute } from './folds-route.js';

export interface CvOptions extends FitOptions {
  /** Number of folds K (default 10, at least 3, at most n); ignored when foldId is given. */
  folds?: number;
  /** The fold (1…K) of each row, as glmnet's foldid. */
  foldId?: ArrayLike<number>;
  /** Seed of the random folds (default 1). */
  seed?: number;
  /** Logistic loss only: deal each class evenly over the folds. */
  stratify?: boolean;
  /** mse, mae, deviance, class, auc (default: mse for squared, else deviance). */
  measure?: MeasureName;
  /** An α grid: every value fitted with the same folds (default: [alpha ?? 1]). */
  alphas?: number[];
  /**
   * Fold fits at once in worker threads (Node); 1 fits them in turn; 'auto' (the default) uses
   * the CPU count (at most AUTO_MAX_THREADS) when the folds would take long enough to pay for
   * the threads (the full fit times the folds over AUTO_PARALLEL_MS), else 1. A count above the
   * machine's parallelism or the number of fold fits is lowered to it, with a warning. The
   * results are the same bits either way.
   */
  workers?: number | 'auto';
  /**
   * The parallel runner to use where `workers` would start threads (e.g. Web Workers in a page:
   * see web-workers.ts); Node's worker threads by default.
   */
  foldRunner?: FoldRunner;
}

/** Serial fold time (estimated from the full fit) above which 'auto' starts worker threads. */
const AUTO_PARALLEL_MS = 300;

/** Most threads 'auto' uses, whatever the machine. */
const AUTO_MAX_THREADS = 8;

/** Fewest held-out rows per fold for fold-wise (grouped) statistics, as cv.glmnet. */
const MIN_ROWS_PER_FOLD = 3;

export async function cvPath(data: Dataset, options: CvOptions = {}): Promise<CvFit> {
  const t0 = performance.now();
  if (!data || typeof data !== 'object' || !data.y || typeof data.y.length !== 'number') {
    throw new InputError('data must be {X, y, weights?}');
  }
  if (typeof options !== 'object' || options === null) throw new InputError('options must be an object');
  const { folds: nFolds, foldId: givenFolds, seed, stratify, measure: measureOption, alphas: alphaOption, workers, foldRunner, ...fitOptions } = options;
  const spec = lossSpec(fitOptions.loss ?? 'squared');
  const measure = checkMeasure(measureOption, spec);
  const alphas = alphaOption ?? [fitOptions.alpha ?? defaultAlpha(fitOptions.penalty)];
  if (!Array.isArray(alphas) || alphas.length === 0) throw new InputError('option alphas: give at least one α');
  alphas.forEach((a) => {
    if (!(typeof a === 'number' && a >= 0 && a <= 1)) throw new InputError(`option alphas: ${show(a)} is not in [0, 1]`);
  });
  checkWorkers(workers);
  if (seed !== undefined && !Number.isInteger(seed)) throw new InputError(`option seed: ${show(seed)} must be an integer`);
  if (stratify && spec.response !== 'binary') {
    throw new InputError(`option stratify: stratified folds need a binary response (loss ${binaryLosses()}), not loss ${spec.name}`);
  }
  // Where the folds run: the CPU, a WebGPU device here (folds × λ in one batch), or headless
  // Chromium for the whole run (Node without a usable Dawn adapter).
  const route = await foldsRoute(fitOptions);
  if (route.kind === 'chromium') {
    const { cvInChromium } = await import('./chromium-cv.js');
    return cvInChromium(data, options, route.executablePath, route.reason);
  }

  // One backend for the whole run (shared-backend.ts): the full fits and the folds run on it,
  // and its device is freed here at the end, whatever happens before.
  try {
    // The folds first (cheap to check), then the full-data fits: they check the data and the
    // options, and give each α its λ.
    const n = data.y.length;
    let foldId: Int32Array;
    let K: number;
    if (givenFolds !== undefined) {
      K = checkFoldId(givenFolds, n);
      foldId = Int32Array.from(givenFolds);
    } else {
      K = nFolds ?? 10;
      checkFoldCount(K, n);
      foldId = randomFolds(n, K, seed ?? 1, stratify ? data.y : undefined);
    }
    const fulls: PathFit[] = [];
    for (const alpha of alphas) fulls.push(await fitPathLent(data, { ...fitOptions, alpha }, route.backend));
    const p = fulls[0].featureNames.length;
    const { data: Xc } = toColumnMajor(data.X, 'X', p);
    const y = Float64Array.from(data.y);
    const weights = data.weights ? Float64Array.from(data.weights) : new Float64Array(n).fill(1);

    const grouped = measure === 'auc' || n / K >= MIN_ROWS_PER_FOLD;
    const warnings: string[] = [];
    if (!grouped) warnings.push(`fewer than ${MIN_ROWS_PER_FOLD} rows per fold: standard errors from single rows (cv.glmnet's grouped = FALSE)`);

    const jobs: FoldJob[] = [];
    const { signal: _signal, onProgress: _progress, ...plain } = fitOptions;
    // The CPU route's fold fits (here or in worker threads) need not choose their backend again.
    const onCpu = route.kind === 'cpu' ? { backend: 'cpu' as const } : {};
    alphas.forEach((alpha, a) => {
      for (let f = 1; f <= K; f++) {
        const rows: number[] = [];
        for (let i = 0; i < n; i++) if (foldId[i] !== f) rows.push(i);
        jobs.push({ alpha: a, fold: f, trainRows: Int32Array.from(rows), options: { ...plain, alpha, lambda: fulls[a].lambda, ...onCpu } });
      }
    });
    const data64 = { X: Xc, y, weights, featureNames: fulls[0].featureNames, nRows: n, nCols: p, hasWeights: !!data.weights };
    const serialEstimate = fulls.reduce((s, fit) => s + fit.timing.totalMs, 0) * K;
    const { runner, threads } = route.kind === 'webgpu'
      ? { runner: route.runner, threads: undefined }
      : await chooseRunner(workers ?? 'auto', jobs.length, serialEstimate, warnings, foldRunner);
    const onDone = fitOptions.onProgress ? (done: number) => fitOptions.onProgress!({ solved: done, total: jobs.length, lambda: NaN }) : undefined;
    const fits = await runner(data64, jobs, { signal: fitOptions.signal, onDone, threads });

    // The measures' loss has the fit's own δ or τ (the defaults included).
    const loss = spec.make(fulls[0].problem);
    const curves: CvCurve[] = alphas.map((alpha, a) => {
      const full = fulls[a];
      const nLambda = full.lambda.length;
      const groupError: number[][] = [];
      const groupWeight: number[] = [];
      for (let f = 1; f <= K; f++) {
        const fit = fits[a * K + f - 1]; // jobs are α-major, folds 1…K within
        const held: number[] = [];
        for (let i = 0; i < n; i++) if (foldId[i] === f) held.push(i);
        const etas = heldOutLinks(fit, Xc, n, held);
        if (measure === 'auc') {
          const labels = held.map((i) => y[i]);
          const rowWeights = held.map((i) => weights[i]);
          groupError.push(etas.map((eta) => weightedAuc(labels, eta, rowWeights)));
          groupWeight.push(held.reduce((s, i) => s + weights[i], 0));
        } else if (grouped) {
          const sw = held.reduce((s, i) => s + weights[i], 0);
          groupError.push(etas.map((eta) => {
            let total = 0;
            for (let t = 0; t < held.length; t++) total += weights[held[t]] * rowError(measure, spec, loss, y[held[t]], eta[t]);
            return total / sw;
          }));
          groupWeight.push(sw);
        } else {
          held.forEach((i, t) => {
            groupError.push(etas.map((eta) => rowError(measure, spec, loss, y[i], eta[t])));
            groupWeight.push(weights[i]);
          });
        }
      }
      const stats = foldStatistics(groupError, groupWeight, nLambda);
      const { indexMin, index1se } = chooseLambda(stats, full.lambda, measure === 'auc');
      return {
        alpha, lambda: full.lambda.slice(), cvm: stats.cvm, cvsd: stats.cvsd, nzero: full.df.slice(),
        indexMin, index1se, lambdaMin: full.lambda[indexMin], lambda1se: full.lambda[index1se], fit: full,
      };
    });
    if (route.kind === 'webgpu') warnings.push(...route.warnings);
    return new CvFit({
      measure, nFolds: K, foldId: Array.from(foldId), grouped, curves, warnings,
      timing: { totalMs: performance.now() - t0, foldFits: jobs.length },
      folds: threads === undefined ? route.folds : { ...route.folds, threads },
    });
  } finally {
    route.backend.release();
  }
}

/**
 * η of the held-out rows at every λ of a fold's fit: the rows' block of X copied once (column-
 * major), then per λ the intercept plus the columns of the nonzero coefficients.
 */
function heldOutLinks(fit: FoldPath, X: Float64Array, n: number, held: number[]): Float64Array[] {
  const m = held.length;
  const p = fit.featureNames.length;
  const block = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let t = 0; t < m; t++) block[j * m + t] = X[j * n + held[t]];
  return fit.lambda.map((_, k) => {
    const eta = new Float64Array(m).fill(fit.intercept[k]);
    const beta = fit.beta[k];
    for (let j = 0; j < p; j++) {
      const b = beta[j];
      if (b === 0) continue;
      const col = j * m;
      for (let t = 0; t < m; t++) eta[t] += block[col + t] * b;
    }
    return eta;
  });
}

/** `workers` is 'auto' or a positive integer (a count above the machine is lowered later, not refused). */
function checkWorkers(workers: unknown): void {
  if (workers === undefined || workers === 'auto') return;
  if (!(typeof workers === 'number' && Number.isInteger(workers) && workers >= 1)) {
    throw new InputError(`option workers: ${show(workers)} must be a positive integer or 'auto'`);
  }
}

const inNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

/** The threads this machine runs at once (Node: available parallelism; a page: its cores), if known. */
async function machineThreads(): Promise<number | undefined> {
  if (inNode()) return (await import('./node-workers.js')).machineThreads();
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Number.isInteger(cores) && cores! >= 1 ? cores : undefined;
}

/**
 * Parallel folds when asked for (or when 'auto' finds they pay): the given runner, else Node's
 * threads; else in turn. The thread count is at most the machine's parallelism and the fold
 * fits; an explicit count lowered to that says so in `warnings`.
 */
async function chooseRunner(
  workers: number | 'auto',
  nJobs: number,
  serialEstimateMs: number,
  warnings: string[],
  parallel?: FoldRunner,
): Promise<{ runner: FoldRunner; threads?: number }> {
  const serial = { runner: serialFolds };
  if (workers === 1 || (workers === 'auto' && serialEstimateMs < AUTO_PARALLEL_MS)) return serial;
  if (!parallel && !inNode()) return serial;
  const machine = (await machineThreads()) ?? Number.POSITIVE_INFINITY;
  let threads: number;
  if (workers === 'auto') {
    threads = Math.min(machine, AUTO_MAX_THREADS, nJobs);
  } else {
    threads = Math.min(workers, machine, nJobs);
    if (threads < workers) {
      const why = threads === nJobs ? `the number of fold fits (folds × α = ${nJobs})` : `the machine's available parallelism (${machine})`;
      warnings.push(`workers: ${workers} lowered to ${threads}, ${why}`);
    }
  }
  if (threads <= 1) return serial;
  if (parallel) return { runner: parallel, threads };
  const { workerFolds, workersAvailable } = await import('./node-workers.js');
  if (workers === 'auto' && !workersAvailable()) return serial;
  return { runner: workerFolds(threads), threads };
}

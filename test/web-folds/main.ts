// Cross-validation in the browser with the folds in Web Workers and in turn, exposed on
// `window.proxpathWebFolds` for test/web-folds.test.ts.

import { cvPath, type CvOptions } from '../../src/index.js';
import { webWorkerFolds } from '../../src/hosts/web-workers.js';

const spawn = () => new Worker(new URL('./fold-worker.ts', import.meta.url), { type: 'module' });

type Curves = { cvm: number[]; cvsd: number[]; indexMin: number; index1se: number }[];

async function cv(X: number[][], y: number[], options: CvOptions, threads: number, runner = webWorkerFolds(spawn, threads)) {
  // workers: threads forces the runner (1: in turn), whatever the folds' expected time.
  const fit = await cvPath({ X, y }, { ...options, backend: 'cpu', workers: threads, foldRunner: runner });
  return {
    curves: fit.curves.map((c) => ({ cvm: c.cvm, cvsd: c.cvsd, indexMin: c.indexMin, index1se: c.index1se })) as Curves,
    threads: fit.folds?.threads,
    warnings: fit.warnings,
  };
}

/**
 * Several runs at once through one runner; the run `abortAt` (if any) is aborted once its first
 * fold is in. Each entry: the run's result, or the name of the error it failed with.
 */
async function cvAtOnce(runs: { X: number[][]; y: number[]; options: CvOptions }[], threads: number, abortAt = -1) {
  const runner = webWorkerFolds(spawn, threads);
  return Promise.all(
    runs.map(({ X, y, options }, i) => {
      const stop = new AbortController();
      const extra: CvOptions = i === abortAt ? { signal: stop.signal, onProgress: (e) => void (e.solved === 1 && stop.abort()) } : {};
      return cv(X, y, { ...options, ...extra }, threads, runner).catch((error: Error) => error.name);
    }),
  );
}

(window as unknown as { proxpathWebFolds: unknown }).proxpathWebFolds = { cv, cvAtOnce };

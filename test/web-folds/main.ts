// Cross-validation in the browser with the folds in Web Workers and in turn, exposed on
// `window.proxpathWebFolds` for test/web-folds.test.ts.

import { cvPath, type CvOptions } from '../../src/index.js';
import { webWorkerFolds } from '../../src/cv/web-workers.js';

const spawn = () => new Worker(new URL('./fold-worker.ts', import.meta.url), { type: 'module' });

async function cv(X: number[][], y: number[], options: CvOptions, threads: number) {
  // workers: threads forces the runner (1: in turn), whatever the folds' expected time.
  const fit = await cvPath({ X, y }, { ...options, backend: 'cpu', workers: threads, foldRunner: webWorkerFolds(spawn, threads) });
  return fit.curves.map((c) => ({ cvm: c.cvm, cvsd: c.cvsd, indexMin: c.indexMin, index1se: c.index1se }));
}

(window as unknown as { proxpathWebFolds: unknown }).proxpathWebFolds = { cv };

// What `fit` and `cv` with --loss multinomial share: the data file read with its target as class
// labels (class-labels.ts), a library call on it under the command's stop signals, its input
// errors restated in the file's and the flags' terms, and the classes in one stderr line.

import { performance } from 'node:perf_hooks';
import { AbortError, InputError } from '../errors.js';
import type { ClassLabel } from '../problem/multinomial-options.js';
import type { MultinomialDataset } from '../problem/types.js';
import { classLabels } from './class-labels.js';
import { inCliTerms } from './cli-terms.js';
import type { DataTable } from './data-table.js';
import { shortList } from './features-line.js';
import type { FitFlags } from './options.js';
import { dataOptionsOf, readData } from './read-data.js';
import { sparseUseOf } from './sparse-plan.js';
import type { StopWatch } from './stop.js';

/** Reads the data file for a multinomial fit; a sparse X is made dense here (the fit's passes are). */
export async function readMultinomialData(file: string, flags: FitFlags, nLambda: number, cv: boolean): Promise<{ data: DataTable; parseMs: number }> {
  const started = performance.now();
  const sparseUse = { ...sparseUseOf({ nLambda }, cv), denseFor: '--loss multinomial' };
  const data = await readData(file, { ...dataOptionsOf(flags), labels: true, sparseUse });
  return { data, parseMs: performance.now() - started };
}

/** Runs `run` on the table as a MultinomialDataset; a stop before or during it is an AbortError. */
export async function runMultinomial<T>(data: DataTable, file: string, stop: StopWatch, run: (dataset: MultinomialDataset, signal: AbortSignal) => Promise<T>): Promise<T> {
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  const dataset: MultinomialDataset = { X: data.X, y: classLabels(data), weights: data.weights, featureNames: data.featureNames };
  return run(dataset, stop.signal).catch((err: unknown) => {
    throw err instanceof InputError ? inCliTerms(err, data, file) : err;
  });
}

/** `classes (3): a, b, c`, for stderr. */
export function classesLine(classes: readonly ClassLabel[]): string {
  return `classes (${classes.length}): ${shortList(classes.map(String))}`;
}

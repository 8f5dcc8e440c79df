// `fit` of the squared loss in one streamed pass: the CSV's rows go block by block into the
// weighted sums that are all the squared loss sees of them (problem/sufficient.ts), never held;
// the path is then fitted to the few rows with the same sums, and reported for the file's rows.

import { fitPath } from '../api/fit-path.js';
import { PathFit } from '../problem/result.js';
import { equivalentRows, SquaredSums } from '../problem/sufficient.js';
import type { FitOptions } from '../problem/types.js';
import { type CsvOptions, type CsvStreamSummary, streamCsv } from './csv.js';

export interface StreamedFit {
  fit: PathFit;
  summary: CsvStreamSummary;
}

/** Sums a CSV file's rows (y − offset with an offset), one block at a time. */
async function sumFile(file: string, options: CsvOptions, signal: AbortSignal): Promise<{ sums: SquaredSums; summary: CsvStreamSummary }> {
  let sums: SquaredSums | null = null;
  const summary = await streamCsv(file, options, (block) => {
    sums ??= new SquaredSums(block.nFeatures);
    const { y, offset } = block;
    const response = offset ? y.map((v, i) => v - offset[i]) : y;
    sums.add(block.count, (j) => block.feature(j), response, block.weights);
  }, signal);
  return { sums: sums!, summary };
}

export async function streamSquaredFit(file: string, csvOptions: CsvOptions, options: FitOptions, signal: AbortSignal): Promise<StreamedFit> {
  const { sums, summary } = await sumFile(file, csvOptions, signal);
  const rows = equivalentRows(sums);
  const p = summary.nFeatures;
  const n = summary.nRows;
  const dataset = {
    X: { data: rows.X, nRows: rows.nRows, nCols: p, layout: 'row-major' as const },
    y: rows.y,
    weights: rows.weights,
    // The offset is already in y; an offset of 0 marks the model as fitted with one.
    ...(summary.offsetName ? { offset: new Float64Array(rows.nRows) } : {}),
    featureNames: summary.featureNames,
  };
  // glmnet's default λ_min ratio follows the file's n, not the equivalent rows'.
  const fitted = await fitPath(dataset, { ...options, lambdaMinRatio: options.lambdaMinRatio ?? (n > p ? 1e-4 : 1e-2), signal });
  const json = fitted.toJSON();
  const fit = new PathFit({
    ...json,
    nullDeviance: (json.nullDeviance / rows.nRows) * n,
    problem: { ...json.problem, n },
  });
  return { fit, summary };
}

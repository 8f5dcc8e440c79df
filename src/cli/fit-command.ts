// `proxpath fit`: a data file in (read-data.ts: CSV, libsvm, Matrix Market, Parquet, Arrow), result JSON out (DESIGN §2), and glmnet's print(fit) table on a terminal.

import { performance } from 'node:perf_hooks';
import { fitPath } from '../api/fit-path.js';
import { AbortError, InputError } from '../errors.js';
import type { Dataset, FitOptions } from '../problem/types.js';
import type { PathFit } from '../problem/result.js';
import { backendLine } from './backend-line.js';
import type { DataTable } from './data-table.js';
import { inCliTerms } from './cli-terms.js';
import { dataInputs, dataOptionsOf, readData } from './read-data.js';
import { readGroupsFile } from './groups-file.js';
import { type FitFlags, inFlagTerms, toFitOptions } from './options.js';
import { deliverFit } from './deliver-fit.js';
import { featuresLine } from './features-line.js';
import { checkOutput } from './output.js';
import { warn } from './report.js';
import { type StopWatch, underStopSignals } from './stop.js';
import { inputFormatOf } from './input-format.js';
import { formatBytes, planCsvFit } from './memory-plan.js';
import { sparseUseOf } from './sparse-plan.js';
import { streamSquaredFit } from './stream-fit.js';

export function fitCommand(file: string, flags: FitFlags): Promise<void> {
  return underStopSignals((stop) => fit(file, flags, stop));
}

async function fit(file: string, flags: FitFlags, stop: StopWatch): Promise<void> {
  if (flags.loss === 'multinomial') return (await import('./multinomial-fit-command.js')).fitMultinomialCommand(file, flags, stop);
  // Everything that can be checked cheaply is checked before the data file is read and the fit runs.
  const options = toFitOptions(flags);
  const inputs = dataInputs(file, flags);
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  await readGroupsFile(options, flags);
  const streaming = await streamingChoice(file, flags, options);
  const fitted = streaming === null ? await fitInMemory(file, flags, options, stop) : await fitStreamed(file, flags, options, stop, streaming);
  const { fit, parseMs } = fitted;

  const json = fit.toJSON();
  await deliverFit(json, parseMs, { format: flags.format, out: flags.out, inputs, signal: stop.signal }, (jsonOnStdout) => [
    featuresLine(fitted.columns), ...fitted.notes, ...(jsonOnStdout ? [] : [backendLine(fit)]), ...breakpointsLine(json),
  ]);

  // Warnings only once all went well: a failed run prints its one error line and nothing else.
  if (fitted.nDropped > 0) {
    warn(`dropped ${fitted.nDropped} of ${fitted.nDropped + fitted.nRows} rows with missing values`);
  }
  for (const message of fit.warnings) warn(message);
}

/** A fit and what the commands say of its data. */
interface Fitted {
  fit: PathFit;
  columns: Parameters<typeof featuresLine>[0];
  nRows: number;
  nDropped: number;
  /** Time spent reading the file (and, streaming, summing its rows). */
  parseMs: number;
  notes: string[];
}

async function fitInMemory(file: string, flags: FitFlags, options: FitOptions, stop: StopWatch): Promise<Fitted> {
  const started = performance.now();
  const data = await readData(file, { ...dataOptionsOf(flags), sparseUse: sparseUseOf(options, false) });
  const parseMs = performance.now() - started;
  const fit = await runOnCsv(data, file, stop, (dataset, signal) => fitPath(dataset, { ...options, signal }));
  return { fit, columns: data, nRows: data.X.nRows, nDropped: data.nDropped, parseMs, notes: [] };
}

async function fitStreamed(file: string, flags: FitFlags, options: FitOptions, stop: StopWatch, why: string): Promise<Fitted> {
  const started = performance.now();
  const { fit, summary } = await streamSquaredFit(file, dataOptionsOf(flags), options, stop.signal).catch((err: unknown) => {
    throw err instanceof InputError ? new InputError(inFlagTerms(err.message)) : err;
  });
  const parseMs = performance.now() - started - fit.timing.totalMs;
  const note = `streamed: ${summary.nRows} rows in one pass (${why}); the squared loss fitted from their weighted sums, no row held`;
  return { fit, columns: summary, nRows: summary.nRows, nDropped: summary.nDropped, parseMs, notes: [note] };
}

/**
 * Whether to stream the file: asked (--stream), or a CSV whose in-memory fit would need more
 * memory than the machine gives (the squared loss streams; the others are refused with the
 * figure). The reason, or null to read the file into memory.
 */
async function streamingChoice(file: string, flags: FitFlags, options: FitOptions): Promise<string | null> {
  const loss = options.loss ?? 'squared';
  const format = inputFormatOf(file, flags.inputFormat);
  if (flags.stream) {
    if (loss !== 'squared') throw new InputError(`option --stream: only the squared loss is fitted from sums in one pass; loss ${loss} needs its rows in memory`);
    if (format !== 'csv') throw new InputError(`option --stream: streams CSV files; ${file} is read as ${format}`);
    return '--stream';
  }
  if (format !== 'csv') return null;
  const plan = await planCsvFit(file, loss === 'absolute' || loss === 'quantile').catch(() => null);
  if (!plan || plan.needed <= plan.budget) return null;
  const size = `about ${formatBytes(plan.needed)} for ≈ ${plan.rows} rows × ${plan.columns} columns, more than the ${formatBytes(plan.budget)} it may use here`;
  if (loss === 'squared') return `in memory the fit would need ${size}`;
  throw new InputError(
    `${file}: the fit needs ${size} (estimated from the file's first MiB); fit a sample of the rows, or use --loss squared, which streams any number of rows in one pass`,
  );
}

/** With --breakpoints: how many the trace found, and where they are. */
function breakpointsLine(json: ReturnType<PathFit['toJSON']>): string[] {
  const traced = json.breakpoints;
  if (!traced) return [];
  const last = json.lambda[json.lambda.length - 1];
  return [`breakpoints: ${traced.lambda.length - 1} between λ = ${traced.lambda[0].toPrecision(4)} and ${last.toPrecision(4)} (the JSON's "breakpoints")`];
}

/**
 * Runs a library call on the data file's table under the command's stop signals (stop.ts): a run
 * stopped before it starts, or during, ends with AbortError. Input errors are restated in the
 * file's terms.
 */
export async function runOnCsv<T>(data: DataTable, file: string, stop: StopWatch, run: (dataset: Dataset, signal: AbortSignal) => Promise<T>): Promise<T> {
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  const dataset = { X: data.X, y: data.y, weights: data.weights, ...(data.offset ? { offset: data.offset } : {}), featureNames: data.featureNames };
  return run(dataset, stop.signal).catch((err: unknown) => {
    throw err instanceof InputError ? inCliTerms(err, data, file) : err;
  });
}

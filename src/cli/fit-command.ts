// `proxpath fit`: a data file in (read-data.ts: CSV, libsvm, Matrix Market, Parquet, Arrow), result JSON out (DESIGN §2), and glmnet's print(fit) table on a terminal.

import { performance } from 'node:perf_hooks';
import { fitPath } from '../api/fit-path.js';
import { AbortError, InputError } from '../errors.js';
import type { Dataset } from '../problem/types.js';
import type { PathFit } from '../problem/result.js';
import { backendLine } from './backend-line.js';
import { type DataTable, rowPlace } from './data-table.js';
import { dataInputs, dataOptionsOf, readData } from './read-data.js';
import { readGroupsFile } from './groups-file.js';
import { FLAGS, type FitFlags, toFitOptions } from './options.js';
import { callLine, chooseFormat, deliver } from './deliver.js';
import { featuresLine } from './features-line.js';
import { fitTable } from './fit-table.js';
import { checkOutput, formatJSON } from './output.js';
import { warn } from './report.js';
import { type StopWatch, underStopSignals } from './stop.js';

export function fitCommand(file: string, flags: FitFlags): Promise<void> {
  return underStopSignals((stop) => fit(file, flags, stop));
}

async function fit(file: string, flags: FitFlags, stop: StopWatch): Promise<void> {
  // Everything that can be checked cheaply is checked before the data file is read and the fit runs.
  const options = toFitOptions(flags);
  const inputs = dataInputs(file, flags);
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  await readGroupsFile(options, flags);

  const started = performance.now();
  const data = await readData(file, dataOptionsOf(flags));
  const parseMs = performance.now() - started;

  const fit = await runOnCsv(data, file, stop, (dataset, signal) => fitPath(dataset, { ...options, signal }));

  // The library's timing covers the fit; parseMs adds the time spent reading the data file.
  const json = fit.toJSON();
  const text = formatJSON({ ...json, timing: { parseMs, ...json.timing } });
  // A signal that came as the run ended still means: write nothing.
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  const format = chooseFormat(flags.format, process.stdout.isTTY === true);
  // What ran where goes to the terminal when the JSON (which says it) does not go to stdout.
  const jsonOnStdout = format === 'json' && flags.out === undefined;
  await deliver({
    format,
    out: flags.out,
    inputs,
    json: text,
    table: () => fitTable(json, callLine('proxpath', process.argv.slice(2))),
    notes: [featuresLine(data), ...(jsonOnStdout ? [] : [backendLine(fit)]), ...breakpointsLine(json)],
  });

  // Warnings only once all went well: a failed run prints its one error line and nothing else.
  if (data.nDropped > 0) {
    warn(`dropped ${data.nDropped} of ${data.nDropped + data.X.nRows} rows with missing values`);
  }
  for (const message of fit.warnings) warn(message);
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

/**
 * Restates a library message in the user's terms: `option nLambda` becomes `option --nlambda`,
 * and `row 5` (of the rows passed to fitPath) becomes the row and line of the file.
 */
function inCliTerms(err: InputError, data: DataTable, file: string): InputError {
  let message = err.message.replace(/^option ([\w.]+):/, (all, key: string) =>
    FLAGS[key] ? `option ${FLAGS[key]}:` : all,
  );
  let mentionsRow = false;
  message = message.replace(/\brow (\d+)\b/g, (all, index: string) => {
    const i = Number(index) - 1;
    if (!(i >= 0 && i < data.origin.row.length)) return all;
    mentionsRow = true;
    return rowPlace(data, i);
  });
  return new InputError(mentionsRow ? `${file}: ${message}` : message);
}

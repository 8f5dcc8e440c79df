// `proxpath cv`: cross-validation of a data file (read-data.ts) (folds random from a seed, stratified, or given
// in a file), for one α or a grid; the CvFit JSON (a loadable model) out.

import { readFile } from 'node:fs/promises';
import { cvPath } from '../api/cv-path.js';
import type { CvOptions } from '../cv/cv-options.js';
import type { MeasureName } from '../cv/measures.js';
import type { Alignment } from '../cv/cv-options.js';
import { AbortError, InputError, show } from '../errors.js';
import { dataInputs, dataOptionsOf, readData } from './read-data.js';
import { runOnCsv } from './fit-command.js';
import { sparseUseOf } from './sparse-plan.js';
import { readGroupsFile } from './groups-file.js';
import { type FitFlags, parseList, parseNumber, toFitOptions } from './options.js';
import { cvTable } from './cv-table.js';
import { callLine, chooseFormat, deliver } from './deliver.js';
import { featuresLine } from './features-line.js';
import { checkOutput, formatJSON } from './output.js';
import { warn } from './report.js';
import { type StopWatch, underStopSignals } from './stop.js';

export interface CvFlags extends FitFlags {
  folds?: string;
  foldid?: string;
  seed?: string;
  stratify?: boolean;
  measure?: string;
  alignment?: string;
  workers?: string;
}

/** A fold file: one fold number per data row, one per line (an optional header line is skipped). */
async function readFoldFile(path: string): Promise<number[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`option --foldid: cannot read ${show(path)}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length > 0 && !/^[+-]?\d/.test(lines[0])) lines.shift(); // a header
  return lines.map((line, i) => {
    const value = Number(line);
    if (!Number.isInteger(value)) throw new InputError(`option --foldid: ${path} line ${i + 1}: ${show(line)} is not a fold number`);
    return value;
  });
}

export function cvCommand(file: string, flags: CvFlags): Promise<void> {
  return underStopSignals((stop) => crossValidate(file, flags, stop));
}

async function crossValidate(file: string, flags: CvFlags, stop: StopWatch): Promise<void> {
  const { alpha, ...rest } = flags;
  const options: CvOptions = toFitOptions(rest);
  if (alpha !== undefined) options.alphas = parseList('--alpha', alpha);
  if (flags.folds !== undefined) options.folds = parseNumber('--folds', flags.folds);
  if (flags.seed !== undefined) options.seed = parseNumber('--seed', flags.seed);
  if (flags.stratify) options.stratify = true;
  if (flags.measure !== undefined) options.measure = flags.measure as MeasureName;
  if (flags.alignment !== undefined) options.alignment = flags.alignment as Alignment;
  options.workers = flags.workers === undefined || flags.workers === 'auto' ? 'auto' : parseNumber('--workers', flags.workers);
  const inputs = [...dataInputs(file, flags), ...(flags.foldid === undefined ? [] : [flags.foldid])];
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  if (flags.foldid !== undefined) options.foldId = await readFoldFile(flags.foldid);
  await readGroupsFile(options, flags);

  const data = await readData(file, { ...dataOptionsOf(flags), sparseUse: sparseUseOf(options, true) });
  if (options.foldId && data.nDropped > 0) {
    throw new InputError('option --foldid: cannot be combined with --drop-incomplete (the fold file counts the rows of the file)');
  }
  const cv = await runOnCsv(data, file, stop, (dataset, signal) => cvPath(dataset, { ...options, signal }));

  const json = cv.toJSON();
  const text = formatJSON(json as unknown as Record<string, unknown>);
  const best = cv.best;
  const relaxed = best.gammaMin === undefined ? '' : `, γ_min = ${best.gammaMin}, γ_1se = ${best.gamma1se}`;
  const summary = `${cv.nFolds}-fold CV (${cv.measure}): best α = ${best.alpha}, λ_min = ${best.lambdaMin.toPrecision(6)}, λ_1se = ${best.lambda1se.toPrecision(6)}${relaxed}, ${cv.measure} = ${best.cvm.toPrecision(6)}`;
  // A signal that came as the run ended still means: write nothing.
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  await deliver({
    format: chooseFormat(flags.format, process.stdout.isTTY === true),
    out: flags.out,
    inputs,
    json: text,
    table: () => cvTable(json, callLine('proxpath', process.argv.slice(2))),
    notes: [featuresLine(data), ...(flags.out !== undefined ? [summary] : [])],
  });
  for (const message of cv.warnings) warn(message);
}

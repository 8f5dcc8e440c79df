// `proxpath cv --loss multinomial`: cv.glmnet's cv.multnet on a data file whose target holds class
// labels: folds random from a seed (the classes dealt evenly over them) or from --foldid, every
// fold fitted on the full fit's λ, the measure deviance, class, mse or mae; the saved CV JSON
// (src/model/multinomial-cv-file.ts, a loadable model) out, glmnet's print(cv) on a terminal.

import { cvPath } from '../api/cv-path.js';
import type { MultinomialCvOptions, MultinomialMeasure } from '../cv/multinomial-cv.js';
import { AbortError, InputError } from '../errors.js';
import { multinomialCvJSON } from '../model/multinomial-cv-file.js';
import type { CvFlags } from './options.js';
import { choiceTable, measureTitle } from './cv-table.js';
import { callLine, chooseFormat, deliver } from './deliver.js';
import { featuresLine } from './features-line.js';
import { readFoldFile } from './fold-file.js';
import { toMultinomialOptions } from './multinomial-flags.js';
import { classesLine, readMultinomialData, runMultinomial } from './multinomial-run.js';
import { parseList, parseNumber } from './options.js';
import { checkOutput, formatJSON } from './output.js';
import { dataInputs } from './read-data.js';
import { warn } from './report.js';
import type { StopWatch } from './stop.js';

const MEASURES: readonly string[] = ['deviance', 'class', 'mse', 'mae'];

/** The CV's options from the flags; what a multinomial CV does not take is refused by name. */
function cvOptions(flags: CvFlags): MultinomialCvOptions {
  const { alpha, folds, seed, measure, alignment, workers, stratify: _stratify, ...rest } = flags;
  const options: MultinomialCvOptions = toMultinomialOptions(rest);
  if (alpha !== undefined) {
    const alphas = parseList('--alpha', alpha);
    if (alphas.length > 1) throw new InputError('option --alpha: a grid of α is not available with --loss multinomial; give one value');
    options.alpha = alphas[0];
  }
  if (measure !== undefined && !MEASURES.includes(measure)) throw new InputError(`option --measure: ${measure} is not available with --loss multinomial (deviance, class, mse or mae)`);
  if (alignment === 'fold-paths') throw new InputError('option --alignment: fold-paths is not available with --loss multinomial (its folds are fitted on the full fit\'s λ)');
  if (workers !== undefined && workers !== 'auto' && parseNumber('--workers', workers) !== 1) {
    throw new InputError('option --workers: not available with --loss multinomial (its folds are fitted one after another)');
  }
  if (measure !== undefined) options.measure = measure as MultinomialMeasure;
  if (folds !== undefined) options.folds = parseNumber('--folds', folds);
  if (seed !== undefined) options.seed = parseNumber('--seed', seed);
  return options;
}

export async function cvMultinomialCommand(file: string, flags: CvFlags, stop: StopWatch): Promise<void> {
  const options = cvOptions(flags);
  const inputs = [...dataInputs(file, flags), ...(flags.foldid === undefined ? [] : [flags.foldid])];
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  if (flags.foldid !== undefined) options.foldId = await readFoldFile(flags.foldid);
  const { data } = await readMultinomialData(file, flags, options.lambda?.length ?? options.nLambda ?? 100, true);
  if (options.foldId && data.nDropped > 0) {
    throw new InputError('option --foldid: cannot be combined with --drop-incomplete (the fold file counts the rows of the file)');
  }
  const cv = await runMultinomial(data, file, stop, (dataset, signal) => cvPath(dataset, { ...options, signal }));

  const json = multinomialCvJSON(cv);
  const summary = `${json.nFolds}-fold CV (${cv.measure}): λ_min = ${cv.lambdaMin.toPrecision(6)}, λ_1se = ${cv.lambda1se.toPrecision(6)}, ${cv.measure} = ${cv.cvm[cv.indexMin].toPrecision(6)}`;
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  const call = callLine('proxpath', process.argv.slice(2));
  await deliver({
    format: chooseFormat(flags.format, process.stdout.isTTY === true),
    out: flags.out,
    inputs,
    json: formatJSON(json as unknown as Record<string, unknown>),
    table: () => `\nCall:  ${call} \n\nMeasure: ${measureTitle(cv.measure, 'multinomial')} \n\n${choiceTable(json)}\n`,
    notes: [featuresLine(data), classesLine(cv.fit.classes), ...(flags.out !== undefined ? [summary] : [])],
  });
  for (const message of cv.fit.warnings) warn(message);
}

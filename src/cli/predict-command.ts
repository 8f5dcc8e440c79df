// `proxpath predict model.json new.csv`: a saved fit or CV result predicts the rows of a data file (read-data.ts)
// (its feature columns found by name) and writes one prediction per row as CSV.

import { readFile } from 'node:fs/promises';
import { CvFit, type CvGamma, type CvLambda } from '../cv/cv-fit.js';
import { loadModel } from '../model/load.js';
import { MULTINOMIAL_CV_FORMAT } from '../model/multinomial-cv-file.js';
import { MULTINOMIAL_FORMAT } from '../problem/multinomial-fit.js';
import { InputError, show } from '../errors.js';
import { PREDICT_TYPES, type PathFit, type PredictType } from '../problem/result.js';
import { readData } from './read-data.js';
import { parseNumber } from './options.js';
import { checkOutput, writeOutput, writeStdout } from './output.js';

export interface PredictFlags {
  lambda?: string;
  alpha?: string;
  gamma?: string;
  type?: string;
  out?: string;
  inputFormat?: string;
  /** The new rows' offsets: a column of the data (--offset), or a file beside sparse data (--offset-file). */
  offset?: string;
  offsetFile?: string;
}

export async function predictCommand(modelFile: string, dataFile: string, flags: PredictFlags): Promise<void> {
  const type = (flags.type ?? 'link') as PredictType;
  if (!PREDICT_TYPES.includes(type)) throw new InputError(`option --type: ${show(flags.type)} must be one of ${PREDICT_TYPES.join(', ')}`);
  let lambda: CvLambda | undefined;
  if (flags.lambda === 'min') lambda = 'lambdaMin';
  else if (flags.lambda === '1se') lambda = 'lambda1se';
  else if (flags.lambda !== undefined) lambda = parseNumber('--lambda', flags.lambda);
  const gamma = gammaOf(flags.gamma);
  const inputs = [modelFile, dataFile, ...(flags.offsetFile !== undefined ? [flags.offsetFile] : [])];
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);

  let text: string;
  try {
    text = await readFile(modelFile, 'utf8');
  } catch {
    throw new InputError(`cannot read model file ${show(modelFile)}`);
  }
  const parsed = parseModel(text);
  if (parsed && (parsed.format === MULTINOMIAL_FORMAT || parsed.format === MULTINOMIAL_CV_FORMAT)) {
    return (await import('./multinomial-predict.js')).predictMultinomial(parsed, modelFile, dataFile, flags, type, lambda, inputs);
  }
  const model = loadModel(parsed ?? text, modelFile);
  const isCv = model instanceof CvFit;
  if (!isCv && typeof lambda === 'string') throw new InputError(`option --lambda: ${flags.lambda} needs a CV result; ${modelFile} is a single fit`);
  if (!isCv && flags.alpha !== undefined) throw new InputError(`option --alpha: needs a CV result; ${modelFile} is a single fit`);
  checkGamma(model, gamma, modelFile);
  const fit = isCv ? (model as CvFit).curves[0].fit : (model as PathFit);
  checkOffsetFlags(fit, flags, modelFile);
  const { offset: offsetColumn, offsetFile } = flags;
  const data = await readData(dataFile, { features: fit.featureNames, inputFormat: flags.inputFormat, offset: offsetColumn, offsetFile });
  const offset = data.offset;

  const predictions = isCv
    ? (model as CvFit).predict(data.X, { lambda, type, gamma, offset, alpha: flags.alpha !== undefined ? parseNumber('--alpha', flags.alpha) : undefined })
    : (model as PathFit).predict(data.X, { lambda: lambda as number | undefined, type, gamma: gamma as number | undefined, offset });
  // Shortest round-trip decimal form: the file reads back to the same float64 values.
  const csv = `prediction\n${Array.from(predictions, (v) => String(v)).join('\n')}\n`;
  if (flags.out !== undefined) await writeOutput(flags.out, csv, inputs);
  else await writeStdout(csv);
}

/** The model file's JSON object, or undefined (loadModel then says what is wrong with the text). */
function parseModel(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The new rows' offsets are given exactly when the model was fit with an offset (as glmnet's
 * newoffset), by one of --offset and --offset-file: checked before the data file is read.
 */
function checkOffsetFlags(fit: PathFit, flags: PredictFlags, modelFile: string): void {
  const given = flags.offset !== undefined || flags.offsetFile !== undefined;
  if (flags.offset !== undefined && flags.offsetFile !== undefined) throw new InputError('option --offset: give --offset or --offset-file, not both');
  if (fit.problem.offset === true && !given) {
    throw new InputError(`${modelFile} was fit with an offset: give the new rows' offsets (--offset <column>, or --offset-file <file> for libsvm and Matrix Market data)`);
  }
  if (fit.problem.offset !== true && given) {
    throw new InputError(`option ${flags.offset !== undefined ? '--offset' : '--offset-file'}: ${modelFile} was fit without an offset`);
  }
}

/** --gamma needs a relaxed model (fitted with --relax), and min and 1se a relaxed CV result. */
function checkGamma(model: PathFit | CvFit, gamma: CvGamma | undefined, modelFile: string): void {
  if (gamma === undefined || gamma === 1) return;
  const isCv = model instanceof CvFit;
  if (!isCv && typeof gamma === 'string') throw new InputError(`option --gamma: ${gamma === 'gammaMin' ? 'min' : '1se'} needs a CV result; ${modelFile} is a single fit`);
  const relaxed = isCv ? model.curves.every((c) => c.relaxed) : (model as PathFit).relaxed !== undefined;
  if (!relaxed) throw new InputError(`option --gamma: ${modelFile} has no relaxed fit (fit it with --relax)`);
}

/** --gamma: min or 1se (a relaxed CV result's choices), or a γ (checked in [0, 1] by the model). */
function gammaOf(text: string | undefined): CvGamma | undefined {
  if (text === undefined) return undefined;
  if (text === 'min') return 'gammaMin';
  if (text === '1se') return 'gamma1se';
  const gamma = parseNumber('--gamma', text);
  if (!(gamma >= 0 && gamma <= 1)) throw new InputError(`option --gamma: ${text} must be in [0, 1] (or min, 1se)`);
  return gamma;
}

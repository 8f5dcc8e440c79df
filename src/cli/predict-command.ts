// `proxpath predict model.json new.csv`: a saved fit or CV result predicts the rows of a data file (read-data.ts)
// (its feature columns found by name) and writes one prediction per row as CSV.

import { readFile } from 'node:fs/promises';
import { CvFit, type CvLambda } from '../cv/cv-fit.js';
import { loadModel } from '../model/load.js';
import { InputError, show } from '../errors.js';
import { PREDICT_TYPES, type PathFit, type PredictType } from '../problem/result.js';
import { readData } from './read-data.js';
import { parseNumber } from './options.js';
import { checkOutput, writeOutput, writeStdout } from './output.js';

export interface PredictFlags {
  lambda?: string;
  alpha?: string;
  type?: string;
  out?: string;
  inputFormat?: string;
}

export async function predictCommand(modelFile: string, dataFile: string, flags: PredictFlags): Promise<void> {
  const type = (flags.type ?? 'link') as PredictType;
  if (!PREDICT_TYPES.includes(type)) throw new InputError(`option --type: ${show(flags.type)} must be one of ${PREDICT_TYPES.join(', ')}`);
  let lambda: CvLambda | undefined;
  if (flags.lambda === 'min') lambda = 'lambdaMin';
  else if (flags.lambda === '1se') lambda = 'lambda1se';
  else if (flags.lambda !== undefined) lambda = parseNumber('--lambda', flags.lambda);
  if (flags.out !== undefined) await checkOutput(flags.out, [modelFile, dataFile]);

  let text: string;
  try {
    text = await readFile(modelFile, 'utf8');
  } catch {
    throw new InputError(`cannot read model file ${show(modelFile)}`);
  }
  const model = loadModel(text, modelFile);
  const isCv = model instanceof CvFit;
  if (!isCv && typeof lambda === 'string') throw new InputError(`option --lambda: ${flags.lambda} needs a CV result; ${modelFile} is a single fit`);
  if (!isCv && flags.alpha !== undefined) throw new InputError(`option --alpha: needs a CV result; ${modelFile} is a single fit`);
  const featureNames = isCv ? (model as CvFit).curves[0].fit.featureNames : (model as PathFit).featureNames;
  const data = await readData(dataFile, { features: featureNames, inputFormat: flags.inputFormat });

  const predictions = isCv
    ? (model as CvFit).predict(data.X, { lambda, type, alpha: flags.alpha !== undefined ? parseNumber('--alpha', flags.alpha) : undefined })
    : (model as PathFit).predict(data.X, { lambda: lambda as number | undefined, type });
  // Shortest round-trip decimal form: the file reads back to the same float64 values.
  const csv = `prediction\n${Array.from(predictions, (v) => String(v)).join('\n')}\n`;
  if (flags.out !== undefined) await writeOutput(flags.out, csv, [modelFile, dataFile]);
  else await writeStdout(csv);
}

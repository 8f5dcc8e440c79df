// `proxpath predict` with a saved multinomial fit or CV: link and response give one column per
// class (headed by the class labels), class gives the label (column `prediction`), one row per
// data row, as CSV. λ: a value (interpolated as glmnet's predict), or for a CV result min or 1se
// (default: the last fitted λ for a fit, λ_1se for a CV result).

import type { CvLambda } from '../cv/cv-fit.js';
import { InputError } from '../errors.js';
import { loadMultinomialModel } from '../model/load-multinomial.js';
import { loadMultinomialCv, MULTINOMIAL_CV_FORMAT } from '../model/multinomial-cv-file.js';
import type { PredictType } from '../problem/result.js';
import { csvCell } from './class-labels.js';
import { writeOutput, writeStdout } from './output.js';
import { readData } from './read-data.js';

/** The predict flags this path reads. */
interface Flags {
  alpha?: string;
  gamma?: string;
  offset?: string;
  offsetFile?: string;
  inputFormat?: string;
  out?: string;
}

/** The flags a multinomial model has no use for, refused before the data file is read. */
function checkFlags(flags: Flags, modelFile: string, isCv: boolean, lambda: CvLambda | undefined): void {
  if (!isCv && typeof lambda === 'string') throw new InputError(`option --lambda: ${lambda === 'lambdaMin' ? 'min' : '1se'} needs a CV result; ${modelFile} is a single fit`);
  if (flags.alpha !== undefined) throw new InputError(`option --alpha: ${modelFile} is a multinomial ${isCv ? 'CV result of one α' : 'fit'}`);
  if (flags.gamma !== undefined) throw new InputError(`option --gamma: ${modelFile} has no relaxed fit (a multinomial fit has none)`);
  for (const flag of ['offset', 'offsetFile'] as const) {
    if (flags[flag] !== undefined) throw new InputError(`option ${flag === 'offset' ? '--offset' : '--offset-file'}: ${modelFile} was fit without an offset (a multinomial fit takes none)`);
  }
}

export async function predictMultinomial(
  model: Record<string, unknown>, modelFile: string, dataFile: string, flags: Flags, type: PredictType, lambda: CvLambda | undefined, inputs: string[],
): Promise<void> {
  const isCv = model.format === MULTINOMIAL_CV_FORMAT;
  checkFlags(flags, modelFile, isCv, lambda);
  const cv = isCv ? loadMultinomialCv(model, modelFile) : undefined;
  const fit = cv ? cv.fit : loadMultinomialModel(model, modelFile);
  const at = lambda === 'lambdaMin' ? cv!.lambdaMin : lambda === 'lambda1se' || (lambda === undefined && cv) ? cv!.lambda1se : lambda;
  const data = await readData(dataFile, { features: fit.featureNames, inputFormat: flags.inputFormat });
  let csv: string;
  if (type === 'class') {
    const labels = fit.predict(data.X, { lambda: at, type: 'class' });
    csv = `prediction\n${labels.map(csvCell).join('\n')}\n`;
  } else {
    const rows = fit.predict(data.X, { lambda: at, type });
    // Shortest round-trip decimal form: the file reads back to the same float64 values.
    csv = `${fit.classes.map(csvCell).join(',')}\n${rows.map((row) => row.map(String).join(',')).join('\n')}\n`;
  }
  if (flags.out !== undefined) await writeOutput(flags.out, csv, inputs);
  else await writeStdout(csv);
}

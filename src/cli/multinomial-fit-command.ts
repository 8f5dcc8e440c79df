// `proxpath fit --loss multinomial`: a data file whose target holds class labels (C ≥ 3) in, the
// MultinomialFit JSON out (beta [K][C][p], intercept [K][C], classes), and on a terminal glmnet's
// print(fit) of a multnet: Df (features nonzero in any class), %Dev, Lambda per λ.

import { fitPath } from '../api/fit-path.js';
import { backendLine } from './backend-line.js';
import { deliverFit } from './deliver-fit.js';
import { featuresLine } from './features-line.js';
import { toMultinomialOptions } from './multinomial-flags.js';
import { classesLine, readMultinomialData, runMultinomial } from './multinomial-run.js';
import type { FitFlags } from './options.js';
import { checkOutput } from './output.js';
import { dataInputs } from './read-data.js';
import { warn } from './report.js';
import type { StopWatch } from './stop.js';

export async function fitMultinomialCommand(file: string, flags: FitFlags, stop: StopWatch): Promise<void> {
  const options = toMultinomialOptions(flags);
  const inputs = dataInputs(file, flags);
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  const { data, parseMs } = await readMultinomialData(file, flags, options.lambda?.length ?? options.nLambda ?? 100, false);
  const fit = await runMultinomial(data, file, stop, (dataset, signal) => fitPath(dataset, { ...options, signal }));

  await deliverFit(fit.toJSON(), parseMs, { format: flags.format, out: flags.out, inputs, signal: stop.signal }, (jsonOnStdout) => [
    featuresLine(data), classesLine(fit.classes), ...(jsonOnStdout ? [] : [backendLine(fit)]),
  ]);
  if (data.nDropped > 0) warn(`dropped ${data.nDropped} of ${data.nDropped + data.X.nRows} rows with missing values`);
  for (const message of fit.warnings) warn(message);
}

// `proxpath fit --loss multinomial`: a data file whose target holds class labels (C ≥ 3) in, the
// MultinomialFit JSON out (beta [K][C][p], intercept [K][C], classes), and on a terminal glmnet's
// print(fit) of a multnet: Df (features nonzero in any class), %Dev, Lambda per λ.

import { fitPath } from '../api/fit-path.js';
import { AbortError } from '../errors.js';
import { backendLine } from './backend-line.js';
import { callLine, chooseFormat, deliver } from './deliver.js';
import { featuresLine } from './features-line.js';
import { fitTable } from './fit-table.js';
import { toMultinomialOptions } from './multinomial-flags.js';
import { classesLine, readMultinomialData, runMultinomial } from './multinomial-run.js';
import type { FitFlags } from './options.js';
import { checkOutput, formatJSON } from './output.js';
import { dataInputs } from './read-data.js';
import { warn } from './report.js';
import type { StopWatch } from './stop.js';

export async function fitMultinomialCommand(file: string, flags: FitFlags, stop: StopWatch): Promise<void> {
  const options = toMultinomialOptions(flags);
  const inputs = dataInputs(file, flags);
  if (flags.out !== undefined) await checkOutput(flags.out, inputs);
  const { data, parseMs } = await readMultinomialData(file, flags, options.lambda?.length ?? options.nLambda ?? 100, false);
  const fit = await runMultinomial(data, file, stop, (dataset, signal) => fitPath(dataset, { ...options, signal }));

  const json = fit.toJSON();
  const text = formatJSON({ ...json, timing: { parseMs, ...json.timing } });
  if (stop.signal.aborted) throw new AbortError('the fit was aborted');
  const format = chooseFormat(flags.format, process.stdout.isTTY === true);
  const jsonOnStdout = format === 'json' && flags.out === undefined;
  await deliver({
    format,
    out: flags.out,
    inputs,
    json: text,
    table: () => fitTable(json, callLine('proxpath', process.argv.slice(2))),
    notes: [featuresLine(data), classesLine(fit.classes), ...(jsonOnStdout ? [] : [backendLine(fit)])],
  });
  if (data.nDropped > 0) warn(`dropped ${data.nDropped} of ${data.nDropped + data.X.nRows} rows with missing values`);
  for (const message of fit.warnings) warn(message);
}

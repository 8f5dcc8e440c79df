// What `proxpath fit` delivers, whatever the loss: the fit's JSON with the time spent reading the
// data file (parseMs), nothing when the run was stopped, and on a terminal glmnet's print(fit).

import { AbortError } from '../errors.js';
import type { PathFitJSON } from '../problem/result.js';
import { callLine, chooseFormat, deliver } from './deliver.js';
import { fitTable } from './fit-table.js';
import { formatJSON } from './output.js';

/** The fit's JSON as far as delivering it needs (a PathFitJSON or a MultinomialFitJSON). */
type FitJSON = Pick<PathFitJSON, 'lambda' | 'df' | 'devRatio' | 'relaxed'> & { timing: object };

/**
 * Writes the JSON (with parseMs in its timing) and the table where --format and --out say; the
 * notes, given whether the JSON goes to stdout, follow on stderr.
 */
export async function deliverFit(
  json: FitJSON,
  parseMs: number,
  run: { format: string | undefined; out: string | undefined; inputs: readonly string[]; signal: AbortSignal },
  notes: (jsonOnStdout: boolean) => string[],
): Promise<void> {
  // The library's timing covers the fit; parseMs adds the time spent reading the data file.
  const text = formatJSON({ ...json, timing: { parseMs, ...json.timing } });
  // A signal that came as the run ended still means: write nothing.
  if (run.signal.aborted) throw new AbortError('the fit was aborted');
  const format = chooseFormat(run.format, process.stdout.isTTY === true);
  // What ran where goes to the terminal when the JSON (which says it) does not go to stdout.
  const jsonOnStdout = format === 'json' && run.out === undefined;
  await deliver({
    format,
    out: run.out,
    inputs: run.inputs,
    json: text,
    table: () => fitTable(json, callLine('proxpath', process.argv.slice(2))),
    notes: notes(jsonOnStdout),
  });
}

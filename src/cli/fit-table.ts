// `proxpath fit` on a terminal: glmnet's print(fit). glmnet prints
//   data.frame(Df = df, `%Dev` = round(dev.ratio * 100, 2), Lambda = signif(lambda, 4))
// as an "anova" table (printCoefmat, digits 5), one row per λ numbered from 1, after a Call line.
// A relaxed fit (--relax) is print.relaxed's: a `Relaxed` line, and the refits' `%Dev R` before
// Lambda, blank where a λ was not refit (its support over n − 3 features; NA in R).

import type { PathFitJSON } from '../problem/result.js';
import { anovaColumn, integerColumn, printMatrix, signif } from './r-format.js';

/** print.anova's default digits: max(getOption("digits") − 2, 3) with R's default digits 7. */
const FIT_DIGITS = 5;

const percent = (ratios: number[]) => ratios.map((d) => Number((d * 100).toFixed(2)));

/** The table of print(fit), after `Call:  <call>` as glmnet writes it. */
export function fitTable(fit: Pick<PathFitJSON, 'lambda' | 'df' | 'devRatio' | 'relaxed'>, call: string): string {
  const rowNames = fit.lambda.map((_, k) => String(k + 1));
  const table = printMatrix(rowNames, [
    { name: 'Df', cells: integerColumn(fit.df) },
    { name: '%Dev', cells: anovaColumn(percent(fit.devRatio), FIT_DIGITS) },
    ...(fit.relaxed ? [{ name: '%Dev R', cells: refitColumn(fit.relaxed) }] : []),
    { name: 'Lambda', cells: anovaColumn(fit.lambda.map((l) => signif(l, 4)), FIT_DIGITS) },
  ]);
  return `\nCall:  ${call} \n${fit.relaxed ? 'Relaxed\n' : ''}\n${table}\n`;
}

/** The refits' %Dev, formatted over the λ refit; the others blank. */
function refitColumn(relaxed: NonNullable<PathFitJSON['relaxed']>): string[] {
  const refit = relaxed.devRatio.flatMap((d, k) => (relaxed.refit[k] ? [d] : []));
  const cells = anovaColumn(percent(refit), FIT_DIGITS);
  let next = 0;
  return relaxed.refit.map((r) => (r ? cells[next++] : ''));
}

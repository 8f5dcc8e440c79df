// `proxpath fit` on a terminal: glmnet's print(fit). glmnet prints
//   data.frame(Df = df, `%Dev` = round(dev.ratio * 100, 2), Lambda = signif(lambda, 4))
// as an "anova" table (printCoefmat, digits 5), one row per λ numbered from 1, after a Call line.

import type { PathFitJSON } from '../problem/result.js';
import { anovaColumn, integerColumn, printMatrix, signif } from './r-format.js';

/** print.anova's default digits: max(getOption("digits") − 2, 3) with R's default digits 7. */
const FIT_DIGITS = 5;

/** The table of print(fit), after `Call:  <call>` as glmnet writes it. */
export function fitTable(fit: Pick<PathFitJSON, 'lambda' | 'df' | 'devRatio'>, call: string): string {
  const rowNames = fit.lambda.map((_, k) => String(k + 1));
  const table = printMatrix(rowNames, [
    { name: 'Df', cells: integerColumn(fit.df) },
    { name: '%Dev', cells: anovaColumn(fit.devRatio.map((d) => Number((d * 100).toFixed(2))), FIT_DIGITS) },
    { name: 'Lambda', cells: anovaColumn(fit.lambda.map((l) => signif(l, 4)), FIT_DIGITS) },
  ]);
  return `\nCall:  ${call} \n\n${table}\n`;
}

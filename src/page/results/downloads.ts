// Files the results panel offers: the result JSON (the library's own format), the coefficient
// path as CSV (one row per λ), and each chart as PNG or SVG.

import type { PathFitJSON } from '../../index.js';

/** One row per λ: lambda, df, devRatio, intercept, then the coefficients (original scale). */
export function pathCsv(fit: PathFitJSON): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['lambda', 'df', 'devRatio', 'intercept', ...fit.featureNames].map(quote).join(',')];
  fit.lambda.forEach((l, k) => lines.push([l, fit.df[k], fit.devRatio[k], fit.intercept[k], ...fit.beta[k]].map(String).join(',')));
  return `${lines.join('\n')}\n`;
}

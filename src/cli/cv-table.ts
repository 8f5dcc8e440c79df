// `proxpath cv` on a terminal: glmnet's print(cv). glmnet prints the rows `min` and `1se` with
// Lambda, Index (1-based), Measure (cvm), SE (cvsd) and Nonzero, as an "anova" table with
// digits 4, after `Measure: <name>`. With an α grid there is one such table per α. A relaxed CV
// (--relax) is print.cv.relaxed's: Gamma and its Index (1-based, in the γ grid) before Lambda.

import type { CvFitJSON } from '../cv/cv-fit.js';
import type { MeasureName } from '../cv/measures.js';
import { anovaColumn, printMatrix } from './r-format.js';

/** print.cv.glmnet's digits: max(3, getOption("digits") − 3). */
const CV_DIGITS = 4;

/** cv.glmnet's names of its measures (type.measure), per loss for the deviance. */
export function measureTitle(measure: MeasureName, loss: string): string {
  switch (measure) {
    case 'mse': return 'Mean-Squared Error';
    case 'mae': return 'Mean Absolute Error';
    case 'class': return 'Misclassification Error';
    case 'auc': return 'AUC';
    case 'deviance':
      if (loss === 'squared') return 'Mean-Squared Error'; // glmnet's gaussian deviance is the MSE
      if (loss === 'logistic') return 'Binomial Deviance';
      if (loss === 'poisson') return 'Poisson Deviance';
      if (loss === 'multinomial') return 'Multinomial Deviance';
      return `Deviance (2 × (${loss} loss − its saturated value))`;
  }
}

const column = (name: string, values: number[]) => ({ name, cells: anovaColumn(values, CV_DIGITS) });

/** One curve's rows min and 1se. */
function curveTable(curve: CvFitJSON['curves'][number]): string {
  return curve.relaxed ? relaxedTable(curve, curve.relaxed) : choiceTable(curve);
}

/** The rows min and 1se of a curve's λ choices (any loss's, multinomial's too). */
export function choiceTable(curve: Pick<CvFitJSON['curves'][number], 'lambda' | 'cvm' | 'cvsd' | 'nzero' | 'indexMin' | 'index1se'>): string {
  const at = [curve.indexMin, curve.index1se];
  return printMatrix(['min', '1se'], [
    column('Lambda', at.map((k) => curve.lambda[k])),
    column('Index', at.map((k) => k + 1)),
    column('Measure', at.map((k) => curve.cvm[k])),
    column('SE', at.map((k) => curve.cvsd[k])),
    column('Nonzero', at.map((k) => curve.nzero[k])),
  ]);
}

/** The text of print(cv), after `Call:  <call>`; with several α, one table per α, the best marked. */
export function cvTable(cv: Pick<CvFitJSON, 'measure' | 'curves' | 'best' | 'nFolds'>, call: string): string {
  const loss = cv.curves[0]?.fit.problem.loss ?? '';
  const head = `\nCall:  ${call} \n\nMeasure: ${measureTitle(cv.measure, loss)} \n\n`;
  if (cv.curves.length === 1) return `${head}${curveTable(cv.curves[0])}\n`;
  const blocks = cv.curves.map((curve, a) => {
    const best = a === cv.best.curve ? ' (best)' : '';
    return `alpha = ${curve.alpha}${best}\n${curveTable(curve)}\n`;
  });
  return `${head}${blocks.join('\n')}`;
}

/** A relaxed curve's rows min and 1se: its (γ, λ) choices. */
function relaxedTable(curve: CvFitJSON['curves'][number], r: NonNullable<CvFitJSON['curves'][number]['relaxed']>): string {
  const at = [
    { g: r.gammaIndexMin, k: r.indexMin },
    { g: r.gammaIndex1se, k: r.index1se },
  ];
  return printMatrix(['min', '1se'], [
    column('Gamma', at.map(({ g }) => r.gamma[g])),
    column('Index', at.map(({ g }) => g + 1)),
    column('Lambda', at.map(({ k }) => curve.lambda[k])),
    column('Index', at.map(({ k }) => k + 1)),
    column('Measure', at.map(({ g, k }) => r.cvm[g][k])),
    column('SE', at.map(({ g, k }) => r.cvsd[g][k])),
    column('Nonzero', at.map(({ k }) => curve.nzero[k])),
  ]);
}

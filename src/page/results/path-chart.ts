// glmnet's plot: each coefficient along the path against log λ; hovering a line names its feature,
// clicking selects the nearest λ (a solid vertical mark).

import type { PathFitJSON } from '../../index.js';
import { fmt } from '../ui/dom.js';
import { Chart, GRID, lambdaMark, logLambdaAxis, valueAxis } from './chart.js';

/** The features whose coefficient is nonzero somewhere on the path (the others are flat at 0). */
export function movingFeatures(fit: PathFitJSON): number[] {
  return fit.featureNames.map((_, j) => j).filter((j) => fit.beta.some((b) => b[j] !== 0));
}

export function drawPath(chart: Chart, fit: PathFitJSON, selected: number): void {
  const logLambda = fit.lambda.map((l) => Math.log(l));
  const shown = movingFeatures(fit);
  chart.set({
    grid: GRID,
    xAxis: logLambdaAxis,
    yAxis: valueAxis('coefficient'),
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value?: number[]; dataIndex: number }) => {
        const k = p.dataIndex ?? 0;
        const v = p.value ?? [logLambda[k], 0];
        return `<b>${escape(p.seriesName)}</b><br>β = ${fmt(v[1])} at λ = ${fmt(Math.exp(v[0]))}`;
      },
    },
    series: [
      ...shown.map((j) => ({
        id: `f${j}`,
        name: fit.featureNames[j],
        type: 'line',
        showSymbol: false,
        triggerLineEvent: true,
        emphasis: { focus: 'series', lineStyle: { width: 3 } },
        lineStyle: { width: 1.6 },
        data: fit.lambda.map((_, k) => [logLambda[k], fit.beta[k][j]]),
      })),
      { id: 'selected', type: 'line', data: [], silent: true, markLine: markOf(fit, selected) },
    ],
  });
}

export function markSelected(chart: Chart, fit: PathFitJSON, selected: number): void {
  chart.update({ series: [{ id: 'selected', markLine: markOf(fit, selected) }] });
}

const markOf = (fit: PathFitJSON, k: number) => ({ symbol: 'none', silent: true, animation: false, data: [lambdaMark('selected', fit.lambda[k], '#1d1d1f', false)] });

/** The index of the λ nearest to a log λ. */
export function nearestLambda(fit: PathFitJSON, logLambda: number): number {
  let best = 0;
  fit.lambda.forEach((l, k) => {
    if (Math.abs(Math.log(l) - logLambda) < Math.abs(Math.log(fit.lambda[best]) - logLambda)) best = k;
  });
  return best;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// glmnet's plot(fit, label = TRUE): each coefficient along the path against log λ, its feature's
// name at the line's small-λ end (in room left of the lines, as glmnet puts it), the number of
// nonzero coefficients on the top axis; clicking selects the nearest λ (a solid vertical mark).
// Hovering names the nearest line (path-hover.ts).

import type { PathFitJSON } from '../../index.js';
import { Chart, GRID, lambdaMark, valueAxis } from './chart.js';
import { extent, lambdaAxes, nearestIndex } from './lambda-axes.js';
import { endLabels, labelGraphics } from './path-labels.js';

/** The features whose coefficient is nonzero somewhere on the path (the others are flat at 0). */
export function movingFeatures(fit: PathFitJSON): number[] {
  return fit.featureNames.map((_, j) => j).filter((j) => fit.beta.some((b) => b[j] !== 0));
}

export const PATH_GRID = { ...GRID, left: 64, top: 52 };
const LABEL_FONT = 11;
/** Line colours, each at least 4.5:1 against white (they colour the labels too). */
const PALETTE = ['#1f5fbf', '#c62828', '#2e7d32', '#6a1b9a', '#8d4e00', '#00796b', '#ad1457', '#455a64', '#b45309', '#283593'];

/** How far left of the smallest log λ the axis starts, so the longest label fits (≤ 40 % of the plot). */
function labelRoom(chart: Chart, names: string[], span: number): number {
  if (names.length === 0) return 0;
  const plot = Math.max(chart.container.clientWidth - PATH_GRID.left - PATH_GRID.right, 120);
  const longest = Math.max(...names.map((n) => n.length));
  const px = Math.min(longest * LABEL_FONT * 0.62 + 10, 0.4 * plot);
  return (px * span) / (plot - px);
}

/** `describe()`: the tooltip of the hovered line (path-hover.ts shows it; ECharts' item tooltip needs a symbol under the pointer). */
export function drawPath(chart: Chart, fit: PathFitJSON, selected: number, describe: () => string): void {
  const logLambda = fit.lambda.map((l) => Math.log(l));
  const shown = movingFeatures(fit);
  const last = fit.lambda.length - 1;
  const labelled = shown.filter((j) => fit.beta[last][j] !== 0);
  const [lo, hi] = extent(logLambda);
  const min = lo - labelRoom(chart, labelled.map((j) => fit.featureNames[j]), Math.max(hi - lo, 1e-9));
  chart.set({
    grid: PATH_GRID,
    xAxis: lambdaAxes(logLambda, fit.df, min, hi),
    yAxis: valueAxis('coefficient', { nameLocation: 'middle', nameGap: 48 }),
    tooltip: { trigger: 'axis', triggerOn: 'none', axisPointer: { type: 'none' }, confine: true, formatter: describe, position: (point: number[]) => [point[0] + 14, point[1] + 10] },
    color: PALETTE,
    series: [
      ...shown.map((j) => ({
        id: `f${j}`,
        name: fit.featureNames[j],
        type: 'line',
        showSymbol: false,
        emphasis: { focus: 'series', lineStyle: { width: 3 } },
        lineStyle: { width: 1.6 },
        data: fit.lambda.map((_, k) => [logLambda[k], fit.beta[k][j]]),
      })),
      { id: 'selected', type: 'line', data: [], silent: true, markLine: markOf(fit, selected) },
    ],
  });
  placeLabels(chart, fit, shown);
}

/** The line-end names, placed now and again whenever the chart is resized. */
function placeLabels(chart: Chart, fit: PathFitJSON, shown: number[]): void {
  const place = () => chart.update({ graphic: labelGraphics(chart, endLabels(chart, fit, shown, PALETTE)) }, ['graphic']);
  place();
  chart.afterResize = place;
}

export function markSelected(chart: Chart, fit: PathFitJSON, selected: number): void {
  chart.update({ series: [{ id: 'selected', markLine: markOf(fit, selected) }] });
}

const markOf = (fit: PathFitJSON, k: number) => ({ symbol: 'none', silent: true, animation: false, data: [lambdaMark('selected', fit.lambda[k], '#1d1d1f', false)] });

/** The index of the λ nearest to a log λ. */
export function nearestLambda(fit: PathFitJSON, logLambda: number): number {
  return nearestIndex(
    fit.lambda.map((l) => Math.log(l)),
    logLambda,
  );
}

// Along the path: the number of nonzero coefficients (left axis) and the fraction of deviance
// explained (right axis, 0 to 1).

import type { PathFitJSON } from '../../index.js';
import { Chart, GRID, logLambdaAxis, valueAxis } from './chart.js';

export function drawStats(chart: Chart, fit: PathFitJSON): void {
  const x = fit.lambda.map((l) => Math.log(l));
  chart.set({
    grid: { ...GRID, right: 56, bottom: 72 },
    legend: { bottom: 0, data: ['nonzero coefficients', 'deviance ratio'] },
    xAxis: logLambdaAxis,
    yAxis: [valueAxis('nonzero', { scale: false, minInterval: 1 }), valueAxis('dev. ratio', { scale: false, min: 0, max: 1, splitLine: { show: false } })],
    tooltip: { trigger: 'axis' },
    series: [
      { name: 'nonzero coefficients', type: 'line', step: 'middle', showSymbol: false, data: x.map((v, k) => [v, fit.df[k]]), itemStyle: { color: '#0b57d0' } },
      { name: 'deviance ratio', type: 'line', yAxisIndex: 1, showSymbol: false, data: x.map((v, k) => [v, fit.devRatio[k]]), itemStyle: { color: '#c62828' } },
    ],
  });
}

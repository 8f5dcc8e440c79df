// Along the path: the number of nonzero coefficients (left axis) and the fraction of deviance
// explained (right axis, 0 to 1); the tooltip says λ and both, rounded for people.

import type { PathFitJSON } from '../../index.js';
import { fmt } from '../ui/dom.js';
import { Chart, GRID, valueAxis } from './chart.js';
import { extent, lambdaAxes, lambdaText } from './lambda-axes.js';

export function drawStats(chart: Chart, fit: PathFitJSON): void {
  const x = fit.lambda.map((l) => Math.log(l));
  const [lo, hi] = extent(x);
  chart.set({
    grid: { ...GRID, right: 56, bottom: 72 },
    legend: { bottom: 0, data: ['nonzero coefficients', 'deviance ratio'] },
    xAxis: lambdaAxes(x, fit.df, lo, hi)[0],
    yAxis: [valueAxis('nonzero', { scale: false, minInterval: 1 }), valueAxis('dev. ratio', { scale: false, min: 0, max: 1, splitLine: { show: false } })],
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const k = params[0]?.dataIndex ?? 0;
        return `${lambdaText(fit.lambda[k])}<br>nonzero coefficients: ${fit.df[k]}<br>deviance ratio: ${fmt(fit.devRatio[k], 3)}`;
      },
    },
    series: [
      { name: 'nonzero coefficients', type: 'line', step: 'middle', showSymbol: false, data: x.map((v, k) => [v, fit.df[k]]), itemStyle: { color: '#0b57d0' } },
      { name: 'deviance ratio', type: 'line', yAxisIndex: 1, showSymbol: false, data: x.map((v, k) => [v, fit.devRatio[k]]), itemStyle: { color: '#c62828' } },
    ],
  });
}

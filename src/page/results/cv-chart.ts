// The cross-validation curve: mean held-out error per λ with ±1 standard error bars, and the
// λ_min and λ_1se marks, and the number of nonzero coefficients on the top axis, as glmnet's
// plot.cv.glmnet. A relaxed fit shows its γ_min curve, and each mark its γ (cv-choice.ts).

import type { CvCurveJSON } from '../../cv/cv-fit.js';
import { fmt } from '../ui/dom.js';
import { cvChoice, gammaText } from './cv-choice.js';
import { Chart, GRID, lambdaMark, valueAxis } from './chart.js';
import { extent, lambdaAxes, lambdaText } from './lambda-axes.js';

const RED = '#c62828';

export function drawCv(chart: Chart, full: CvCurveJSON, measure: string): void {
  const choice = cvChoice(full);
  const curve = { ...full, ...choice };
  const name = choice.gammaMin === undefined ? measure : `${measure} (γ = ${choice.gammaMin})`;
  const x = curve.lambda.map((l) => Math.log(l));
  const [lo, hi] = extent(x);
  chart.set({
    grid: { ...GRID, left: 64, top: 52 },
    xAxis: lambdaAxes(x, curve.nzero, lo, hi),
    yAxis: valueAxis(measure, { nameLocation: 'middle', nameGap: 48 }),
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const k = params[0]?.dataIndex ?? 0;
        return `${lambdaText(curve.lambda[k])}<br>${name} = ${fmt(curve.cvm[k])} ± ${fmt(curve.cvsd[k])} (1 SE)<br>nonzero coefficients: ${curve.nzero[k]}`;
      },
    },
    series: [
      {
        id: 'bars',
        name: '±1 SE',
        type: 'custom',
        silent: true,
        data: x.map((v, k) => [v, curve.cvm[k] - curve.cvsd[k], curve.cvm[k] + curve.cvsd[k]]),
        encode: { x: 0, y: [1, 2] },
        renderItem: (_params: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) => {
          const lo = api.coord([api.value(0), api.value(1)]);
          const hi = api.coord([api.value(0), api.value(2)]);
          const w = 3;
          const style = { stroke: '#8a8a94', lineWidth: 1 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style },
              { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style },
            ],
          };
        },
        z: 1,
      },
      {
        id: 'cvm',
        name,
        type: 'line',
        symbol: 'circle',
        symbolSize: 5,
        itemStyle: { color: RED },
        lineStyle: { width: 0 },
        data: x.map((v, k) => [v, curve.cvm[k]]),
        z: 2,
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            lambdaMark(`λ_min ${fmt(curve.lambdaMin)}${gammaText(choice.gammaMin)}`, curve.lambdaMin, '#0b57d0'),
            lambdaMark(`λ_1se ${fmt(curve.lambda1se)}${gammaText(choice.gamma1se)}`, curve.lambda1se, '#2e7d32'),
          ],
        },
      },
    ],
  });
}

// The feature names at the small-λ ends of the coefficient paths (glmnet's label = TRUE), placed
// in pixels once ECharts has laid the chart out: each name left of its line's end, pushed apart
// vertically so none overlap; when more lines end than names fit, the largest |β| are named.

import type { PathFitJSON } from '../../index.js';
import type { Chart } from './chart.js';

const FONT_PX = 11;
const GAP_PX = FONT_PX + 2;

export interface EndLabel {
  name: string;
  color: string;
  /** The line's end, in pixels. */
  x: number;
  y: number;
}

/** Label centres from line-end heights: in order, at least GAP_PX apart, within [top, bottom]. */
export function spread(ys: number[], top: number, bottom: number): number[] {
  const order = ys.map((_, i) => i).sort((a, b) => ys[a] - ys[b]);
  const placed = new Array<number>(ys.length);
  let previous = -Infinity;
  for (const i of order) previous = placed[i] = Math.max(ys[i], previous + GAP_PX, top);
  let next = Infinity;
  for (const i of [...order].reverse()) next = placed[i] = Math.max(Math.min(placed[i], next - GAP_PX, bottom), top);
  return placed;
}

/** The labels of the lines that end away from 0, as many as fit in the plot's height. */
export function endLabels(chart: Chart, fit: PathFitJSON, shown: number[], colors: string[]): EndLabel[] {
  const last = fit.lambda.length - 1;
  const x = Math.log(fit.lambda[last]);
  const ends = shown
    .map((j, s) => ({ j, s }))
    .filter(({ j }) => fit.beta[last][j] !== 0)
    .sort((a, b) => Math.abs(fit.beta[last][b.j]) - Math.abs(fit.beta[last][a.j]));
  const rect = gridRect(chart);
  const fits = Math.max(1, Math.floor(rect.height / GAP_PX));
  return ends.slice(0, fits).map(({ j, s }) => {
    const [px, py] = chart.instance.convertToPixel({ gridIndex: 0 }, [x, fit.beta[last][j]]) as number[];
    return { name: fit.featureNames[j], color: colors[s % colors.length], x: px, y: py };
  });
}

function gridRect(chart: Chart): { y: number; height: number } {
  const model = (chart.instance as unknown as { getModel(): { getComponent(t: string, i: number): { coordinateSystem: { getRect(): { y: number; height: number } } } } }).getModel();
  return model.getComponent('grid', 0).coordinateSystem.getRect();
}

/** ECharts graphic elements: the names, right-aligned just left of the line ends. */
export function labelGraphics(chart: Chart, labels: EndLabel[]) {
  const rect = gridRect(chart);
  const ys = spread(
    labels.map((l) => l.y),
    rect.y + GAP_PX / 2,
    rect.y + rect.height - GAP_PX / 2,
  );
  return labels.map((l, i) => ({
    type: 'text',
    id: `label-${i}`,
    silent: true,
    x: l.x - 5,
    y: ys[i],
    style: { text: l.name, fill: l.color, font: `${FONT_PX}px system-ui, sans-serif`, align: 'right', verticalAlign: 'middle' },
  }));
}

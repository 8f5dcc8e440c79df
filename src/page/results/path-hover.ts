// Naming a coefficient path under the pointer: the line nearest to it (within a few pixels, by
// its height at the pointer's log λ, interpolated between λ) is highlighted, the chart's tooltip
// names its feature and β at the nearest λ, and a line of text under the chart says the same
// (for keyboards, screen readers and tests). ECharts' own hit test needs a pixel-exact hover on
// a 1.6-pixel line; this one does not.

import type { PathFitJSON } from '../../index.js';
import { byId, fmt } from '../ui/dom.js';
import type { Chart } from './chart.js';
import { lambdaText } from './lambda-axes.js';
import { movingFeatures } from './path-chart.js';

/** How far from a line (in pixels, vertically) the pointer still names it. */
const REACH_PX = 10;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export class PathHover {
  private fit: PathFitJSON | null = null;
  private shown: number[] = [];
  private logLambda: number[] = [];
  private current = -1;
  /** The λ index of the hover. */
  private k = 0;
  private readonly readout = byId('path-hover');

  constructor(private readonly chart: Chart) {
    const zr = chart.instance.getZr();
    zr.on('mousemove', (e: { offsetX: number; offsetY: number }) => this.move(e.offsetX, e.offsetY));
    zr.on('globalout', () => this.show(-1, 0));
  }

  setFit(fit: PathFitJSON | null): void {
    this.fit = fit;
    this.shown = fit ? movingFeatures(fit) : [];
    this.logLambda = fit ? fit.lambda.map((l) => Math.log(l)) : [];
    this.current = -1;
    this.readout.textContent = fit ? 'Hover a line to name its feature.' : '';
  }

  /** The tooltip's text: the hovered line's feature and β at the nearest λ. */
  tooltip(): string {
    const fit = this.fit;
    if (!fit || this.current < 0) return '';
    const j = this.shown[this.current];
    const k = this.k;
    return `<b>${escape(fit.featureNames[j])}</b><br>β = ${fmt(fit.beta[k][j])}<br>${lambdaText(fit.lambda[k])}`;
  }

  private move(px: number, py: number): void {
    const x = this.fit ? this.chart.xAt(px, py) : null;
    if (x === null) return this.show(-1, 0);
    const { k0, k1, t } = this.bracket(x);
    let best = -1;
    let bestDistance = REACH_PX;
    this.shown.forEach((j, s) => {
      const beta = this.fit!.beta;
      const y = (1 - t) * beta[k0][j] + t * beta[k1][j];
      const [, yPx] = this.chart.instance.convertToPixel({ gridIndex: 0 }, [x, y]) as number[];
      const distance = Math.abs(yPx - py);
      if (distance < bestDistance) [best, bestDistance] = [s, distance];
    });
    this.show(best, t < 0.5 ? k0 : k1, [px, py]);
  }

  /** The λ indices either side of x (log λ falls along the path) and x's place between them. */
  private bracket(x: number): { k0: number; k1: number; t: number } {
    const ll = this.logLambda;
    if (ll.length === 1 || x >= ll[0]) return { k0: 0, k1: 0, t: 0 };
    for (let k = 1; k < ll.length; k++) {
      if (x >= ll[k]) return { k0: k - 1, k1: k, t: (ll[k - 1] - x) / (ll[k - 1] - ll[k]) };
    }
    return { k0: ll.length - 1, k1: ll.length - 1, t: 0 };
  }

  private show(s: number, k: number, at?: number[]): void {
    const instance = this.chart.instance;
    if (s !== this.current && this.current >= 0) instance.dispatchAction({ type: 'downplay', seriesIndex: this.current });
    if (s < 0) {
      if (this.current >= 0) instance.dispatchAction({ type: 'hideTip' });
      this.current = -1;
      if (this.fit) this.readout.textContent = 'Hover a line to name its feature.';
      delete this.readout.dataset.feature;
      return;
    }
    if (s !== this.current) instance.dispatchAction({ type: 'highlight', seriesIndex: s });
    this.current = s;
    this.k = k;
    instance.dispatchAction({ type: 'showTip', x: at![0], y: at![1] });
    const fit = this.fit!;
    const j = this.shown[s];
    this.readout.textContent = `${fit.featureNames[j]}: β = ${fmt(fit.beta[k][j])} at ${lambdaText(fit.lambda[k])}`;
    this.readout.dataset.feature = fit.featureNames[j];
    this.readout.dataset.lambdaIndex = String(k);
  }
}

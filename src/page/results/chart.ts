// One ECharts chart in the page: canvas on screen, resized with its box, `data-state="drawn"` on
// its container once ECharts has finished rendering (what the tests wait for), and exports: PNG
// from the canvas, SVG by rendering the same option again with ECharts' SVG renderer.

import * as echarts from 'echarts/core';
import { CustomChart, LineChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, CustomChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export type Option = echarts.EChartsCoreOption;

export class Chart {
  readonly instance: echarts.ECharts;
  private option: Option = {};
  /** Called after the chart follows its box's size (what is placed in pixels is placed again). */
  afterResize: (() => void) | null = null;

  constructor(readonly container: HTMLElement) {
    this.instance = echarts.init(container, null, { renderer: 'canvas' });
    this.instance.on('finished', () => {
      if (container.dataset.state === 'drawing') container.dataset.state = 'drawn';
    });
    new ResizeObserver(() => {
      this.instance.resize();
      this.afterResize?.();
    }).observe(container);
  }

  /** Replaces the whole chart. */
  set(option: Option): void {
    this.afterResize = null;
    this.option = { animation: false, ...option };
    this.container.dataset.state = 'drawing';
    this.instance.setOption(this.option, { notMerge: true });
  }

  /** Changes part of the chart (merged by component and series id; `replace`: components replaced whole). */
  update(part: Option, replace: string[] = []): void {
    this.instance.setOption(part, { replaceMerge: replace });
    this.option = this.instance.getOption() as Option;
  }

  png(): string {
    return this.instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  }

  svg(): string {
    const width = Math.max(this.container.clientWidth, 320);
    const height = Math.max(this.container.clientHeight, 240);
    const ssr = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width, height });
    try {
      ssr.setOption({ ...this.option, backgroundColor: '#ffffff', animation: false });
      return ssr.renderToSVGString();
    } finally {
      ssr.dispose();
    }
  }

  /** The data x of a click at a pixel of the chart (for λ selection), or null off the grid. */
  xAt(offsetX: number, offsetY: number): number | null {
    if (!this.instance.containPixel('grid', [offsetX, offsetY])) return null;
    const [x] = this.instance.convertFromPixel('grid', [offsetX, offsetY]) as number[];
    return Number.isFinite(x) ? x : null;
  }

  /** What is drawn belongs to a finished run: no longer `data-state="drawn"` until drawn again. */
  markStale(): void {
    delete this.container.dataset.state;
  }

  clear(): void {
    this.afterResize = null;
    this.instance.clear();
    delete this.container.dataset.state;
  }
}

export const GRID = { left: 56, right: 24, top: 28, bottom: 44, containLabel: false };

/** A value y axis drawn at the left edge (not at x = 0). */
export const valueAxis = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'value', name, nameGap: 8, scale: true, axisLine: { onZero: false }, ...extra });

/** A vertical mark at a λ (selected, λ_min, λ_1se). */
export function lambdaMark(name: string, lambda: number, color: string, dashed = true) {
  return {
    xAxis: Math.log(lambda),
    name,
    label: { formatter: name, position: 'insideEndTop', color },
    lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: 1.5 },
  };
}

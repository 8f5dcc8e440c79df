// The report's charts as SVG strings, rendered by ECharts in Node (server-side, no DOM), so that
// the HTML report carries them inline and needs nothing else to show them.

import * as echarts from 'echarts';
import type { BenchReport } from '../types.js';
import { RUNNER_LABELS, runnerDevice, runnerLabel } from './format.js';
import { agreementBars, type CaseBar, type SizeAxis, speedupBars, timeLines } from './series.js';

export interface Chart {
  id: string;
  title: string;
  /** What the chart shows, in a sentence. */
  caption: string;
  svg: string;
}

const WIDTH = 600;
const HEIGHT = 380;
/** Log axes cannot show 0: exact agreement is drawn at this floor. */
const AGREEMENT_FLOOR = 1e-17;
const AXIS_NAMES: Record<SizeAxis, string> = { n: 'n (samples)', p: 'p (features)', K: 'K (λ values)' };

function render(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, backgroundColor: '#fff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // else Node stays alive
  }
}

const fallbackNote = (report: BenchReport): string => (report.softwareFallback ? ' — GPU: software fallback (SwiftShader)' : '');

function timeChart(report: BenchReport, loss: string, axis: SizeAxis): Chart | null {
  const lines = timeLines(report, loss, axis);
  if (!lines.some((l) => l.points.length > 1)) return null;
  const title = `${loss}: time vs ${axis}${fallbackNote(report)}`;
  const svg = render({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 10 } },
    grid: { left: 70, right: 30, top: 50, bottom: 95 },
    xAxis: { type: 'log', name: AXIS_NAMES[axis], nameLocation: 'middle', nameGap: 28, logBase: 10, min: 'dataMin', max: 'dataMax' },
    yAxis: { type: 'log', name: 'median wall time (ms)', nameLocation: 'middle', nameGap: 50 },
    series: lines.map((line) => ({
      type: 'line',
      name: runnerLabel(line.runner, runnerDevice(report, line.runner)),
      data: line.points,
      symbolSize: 7,
      lineStyle: line.runner === 'chromium' || line.runner === 'dawn' ? { width: 3 } : { width: 2, type: line.runner === 'glmnet' || line.runner === 'sklearn' ? 'dashed' : 'solid' },
    })),
  });
  const others = (['n', 'p', 'K'] as const).filter((a) => a !== axis).map((a) => `${a} = ${({ n: report.config.nSamples, p: report.config.nFeatures, K: report.config.nLambdas })[a][0]}`);
  return { id: `time-${loss}-${axis}`, title, caption: `Median wall time of the whole path against ${AXIS_NAMES[axis]}, ${others.join(', ')}; log–log.`, svg };
}

function barChart(id: string, title: string, caption: string, yName: string, bars: CaseBar[], options: { floor?: number; line?: { value: number; label: string } }): Chart | null {
  if (bars.length === 0) return null;
  const caseIds = [...new Set(bars.map((b) => b.caseId))];
  const runners = [...new Set(bars.map((b) => b.runner))];
  const svg = render({
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'plain', textStyle: { fontSize: 10 } },
    grid: { left: 70, right: 30, top: 50, bottom: 170 },
    xAxis: { type: 'category', data: caseIds, axisLabel: { rotate: 35, fontSize: 9, interval: 0 } },
    yAxis: {
      type: 'log', name: yName, nameLocation: 'middle', nameGap: 50,
      // Keep the reference line (speed 1, the tolerance) inside the axis.
      ...(options.line ? { min: (v: { min: number }) => Math.min(v.min, options.line!.value), max: (v: { max: number }) => Math.max(v.max, options.line!.value) } : {}),
      axisLabel: { formatter: (v: number) => (v >= 0.01 && v <= 1000 ? String(v) : v.toExponential(0)) } },
    // Dots, not bars: a bar on a log axis has no natural base.
    series: runners.map((runner, index) => ({
      type: 'scatter',
      symbolSize: 10,
      name: RUNNER_LABELS[runner],
      data: caseIds.map((id) => {
        const bar = bars.find((b) => b.caseId === id && b.runner === runner);
        if (!bar) return null;
        const value = Number.isFinite(bar.value) ? Math.max(bar.value, options.floor ?? 0) : null;
        return bar.flagged ? { value, itemStyle: { color: '#d62728' } } : value;
      }),
      ...(index === 0 && options.line
        ? { markLine: { symbol: 'none', lineStyle: { color: '#d62728', type: 'dashed' }, label: { formatter: options.line.label }, data: [{ yAxis: options.line.value }] } }
        : {}),
    })),
  });
  return { id, title, caption, svg };
}

export function reportCharts(report: BenchReport): Chart[] {
  const charts: (Chart | null)[] = [];
  for (const loss of report.config.losses) for (const axis of ['n', 'p', 'K'] as const) charts.push(timeChart(report, loss, axis));
  charts.push(
    barChart('speedup', `GPU/CPU speedup (> 1: GPU faster)${report.softwareFallback ? ' — software fallback' : ''}`, 'CPU median time ÷ GPU median time per case, log scale; above the line the GPU path is faster.', 'CPU time ÷ GPU time', speedupBars(report), {
      line: { value: 1, label: 'same speed' },
    }),
  );
  const agreement = agreementBars(report);
  const tolerance = report.cases.flatMap((c) => c.agreement).find((a) => a.runner === 'chromium' || a.runner === 'dawn')?.tolerance ?? 1e-4;
  charts.push(
    barChart('agreement', 'Agreement with the reference (red: beyond tolerance)', `Largest relative difference of the objective from the reference (a CPU fit at tol 1e-13 where the case has one, else the CPU path) over the λ of each case, every objective evaluated in float64 by the benchmark; dashed: the float32 tolerance; exact agreement is drawn at ${AGREEMENT_FLOOR}.`, 'max over λ of rel. objective diff', agreement, {
      floor: AGREEMENT_FLOOR,
      line: { value: tolerance, label: `float32 tolerance ${tolerance}` },
    }),
  );
  return charts.filter((c): c is Chart => c !== null);
}

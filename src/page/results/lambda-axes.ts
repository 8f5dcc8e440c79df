// The x axes of the charts along the path, as glmnet draws them: log λ at the bottom, clipped to
// the λ of the fit (never running past them), and the number of nonzero coefficients at the top,
// read at the same ticks.

import { fmt } from '../ui/dom.js';

/** The smallest and largest of some numbers. */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** The index of the value of `xs` nearest to x. */
export function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  xs.forEach((v, k) => {
    if (Math.abs(v - x) < Math.abs(xs[best] - x)) best = k;
  });
  return best;
}

const tickLabel = (v: number) => String(Number(v.toPrecision(3)));

/**
 * The bottom (log λ) and top (nonzero count) axes over [min, max]; `min` may lie left of the
 * smallest log λ (room for the path chart's line labels), where the top axis says nothing.
 */
export function lambdaAxes(logLambda: readonly number[], nonzero: readonly number[], min: number, max: number) {
  const [lo, hi] = extent(logLambda);
  const span = Math.max(hi - lo, 1e-12);
  const shared = { type: 'value', min, max, scale: true, axisLine: { onZero: false } };
  const bottom = { ...shared, name: 'log λ', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: tickLabel, showMinLabel: false, showMaxLabel: false } };
  const top = {
    ...shared,
    position: 'top',
    name: 'nonzero coefficients',
    nameLocation: 'middle',
    nameGap: 22,
    nameTextStyle: { color: '#4a4a52' },
    axisTick: { show: false },
    splitLine: { show: false },
    axisLabel: {
      color: '#4a4a52',
      showMinLabel: false,
      showMaxLabel: false,
      formatter: (v: number) => (v < lo - 1e-9 * span || v > hi + 1e-9 * span ? '' : String(nonzero[nearestIndex(logLambda, v)])),
    },
  };
  return [bottom, top];
}

/** A tooltip's λ line: the value and its natural log, as the axis shows it. */
export const lambdaText = (lambda: number) => `λ = ${fmt(lambda)} (log λ = ${fmt(Math.log(lambda), 3)})`;

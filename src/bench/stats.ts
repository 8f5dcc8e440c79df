// Summaries of repeated timings: the median and the spread of the timed runs.

import type { TimeSummary } from './types.js';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarizeTimes(runsMs: readonly number[]): TimeSummary {
  const medianMs = median(runsMs);
  const minMs = Math.min(...runsMs);
  const maxMs = Math.max(...runsMs);
  return { runsMs: [...runsMs], medianMs, minMs, maxMs, spread: medianMs > 0 ? (maxMs - minMs) / medianMs : 0 };
}

// The chart data of a report, computed from its cases alone: median time against one size
// (n, p or K) with the other two at their base values, per loss and runner; the GPU/CPU
// speedup and the agreement per case.

import type { BenchReport, RunnerName } from '../types.js';
import { GPU_RUNNERS } from '../types.js';

export type SizeAxis = 'n' | 'p' | 'K';

export interface TimeLine {
  runner: RunnerName;
  /** [size, median ms] in increasing size. */
  points: [number, number][];
}

/** Lines of time against `axis` for one loss (α and folds at their first values). */
export function timeLines(report: BenchReport, loss: string, axis: SizeAxis): TimeLine[] {
  const { nSamples, nFeatures, nLambdas, alphas, folds } = report.config;
  const base = { n: nSamples[0], p: nFeatures[0], K: nLambdas[0] };
  const cases = report.cases.filter(
    (c) => c.spec.loss === loss && c.spec.alpha === alphas[0] && c.spec.folds === folds[0] &&
      (['n', 'p', 'K'] as const).every((other) => other === axis || c.spec[other] === base[other]),
  );
  return report.config.runners
    .map((runner) => ({
      runner,
      points: cases
        .flatMap((c) => c.runs.filter((r) => r.runner === runner && r.ok && r.time).map((r) => [c.spec[axis], r.time!.medianMs] as [number, number]))
        .sort((a, b) => a[0] - b[0]),
    }))
    .filter((line) => line.points.length > 0);
}

export interface CaseBar {
  caseId: string;
  runner: RunnerName;
  value: number;
  flagged?: boolean;
}

/** cpu time / GPU runner time per case (> 1: the GPU path is faster). */
export function speedupBars(report: BenchReport): CaseBar[] {
  return report.cases.flatMap((c) =>
    GPU_RUNNERS.filter((r) => c.speedupVsCpu[r] !== undefined).map((runner) => ({ caseId: c.spec.id, runner, value: c.speedupVsCpu[runner]! })),
  );
}

/** The objective's largest relative difference from the reference, per case and runner. */
export function agreementBars(report: BenchReport): CaseBar[] {
  return report.cases.flatMap((c) =>
    c.agreement.map((a) => ({ caseId: c.spec.id, runner: a.runner, value: a.objectiveMaxRelDiff, flagged: a.flagged })),
  );
}

// Do the backends give the same answers? Every runner's path against the reference: a tight
// CPU fit (tol 1e-13, reference.ts) where the case has one, else the CPU run. Per λ the
// objective's relative difference, the largest coefficient difference (relative to the largest
// reference coefficient), and the features that are zero in one fit and not in the other, with
// the largest of their coefficients (a support differs by features entering or leaving at that
// λ, whose coefficients are near 0). Objectives are the benchmark's own float64 evaluation
// (objective.ts) of each runner's coefficients, so that proxpath, glmnet and scikit-learn are
// judged alike.

import type { Agreement, BackendRun, ReferencePath, RunnerName } from './types.js';

/**
 * Objective tolerance (relative). proxpath's batched iteration stops at a KKT target that
 * leaves objectives ~1e-6 relative from the optimum and coordinate descent at the default tol
 * ~1e-5 (README); float32 products add rounding of ~1e-7 per term. 1e-4 is far above both and
 * far below a wrong answer. glmnet and scikit-learn run at their own default tolerances.
 */
export const TOLERANCE: Record<RunnerName, number> = {
  cpu: 1e-4,
  'cpu-batched': 1e-4,
  chromium: 1e-4,
  dawn: 1e-4,
  glmnet: 1e-3,
  sklearn: 1e-3,
};

/** |a − b| / max(|b|, 1e-300): b is the reference. */
export const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

interface CoefficientDiffs {
  coefMaxDiff: number;
  supportDiff: number[];
  supportDiffLargest: number | null;
}

/** The coefficient comparisons of K λ, each relative to max(1, max_j |β_ref|) at its λ. */
function coefficientDiffs(beta: number[][], ref: number[][], K: number): CoefficientDiffs {
  let coefMaxDiff = 0;
  let supportDiffLargest: number | null = null;
  const supportDiff: number[] = [];
  for (let k = 0; k < K; k++) {
    const [a, b] = [beta[k], ref[k]];
    const scale = Math.max(1, ...b.map(Math.abs));
    let differ = 0;
    for (let j = 0; j < b.length; j++) {
      coefMaxDiff = Math.max(coefMaxDiff, Math.abs(a[j] - b[j]) / scale);
      if ((a[j] !== 0) === (b[j] !== 0)) continue;
      differ++;
      supportDiffLargest = Math.max(supportDiffLargest ?? 0, Math.max(Math.abs(a[j]), Math.abs(b[j])) / scale);
    }
    supportDiff.push(differ);
  }
  return { coefMaxDiff, supportDiff, supportDiffLargest };
}

export function compareRuns(run: BackendRun, reference: ReferencePath): Agreement {
  const fRun = run.objective ?? [];
  const fRef = reference.objective;
  const K = Math.min(fRun.length, fRef.length);
  const objectiveRelDiff = Array.from({ length: K }, (_, k) => relDiff(fRun[k], fRef[k]));
  // A λ that one side did not solve counts as a disagreement.
  const objectiveMaxRelDiff = fRun.length !== fRef.length || K === 0 ? Infinity : Math.max(...objectiveRelDiff);
  const coefs = run.beta && reference.beta ? coefficientDiffs(run.beta, reference.beta, K) : null;
  const tolerance = TOLERANCE[run.runner];
  return {
    runner: run.runner,
    reference: reference.label,
    objectiveMaxRelDiff,
    objectiveRelDiff,
    coefMaxDiff: coefs?.coefMaxDiff ?? null,
    supportDiff: coefs?.supportDiff ?? null,
    supportDiffMax: coefs ? Math.max(0, ...coefs.supportDiff) : null,
    supportDiffLargest: coefs?.supportDiffLargest ?? null,
    tolerance,
    // NaN (a broken objective) is flagged too.
    flagged: !(objectiveMaxRelDiff <= tolerance),
  };
}

/**
 * Every run that worked against the tight reference (every run, the CPU's included), or without
 * one against the CPU run (cpu when it ran, else the first that worked).
 */
export function agreementOf(runs: BackendRun[], tight: ReferencePath | null = null): Agreement[] {
  const ok = runs.filter((r) => r.ok && r.objective);
  if (tight) return ok.map((r) => compareRuns(r, tight));
  const reference = ok.find((r) => r.runner === 'cpu') ?? ok[0];
  if (!reference) return [];
  const path: ReferencePath = { label: reference.runner, objective: reference.objective!, ...(reference.beta ? { beta: reference.beta } : {}) };
  return ok.filter((r) => r !== reference).map((r) => compareRuns(r, path));
}

/** cpu median / runner median for every run that worked (the cpu's own entry is 1). */
export function speedups(runs: BackendRun[]): Partial<Record<RunnerName, number>> {
  const cpu = runs.find((r) => r.runner === 'cpu' && r.ok && r.time);
  const out: Partial<Record<RunnerName, number>> = {};
  if (!cpu?.time) return out;
  for (const r of runs) if (r.ok && r.time) out[r.runner] = cpu.time.medianMs / r.time.medianMs;
  return out;
}

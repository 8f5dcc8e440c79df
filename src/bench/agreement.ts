// Do the backends give the same answers? Every runner's path against the reference (the CPU's
// coordinate descent, float64): the objective's relative difference per λ, the largest
// coefficient difference, and the features that are zero in one fit and not in the other.
// Objectives are the benchmark's own float64 evaluation (objective.ts) of each runner's
// coefficients, so that proxpath, glmnet and scikit-learn are judged alike.

import type { Agreement, BackendRun, RunnerName } from './types.js';

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

export function compareRuns(run: BackendRun, reference: BackendRun): Agreement {
  const fRun = run.objective ?? [];
  const fRef = reference.objective ?? [];
  const K = Math.min(fRun.length, fRef.length);
  const objectiveRelDiff = Array.from({ length: K }, (_, k) => relDiff(fRun[k], fRef[k]));
  // A λ that one side did not solve counts as a disagreement.
  const objectiveMaxRelDiff = fRun.length !== fRef.length || K === 0 ? Infinity : Math.max(...objectiveRelDiff);
  let coefMaxDiff: number | null = null;
  let supportDiff: number[] | null = null;
  if (run.beta && reference.beta) {
    coefMaxDiff = 0;
    supportDiff = [];
    for (let k = 0; k < K; k++) {
      const a = run.beta[k];
      const b = reference.beta[k];
      let differ = 0;
      for (let j = 0; j < b.length; j++) {
        coefMaxDiff = Math.max(coefMaxDiff, Math.abs(a[j] - b[j]));
        if ((a[j] !== 0) !== (b[j] !== 0)) differ++;
      }
      supportDiff.push(differ);
    }
  }
  const tolerance = TOLERANCE[run.runner];
  return {
    runner: run.runner,
    reference: reference.runner,
    objectiveMaxRelDiff,
    objectiveRelDiff,
    coefMaxDiff,
    supportDiff,
    supportDiffMax: supportDiff ? Math.max(0, ...supportDiff) : null,
    tolerance,
    // NaN (a broken objective) is flagged too.
    flagged: !(objectiveMaxRelDiff <= tolerance),
  };
}

/** Every run that worked against the reference (cpu when it ran, else the first that worked). */
export function agreementOf(runs: BackendRun[]): Agreement[] {
  const ok = runs.filter((r) => r.ok && r.objective);
  const reference = ok.find((r) => r.runner === 'cpu') ?? ok[0];
  if (!reference) return [];
  return ok.filter((r) => r !== reference).map((r) => compareRuns(r, reference));
}

/** cpu median / runner median for every run that worked (the cpu's own entry is 1). */
export function speedups(runs: BackendRun[]): Partial<Record<RunnerName, number>> {
  const cpu = runs.find((r) => r.runner === 'cpu' && r.ok && r.time);
  const out: Partial<Record<RunnerName, number>> = {};
  if (!cpu?.time) return out;
  for (const r of runs) if (r.ok && r.time) out[r.runner] = cpu.time.medianMs / r.time.medianMs;
  return out;
}

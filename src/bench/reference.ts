// The tight reference every runner is measured against: proxpath's float64 coordinate descent at
// tol 1e-13 on the case's λ (untimed), judged by the same float64 objective as the runners. Each
// runner stops at its own default tolerance (the CPU's 1e-7 too), so the differences show how far
// each is from the optimum, not from another stopped solver. Cases too large for an untimed
// extra fit (n·p above REFERENCE_MAX_CELLS, or past the bench's budget) fall back to the CPU run.

import { fitPath } from '../api/fit-path.js';
import { pathObjective } from './objective.js';
import { toColumnMajorData } from './runners/shared-data.js';
import type { BenchData } from './data.js';
import type { CaseSpec, ReferencePath } from './types.js';

/** The reference's tolerance (glmnet's thresh, relative to the null deviance). */
export const REFERENCE_TOL = 1e-13;
/** Largest n·p given a reference fit (a 1e7-cell path at tol 1e-13 takes seconds). */
export const REFERENCE_MAX_CELLS = 2e7;

export const REFERENCE_LABEL = `cpu at tol ${REFERENCE_TOL}`;

/** The tight path on the case's λ, or null (too large, or no time left: `limitMs`). */
export async function tightReference(spec: CaseSpec, data: BenchData, lambda: number[], limitMs?: number): Promise<ReferencePath | null> {
  if (spec.n * spec.p > REFERENCE_MAX_CELLS || lambda.length === 0 || (limitMs !== undefined && limitMs <= 0)) return null;
  const signal = limitMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, Math.round(limitMs)));
  try {
    const fit = await fitPath(toColumnMajorData(data), {
      loss: spec.loss, alpha: spec.alpha, lambda, tol: REFERENCE_TOL, backend: 'cpu', solver: 'cd', ...(signal ? { signal } : {}),
    });
    const beta = fit.beta.map((b) => Array.from(b));
    const intercept = Array.from(fit.intercept);
    return { label: REFERENCE_LABEL, objective: pathObjective(data, spec.loss, spec.alpha, fit.lambda, intercept, beta), intercept, beta };
  } catch {
    return null; // aborted at the budget: the CPU run is the reference then
  }
}

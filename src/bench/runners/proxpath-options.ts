// The fit options of a benchmark case, the same for every proxpath runner (CPU, Chromium, Dawn).

import type { FitOptions } from '../../problem/types.js';
import type { CvOptions } from '../../cv/cv-options.js';
import type { CaseSpec } from '../types.js';

/** The case's options; `lambda` explicit so that every backend solves the whole sequence. */
export function caseOptions(spec: CaseSpec, lambda: number[]): FitOptions & CvOptions {
  return {
    loss: spec.loss,
    alpha: spec.alpha,
    lambda,
    ...(spec.folds > 0 ? { folds: spec.folds, seed: spec.seed } : {}),
  };
}

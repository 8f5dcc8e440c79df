// Every number a fit returns is finite, or the fit fails with one line naming the scale that
// overflowed (DESIGN §2's error contract). The solvers work in float64 (float32 on WebGPU):
// data near those ranges' ends overflow in their products even where each value is finite.

import { InputError, show } from '../errors.js';
import type { Standardized } from './standardize.js';
import type { Problem } from './validate.js';

/** Per λ, what a path hands back (original scale). */
export interface PathNumbers {
  lambda: number[];
  intercept: number[];
  beta: number[][];
  objective: number[];
  devRatio: number[];
  kktViolation: number[];
}

/** Whether every value is finite (a plain loop: paths of 10⁵ features × 100 λ pass through it). */
function allFinite(values: number[]): boolean {
  for (let j = 0; j < values.length; j++) if (!Number.isFinite(values[j])) return false;
  return true;
}

const finiteAt = (values: PathNumbers, k: number): boolean =>
  Number.isFinite(values.intercept[k]) && Number.isFinite(values.objective[k]) && Number.isFinite(values.devRatio[k]) &&
  Number.isFinite(values.kktViolation[k]) && allFinite(values.beta[k]);

/** Throws InputError at the first λ with a non-finite number, naming the likeliest cause. */
export function checkFinite(values: PathNumbers, problem: Problem, std: Pick<Standardized, 'magnitude'>, precision: 'float32' | 'float64'): void {
  const k = values.lambda.findIndex((_, at) => !finiteAt(values, at));
  if (k < 0) return;
  throw new InputError(`the fit overflowed ${precision} at λ = ${values.lambda[k].toPrecision(4)}: ${scaleCause(problem, std, precision)}`);
}

/** Largest over smallest positive value: how far apart the values are. */
function spread(values: ArrayLike<number>): number {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 0) {
      lo = Math.min(lo, values[i]);
      hi = Math.max(hi, values[i]);
    }
  }
  return hi > 0 ? hi / lo : 1;
}

/** The input whose scale is most extreme, said the way a user can act on it. */
function scaleCause(problem: Problem, std: Pick<Standardized, 'magnitude'>, precision: string): string {
  const fix = precision === 'float32' ? ' (or use backend cpu, float64)' : '';
  let column = 0;
  for (let j = 1; j < std.magnitude.length; j++) if (std.magnitude[j] > std.magnitude[column]) column = j;
  let yMax = 0;
  for (const v of problem.y) yMax = Math.max(yMax, Math.abs(v));
  const causes = [
    { size: std.magnitude[column], say: `column ${show(problem.featureNames[column])} has values up to ${std.magnitude[column].toPrecision(3)}: rescale it${problem.standardize ? '' : ' or leave standardize on'}` },
    { size: yMax, say: `y has values up to ${yMax.toPrecision(3)}: rescale y` },
    { size: spread(problem.weights), say: `the weights span a factor ${spread(problem.weights).toPrecision(3)} (largest / smallest positive): make them less extreme` },
    { size: spread(problem.penaltyFactor), say: `the penalty factors span a factor ${spread(problem.penaltyFactor).toPrecision(3)}: make them less extreme` },
  ];
  causes.sort((a, b) => b.size - a.size);
  return `${causes[0].say}${fix}`;
}

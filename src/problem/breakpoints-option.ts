// The `breakpoints` option: trace the exact path of an absolute or quantile loss with the lasso
// (α = 1, a linear program at each λ) through every λ where its solution changes, not only the
// grid's (solvers/breakpoint-trace.ts). Only the CPU's simplex follows the path.

import { InputError } from '../errors.js';
import type { Loss } from '../losses/types.js';
import type { ProblemPenalty } from './penalty-option.js';
import type { FitOptions, LossName } from './types.js';

export function checkedBreakpoints(
  options: FitOptions,
  loss: Loss,
  lossName: LossName,
  penalty: ProblemPenalty,
  alpha: number,
): boolean {
  const value = options.breakpoints;
  if (value === undefined || value === false) return false;
  if (value !== true) throw new InputError(`option breakpoints: ${JSON.stringify(value)} is not true or false`);
  if (loss.smooth) {
    throw new InputError(`option breakpoints: loss ${lossName} has a smooth path (breakpoints are traced for the absolute and quantile losses)`);
  }
  if (!penalty.spec.traits.lpExact || alpha !== 1) {
    throw new InputError(
      `option breakpoints: needs the lasso (alpha 1, penalty enet), where each λ is a linear program; got penalty ${penalty.spec.name} with alpha ${alpha}`,
    );
  }
  if (options.backend === 'webgpu' || options.solver === 'batched') {
    const option = options.backend === 'webgpu' ? 'backend "webgpu"' : 'solver "batched"';
    throw new InputError(`option breakpoints: the breakpoints are traced by the CPU's simplex; ${option} cannot trace them`);
  }
  return true;
}

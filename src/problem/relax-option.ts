// The `relax` and `gammaRelax` options: the relaxed lasso, as glmnet's `relax = TRUE` and its
// `gamma` grid. Each λ's support is refit without penalty (solvers/relax-refits.ts) and the
// coefficients at γ are γ·β_penalized + (1 − γ)·β_refit (relaxed.ts). One clear error naming the
// option for anything wrong.

import { InputError, show } from '../errors.js';
import type { FitOptions } from './types.js';

/** glmnet's default γ grid of cv.glmnet(relax = TRUE). */
export const DEFAULT_GAMMA_RELAX: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** The option keys this module checks (validate's list of known options takes them). */
export const RELAX_OPTION_KEYS = ['relax', 'gammaRelax'] as const;

/** The γ grid of a relaxed fit (ascending, each value once), or null without `relax`. */
export function checkedRelax(options: FitOptions): number[] | null {
  const { relax, gammaRelax } = options;
  if (relax !== undefined && typeof relax !== 'boolean') throw new InputError(`option relax: ${show(relax)} is not true or false`);
  if (!relax) {
    if (gammaRelax !== undefined) throw new InputError('option gammaRelax: the γ grid of the relaxed fit needs relax: true');
    return null;
  }
  if (options.breakpoints === true) {
    throw new InputError('option relax: the refits are made at the grid\'s λ, where breakpoints trace the path between them: use one or the other');
  }
  return gammaGrid(gammaRelax ?? DEFAULT_GAMMA_RELAX);
}

/** A γ grid: a non-empty list of numbers in [0, 1], sorted ascending, duplicates dropped. */
export function gammaGrid(value: unknown, option = 'gammaRelax'): number[] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`option ${option}: ${show(value)} is not a non-empty list of γ values in [0, 1]`);
  for (const g of value as unknown[]) {
    if (typeof g !== 'number' || !(g >= 0 && g <= 1)) throw new InputError(`option ${option}: γ = ${show(g)} is not in [0, 1]`);
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

// The losses proxpath knows, by name. Adding a loss is its file here (a LossSpec), its WGSL twin
// in shaders/losses/ and one entry (with its import) in LOSS_SPECS.

import { InputError, show } from '../errors.js';
import { absolute } from './absolute.js';
import { huber } from './huber.js';
import { logistic } from './logistic.js';
import { poisson } from './poisson.js';
import { quantile } from './quantile.js';
import { squared } from './squared.js';
import type { Loss, LossParams, LossParamSpec, LossSpec } from './types.js';

const LOSS_SPECS = { squared, logistic, poisson, huber, absolute, quantile } satisfies Record<string, LossSpec>;

/** The losses of DESIGN §1. */
export type LossName = keyof typeof LOSS_SPECS;

export const LOSS_NAMES = Object.keys(LOSS_SPECS) as readonly LossName[];

/** Every loss parameter, once per key, in the registry's order (the options and flags they take). */
export const LOSS_PARAMS: readonly LossParamSpec[] = [
  ...new Map(Object.values(LOSS_SPECS).flatMap((spec) => spec.params.map((param) => [param.key, param] as const))).values(),
];

/** The spec of the loss called `name`; an InputError naming the option when there is none. */
export function lossSpec(name: unknown): LossSpec {
  if (typeof name === 'string' && Object.hasOwn(LOSS_SPECS, name)) return LOSS_SPECS[name as LossName];
  throw new InputError(`option loss: unknown loss ${show(name)}; expected one of ${LOSS_NAMES.join(', ')}`);
}

/** The loss called `name` with its parameters (each missing one at its default). */
export function getLoss(name: unknown, params: LossParams = {}): Loss {
  return lossSpec(name).make(params);
}

/** The values of a spec's own parameters among `params`, defaults filled in. */
export function ownParams(spec: LossSpec, params: LossParams): LossParams {
  const own: LossParams = {};
  for (const param of spec.params) own[param.key] = params[param.key] ?? param.default;
  return own;
}

/** The names of the losses with a binary response, for messages: 'logistic'. */
export function binaryLosses(): string {
  return LOSS_NAMES.filter((name) => LOSS_SPECS[name].response === 'binary').join(' or ');
}

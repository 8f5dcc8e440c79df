// The penalties proxpath knows, by name. Adding a penalty is one file and one line here.

import { elasticNet } from './elastic-net.js';
import { groupLasso } from './group-lasso.js';
import { mcp } from './mcp.js';
import { scad } from './scad.js';
import { sparseGroupLasso } from './sparse-group-lasso.js';
import type { PenaltySpec } from './types.js';

export const PENALTIES = {
  enet: elasticNet,
  mcp,
  scad,
  group: groupLasso,
  'sparse-group': sparseGroupLasso,
} as const satisfies Record<string, PenaltySpec>;

/** The registered penalties' names: the `penalty` option's values. */
export type PenaltyName = keyof typeof PENALTIES;

export const PENALTY_NAMES = Object.keys(PENALTIES) as PenaltyName[];

/** The spec called `name`, or undefined. */
export function findPenalty(name: unknown): PenaltySpec | undefined {
  return typeof name === 'string' && Object.hasOwn(PENALTIES, name) ? PENALTIES[name as PenaltyName] : undefined;
}

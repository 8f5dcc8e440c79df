// The penalties proxpath knows, by name. Adding a penalty is one file and one line here.

import { elasticNet } from './elastic-net.js';
import { groupLasso } from './group-lasso.js';
import { mcp } from './mcp.js';
import { scad } from './scad.js';
import { sparseGroupLasso } from './sparse-group-lasso.js';
import type { PenaltyName, PenaltySpec } from './types.js';

export const PENALTIES: Readonly<Record<PenaltyName, PenaltySpec>> = {
  enet: elasticNet,
  mcp,
  scad,
  group: groupLasso,
  'sparse-group': sparseGroupLasso,
};

export const PENALTY_NAMES = Object.keys(PENALTIES) as PenaltyName[];

/** The spec called `name`, or undefined. */
export function findPenalty(name: unknown): PenaltySpec | undefined {
  return typeof name === 'string' && Object.hasOwn(PENALTIES, name) ? PENALTIES[name as PenaltyName] : undefined;
}

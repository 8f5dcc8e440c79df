// The `penalty` option: which penalty (src/penalties/registry.ts), its γ and its groups,
// checked against the other options. One clear error naming the option for anything wrong.

import { makeGroups, type Groups } from '../penalties/groups.js';
import { findPenalty, PENALTY_NAMES, type PenaltyName } from '../penalties/registry.js';
import type { PenaltySpec } from '../penalties/types.js';
import { InputError, show } from '../errors.js';
import type { FitOptions, PenaltyOption } from './types.js';

export interface ProblemPenalty {
  spec: PenaltySpec;
  /** MCP/SCAD concavity (NaN for penalties without one). */
  gamma: number;
  /** The groups of a grouped penalty, else null. */
  groups: Groups | null;
}

function penaltyObject(value: unknown): PenaltyOption {
  if (value === undefined) return { name: 'enet' };
  if (typeof value === 'string') return { name: value as PenaltyOption['name'] };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`option penalty: ${show(value)} is not a penalty name or {name, gamma?, groups?}`);
  }
  for (const key of Object.keys(value)) {
    if (!['name', 'gamma', 'groups'].includes(key)) throw new InputError(`option penalty: unknown field ${show(key)} (name, gamma, groups)`);
  }
  return value as PenaltyOption;
}

function checkedGamma(spec: PenaltySpec, gamma: unknown): number {
  if (!spec.gamma) {
    if (gamma !== undefined) throw new InputError(`option penalty.gamma: penalty ${spec.name} has no γ (only ${gammaNames()} do)`);
    return NaN;
  }
  if (gamma === undefined) return spec.gamma.default;
  if (typeof gamma !== 'number' || !(gamma > spec.gamma.above) || gamma === Infinity) {
    throw new InputError(`option penalty.gamma: ${show(gamma)} must be a finite number > ${spec.gamma.above} for ${spec.name}`);
  }
  return gamma;
}

const gammaNames = () => PENALTY_NAMES.filter((name) => findPenalty(name)?.gamma).join(' and ');

function groupLabels(value: unknown, names: string[]): string[] {
  if (!Array.isArray(value)) throw new InputError(`option penalty.groups: ${show(value)} is not a list of one group label per feature`);
  if (value.length !== names.length) {
    throw new InputError(`option penalty.groups: ${value.length} labels given, expected one per feature (${names.length})`);
  }
  return value.map((label: unknown, j) => {
    if (typeof label === 'number' && Number.isFinite(label)) return String(label);
    if (typeof label !== 'string' || label === '') {
      throw new InputError(`option penalty.groups: the label of feature ${names[j]} is ${show(label)}, not a name or number`);
    }
    return label;
  });
}

function checkedGroups(spec: PenaltySpec, value: unknown, names: string[], factors: Float64Array, excluded: Uint8Array): Groups | null {
  if (!spec.traits.grouped) {
    if (value !== undefined) throw new InputError(`option penalty.groups: penalty ${spec.name} takes no groups (group and sparse-group do)`);
    return null;
  }
  if (value === undefined) throw new InputError(`option penalty.groups: penalty ${spec.name} needs one group label per feature`);
  const groups = makeGroups(groupLabels(value, names), factors);
  groups.members.forEach((members, g) => {
    const first = members[0];
    for (const j of members) {
      if (factors[j] !== factors[first] || excluded[j] !== excluded[first]) {
        throw new InputError(
          `option penaltyFactor: features ${names[first]} and ${names[j]} of group ${show(groups.labels[g])} have different factors; a group has one factor`,
        );
      }
    }
  });
  return groups;
}

/** The checked penalty; `factors`/`excluded` are the rescaled penalty factors. */
export function checkedPenalty(options: FitOptions, names: string[], factors: Float64Array, excluded: Uint8Array): ProblemPenalty {
  const given = penaltyObject(options.penalty);
  const spec = findPenalty(given.name);
  if (!spec) throw new InputError(`option penalty: unknown penalty ${show(given.name)}; expected one of ${PENALTY_NAMES.join(', ')}`);
  const gamma = checkedGamma(spec, given.gamma);
  const groups = checkedGroups(spec, given.groups, names, factors, excluded);
  if (!spec.traits.bounds && (options.lower !== undefined || options.upper !== undefined)) {
    throw new InputError(`option ${options.lower !== undefined ? 'lower' : 'upper'}: penalty ${spec.name} takes no bounds`);
  }
  return { spec, gamma, groups };
}

/** The penalty's part of a result's problem summary. */
export function penaltySummary({ spec, gamma, groups }: ProblemPenalty): { penalty: PenaltyName; gamma?: number; groups?: string[] } {
  return {
    penalty: spec.name as PenaltyName,
    ...(spec.gamma ? { gamma } : {}),
    ...(groups ? { groups: Array.from(groups.of, (g) => groups.labels[g]) } : {}),
  };
}

/** The mixing α a fit uses when none is given: its penalty's default (1 for unknown names: validate rejects them). */
export function defaultAlpha(penalty: FitOptions['penalty']): number {
  const name = typeof penalty === 'object' && penalty !== null ? penalty.name : penalty ?? 'enet';
  return findPenalty(name)?.defaultAlpha ?? 1;
}

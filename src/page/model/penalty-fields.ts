// The penalty part of the model form, from the penalty registry: the menu, γ where the penalty
// has one (at its default), the group labels where it is grouped, and α's meaning and default.

import { findPenalty, PENALTY_NAMES, type PenaltyName } from '../../penalties/registry.js';
import type { PenaltySpec } from '../../penalties/types.js';
import type { PenaltyOption } from '../../problem/types.js';
import { byId } from '../ui/dom.js';

function currentSpec(): PenaltySpec {
  return findPenalty(byId<HTMLSelectElement>('penalty').value) ?? findPenalty('enet')!;
}

export function fillPenaltyFields(): void {
  byId<HTMLSelectElement>('penalty').replaceChildren(...PENALTY_NAMES.map((name) => new Option(`${name}: ${findPenalty(name)!.title}`, name)));
}

/** Shows γ and the groups where the penalty takes them; α's label says what α mixes. */
export function syncPenaltyFields(): void {
  const spec = currentSpec();
  const shown = { gamma: spec.gamma !== undefined, groups: spec.traits.grouped };
  document.querySelectorAll<HTMLElement>('[data-penalty-param]').forEach((node) => (node.hidden = !shown[node.dataset.penaltyParam as keyof typeof shown]));
  byId('alpha-label').textContent = `α (${spec.alphaMeaning})`;
}

/** A new penalty: its γ and α at their defaults (the library's when the fields are left so). */
export function resetPenaltyDefaults(): void {
  const spec = currentSpec();
  byId<HTMLInputElement>('gamma').value = spec.gamma ? String(spec.gamma.default) : '';
  byId<HTMLInputElement>('alpha').value = String(spec.defaultAlpha);
  syncPenaltyFields();
}

/** The penalty option of the form; the library checks γ and the labels (its messages name them). */
export function readPenalty(): PenaltyOption {
  const spec = currentSpec();
  const penalty: PenaltyOption = { name: spec.name as PenaltyName };
  if (spec.gamma) {
    const raw = byId<HTMLInputElement>('gamma').value.trim();
    const gamma = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(gamma)) throw new Error(`γ: ${JSON.stringify(raw)} is not a number`);
    penalty.gamma = gamma;
  }
  if (spec.traits.grouped) {
    const labels = byId<HTMLInputElement>('groups').value.split(/[\s,;]+/).filter((s) => s !== '');
    if (labels.length === 0) throw new Error('groups: give one group label per feature, in feature order (e.g. a, a, b, c)');
    penalty.groups = labels;
  }
  return penalty;
}

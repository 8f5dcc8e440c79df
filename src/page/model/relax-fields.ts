// The relaxed lasso part of the model form (glmnet's relax = TRUE; README "The relaxed lasso"): on
// or off, and the γ grid of the blends γ·penalized + (1 − γ)·refit, at glmnet's default grid. The
// grid is checked here with a message naming the field and the value; cross-validation then
// chooses (γ, λ).

import { DEFAULT_GAMMA_RELAX } from '../../problem/relax-option.js';
import type { PlainOptions } from '../run/protocol.js';
import { byId } from '../ui/dom.js';

const relaxBox = () => byId<HTMLInputElement>('relax');
const gridField = () => byId<HTMLInputElement>('gamma-relax');

/** The grid field at glmnet's default, as the page first shows it. */
export function fillRelaxFields(): void {
  gridField().value = DEFAULT_GAMMA_RELAX.join(', ');
}

/** The γ grid is editable only while the relaxed lasso is on. */
export function syncRelaxFields(): void {
  gridField().disabled = !relaxBox().checked;
}

/** The relax options of the form: none when off; else relax and the γ grid, each γ a number in [0, 1]. */
export function readRelax(): Pick<PlainOptions, 'relax' | 'gammaRelax'> {
  if (!relaxBox().checked) return {};
  const raw = gridField().value.trim();
  const items = raw.split(/[\s,;]+/).filter((s) => s !== '');
  if (items.length === 0) throw new Error(`relaxed lasso γ grid: give at least one γ in [0, 1], e.g. ${DEFAULT_GAMMA_RELAX.join(', ')}`);
  const gammaRelax = items.map((s) => {
    const g = Number(s);
    if (!(g >= 0 && g <= 1)) throw new Error(`relaxed lasso γ grid: ${JSON.stringify(s)} is not a number in [0, 1] (γ = 1 is the penalized fit, 0 the unpenalized refit)`);
    return g;
  });
  return { relax: true, gammaRelax };
}

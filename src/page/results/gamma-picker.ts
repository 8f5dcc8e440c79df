// The γ of a relaxed fit's coefficient table (beside the selected λ): the fit's γ grid, 1 (the
// penalized path) at first, and the CV's γ_min or γ_1se where its choice is selected; hidden for a
// fit without refits.

import type { PathFitJSON } from '../../index.js';
import { byId } from '../ui/dom.js';

export class GammaPicker {
  private readonly menu = byId<HTMLSelectElement>('gamma-select');
  private readonly label = byId('gamma-label');

  constructor(onChange: () => void) {
    this.menu.addEventListener('change', onChange);
  }

  /** The menu of the fit's γ grid (and 1), γ = 1 chosen; hidden without a relaxed fit. */
  setFit(fit: PathFitJSON | null): void {
    const grid = fit?.relaxed?.gamma;
    this.menu.hidden = this.label.hidden = grid === undefined;
    if (grid === undefined) return;
    const values = [...new Set([...grid, 1])].sort((a, b) => b - a);
    const text = (g: number) => (g === 1 ? '1 (penalized)' : g === 0 ? '0 (refit)' : String(g));
    this.menu.replaceChildren(...values.map((g) => new Option(text(g), String(g))));
    this.menu.value = '1';
  }

  /** Chooses γ (a CV choice), when the menu is shown and γ is given. */
  set(gamma: number | undefined): void {
    if (gamma !== undefined && !this.menu.hidden) this.menu.value = String(gamma);
  }

  /** The γ shown: 1 for a fit without refits. */
  get gamma(): number {
    return this.menu.hidden ? 1 : Number(this.menu.value);
  }
}

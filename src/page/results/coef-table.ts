// The coefficients at the selected λ (a relaxed fit's at the chosen γ: the library's blend of the
// penalized path and the refit): a table sortable by feature, value or magnitude (header buttons,
// keyboard included); each cell keeps the full float64 value in data-value.

import type { PathFitJSON } from '../../index.js';
import { blend } from '../../problem/relaxed.js';
import { byId, el, fmt } from '../ui/dom.js';

type SortKey = 'name' | 'value' | 'abs';

export class CoefTable {
  private readonly table = byId<HTMLTableElement>('coef-table');
  private sort: { key: SortKey; descending: boolean } = { key: 'abs', descending: true };
  private rows: { name: string; value: number }[] = [];

  constructor() {
    this.table.tHead!.querySelectorAll<HTMLButtonElement>('button[data-sort]').forEach((button) =>
      button.addEventListener('click', () => {
        const key = button.dataset.sort as SortKey;
        this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : key !== 'name' };
        this.render();
      }),
    );
  }

  /** The coefficients of λ number k; a relaxed fit's at γ (1: the penalized path, 0: the refit). */
  show(fit: PathFitJSON, k: number, gamma = 1): void {
    const relaxed = fit.relaxed && gamma !== 1 ? fit.relaxed : undefined;
    const path = { intercept: fit.intercept[k], beta: fit.beta[k] };
    const { intercept, beta } = relaxed ? blend(path, { intercept: relaxed.intercept[k], beta: relaxed.beta[k] }, gamma) : path;
    this.rows = fit.featureNames.map((name, j) => ({ name, value: beta[j] }));
    const nonzero = this.rows.filter((r) => r.value !== 0).length;
    const devRatio = !relaxed ? fit.devRatio[k] : gamma === 0 ? relaxed.devRatio[k] : undefined;
    const what = !fit.relaxed ? '' : gamma === 1 ? ' Relaxed γ = 1: the penalized path.' : gamma === 0 ? ' Relaxed γ = 0: the unpenalized refit of this support.' : ` Relaxed γ = ${gamma}: γ·penalized + (1 − γ)·refit.`;
    byId('coef-caption').replaceChildren(
      `At λ = ${fmt(fit.lambda[k], 6)} (λ ${k + 1} of ${fit.lambda.length}): intercept `,
      el('span', { id: 'coef-intercept', textContent: fmt(intercept, 6) }),
      `, ${nonzero} of ${this.rows.length} coefficients nonzero${devRatio === undefined ? '' : `, deviance ratio ${fmt(devRatio)}`}.${what}`,
    );
    byId('coef-intercept').dataset.value = String(intercept);
    this.render();
  }

  private render(): void {
    const { key, descending } = this.sort;
    const sign = descending ? -1 : 1;
    const sorted = [...this.rows].sort((a, b) => {
      if (key === 'name') return sign * a.name.localeCompare(b.name, undefined, { numeric: true });
      const va = key === 'abs' ? Math.abs(a.value) : a.value;
      const vb = key === 'abs' ? Math.abs(b.value) : b.value;
      return sign * (va - vb);
    });
    this.table.tHead!.querySelectorAll('th').forEach((th) => {
      const button = th.querySelector<HTMLButtonElement>('button')!;
      th.setAttribute('aria-sort', button.dataset.sort === key ? (descending ? 'descending' : 'ascending') : 'none');
    });
    this.table.tBodies[0].replaceChildren(
      ...sorted.map((r) => {
        const value = el('td', { className: 'num', textContent: fmt(r.value, 6) });
        value.dataset.value = String(r.value);
        return el('tr', {}, [el('th', { scope: 'row', textContent: r.name }), value, el('td', { className: 'num', textContent: fmt(Math.abs(r.value), 6) })]);
      }),
    );
  }
}

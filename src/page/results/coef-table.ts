// The coefficients at the selected λ: a table sortable by feature, value or magnitude (header
// buttons, keyboard included); each cell keeps the full float64 value in data-value.

import type { PathFitJSON } from '../../index.js';
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

  show(fit: PathFitJSON, k: number): void {
    this.rows = fit.featureNames.map((name, j) => ({ name, value: fit.beta[k][j] }));
    const nonzero = this.rows.filter((r) => r.value !== 0).length;
    const caption = byId('coef-caption');
    caption.replaceChildren(
      `At λ = ${fmt(fit.lambda[k], 6)} (λ ${k + 1} of ${fit.lambda.length}): intercept `,
      el('span', { id: 'coef-intercept', textContent: fmt(fit.intercept[k], 6) }),
      `, ${nonzero} of ${this.rows.length} coefficients nonzero, deviance ratio ${fmt(fit.devRatio[k])}.`,
      // A relaxed fit's table is its penalized path; the refits and the blends are in the result JSON.
      fit.relaxed ? ' Penalized coefficients (γ = 1); the unpenalized refit of this support is the result JSON’s relaxed.beta.' : '',
    );
    byId('coef-intercept').dataset.value = String(fit.intercept[k]);
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

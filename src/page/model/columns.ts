// The columns of the model: target and weights (selects) and, for every other column, whether it
// is a feature, its penalty factor and its bounds (a table). Settings are kept by column name
// while the target or weights change.

import type { Selection, Table } from '../data/table.js';
import { parseCell } from '../data/csv-columns.js';
import { byId, el } from '../ui/dom.js';
import { columnsLine } from './columns-line.js';

interface ColumnSettings {
  use: boolean;
  factor: string;
  lower: string;
  upper: string;
}

const DEFAULTS: ColumnSettings = { use: true, factor: '1', lower: '-inf', upper: 'inf' };

export class ColumnsPanel {
  private table: Table | null = null;
  private settings = new Map<string, ColumnSettings>();
  private readonly target = byId<HTMLSelectElement>('target');
  private readonly weights = byId<HTMLSelectElement>('weights');
  private readonly body = byId<HTMLTableElement>('columns-table').tBodies[0];

  constructor() {
    this.target.addEventListener('change', () => this.renderRows());
    this.weights.addEventListener('change', () => this.renderRows());
  }

  setTable(table: Table, preferredTarget?: string): void {
    this.table = table;
    this.settings.clear();
    const names = table.names;
    const guess = names.indexOf(preferredTarget ?? 'y');
    this.target.replaceChildren(...names.map((name, c) => el('option', { value: String(c), textContent: name })));
    this.target.value = String(guess >= 0 ? guess : names.length - 1);
    this.weights.replaceChildren(el('option', { value: '', textContent: 'none' }), ...names.map((name, c) => el('option', { value: String(c), textContent: name })));
    this.weights.value = '';
    this.target.disabled = false;
    this.weights.disabled = false;
    this.renderRows();
  }

  private featureColumns(): number[] {
    if (!this.table) return [];
    const target = Number(this.target.value);
    const weights = this.weights.value === '' ? -1 : Number(this.weights.value);
    return this.table.names.map((_, c) => c).filter((c) => c !== target && c !== weights);
  }

  private renderRows(): void {
    if (!this.table) return;
    const names = this.table.names;
    this.body.replaceChildren(
      ...this.featureColumns().map((c) => {
        const name = names[c];
        const s = this.settings.get(name) ?? { ...DEFAULTS };
        this.settings.set(name, s);
        const use = el('input', { type: 'checkbox', checked: s.use });
        use.setAttribute('aria-label', `Use ${name} as a feature`);
        use.addEventListener('change', () => {
          s.use = use.checked;
          this.describe();
        });
        const text = (key: 'factor' | 'lower' | 'upper', label: string) => {
          const input = el('input', { type: 'text', value: s[key] });
          input.inputMode = 'decimal';
          input.setAttribute('aria-label', `${label} of ${name}`);
          input.addEventListener('input', () => (s[key] = input.value));
          return el('td', {}, [input]);
        };
        return el('tr', {}, [el('td', {}, [use]), el('th', { scope: 'row', textContent: name }), text('factor', 'Penalty factor'), text('lower', 'Lower bound'), text('upper', 'Upper bound')]);
      }),
    );
    this.describe();
  }

  /** The line under the selects: which columns a fit would use, as what. */
  private describe(): void {
    const names = this.table!.names;
    const features = this.featureColumns().filter((c) => this.settings.get(names[c])!.use);
    const weights = this.weights.value === '' ? null : names[Number(this.weights.value)];
    byId('columns-line').textContent = columnsLine(
      features.map((c) => names[c]),
      names[Number(this.target.value)],
      weights,
    );
  }

  /** The columns of a fit, or an error naming what is wrong. */
  selection(): Selection {
    if (!this.table) throw new Error('load data first');
    const features = this.featureColumns().filter((c) => this.settings.get(this.table!.names[c])!.use);
    if (features.length === 0) throw new Error('no feature columns selected: tick at least one under “Features”');
    return { target: Number(this.target.value), weights: this.weights.value === '' ? null : Number(this.weights.value), features };
  }

  /** Penalty factors and bounds of the selected features; undefined where all are the defaults. */
  perFeature(selection: Selection): { penaltyFactor?: number[]; lower?: number[]; upper?: number[] } {
    const names = this.table!.names;
    const read = (key: 'factor' | 'lower' | 'upper', label: string, ok: (v: number) => boolean, rule: string) => {
      const values = selection.features.map((c) => {
        const raw = this.settings.get(names[c])![key];
        const v = parseCell(raw);
        if (Number.isNaN(v) || !ok(v)) throw new Error(`${label} of column "${names[c]}": ${JSON.stringify(raw)} is not ${rule}`);
        return v;
      });
      const standard = parseCell(DEFAULTS[key]);
      return values.every((v) => v === standard) ? undefined : values;
    };
    return {
      penaltyFactor: read('factor', 'penalty factor', (v) => v >= 0, 'a number ≥ 0 (or inf)'),
      lower: read('lower', 'lower bound', (v) => v <= 0, 'a number ≤ 0 (or -inf)'),
      upper: read('upper', 'upper bound', (v) => v >= 0, 'a number ≥ 0 (or inf)'),
    };
  }
}

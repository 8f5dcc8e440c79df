// The columns of the model: target, weights and offset (selects) and, for every other column,
// whether it is a feature, its penalty factor and its bounds (a table). Settings are kept by
// column name while the target, weights or offset change.

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
  private readonly offset = byId<HTMLSelectElement>('offset');
  private readonly body = byId<HTMLTableElement>('columns-table').tBodies[0];

  constructor() {
    this.target.addEventListener('change', () => this.renderRows());
    this.weights.addEventListener('change', () => this.renderRows());
    this.offset.addEventListener('change', () => this.renderRows());
  }

  setTable(table: Table, preferredTarget?: string): void {
    this.table = table;
    this.settings.clear();
    const names = table.names;
    const guess = names.indexOf(preferredTarget ?? 'y');
    this.target.replaceChildren(...names.map((name, c) => el('option', { value: String(c), textContent: name })));
    this.target.value = String(guess >= 0 ? guess : names.length - 1);
    for (const menu of [this.weights, this.offset]) {
      menu.replaceChildren(el('option', { value: '', textContent: 'none' }), ...names.map((name, c) => el('option', { value: String(c), textContent: name })));
      menu.value = '';
      menu.disabled = false;
    }
    this.target.disabled = false;
    this.renderRows();
  }

  /** The column of an optional select (weights, offset), or null for none. */
  private static chosen(menu: HTMLSelectElement): number | null {
    return menu.value === '' ? null : Number(menu.value);
  }

  /** Every column that is not the target, the weights or the offset, in table order. */
  private featureColumns(): number[] {
    if (!this.table) return [];
    const taken = [Number(this.target.value), ColumnsPanel.chosen(this.weights), ColumnsPanel.chosen(this.offset)];
    return this.table.names.map((_, c) => c).filter((c) => !taken.includes(c));
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
    const nameOf = (c: number | null) => (c === null ? null : names[c]);
    byId('columns-line').textContent = columnsLine(
      features.map((c) => names[c]),
      names[Number(this.target.value)],
      nameOf(ColumnsPanel.chosen(this.weights)),
      nameOf(ColumnsPanel.chosen(this.offset)),
    );
  }

  /** The columns of a fit, or an error naming what is wrong. */
  selection(): Selection {
    if (!this.table) throw new Error('load data first');
    const names = this.table.names;
    const target = Number(this.target.value);
    const weights = ColumnsPanel.chosen(this.weights);
    const offset = ColumnsPanel.chosen(this.offset);
    // As the command line says them (src/cli/csv-header.ts), with the menu to change.
    const both = (c: number, a: string, b: string, menu: string) => new Error(`column "${names[c]}" cannot be both the ${a} and the ${b}: choose another ${menu} column, or none`);
    if (offset !== null && offset === target) throw both(offset, 'target', 'offset', 'offset');
    if (offset !== null && offset === weights) throw both(offset, 'weights', 'offset', 'offset');
    if (weights !== null && weights === target) throw both(weights, 'target', 'weights', 'weights');
    const features = this.featureColumns().filter((c) => this.settings.get(names[c])!.use);
    if (features.length === 0) throw new Error('no feature columns selected: tick at least one under “Features”');
    return { target, weights, offset, features };
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

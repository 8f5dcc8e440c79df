// Rows of CSV cells into numeric columns, as they stream in: a header row (or names V1…Vp when
// the first row is all numbers), then numbers only. Columns grow by doubling; `finish` trims them.
// An unnamed first column under a header is row names (R's write.csv, pandas' to_csv: the rule
// of src/csv/row-names.ts, the command line's too): dropped, and `finish` says so.

import { hasRowNames } from '../../csv/row-names.js';

export class CsvError extends Error {
  override name = 'CsvError';
}

const MISSING = /^(|na|nan|null|\?)$/i;

/** A cell as a number: finite decimals, and inf/-inf/Infinity. Anything else is NaN. */
export function parseCell(cell: string): number {
  const s = cell.trim();
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

export class ColumnBuilder {
  names: string[] = [];
  private columns: Float64Array[] = [];
  n = 0;
  /** Rows seen, the header included (the file's row number of the last row). */
  private rows = 0;
  /** The first column is row names: every row's first cell is dropped. */
  private rowNames = false;

  addRow(row: string[]): void {
    this.rows++;
    if (this.rows === 1 && this.start(row)) return;
    const cells = this.rowNames ? row.slice(1) : row;
    if (cells.length !== this.names.length) {
      throw new CsvError(`row ${this.rows}: ${row.length} fields, but the header has ${row.length - cells.length + this.names.length}`);
    }
    if (this.n === this.columns[0].length) this.grow();
    for (let c = 0; c < cells.length; c++) {
      const v = parseCell(cells[c]);
      if (Number.isNaN(v)) {
        const what = MISSING.test(cells[c].trim()) ? 'a missing value (not supported: remove the row or the column)' : `${JSON.stringify(cells[c].slice(0, 40))} is not a number`;
        throw new CsvError(`row ${this.rows}, column "${this.names[c]}": ${what}`);
      }
      this.columns[c][this.n] = v;
    }
    this.n++;
  }

  /** Names the columns from the first row; true when that row is a header (not data). */
  private start(cells: string[]): boolean {
    const numeric = cells.every((c) => !Number.isNaN(parseCell(c)));
    this.rowNames = !numeric && hasRowNames(cells.map((c) => c.trim()));
    const named = this.rowNames ? cells.slice(1) : cells;
    this.names = numeric ? named.map((_, c) => `V${c + 1}`) : named.map((c, i) => c.trim() || `V${i + 1}`);
    const seen = new Set<string>();
    for (const name of this.names) {
      if (seen.has(name)) throw new CsvError(`row 1: the column name "${name}" appears twice`);
      seen.add(name);
    }
    this.columns = this.names.map(() => new Float64Array(1024));
    return !numeric;
  }

  private grow(): void {
    this.columns = this.columns.map((col) => {
      const bigger = new Float64Array(col.length * 2);
      bigger.set(col);
      return bigger;
    });
  }

  /** The columns, and whether an unnamed first column was dropped as row names. */
  finish(): { names: string[]; columns: Float64Array[]; n: number; rowNames: boolean } {
    if (this.names.length === 0) throw new CsvError('the file is empty');
    if (this.n === 0) throw new CsvError('the file has a header but no data rows');
    if (this.names.length < 2) throw new CsvError('the file has one column: a fit needs a target and at least one feature');
    const columns = this.columns.map((col) => (col.length === this.n ? col : col.slice(0, this.n)));
    this.columns = [];
    return { names: this.names, columns, n: this.n, rowNames: this.rowNames };
  }
}

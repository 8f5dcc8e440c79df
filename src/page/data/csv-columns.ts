// Rows of CSV cells into numeric columns, as they stream in: a header row (or names V1…Vp when
// the first row is all numbers), then numbers only. Columns grow by doubling; `finish` trims them.
// An unnamed first column under a header is row names (R's write.csv, pandas' to_csv: the rule
// of src/csv/row-names.ts, the command line's too): dropped, and `finish` says so.
// Rows are counted as the command line counts them: data rows from 1 (the header is not one,
// nor is a blank line), each with the line of the file it starts on, so a message reads
// "row 2 (line 3)" in both; `finish` hands back every row's line.

import { show } from '../../errors.js';
import { hasRowNames } from '../../csv/row-names.js';

export class CsvError extends Error {
  override name = 'CsvError';
}

const ONE_COLUMN = 'the file has one column: a fit needs a target and at least one feature';
const MISSING = /^(|na|nan|null|\?)$/i;

/** A cell as a number: finite decimals, and inf/-inf/Infinity. Anything else is NaN. */
export function parseCell(cell: string): number {
  const s = cell.trim();
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** Line breaks inside a cell (a quoted one), which make its row span more lines. */
const lineBreaks = (cell: string) => cell.match(/\r\n|\r|\n/g)?.length ?? 0;

export class ColumnBuilder {
  names: string[] = [];
  private columns: Float64Array[] = [];
  /** Data rows kept (every data row: a bad one ends the file). */
  n = 0;
  /** The line of each kept row (1-based), grown with the columns. */
  private lines = new Float64Array(1024);
  /** Whether the header (or the first data row, when it is numbers) has been seen. */
  private started = false;
  /** The line the next row starts on. */
  private line = 1;
  /** The first column is row names: every row's first cell is dropped. */
  private rowNames = false;

  /** Where the next data row is, as the command line says it: `row 2 (line 3)`. */
  where(): string {
    return `row ${this.n + 1} (line ${this.line})`;
  }

  /** One row of cells as papaparse gives it (blank lines too: they count as lines, not rows). */
  addRow(row: string[]): void {
    if (!this.started) {
      if (row.length === 1 && row[0].trim() === '') {
        this.line++; // blank lines before the header
        return;
      }
      this.started = true;
      const header = this.start(row);
      if (header) {
        this.line += 1 + row.reduce((sum, cell) => sum + lineBreaks(cell), 0);
        return;
      }
    }
    if (row.length === 1 && row[0].trim() === '' && this.names.length > 1) {
      this.line++;
      return;
    }
    this.addDataRow(this.rowNames ? row.slice(1) : row, row.length);
    this.line++; // a data row is one line: a cell with a line break is no number, and ends the file
  }

  private addDataRow(cells: string[], fields: number): void {
    if (cells.length !== this.names.length) {
      throw new CsvError(`${this.where()} has ${fields} fields, expected ${fields - cells.length + this.names.length} as in the header`);
    }
    if (this.n === this.columns[0].length) this.grow();
    for (let c = 0; c < cells.length; c++) {
      const v = parseCell(cells[c]);
      if (Number.isNaN(v)) {
        const cell = cells[c].trim();
        const what = cell === '' ? 'is empty' : MISSING.test(cell) ? `${show(cells[c])} is missing` : `${show(cells[c].slice(0, 40))} is not a number`;
        const advice = MISSING.test(cell) ? '; the page does not drop rows: remove the row or the column' : '';
        throw new CsvError(`${this.where()}, column ${show(this.names[c])}: value ${what}${advice}`);
      }
      this.columns[c][this.n] = v;
    }
    this.lines[this.n] = this.line;
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
      if (seen.has(name)) throw new CsvError(`header (line 1): the column name "${name}" appears twice`);
      seen.add(name);
    }
    if (this.names.length < 2) throw new CsvError(ONE_COLUMN);
    this.columns = this.names.map(() => new Float64Array(1024));
    return !numeric;
  }

  private grow(): void {
    const lines = new Float64Array(this.lines.length * 2);
    lines.set(this.lines);
    this.lines = lines;
    this.columns = this.columns.map((col) => {
      const bigger = new Float64Array(col.length * 2);
      bigger.set(col);
      return bigger;
    });
  }

  /** The columns, each row's line, and whether an unnamed first column was dropped as row names. */
  finish(): { names: string[]; columns: Float64Array[]; n: number; rowNames: boolean; lines: Float64Array } {
    if (this.names.length === 0) throw new CsvError('the file is empty');
    if (this.n === 0) throw new CsvError('the file has a header but no data rows');
    if (this.names.length < 2) throw new CsvError(ONE_COLUMN);
    const columns = this.columns.map((col) => (col.length === this.n ? col : col.slice(0, this.n)));
    this.columns = [];
    return { names: this.names, columns, n: this.n, rowNames: this.rowNames, lines: this.lines.slice(0, this.n) };
  }
}

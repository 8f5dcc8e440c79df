// Parses a numeric CSV with a header as its text arrives in chunks, into the column-major
// matrix the library takes. The text is never held whole: papaparse's core parser is fed one
// chunk at a time, as its own streamers feed it, and only the row cut by a chunk's end is kept
// for the next one. Every cell is checked here, so a bad file is reported by row, line, column
// and value as typed.

import Papa from 'papaparse';
import { InputError, show } from '../errors.js';
import type { DenseMatrix } from '../problem/types.js';
import { type Columns, columnsOf } from './csv-header.js';
import { shortDecimal } from '../formats/csv-number.js';
import { FloatColumns, IndexColumn, type IndexArray, firstCapacity, nextCapacity } from '../formats/csv-store.js';

export interface CsvOptions {
  /** Target column (default `y` if the header has it, else the last column). */
  target?: string;
  /** Optional observation-weights column. */
  weights?: string;
  /** Optional offset column (glmnet's offset), for fit and cv, and for predict beside `features`. */
  offset?: string;
  /** Drop rows with missing cells (NA, NaN, empty) instead of failing. */
  dropIncomplete?: boolean;
  /**
   * Exactly these feature columns, in this order (e.g. a saved model's), and no target: other
   * columns are ignored and y is empty. A missing name is an error naming it.
   */
  features?: string[];
  /**
   * Read the target column as labels (text as written, trimmed; loss multinomial): CsvData's
   * `labels`, and y is empty. NA, NaN, empty cells are missing labels, as missing numbers are.
   */
  labels?: boolean;
}

/** How the text is cut and the storage first sized; for tests, which force tiny values. */
export interface CsvTuning {
  /** Characters parsed at a time (readCsv: also the bytes read at a time). */
  chunkSize?: number;
  /** Rows of room at first, grown by doubling without estimates. */
  firstCapacity?: number;
  /**
   * Streaming: rows are handed out in blocks of `blockRows` (and the last, shorter) and not
   * kept; the reader then ends with `endStream`.
   */
  onBlock?: (block: CsvBlock) => void;
  blockRows?: number;
}

/** A block of kept rows (streaming): column-major views, valid only during the call. */
export interface CsvBlock {
  count: number;
  nFeatures: number;
  feature(j: number): Float64Array;
  y: Float64Array;
  weights: Float64Array | null;
  offset: Float64Array | null;
}

/** What a streamed file was, once all its blocks were handed out. */
export type CsvStreamSummary = Omit<CsvData, 'X' | 'y' | 'weights' | 'offset' | 'origin'> & { nRows: number; nFeatures: number };

export interface CsvData {
  /** n × p features, column-major float64. */
  X: DenseMatrix & { data: Float64Array };
  y: Float64Array;
  /** With the `labels` option: the target's cells as text, one per kept row (y is then empty). */
  labels?: string[];
  weights?: Float64Array;
  offset?: Float64Array;
  featureNames: string[];
  targetName: string;
  /** Weights column's name ('' when none). */
  weightsName: string;
  /** Offset column's name ('' when none). */
  offsetName?: string;
  /** Whether the file's unnamed first column was read as row names and left out (csv/row-names.ts). */
  rowNames: boolean;
  /** Rows dropped by `dropIncomplete`. */
  nDropped: number;
  /** Where kept row i came from: its data-row number and its line in the file (both 1-based). */
  origin: { row: IndexArray; line: IndexArray };
}

// A plain decimal number: no hex, no `Infinity`, no empty string (which Number() would accept).
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['na', 'nan', 'n/a', 'null', '']);
const INFINITE = /^[+-]?(inf|infinity)$/i;
/** papaparse guesses the line break from the first MiB of its input: as much is gathered first. */
const GUESS_CHARS = 1 << 20;

/** Push the text (in any pieces), then `end()` for the data; errors are InputErrors. */
export class CsvReader {
  // Before parsing starts: the first text, gathered until it holds GUESS_CHARS and a non-blank.
  private head: string[] | undefined = [];
  private headChars = 0;
  private notBlank = false;
  private atStart = true;

  private parser: Papa.Parser | undefined;
  private linebreak: '\n' | '\r' | '\r\n' = '\n';
  /** Text after the last complete row, and the index of its first character in the whole text. */
  private pending = '';
  private base = 0;
  /** While `pending` holds no complete row, it is parsed again only once this long (amortized). */
  private retryAt = 0;
  /** The text in the parser's hands (its first character at `base`), for counting line breaks. */
  private text = '';
  /** Index just past the last row handed out. */
  private cursor = 0;
  private estimatedRows: number | undefined;

  private header: string[] | undefined;
  private layout: Columns | undefined;
  /** Header column j → its slot in the store (features, then target, weights, offset), −1: not read. */
  private slotOf = new Int32Array(0);
  private store = new FloatColumns(0, 1);
  private originRow = new IndexColumn(1);
  private originLine = new IndexColumn(1);
  /** The target's column when it is read as labels (−1: not), and the kept rows' labels. */
  private labelColumn = -1;
  private labels: string[] = [];
  private n = 0;
  /** Rows handed out in blocks so far (streaming). */
  private handedOut = 0;
  private nDropped = 0;
  /** 1-based index of the current data row (blank lines are not rows). */
  private dataRow = 0;
  /** 1-based line on which the current row starts. */
  private lineOfRow = 1;

  /**
   * @param source the file as the user named it, for messages
   * @param totalChars the text's length if known (a file's size in bytes will do), to size storage
   */
  constructor(
    private readonly source: string,
    private readonly options: CsvOptions = {},
    private readonly totalChars?: number,
    private readonly tuning: CsvTuning = {},
  ) {}

  push(chunk: string): void {
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // a UTF-8 byte-order mark
    }
    if (this.head === undefined) return this.feed(chunk);
    this.head.push(chunk);
    this.headChars += chunk.length;
    if (!this.notBlank && /\S/.test(chunk)) this.notBlank = true;
    if (this.notBlank && this.headChars >= GUESS_CHARS) this.start();
  }

  end(): CsvData {
    this.finishText();
    const { header, layout, n, nDropped } = this;
    if (header === undefined || layout === undefined) throw new Error('unreachable: finishText checks the header');

    const { target, weights, offset, features, rowNames } = layout;
    const p = features.length;
    const { matrix, others } = this.store.finish(n, p);
    const slot = (column: number) => others[this.slotOf[column] - p];
    return {
      X: { data: matrix, nRows: n, nCols: p, layout: 'column-major' },
      y: target >= 0 && this.labelColumn < 0 ? slot(target) : new Float64Array(0),
      ...(this.labelColumn >= 0 ? { labels: this.labels } : {}),
      ...(weights >= 0 ? { weights: slot(weights) } : {}),
      ...(offset >= 0 ? { offset: slot(offset), offsetName: header[offset] } : {}),
      featureNames: features.map((j) => header[j]),
      targetName: target >= 0 ? header[target] : '',
      weightsName: weights >= 0 ? header[weights] : '',
      rowNames,
      nDropped,
      origin: { row: this.originRow.finish(n), line: this.originLine.finish(n) },
    };
  }

  /** Streaming: hands out the last block and says what the file was. */
  endStream(): CsvStreamSummary {
    this.finishText();
    this.flush();
    const { header, layout } = this;
    const { target, weights, offset, features, rowNames } = layout!;
    return {
      featureNames: features.map((j) => header![j]),
      targetName: target >= 0 ? header![target] : '',
      weightsName: weights >= 0 ? header![weights] : '',
      ...(offset >= 0 ? { offsetName: header![offset] } : {}),
      rowNames,
      nDropped: this.nDropped,
      nRows: this.handedOut,
      nFeatures: features.length,
    };
  }

  /** Parses what is left of the text and checks that some rows were kept. */
  private finishText(): void {
    if (this.head !== undefined) {
      if (!this.notBlank) throw new InputError(`${this.source}: the file is empty`);
      this.start();
    }
    this.parse(true);
    const { source, header, layout, nDropped } = this;
    if (header === undefined || layout === undefined) throw new InputError(`${source}: the file is empty`);
    if (this.dataRow === 0) throw new InputError(`${source}: the file has a header but no data rows`);
    if (this.n + this.handedOut === 0) throw new InputError(`${source}: all ${nDropped} data rows have missing values (--drop-incomplete)`);
  }

  /** Streaming: the kept rows so far go to onBlock, and their room is reused. */
  private flush(): void {
    const { n, store, layout } = this;
    if (n === 0 || !this.tuning.onBlock) return;
    const { values, capacity } = store;
    const p = layout!.features.length;
    const slot = (k: number) => values.subarray(k * capacity, k * capacity + n);
    let next = p + 1;
    this.tuning.onBlock({
      count: n,
      nFeatures: p,
      feature: slot,
      y: slot(p),
      weights: layout!.weights >= 0 ? slot(next++) : null,
      offset: layout!.offset >= 0 ? slot(next++) : null,
    });
    this.handedOut += n;
    this.n = 0;
  }

  /** Guesses the line break from the gathered text, as papaparse does from a whole text, and starts. */
  private start(): void {
    const head = this.head!.join('');
    this.head = undefined;
    const guessed = Papa.parse<string[]>(head, { delimiter: ',', preview: 1 }).meta.linebreak;
    this.linebreak = guessed === '\r' || guessed === '\r\n' ? guessed : '\n';
    if (this.totalChars !== undefined && this.tuning.firstCapacity === undefined) {
      const sample = Math.min(head.length, GUESS_CHARS);
      const breaks = countLineBreaks(head, 0, sample, this.linebreak);
      if (breaks > 0) this.estimatedRows = (breaks * this.totalChars) / sample;
    }
    this.parser = new Papa.Parser({ delimiter: ',', newline: this.linebreak, step: (result) => this.step(result) });
    this.feed(head);
  }

  private feed(chunk: string): void {
    const size = this.tuning.chunkSize;
    if (size === undefined || chunk.length <= size) {
      this.pending += chunk;
      return this.parse(false);
    }
    for (let at = 0; at < chunk.length; at += size) {
      this.pending += chunk.slice(at, at + size);
      this.parse(false);
    }
  }

  /** Parses the pending text; unless it is the last, a row cut at its end waits for more. */
  private parse(last: boolean): void {
    if (!last && this.pending.length < this.retryAt) return;
    const text = this.pending;
    this.text = text;
    const end: number = this.parser!.parse(text, this.base, !last).meta.cursor;
    // No row complete yet (one row longer than the text so far): parse again when it has doubled.
    this.retryAt = end === this.base ? 2 * text.length : 0;
    this.pending = text.slice(end - this.base);
    this.base = end;
    this.text = '';
  }

  /** One row from papaparse (the header first). */
  private step(result: Papa.ParseStepResult<string[]>): void {
    const start = this.cursor;
    this.cursor = result.meta.cursor;
    const cells = (result.data as unknown as string[][])[0];
    if (this.header === undefined) {
      if (result.errors.length > 0) {
        throw new InputError(`${this.source}: header (line 1): ${result.errors[0].message}`);
      }
      this.startRows(cells.map((name) => name.trim()));
    } else if (result.errors.length > 0) {
      this.dataRow++;
      throw new InputError(`${this.where()}: ${result.errors[0].message}`);
    } else if (!(cells.length === 1 && cells[0].trim() === '' && this.header.length > 1)) {
      this.dataRow++; // a blank line is skipped, any other line is a data row
      this.row(cells);
    }
    this.lineOfRow += countLineBreaks(this.text, start - this.base, this.cursor - this.base, this.linebreak);
  }

  private startRows(header: string[]): void {
    const layout = columnsOf(header, this.source, this.options);
    const p = layout.features.length;
    const slotOf = new Int32Array(header.length).fill(-1);
    layout.features.forEach((j, k) => (slotOf[j] = k));
    let nSlots = p;
    if (layout.target >= 0 && this.options.labels && !this.tuning.onBlock) this.labelColumn = layout.target;
    else if (layout.target >= 0) slotOf[layout.target] = nSlots++;
    if (layout.weights >= 0) slotOf[layout.weights] = nSlots++;
    if (layout.offset >= 0) slotOf[layout.offset] = nSlots++;
    // A kept row has a digit and a comma or line break per cell: no more rows than that fit.
    const most = this.totalChars === undefined ? Infinity : this.totalChars / (2 * header.length);
    const estimate = this.estimatedRows === undefined ? undefined : Math.min(this.estimatedRows, most);
    const capacity = this.tuning.onBlock ? (this.tuning.blockRows ?? 65536) : (this.tuning.firstCapacity ?? firstCapacity(estimate));
    this.header = header;
    this.layout = layout;
    this.slotOf = slotOf;
    this.store = new FloatColumns(nSlots, capacity);
    this.originRow = new IndexColumn(capacity);
    this.originLine = new IndexColumn(capacity);
  }

  private where(): string {
    return `${this.source}: row ${this.dataRow} (line ${this.lineOfRow})`;
  }

  /** Checks a data row's cells and keeps its numbers (unless incomplete rows are dropped). */
  private row(cells: string[]): void {
    const { header, slotOf } = this;
    const nCols = header!.length;
    if (cells.length !== nCols) {
      throw new InputError(`${this.where()} has ${cells.length} fields, expected ${nCols} as in the header`);
    }
    if (this.n === this.store.capacity) {
      if (this.tuning.onBlock) this.flush();
      else this.grow();
    }
    const { values, capacity } = this.store;
    const at = this.n;
    let incomplete = false;
    for (let j = 0; j < nCols; j++) {
      const slot = slotOf[j];
      if (slot < 0) continue;
      let value = shortDecimal(cells[j]);
      if (value !== value) value = this.cell(cells[j], j); // not a short decimal: the general rules
      if (value !== value) incomplete = true;
      else values[slot * capacity + at] = value;
    }
    const label = this.labelColumn >= 0 ? this.label(cells[this.labelColumn]) : undefined;
    if (label === null) incomplete = true;
    if (incomplete) {
      this.nDropped++;
      return; // the row is not kept: n is not advanced, its cells are overwritten by the next
    }
    if (label !== undefined && label !== null) this.labels.push(label);
    this.originRow.set(at, this.dataRow);
    this.originLine.set(at, this.lineOfRow);
    this.n++;
  }

  /** Cell j of the current row by the general rules: its value, NaN when missing (and dropped). */
  private cell(text: string, j: number): number {
    const cell = text.trim();
    if (NUMBER.test(cell)) {
      const value = Number(cell);
      // A decimal too large for float64 reads as ±Infinity (v − v is NaN exactly then).
      if (value - value !== 0) throw new InputError(`${this.at(j)}: value ${show(text)} is beyond float64's range`);
      return value;
    }
    if (MISSING.has(cell.toLowerCase())) {
      // Missing: an error, unless such rows are dropped (after the other cells are checked).
      if (this.options.dropIncomplete) return NaN;
      const what = cell === '' ? 'is empty' : `${show(text)} is missing`;
      throw new InputError(`${this.at(j)}: value ${what}; use --drop-incomplete to drop such rows`);
    }
    if (INFINITE.test(cell)) throw new InputError(`${this.at(j)}: value ${show(text)} is not finite`);
    throw new InputError(`${this.at(j)}: value ${show(text)} is not a number`);
  }

  /** The current row's label as written (trimmed); null when missing and such rows are dropped. */
  private label(text: string): string | null {
    const cell = text.trim();
    if (!MISSING.has(cell.toLowerCase())) return cell;
    if (this.options.dropIncomplete) return null;
    const what = cell === '' ? 'is empty' : `${show(text)} is missing`;
    throw new InputError(`${this.at(this.labelColumn)}: label ${what}; use --drop-incomplete to drop such rows`);
  }

  /** Where cell j of the current row is, for messages (built only when needed). */
  private at(j: number): string {
    return `${this.where()}, column ${show(this.header![j])}`;
  }

  /** Room for more rows: to the final count estimated from the text read so far, or double. */
  private grow(): void {
    const { n, cursor, totalChars } = this;
    const fixed = this.tuning.firstCapacity !== undefined;
    const estimate = !fixed && totalChars !== undefined && cursor > 0 ? (n * totalChars) / cursor : undefined;
    const capacity = nextCapacity(this.store.capacity, n, estimate);
    this.store.resize(capacity, n);
    this.originRow.resize(capacity, n);
    this.originLine.resize(capacity, n);
  }
}

function countLineBreaks(text: string, from: number, to: number, linebreak: string): number {
  let count = 0;
  for (let at = text.indexOf(linebreak, from); at >= 0 && at < to; at = text.indexOf(linebreak, at + 1)) count++;
  return count;
}

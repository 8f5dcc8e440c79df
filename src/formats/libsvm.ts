// A libsvm / svmlight file: one row per line, `label [qid:q] index:value …`, indices 1-based and
// ascending, features named x1…xp with p the largest index seen. Read line by line into sparse
// triplets (triplets.ts), whatever gives the lines (a Node file stream, a browser File's
// stream): `qid:` tokens (ranking query ids) and `#` comments are ignored, blank lines skipped,
// absent entries are zeros. Messages name the source, the line and the column (`x3`).

import { InputError, show } from '../errors.js';
import { FloatColumns, IndexColumn, nextCapacity } from './csv-store.js';
import { textNumber } from './text-number.js';
import { MAX_DENSE_BYTES, type SparseRows, Triplets, checkDenseSize } from './triplets.js';

/** The largest index accepted: columns are stored as uint32. */
const MOST_INDEX = 2 ** 31;
const INDEX = /^\d+$/;

/** Reads a libsvm file's lines one at a time (`line`), then `finish` gives its rows. */
export class LibsvmReader {
  private readonly entries = new Triplets();
  private readonly labels = new FloatColumns(1, 1024);
  private readonly lines = new IndexColumn(1024);
  /** Rows read so far (data lines). */
  nRows = 0;
  private nCols = 0;
  private lineNo = 0;

  /** `source` names the file in messages; `checkSize`: refuse once the dense X would pass MAX_DENSE_BYTES. */
  constructor(
    private readonly source: string,
    private readonly checkSize: boolean,
  ) {}

  /** One line of the file, without its line break. */
  line(line: string): void {
    const lineNo = ++this.lineNo;
    const hash = line.indexOf('#');
    const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (body === '') return;
    const { labels, lines } = this;
    if (this.nRows === labels.capacity) {
      const capacity = nextCapacity(labels.capacity, this.nRows);
      labels.resize(capacity, this.nRows);
      lines.resize(capacity, this.nRows);
    }
    const where = `${this.source}: line ${lineNo}`;
    const last = readRow(body, this.nRows, this.entries, where);
    labels.values[this.nRows] = last.label;
    lines.set(this.nRows, lineNo);
    this.nRows++;
    this.nCols = Math.max(this.nCols, last.index);
    if (this.checkSize && this.nRows * this.nCols * 8 > MAX_DENSE_BYTES) checkDenseSize(this.nRows, this.nCols, where);
  }

  finish(): SparseRows {
    const { entries, nRows, nCols } = this;
    if (nRows === 0) throw new InputError(`${this.source}: the file has no data lines`);
    return { entries, nRows, nCols, labels: this.labels.finish(nRows, 1).matrix, lines: this.lines.finish(nRows) };
  }
}

/** Reads a libsvm file from its lines. */
export async function readLibsvmLines(lines: AsyncIterable<string> | Iterable<string>, source: string, checkSize: boolean): Promise<SparseRows> {
  const reader = new LibsvmReader(source, checkSize);
  for await (const line of lines) reader.line(line);
  return reader.finish();
}

/** Reads one line's label and entries into row `row`; returns the label and the last index. */
function readRow(body: string, row: number, entries: Triplets, where: string): { label: number; index: number } {
  const tokens = body.split(/\s+/);
  const label = textNumber(tokens[0]);
  if (typeof label === 'string') throw new InputError(`${where}: label: ${label}`);
  let last = 0;
  for (let t = 1; t < tokens.length; t++) {
    const token = tokens[t];
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon) : '';
    if (key === 'qid') continue; // a ranking query id: no meaning to a fit
    if (!INDEX.test(key)) throw new InputError(`${where}: ${show(token)} is not index:value (a positive integer index)`);
    const index = Number(key);
    if (index === 0) throw new InputError(`${where}: ${show(token)}: indices are 1-based (x1 is index 1)`);
    if (index > MOST_INDEX) throw new InputError(`${where}: ${show(token)}: index beyond ${MOST_INDEX}`);
    if (index <= last) throw new InputError(`${where}, column "x${index}": indices must ascend within a line (${index} after ${last})`);
    const value = textNumber(token.slice(colon + 1));
    if (typeof value === 'string') throw new InputError(`${where}, column "x${index}": ${value}`);
    if (value !== 0) entries.push(row, index - 1, value);
    last = index;
  }
  return { label, index: last };
}

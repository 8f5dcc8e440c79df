// A Matrix Market file (coordinate or array; real, integer or pattern; general, symmetric or
// skew-symmetric) read line by line into sparse triplets (triplets.ts), whatever gives the lines:
// the rows are the samples, column j is feature x(j+1). Duplicate coordinate entries are summed,
// as when scipy converts to CSC. Messages name the source, the line, the row and the column.

import { InputError, show } from '../errors.js';
import { type MtxHeader, mtxBanner, mtxSize } from './mtx-header.js';
import { textNumber } from './text-number.js';
import { type SparseRows, Triplets, checkDenseSize } from './triplets.js';

export type MtxRows = SparseRows & { header: MtxHeader };

/** Reads a Matrix Market file's lines one at a time (`line`), then `finish` gives its rows. */
export class MtxReader {
  private readonly entries = new Triplets();
  private banner: ReturnType<typeof mtxBanner> | undefined;
  /** The size line's numbers, once read. */
  header: MtxHeader | undefined;
  private lineNo = 0;
  /** Entries (or array values) read so far. */
  count = 0;

  /** `source` names the file in messages; `checkSize`: refuse once the size line says the dense X is too large. */
  constructor(
    private readonly source: string,
    private readonly checkSize: boolean,
  ) {}

  /** One line of the file, without its line break. */
  line(line: string): void {
    const lineNo = ++this.lineNo;
    const { source, header } = this;
    if (this.banner === undefined) {
      this.banner = mtxBanner(line, source);
      return;
    }
    const body = line.trim();
    if (body === '' || body.startsWith('%')) return;
    if (header === undefined) {
      this.header = mtxSize(body, this.banner, `${source}: line ${lineNo}`);
      if (this.checkSize) checkDenseSize(this.header.nRows, this.header.nCols, source);
      return;
    }
    if (this.count === header.nEntries) {
      throw new InputError(`${source}: line ${lineNo}: more entries than the ${header.nEntries} the size line announced`);
    }
    if (header.layout === 'array') readValue(body, this.count, header, this.entries, `${source}: line ${lineNo}`);
    else readEntry(body, header, this.entries, `${source}: line ${lineNo}`);
    this.count++;
  }

  finish(): MtxRows {
    const { source, header, count } = this;
    if (this.banner === undefined) throw new InputError(`${source}: the file is empty`);
    if (header === undefined) throw new InputError(`${source}: no size line after the banner`);
    if (count < header.nEntries) throw new InputError(`${source}: ${count} entries, but the size line announced ${header.nEntries}`);
    return { entries: this.entries, nRows: header.nRows, nCols: header.nCols, labels: new Float64Array(0), header };
  }
}

/** Reads a Matrix Market file from its lines. */
export async function readMtxLines(lines: AsyncIterable<string> | Iterable<string>, source: string, checkSize: boolean): Promise<MtxRows> {
  const reader = new MtxReader(source, checkSize);
  for await (const line of lines) reader.line(line);
  return reader.finish();
}

/** One coordinate entry `i j [value]`. */
function readEntry(body: string, header: MtxHeader, entries: Triplets, where: string): void {
  const words = body.split(/\s+/);
  const pattern = header.field === 'pattern';
  if (words.length !== (pattern ? 2 : 3)) {
    throw new InputError(`${where}: ${show(body)} is not "${pattern ? 'row column' : 'row column value'}"`);
  }
  const i = index(words[0], header.nRows, 'row', where);
  const j = index(words[1], header.nCols, 'column', where);
  let value = 1;
  if (!pattern) {
    const read = textNumber(words[2]);
    if (typeof read === 'string') throw new InputError(`${where}, row ${i}, column "x${j}": ${read}`);
    value = read;
  }
  if (value === 0) return;
  entries.push(i - 1, j - 1, value);
  if (header.symmetry !== 'general' && i !== j) entries.push(j - 1, i - 1, header.symmetry === 'skew-symmetric' ? -value : value);
}

/** The k-th value of an array file (column-major, one per line). */
function readValue(body: string, k: number, header: MtxHeader, entries: Triplets, where: string): void {
  const i = k % header.nRows;
  const j = Math.floor(k / header.nRows);
  const value = textNumber(body);
  if (typeof value === 'string') throw new InputError(`${where}, row ${i + 1}, column "x${j + 1}": ${value}`);
  if (value !== 0) entries.push(i, j, value);
}

/** A 1-based index in 1…most. */
function index(word: string, most: number, what: string, where: string): number {
  const value = /^\d+$/.test(word) ? Number(word) : NaN;
  if (!(value >= 1 && value <= most)) throw new InputError(`${where}: ${what} index ${show(word)} is outside 1…${most}`);
  return value;
}

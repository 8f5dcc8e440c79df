// A Matrix Market file (coordinate or array; real, integer or pattern; general, symmetric or
// skew-symmetric) read as sparse triplets (triplets.ts): the rows are the samples, column j is
// feature x(j+1). Duplicate coordinate entries are summed, as when scipy converts to CSC.

import { InputError, show } from '../errors.js';
import { type MtxHeader, mtxBanner, mtxSize } from '../formats/mtx-header.js';
import { textLines } from './text-lines.js';
import { textNumber } from '../formats/text-number.js';
import { type SparseRows, Triplets, checkDenseSize } from '../formats/triplets.js';

/** Reads a Matrix Market file; `checkSize`: refuse once the size line says the dense X is too large. */
export async function readMtx(path: string, checkSize: boolean, what?: string): Promise<SparseRows & { header: MtxHeader }> {
  const entries = new Triplets();
  let banner: ReturnType<typeof mtxBanner> | undefined;
  let header: MtxHeader | undefined;
  let lineNo = 0;
  let count = 0;
  for await (const line of textLines(path, what)) {
    lineNo++;
    if (banner === undefined) {
      banner = mtxBanner(line, path);
      continue;
    }
    const body = line.trim();
    if (body === '' || body.startsWith('%')) continue;
    if (header === undefined) {
      header = mtxSize(body, banner, `${path}: line ${lineNo}`);
      if (checkSize) checkDenseSize(header.nRows, header.nCols, path);
      continue;
    }
    if (count === header.nEntries) {
      throw new InputError(`${path}: line ${lineNo}: more entries than the ${header.nEntries} the size line announced`);
    }
    if (header.layout === 'array') readValue(body, count, header, entries, `${path}: line ${lineNo}`);
    else readEntry(body, header, entries, `${path}: line ${lineNo}`);
    count++;
  }
  if (banner === undefined) throw new InputError(`${path}: the file is empty`);
  if (header === undefined) throw new InputError(`${path}: no size line after the banner`);
  if (count < header.nEntries) throw new InputError(`${path}: ${count} entries, but the size line announced ${header.nEntries}`);
  return { entries, nRows: header.nRows, nCols: header.nCols, labels: new Float64Array(0), header };
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

// A libsvm / svmlight file: one row per line, `label [qid:q] index:value …`, indices 1-based and
// ascending, features named x1…xp with p the largest index seen. Read as sparse triplets
// (triplets.ts); `qid:` tokens (ranking query ids) and `#` comments are ignored, blank lines
// skipped, absent entries are zeros.

import { InputError, show } from '../errors.js';
import { FloatColumns, IndexColumn, nextCapacity } from '../formats/csv-store.js';
import { textLines } from './text-lines.js';
import { textNumber } from '../formats/text-number.js';
import { MAX_DENSE_BYTES, type SparseRows, Triplets, checkDenseSize } from '../formats/triplets.js';

/** The largest index accepted: columns are stored as uint32. */
const MOST_INDEX = 2 ** 31;
const INDEX = /^\d+$/;

/** Reads a libsvm file; `checkSize`: refuse as soon as the dense X would pass MAX_DENSE_BYTES. */
export async function readLibsvm(path: string, checkSize: boolean): Promise<SparseRows> {
  const entries = new Triplets();
  const labels = new FloatColumns(1, 1024);
  const lines = new IndexColumn(1024);
  let nRows = 0;
  let nCols = 0;
  let lineNo = 0;
  for await (const line of textLines(path)) {
    lineNo++;
    const hash = line.indexOf('#');
    const body = (hash >= 0 ? line.slice(0, hash) : line).trim();
    if (body === '') continue;
    if (nRows === labels.capacity) {
      const capacity = nextCapacity(labels.capacity, nRows);
      labels.resize(capacity, nRows);
      lines.resize(capacity, nRows);
    }
    const last = readRow(body, nRows, entries, `${path}: line ${lineNo}`);
    labels.values[nRows] = last.label;
    lines.set(nRows, lineNo);
    nRows++;
    nCols = Math.max(nCols, last.index);
    if (checkSize && nRows * nCols * 8 > MAX_DENSE_BYTES) checkDenseSize(nRows, nCols, `${path}: line ${lineNo}`);
  }
  if (nRows === 0) throw new InputError(`${path}: the file has no data lines`);
  return { entries, nRows, nCols, labels: labels.finish(nRows, 1).matrix, lines: lines.finish(nRows) };
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

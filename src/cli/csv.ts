// Reads a numeric CSV with a header into the column-major matrix the library takes.
// Every cell is checked here, so a bad file is reported by row, line, column and value.

import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { InputError, show } from '../problem/errors.js';
import type { DenseMatrix } from '../problem/types.js';

export interface CsvOptions {
  /** Target column (default `y` if the header has it, else the last column). */
  target?: string;
  /** Optional observation-weights column. */
  weights?: string;
  /** Drop rows with missing cells (NA, NaN, empty) instead of failing. */
  dropIncomplete?: boolean;
  /**
   * Exactly these feature columns, in this order (e.g. a saved model's), and no target: other
   * columns are ignored and y is empty. A missing name is an error naming it.
   */
  features?: string[];
}

export interface CsvData {
  /** n × p features, column-major float64. */
  X: DenseMatrix & { data: Float64Array };
  y: Float64Array;
  weights?: Float64Array;
  featureNames: string[];
  targetName: string;
  /** Rows dropped by `dropIncomplete`. */
  nDropped: number;
  /** Where kept row i came from: its data-row number and its line in the file (both 1-based). */
  origin: { row: number[]; line: number[] };
}

// A plain decimal number: no hex, no `Infinity`, no empty string (which Number() would accept).
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['na', 'nan', 'n/a', 'null', '']);
const INFINITE = /^[+-]?(inf|infinity)$/i;

/** Reads and parses a CSV file; `source` in messages is the path as the user gave it. */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read data file ${show(path)}: ${describeFsError(err)}`);
  }
  return parseCsv(text, path, options);
}

/** Parses CSV text (see readCsv). */
export function parseCsv(text: string, source: string, options: CsvOptions = {}): CsvData {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new InputError(`${source}: the file is empty`);

  let header: string[] | undefined;
  let layout: Columns | undefined;
  let nCols = 0;
  let values = new Float64Array(1024); // row-major, grown by doubling
  let n = 0;
  let nDropped = 0;
  let dataRow = 0; // 1-based index of the current data row (blank lines are not rows)
  let lineOfRow = 1; // 1-based line on which the current row starts
  let cursor = 0;
  let failure: unknown; // thrown inside step: stop parsing, rethrow after
  let ignored: boolean[] | undefined; // columns not read (only with options.features)
  const origin = { row: [] as number[], line: [] as number[] };

  const parseRow = (cells: string[], where: string): void => {
    if (cells.length !== nCols) {
      throw new InputError(`${where} has ${cells.length} fields, expected ${nCols} as in the header`);
    }
    if (values.length < (n + 1) * nCols) {
      const grown = new Float64Array(Math.max(values.length * 2, (n + 1) * nCols));
      grown.set(values);
      values = grown;
    }
    const offset = n * nCols;
    let incomplete = false;
    for (let j = 0; j < nCols; j++) {
      if (ignored![j]) continue;
      const cell = cells[j].trim();
      if (NUMBER.test(cell)) {
        values[offset + j] = Number(cell);
        continue;
      }
      const at = `${where}, column ${show(header![j])}`; // only for messages: built when needed
      if (MISSING.has(cell.toLowerCase())) {
        // Missing: an error, unless such rows are dropped (after the other cells are checked).
        const what = cell === '' ? 'is empty' : `${show(cells[j])} is missing`;
        if (!options.dropIncomplete) {
          throw new InputError(`${at}: value ${what}; use --drop-incomplete to drop such rows`);
        }
        incomplete = true;
      } else if (INFINITE.test(cell)) {
        throw new InputError(`${at}: value ${show(cells[j])} is not finite`);
      } else {
        throw new InputError(`${at}: value ${show(cells[j])} is not a number`);
      }
    }
    if (incomplete) {
      nDropped++;
      return; // the row is not kept: n is not advanced
    }
    origin.row.push(dataRow);
    origin.line.push(lineOfRow);
    n++;
  };

  Papa.parse<string[]>(text, {
    delimiter: ',',
    dynamicTyping: false,
    step: (result, parser) => {
      const start = cursor;
      cursor = result.meta.cursor;
      try {
        const cells = result.data;
        if (header === undefined) {
          if (result.errors.length > 0) {
            throw new InputError(`${source}: header (line 1): ${result.errors[0].message}`);
          }
          header = cells.map((name) => name.trim());
          nCols = header.length;
          layout = columnsOf(header, source, options);
          const used = new Set([layout.target, layout.weights, ...layout.features]);
          ignored = header.map((_, j) => !used.has(j));
        } else if (result.errors.length > 0) {
          dataRow++;
          const error = result.errors[0];
          throw new InputError(`${source}: row ${dataRow} (line ${lineOfRow}): ${error.message}`);
        } else if (!(cells.length === 1 && cells[0].trim() === '' && nCols > 1)) {
          dataRow++; // a blank line is skipped, any other line is a data row
          parseRow(cells, `${source}: row ${dataRow} (line ${lineOfRow})`);
        }
      } catch (err) {
        failure = err;
        parser.abort();
      }
      lineOfRow += countLineBreaks(text, start, cursor, result.meta.linebreak);
    },
  });
  if (failure !== undefined) throw failure;
  if (header === undefined || layout === undefined) throw new InputError(`${source}: the file is empty`);
  if (dataRow === 0) throw new InputError(`${source}: the file has a header but no data rows`);
  if (n === 0) {
    throw new InputError(`${source}: all ${nDropped} data rows have missing values (--drop-incomplete)`);
  }
  return { ...assemble(values, n, nCols, header, layout), nDropped, origin };
}

/** Which column is the target (−1: none), which the weights, which the features. */
interface Columns {
  target: number;
  weights: number;
  features: number[];
}

function columnsOf(header: string[], source: string, options: CsvOptions): Columns {
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') throw new InputError(`${source}: header: column ${j + 1} has no name`);
    const before = seen.get(name);
    if (before !== undefined) {
      throw new InputError(
        `${source}: header: column name ${show(name)} appears twice (columns ${before + 1} and ${j + 1})`,
      );
    }
    seen.set(name, j);
  });
  const find = (name: string, option: string): number => {
    const j = seen.get(name);
    if (j === undefined) {
      throw new InputError(
        `${source}: ${option} column ${show(name)} not found; the columns are ${listNames(header)}`,
      );
    }
    return j;
  };
  if (options.features) {
    return { target: -1, weights: -1, features: options.features.map((name) => find(name, 'model feature')) };
  }
  const target =
    options.target !== undefined ? find(options.target, '--target') : (seen.get('y') ?? header.length - 1);
  const weights = options.weights !== undefined ? find(options.weights, '--weights') : -1;
  if (weights === target) {
    throw new InputError(`${source}: column ${show(header[target])} cannot be both the target and the weights`);
  }
  const features = header.map((_, j) => j).filter((j) => j !== target && j !== weights);
  if (features.length === 0) {
    throw new InputError(
      `${source}: no feature columns: the header has only ${listNames(header)} (target ${show(header[target])})`,
    );
  }
  return { target, weights, features };
}

/** Splits the row-major cells into X (column-major), y and the weights. */
function assemble(
  values: Float64Array,
  n: number,
  nCols: number,
  header: string[],
  { target, weights, features }: Columns,
): Omit<CsvData, 'nDropped' | 'origin'> {
  const p = features.length;
  const X = new Float64Array(n * p);
  const column = (j: number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = values[i * nCols + j];
    return out;
  };
  features.forEach((j, k) => X.set(column(j), k * n));
  return {
    X: { data: X, nRows: n, nCols: p, layout: 'column-major' },
    y: target >= 0 ? column(target) : new Float64Array(0),
    ...(weights >= 0 ? { weights: column(weights) } : {}),
    featureNames: features.map((j) => header[j]),
    targetName: target >= 0 ? header[target] : '',
  };
}

function countLineBreaks(text: string, from: number, to: number, linebreak: string): number {
  let count = 0;
  for (let at = text.indexOf(linebreak, from); at >= 0 && at < to; at = text.indexOf(linebreak, at + 1)) count++;
  return count;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 8).map((name) => show(name)).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} columns)` : shown;
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return err instanceof Error ? err.message : String(err);
}

// A file of one number per line: the target of a Matrix Market X (the command line's --y, the
// page's second file) or observation weights and offsets. A first line that is not a number is
// the column's name; a Matrix Market file of one column (scipy.io.mmwrite of a vector) is read
// as such. `prefix` opens each message (the command line's `option --y: `, the page's nothing).

import { InputError, show } from '../errors.js';
import { MtxReader } from './mtx.js';
import { textNumber } from './text-number.js';
import { densify } from './triplets.js';

export interface NumberColumn {
  values: Float64Array;
  /** The first line's name, if the file has one. */
  name?: string;
}

/** Reads the lines of a number file one at a time (`line`), then `finish` gives its numbers. */
export class NumberLines {
  private readonly values: number[] = [];
  private name: string | undefined;
  private lineNo = 0;
  /** Set when line 1 is a Matrix Market banner: every line goes to it. */
  private mtx: MtxReader | undefined;

  constructor(
    private readonly source: string,
    private readonly prefix = '',
  ) {}

  line(line: string): void {
    if (this.mtx) return this.mtx.line(line);
    const lineNo = ++this.lineNo;
    const body = line.trim();
    if (lineNo === 1 && body.toLowerCase().startsWith('%%matrixmarket')) {
      this.mtx = new MtxReader(this.source, true);
      return this.mtx.line(line);
    }
    if (body === '') return;
    const value = textNumber(body);
    if (typeof value === 'number') this.values.push(value);
    else if (this.values.length === 0 && this.name === undefined && !/^[+-]?[\d.]/.test(body)) this.name = body;
    else throw new InputError(`${this.prefix}${this.source}: line ${lineNo}: ${value}`);
  }

  finish(): NumberColumn {
    const { source, prefix, name } = this;
    if (this.mtx) {
      const { entries, nRows, nCols } = this.mtx.finish();
      if (nCols !== 1) throw new InputError(`${prefix}${source} is a ${nRows} × ${nCols} matrix, not one column`);
      return { values: densify(entries, nRows, 1, (j) => j, source) };
    }
    if (this.values.length === 0) throw new InputError(`${prefix}${source} holds no numbers`);
    return { values: Float64Array.from(this.values), ...(name !== undefined ? { name } : {}) };
  }
}

/** Reads a number file from its lines. */
export async function readNumberLines(lines: AsyncIterable<string> | Iterable<string>, source: string, prefix = ''): Promise<NumberColumn> {
  const reader = new NumberLines(source, prefix);
  for await (const line of lines) reader.line(line);
  return reader.finish();
}

/** Checks that the column has one value per row of the data file (`prefix` as above). */
export function checkLength(column: NumberColumn, nRows: number, prefix: string, source: string, dataFile: string): void {
  if (column.values.length !== nRows) {
    throw new InputError(`${prefix}${show(source)} has ${column.values.length} values, ${dataFile} has ${nRows} rows`);
  }
}

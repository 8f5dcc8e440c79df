// A file of one number per line on disk (src/formats/number-lines.ts reads it): the target of a
// Matrix Market X (--y) or the observation weights or offsets of a libsvm or Matrix Market file
// (--weights-file, --offset-file). Messages open with the option.

import { type NumberColumn, checkLength as checkColumnLength, readNumberLines } from '../formats/number-lines.js';
import { textLines } from './text-lines.js';

export type { NumberColumn };

/** Reads the file `path` given to `option` (for messages). */
export function readNumberFile(path: string, option: string): Promise<NumberColumn> {
  return readNumberLines(textLines(path, `option ${option}: file`), path, `option ${option}: `);
}

/** Checks that the column has one value per row of the data file. */
export function checkLength(column: NumberColumn, nRows: number, option: string, path: string, dataFile: string): void {
  checkColumnLength(column, nRows, `option ${option}: `, path, dataFile);
}

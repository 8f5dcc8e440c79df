// A library's input error restated in the command line's terms: the option as the flag the user
// typed, the row as the file's row and line.

import { InputError } from '../errors.js';
import { type DataTable, rowPlace } from './data-table.js';
import { inFlagTerms } from './options.js';

/**
 * Restates a library message in the user's terms: `option nLambda` becomes `option --nlambda`,
 * and `row 5` (of the rows passed to fitPath) becomes the row and line of the file.
 */
export function inCliTerms(err: InputError, data: DataTable, file: string): InputError {
  let message = inFlagTerms(err.message);
  let mentionsRow = false;
  message = message.replace(/\brow (\d+)\b/g, (all, index: string) => {
    const i = Number(index) - 1;
    if (!(i >= 0 && i < data.origin.row.length)) return all;
    mentionsRow = true;
    return rowPlace(data, i);
  });
  return new InputError(mentionsRow ? `${file}: ${message}` : message);
}

// Which reader takes a data file: --input-format, else the file's extension (unknown: CSV).
// The formats and their extensions are shared with the page (src/formats/input-formats.ts).

import { extname } from 'node:path';
import { InputError, show } from '../errors.js';
import { INPUT_FORMATS, type InputFormat, formatOfExtension, isSparseFormat } from '../formats/input-formats.js';

export { INPUT_FORMATS, type InputFormat, isSparseFormat };

/** The format named by `flag` (--input-format), else the one of the file's extension, else CSV. */
export function inputFormatOf(file: string, flag?: string): InputFormat {
  if (flag !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(flag)) {
      throw new InputError(`option --input-format: ${show(flag)} must be one of ${INPUT_FORMATS.join(', ')}`);
    }
    return flag as InputFormat;
  }
  return formatOfExtension(extname(file)) ?? 'csv';
}

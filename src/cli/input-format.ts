// Which reader takes a data file: --input-format, else the file's extension (unknown: CSV).

import { extname } from 'node:path';
import { InputError, show } from '../errors.js';

export const INPUT_FORMATS = ['csv', 'libsvm', 'mtx', 'parquet', 'arrow'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

const BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.libsvm': 'libsvm',
  '.svm': 'libsvm',
  '.svmlight': 'libsvm',
  '.mtx': 'mtx',
  '.parquet': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};

/** The format named by `flag` (--input-format), else the one of the file's extension, else CSV. */
export function inputFormatOf(file: string, flag?: string): InputFormat {
  if (flag !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(flag)) {
      throw new InputError(`option --input-format: ${show(flag)} must be one of ${INPUT_FORMATS.join(', ')}`);
    }
    return flag as InputFormat;
  }
  return BY_EXTENSION[extname(file).toLowerCase()] ?? 'csv';
}

/** Formats whose target and weights are not columns of the file (the label, or --y). */
export function isSparseFormat(format: InputFormat): boolean {
  return format === 'libsvm' || format === 'mtx';
}

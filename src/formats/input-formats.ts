// The data formats and the file extensions that name them, shared by the command line
// (src/cli/input-format.ts: --input-format, else the extension, else CSV) and the page (the
// extension, else a look at the first line: libsvm or CSV).

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

/** The format an extension (`.csv`, any case) names; undefined for one that names none. */
export function formatOfExtension(extension: string): InputFormat | undefined {
  return BY_EXTENSION[extension.toLowerCase()];
}

/** A file name's extension as node's path.extname gives it: from the last dot, '' for none or a leading one. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

/** Formats whose target and weights are not columns of the file (the label, or --y). */
export function isSparseFormat(format: InputFormat): boolean {
  return format === 'libsvm' || format === 'mtx';
}

const LABEL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ENTRY = /^(\d+|qid):\S+$/;

/**
 * Whether a text's first data line (blank and `#` lines skipped) reads as libsvm: a number, then
 * one or more `index:value` (or `qid:q`) tokens, separated by blanks. A CSV line is one token
 * with commas, a line of numbers has no colons: neither passes.
 */
export function looksLikeLibsvm(text: string): boolean {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const body = line.replace(/^\uFEFF/, '').replace(/#.*/, '').trim();
    if (body === '') continue;
    const tokens = body.split(/\s+/);
    return tokens.length > 1 && LABEL.test(tokens[0]) && tokens.slice(1).every((token) => ENTRY.test(token));
  }
  return false;
}

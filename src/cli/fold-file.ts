// --foldid of `proxpath cv`: the fold number of each data row, from a file.

import { readFile } from 'node:fs/promises';
import { InputError, show } from '../errors.js';

/** A fold file: one fold number per data row, one per line (an optional header line is skipped). */
export async function readFoldFile(path: string): Promise<number[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new InputError(`option --foldid: cannot read ${show(path)}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length > 0 && !/^[+-]?\d/.test(lines[0])) lines.shift(); // a header
  return lines.map((line, i) => {
    const value = Number(line);
    if (!Number.isInteger(value)) throw new InputError(`option --foldid: ${path} line ${i + 1}: ${show(line)} is not a fold number`);
    return value;
  });
}

// The lines of a text file, streamed (a file of any size is never held whole), for the
// line-based formats (libsvm, Matrix Market, --y files).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError, show } from '../errors.js';
import { describeFsError } from './csv.js';

/**
 * The file's lines without their line breaks (\n or \r\n), a UTF-8 byte-order mark dropped;
 * `what` names the file in a read failure (`data file`, `option --y: file`).
 */
export async function* textLines(path: string, what = 'data file'): AsyncGenerator<string> {
  const cannotRead = (err: unknown) => new InputError(`cannot read ${what} ${show(path)}: ${describeFsError(err)}`);
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
  } catch (err) {
    throw cannotRead(err);
  }
  const stream = createReadStream(path, { encoding: 'utf8' });
  const failure: { error?: unknown } = {};
  stream.on('error', (err) => (failure.error = err));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of lines) {
      if (failure.error !== undefined) throw cannotRead(failure.error);
      yield first && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
      first = false;
    }
    if (failure.error !== undefined) throw cannotRead(failure.error);
  } finally {
    lines.close();
    stream.destroy();
  }
}

// Writing results: a file appears complete or not at all (temp file in the same folder, then
// rename), and JSON is laid out one top-level key per line so it stays readable and small.

import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError, show } from '../problem/errors.js';

/** JSON with one line per top-level key; the values themselves are compact. */
export function formatJSON(value: Record<string, unknown>): string {
  const lines = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Fails early (before a long fit) when `path` cannot be the output file. */
export async function checkWritable(path: string): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InputError(`option --out: folder ${show(folder)} of ${show(path)} does not exist`);
  }
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    throw new InputError(`option --out: ${show(path)} is a directory`);
  }
}

/** Writes `text` to `path` atomically: a reader sees the old file or the whole new one. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    const reason = err instanceof Error ? err.message : String(err);
    throw new InputError(`cannot write ${show(path)}: ${reason}`);
  }
}

/** Writes to stdout and resolves once the text is handed to the OS (pipes included). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

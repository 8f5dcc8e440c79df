// Writing results. `--out` names where the result goes, not a file to replace: a regular file
// (or a new one) is written to a temp file in its folder and renamed over it, so that a reader
// sees the old file or the whole new one; a device or a pipe is written to directly (renaming
// over /dev/null would replace it for the whole machine); a symbolic link is followed to its
// target. The output may not be one of the command's inputs. All of it is checked before the
// fit runs, and again at the write.

import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, chmod, lstat, open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, show } from '../errors.js';

/** JSON with one line per top-level key; the values themselves are compact. */
export function formatJSON(value: Record<string, unknown>): string {
  const lines = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Where an output goes: the path after symbolic links, how to write it, and what is there now. */
export interface OutputTarget {
  /** The path as the user gave it (for messages). */
  given: string;
  /** The file the bytes end up in: symbolic links followed (the link itself is kept). */
  path: string;
  /** replace: temp file and rename (regular or new files); direct: open and write (devices, pipes). */
  how: 'replace' | 'direct';
  /** What is at `path` now, if anything. */
  existing?: Stats;
}

const MAX_LINKS = 40; // as the kernel's ELOOP limit

/** Follows symbolic links, dangling ones too (their target is then the file to create). */
async function followLinks(given: string): Promise<string> {
  let path = resolve(given);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isSymbolicLink()) {
      // The folder may itself hold links: name the file by its folder's real path.
      const folder = await realpath(dirname(path)).catch(() => dirname(path));
      return join(folder, basename(path));
    }
    path = resolve(dirname(path), await readlink(path));
  }
  throw new InputError(`option --out: ${show(given)}: too many levels of symbolic links`);
}

const kindOf = (info: Stats): string =>
  info.isDirectory() ? 'a directory' : info.isBlockDevice() ? 'a block device' : info.isSocket() ? 'a socket' : 'not a file';

/**
 * Decides where `given` will be written, or throws InputError naming the option and path:
 * a missing or unwritable folder, a directory, a block device or socket, a read-only file, or
 * the same file as one of `inputs` (paths the command reads: data, model, fold file).
 */
export async function checkOutput(given: string, inputs: readonly string[] = [], option = '--out'): Promise<OutputTarget> {
  const path = await followLinks(given);
  const existing = await stat(path).catch(() => undefined);
  const named = path === resolve(given) ? show(given) : `${show(given)} (→ ${show(path)})`;
  if (existing) {
    for (const input of inputs) {
      const read = await stat(input).catch(() => undefined);
      if (read && read.dev === existing.dev && read.ino === existing.ino) {
        throw new InputError(`option ${option}: ${named} is the input file ${show(input)}; write the result elsewhere`);
      }
    }
  }
  if (existing && (existing.isCharacterDevice() || existing.isFIFO())) {
    if (!(await writable(path))) throw new InputError(`option ${option}: ${named} is not writable`);
    return { given, path, how: 'direct', existing };
  }
  if (existing && !existing.isFile()) throw new InputError(`option ${option}: ${named} is ${kindOf(existing)}`);
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) throw new InputError(`option ${option}: folder ${show(folder)} of ${named} does not exist`);
  if (!(await writable(folder, constants.W_OK | constants.X_OK))) {
    throw new InputError(`option ${option}: folder ${show(folder)} of ${named} is not writable`);
  }
  if (existing && !(await writable(path))) throw new InputError(`option ${option}: ${named} is read-only`);
  return { given, path, how: 'replace', existing };
}

const writable = (path: string, mode = constants.W_OK): Promise<boolean> =>
  access(path, mode).then(() => true, () => false);

/**
 * Writes `text` where `given` points (see checkOutput, which runs again here: the file system
 * may have changed during the fit). A regular file is replaced atomically, keeping its mode.
 */
export async function writeOutput(given: string, text: string, inputs: readonly string[] = []): Promise<void> {
  const target = await checkOutput(given, inputs);
  try {
    if (target.how === 'direct') await writeDirect(target.path, text);
    else await replaceFile(target, text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new InputError(`cannot write ${show(given)}: ${reason}`);
  }
}

async function writeDirect(path: string, text: string): Promise<void> {
  // No O_CREAT, no O_TRUNC: a device or pipe is only written to.
  const file = await open(path, constants.O_WRONLY);
  try {
    await file.writeFile(text, 'utf8');
  } finally {
    await file.close();
  }
}

async function replaceFile(target: OutputTarget, text: string): Promise<void> {
  const { path, existing } = target;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    if (existing) await chmod(temp, existing.mode & 0o7777);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Writes to stdout and resolves once the text is handed to the OS (pipes included). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

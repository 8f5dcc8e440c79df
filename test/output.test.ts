// Where `--out` writes: through symbolic links, straight into devices and pipes (never replacing
// them), replacing regular files atomically with their mode kept, and never onto an input. Every
// refusal is exit 2, one line, before the fit, with the input untouched.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, csv, regressionRows, requireBuild, runCli, tempDir, writeText } from './helpers/cli.js';

let dir: string;
let data: string;
let dataText: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  const { header, rows } = regressionRows(40, 3, 5);
  dataText = csv(header, rows);
  data = writeText(dir, 'data.csv', dataText);
});

const fit = (out: string, ...more: string[]) => runCli(['fit', data, '--nlambda', '5', '--out', out, ...more], dir);

/** A refusal: status 2, one error line naming the option, nothing else. */
function expectRefused(result: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^error: option --out: [^\n]*\n$/);
  expect(result.stderr).toMatch(pattern);
}

describe('--out onto special files', () => {
  it('writes /dev/null without replacing it', () => {
    const before = statSync('/dev/null');
    const result = fit('/dev/null');
    expect(result.status).toBe(0);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.ino).toBe(before.ino);
  });

  it('follows a symbolic link: the link stays, its target gets the result', () => {
    const target = join(dir, 'target.json');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.json');
    symlinkSync('target.json', link);
    expect(fit(link).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.json');
    expect(JSON.parse(readFileSync(target, 'utf8')).lambda).toHaveLength(5);
  });

  it('follows a dangling symbolic link to create its target', () => {
    const link = join(dir, 'dangling.json');
    symlinkSync('created.json', link);
    expect(fit(link).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'created.json'), 'utf8')).lambda).toHaveLength(5);
  });

  it('writes into a named pipe (read by another process) without replacing it', async () => {
    const pipe = join(dir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const reader = spawn('cat', [pipe]);
    let read = '';
    reader.stdout.on('data', (chunk) => (read += chunk));
    const done = once(reader, 'exit');
    const writer = spawn(process.execPath, [CLI, 'fit', data, '--nlambda', '5', '--out', pipe], { cwd: dir });
    const [status] = (await once(writer, 'exit')) as [number];
    await done;
    expect(status).toBe(0);
    expect(JSON.parse(read).lambda).toHaveLength(5);
    expect(statSync(pipe).isFIFO()).toBe(true);
  }, 60_000);

  it('replaces a regular file atomically and keeps its mode', () => {
    const out = join(dir, 'private.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect(fit(out).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8')).lambda).toHaveLength(5);
  });
});

describe('--out refusals (exit 2 before the fit, input untouched)', () => {
  it('the input CSV itself', () => {
    expectRefused(fit(data), /is the input file/);
    expect(readFileSync(data, 'utf8')).toBe(dataText);
  });

  it('a symbolic link or hard link to the input', () => {
    const soft = join(dir, 'soft.csv');
    symlinkSync('data.csv', soft);
    expectRefused(fit(soft), /is the input file/);
    const hard = join(dir, 'hard.csv');
    linkSync(data, hard);
    expectRefused(fit(hard), /is the input file/);
    expect(readFileSync(data, 'utf8')).toBe(dataText);
  });

  it('predict onto its model or its data file', () => {
    const model = join(dir, 'model.json');
    expect(fit(model).status).toBe(0);
    const modelText = readFileSync(model, 'utf8');
    for (const out of [model, data]) {
      const result = runCli(['predict', model, data, '--out', out], dir);
      expectRefused(result, /is the input file/);
    }
    expect(readFileSync(model, 'utf8')).toBe(modelText);
    expect(readFileSync(data, 'utf8')).toBe(dataText);
  });

  it('cv onto its fold file', () => {
    const foldid = writeText(dir, 'folds.txt', Array.from({ length: 40 }, (_, i) => (i % 4) + 1).join('\n'));
    expectRefused(runCli(['cv', data, '--foldid', foldid, '--nlambda', '5', '--out', foldid], dir), /is the input file/);
  });

  it('a directory, a missing folder, a block device', () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    expectRefused(fit(join(dir, 'folder')), /is a directory/);
    expectRefused(fit(join(dir, 'missing', 'fit.json')), /does not exist/);
    const block = readdirSync('/dev').map((name) => join('/dev', name)).find((path) => {
      try {
        return statSync(path).isBlockDevice();
      } catch {
        return false;
      }
    });
    if (block) expectRefused(fit(block), /is a block device/);
  });

  it('leaves no temp file behind', () => {
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

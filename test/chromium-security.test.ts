// The headless-Chromium host keeps the user's data and the browser to itself: the data server
// answers only its own Host with the job's secret token, once per file; Chromium is driven over
// a pipe (no DevTools port), in its sandbox where the platform allows (else the result says
// why); and it leaves no browser and no profile behind: after a close, an abort, SIGHUP or
// SIGTERM, or a SIGKILL of the process that launched it. Chromium and the processes are real
// (SwiftShader: small data).

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, sandboxObstacle } from '../src/hosts/chromium.js';
import { type HostServer, startHostServer } from '../src/hosts/chromium-server.js';
import { InputError } from '../src/errors.js';
import { chromePath } from './helpers/browser.js';
import { requireBuild } from './helpers/cli.js';

/** SwiftShader is a CPU, and a browser takes seconds to start on two cores. */
const BROWSER_TIMEOUT = 180_000;
/** A generous bound for processes to end (not a timing assertion: only a guard against hanging). */
const SETTLE_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Folders this file makes, removed at the end. */
const made: string[] = [];
const scratch = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** One GET (or `method`) to 127.0.0.1:port with a Host header of our choosing. */
function get(port: number, path: string, options: { host?: string; method?: string } = {}): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the data server', () => {
  let server: HostServer;
  let port: number;
  const X = new Uint8Array(new Float64Array([1, 2, 3, 4]).buffer);

  beforeAll(async () => {
    // An empty bundle folder: these tests need no browser bundle.
    server = await startHostServer(scratch('proxpath-bundle-'));
    port = Number(new URL(server.url).port);
    return () => server.close();
  });

  it('puts each job under a fresh secret of at least 128 random bits', () => {
    const paths = [server.publishJob({ X }), server.publishJob({ X })];
    for (const path of paths) {
      const token = /^\/job\/([A-Za-z0-9_-]+)\/$/.exec(path)?.[1];
      expect(token, path).toBeDefined();
      expect(Buffer.from(token!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(paths[0]).not.toBe(paths[1]);
  });

  it('refuses a job file without the token, with a wrong token, or under a job that was replaced', async () => {
    const old = server.publishJob({ X, 'job.json': '{}' });
    const path = server.publishJob({ X, 'job.json': '{}' });
    const forged = `/job/${Buffer.alloc(32, 7).toString('base64url')}/`;
    for (const url of ['/job/X', '/job/job.json', '/job//X', `${forged}X`, `${path.slice(0, -2)}/X`, `${old}X`, `${path}X/more`, `${path}`]) {
      expect((await get(port, url)).status, url).toBe(404);
    }
    // None of those used up the file.
    expect((await get(port, `${path}X`)).status).toBe(200);
  });

  it('refuses any Host but its own (DNS rebinding), without using up the file', async () => {
    const path = server.publishJob({ X });
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `[::1]:${port}`, `127.0.0.2:${port}`]) {
      expect((await get(port, `${path}X`, { host })).status, host).toBe(403);
      expect((await get(port, '/', { host })).status, host).toBe(403);
    }
    expect((await get(port, `${path}X`, { method: 'HEAD' })).status).toBe(405);
    const answer = await get(port, `${path}X`, { host: `localhost:${port}` });
    expect(answer.status).toBe(200);
    expect(new Float64Array(new Uint8Array(answer.body).buffer)).toEqual(new Float64Array([1, 2, 3, 4]));
  });

  it('serves each file of a job once', async () => {
    const path = server.publishJob({ X, y: 'why' });
    expect((await get(port, `${path}X`)).status).toBe(200);
    expect((await get(port, `${path}X`)).status).toBe(404);
    expect((await get(port, `${path}y`)).body.toString()).toBe('why');
    expect((await get(port, `${path}y`)).status).toBe(404);
    // The page itself is public code, for anyone who names the server right.
    expect((await get(port, '/')).status).toBe(200);
    expect((await get(port, '/')).status).toBe(200);
  });
});

// ---- processes, from /proc (Linux) ----

interface Proc {
  pid: number;
  argv: string[];
}

/** Chromium's processes (the browser, its helpers, its crash handlers) whose command line names `dir`. */
function chromiumNaming(dir: string): Proc[] {
  const found: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.length > 0 && /chrom/i.test(argv[0].split('/').pop()!) && argv.join(' ').includes(dir)) found.push({ pid: Number(name), argv });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Inodes of the TCP sockets listening in `pid`'s network namespace. */
function listeningInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    try {
      for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields[3] === '0A') inodes.add(fields[9]); // state LISTEN
      }
    } catch {
      // no such table
    }
  }
  return inodes;
}

/** The TCP sockets `pid` listens on. */
function listeningSockets(pid: number): string[] {
  const listening = listeningInodes(pid);
  const sockets: string[] = [];
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode && listening.has(inode)) sockets.push(inode);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // gone meanwhile
  }
  return sockets;
}

/** Waits (bounded) until `done()`; returns its last value. */
async function settle<T>(probe: () => T, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + SETTLE_MS;
  let value = probe();
  while (!done(value) && Date.now() < until) {
    await sleep(200);
    value = probe();
  }
  return value;
}

/** What is left in the child's TMPDIR: its browser's profile, and Chromium's own temporary files, are to go. */
const leftIn = (dir: string) => readdirSync(dir);

describe('the launched Chromium', () => {
  it('is driven over a pipe: no DevTools port, no listening socket, no DevToolsActivePort; its profile goes on close', async () => {
    const launched = await launchChromium(chromePath());
    const { profileDir } = launched;
    try {
      const page = await launched.browser.newPage();
      await page.goto('about:blank');
      const procs = chromiumNaming(profileDir);
      const browser = procs.find((p) => p.pid === launched.pid);
      expect(browser, 'the browser process names its profile').toBeDefined();
      expect(browser!.argv).toContain('--remote-debugging-pipe');
      for (const proc of procs) {
        expect(proc.argv.filter((arg) => /^--remote-debugging-(port|address)/.test(arg)), proc.argv.join(' ')).toEqual([]);
        expect(listeningSockets(proc.pid), `pid ${proc.pid} listens: ${proc.argv.join(' ')}`).toEqual([]);
      }
      expect(existsSync(join(profileDir, 'DevToolsActivePort'))).toBe(false);
      // The sandbox: on, unless the platform cannot run it, and then the reason is given.
      const obstacle = sandboxObstacle(chromePath());
      if (obstacle) expect(launched.sandbox).toEqual({ on: false, reason: obstacle });
      if (launched.sandbox.on) expect(browser!.argv).not.toContain('--no-sandbox');
      else expect(launched.sandbox.reason).toMatch(/\w/);
      if (process.getuid?.() === 0) expect(launched.sandbox).toMatchObject({ on: false, reason: expect.stringMatching(/root/) });
    } finally {
      await launched.close();
    }
    // close() resolves once the browser's processes are gone and the profile removed.
    expect(chromiumNaming(profileDir)).toEqual([]);
    expect(existsSync(profileDir)).toBe(false);
  }, BROWSER_TIMEOUT);

  // As root the sandbox is known to be off before any launch (the test above checks the reason).
  it.skipIf(process.getuid?.() === 0)('where the sandbox cannot start, runs without it and says so (a Chromium that refuses its sandbox)', async () => {
    const fake = join(scratch('proxpath-fake-chrome-'), 'chromium-without-sandbox');
    writeFileSync(
      fake,
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = --no-sandbox ] && exec ${chromePath()} "$@"; done\necho 'No usable sandbox!' >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    const launched = await launchChromium(fake);
    try {
      expect(launched.sandbox).toMatchObject({ on: false, reason: expect.stringMatching(/\w/) });
      expect(await launched.browser.version()).toMatch(/Chrom/);
    } finally {
      await launched.close();
    }
  }, BROWSER_TIMEOUT);

  it('refuses flags that would open a DevTools port or move the profile', async () => {
    for (const flag of ['--remote-debugging-port=9222', '--remote-debugging-address=0.0.0.0', '--user-data-dir=/tmp/x']) {
      await expect(launchChromium(chromePath(), [flag])).rejects.toThrow(InputError);
    }
  });
});

// ---- a process that fits through the host, and what it leaves when it ends ----

/**
 * A Node process that fits through the host (fitInChromium, from dist/) with its own TMPDIR;
 * it prints `progress` at the first progress event, then, by `mode`: `wait` for a signal,
 * `abort` its own fit (and print the error's name, then end by itself).
 */
function fitChild(mode: 'wait' | 'abort'): { child: ChildProcess; tmp: string; lines: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const dir = scratch('proxpath-host-child-');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp); // a folder of its own, for the child's profiles only
  const script = join(dir, 'child.mjs');
  const host = pathToFileURL(join(process.cwd(), 'dist/src/hosts/chromium-host.js')).href;
  writeFileSync(
    script,
    `import { fitInChromium } from ${JSON.stringify(host)};
     // 2000 × 40, seeded, and 3200 λ (100 blocks): the first progress event comes after the
     // first block, and the other 99 keep SwiftShader busy for many seconds more.
     let seed = 7;
     const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
     const X = Array.from({ length: 2000 }, () => Array.from({ length: 40 }, () => random() - 0.5));
     const y = X.map((row) => row[0] - 2 * row[1] + 0.5 * row[2] + (random() - 0.5));
     const lambda = Array.from({ length: 3200 }, (_, k) => 0.3 * 1e-4 ** (k / 3199));
     const controller = new AbortController();
     let told = false;
     const onProgress = () => {
       if (told) return;
       told = true;
       process.stdout.write('progress\\n');
       if (${JSON.stringify(mode)} === 'abort') controller.abort();
     };
     try {
       await fitInChromium({ X, y }, { lambda, tol: 1e-9, signal: controller.signal, onProgress }, { reason: 'test' }, ${JSON.stringify(chromePath())});
       process.stdout.write('done\\n');
     } catch (error) {
       process.stdout.write(error.name + '\\n');
     }`,
  );
  const child = spawn(process.execPath, [script], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let text = '';
  child.stdout!.on('data', (chunk) => {
    text += chunk;
    lines.splice(0, lines.length, ...text.split('\n').filter(Boolean));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, tmp, lines, exited };
}

/** Waits (bounded) for the child's first progress event: its browser is up and fitting. */
async function untilProgress(run: ReturnType<typeof fitChild>): Promise<void> {
  const lines = await settle(() => run.lines, (l) => l.length > 0 || run.child.exitCode !== null);
  expect(lines[0], 'the child reported no progress').toBe('progress');
}

describe('a process fitting through the host', () => {
  beforeAll(requireBuild);

  it('killed with SIGKILL mid-fit: its Chromium ends (the pipe closed) and the reaper removes the profile', async () => {
    const run = fitChild('wait');
    await untilProgress(run);
    const before = chromiumNaming(run.tmp);
    expect(before.length, 'Chromium runs at the time of the kill').toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    expect(await run.exited).toMatchObject({ signal: 'SIGKILL' });
    const left = await settle(() => chromiumNaming(run.tmp), (procs) => procs.length === 0);
    expect(left.map((p) => p.argv.join(' '))).toEqual([]);
    expect(await settle(() => leftIn(run.tmp), (names) => names.length === 0)).toEqual([]);
  }, BROWSER_TIMEOUT);

  it.each(['SIGHUP', 'SIGTERM'] as const)(
    '%s mid-fit (no handler of its own): the browser is closed and the profile removed before it ends by the signal',
    async (signal) => {
      const run = fitChild('wait');
      await untilProgress(run);
      expect(chromiumNaming(run.tmp).length).toBeGreaterThan(0);
      run.child.kill(signal);
      expect(await run.exited).toMatchObject({ code: null, signal });
      expect(chromiumNaming(run.tmp).map((p) => p.argv.join(' '))).toEqual([]);
      expect(leftIn(run.tmp)).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );

  it('aborted mid-fit: AbortError, the browser and the profile are gone, and nothing keeps the process alive', async () => {
    const run = fitChild('abort');
    // It ends by itself (a generous bound: a handle left open would keep it running).
    const ended = await Promise.race([run.exited, sleep(SETTLE_MS).then(() => 'still running' as const)]);
    if (ended === 'still running') run.child.kill('SIGKILL');
    expect(run.lines).toEqual(['progress', 'AbortError']);
    expect(ended).toEqual({ code: 0, signal: null });
    expect(chromiumNaming(run.tmp).map((p) => p.argv.join(' '))).toEqual([]);
    expect(leftIn(run.tmp)).toEqual([]);
  }, BROWSER_TIMEOUT);
});

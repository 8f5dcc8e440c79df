// The system Chromium, driven headless by puppeteer-core (no browser download): WebGPU through
// `--enable-unsafe-webgpu`, on the machine's GPU where Chromium's Vulkan path finds one, else on
// its bundled SwiftShader (a CPU Vulkan: correct, slow).
//
// The browser is private to this process: DevTools over a pipe (--remote-debugging-pipe, no port
// for another process to attach to), its own sandbox wherever the platform can run it, and its
// own temporary profile (crash database and caches included), removed once every one of its
// processes has ended: after close, an abort, an ending signal or process.exit. Chromium ends
// when the pipe closes, so a killed parent (SIGKILL) takes it along, and a small detached reaper
// removes the profile then.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { AbortError, InputError, show } from '../errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags that give WebGPU in headless Chromium (Linux needs Vulkan enabled for it). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'];

/** Flags for a quiet, throwaway browser. */
const QUIET_FLAGS = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Flags that would open the browser to other processes or move its profile: the launcher owns both. */
const REFUSED_FLAG = /^--(remote-debugging-|user-data-dir)/;

/** A graceful close has this long before the browser's processes are killed. */
const CLOSE_GRACE_MS = 5_000;

/** How long the browser's helper processes (renderers, crash handlers) get to end after it. */
const HELPERS_END_MS = 10_000;

/**
 * The browser to drive: $CHROME_PATH when set (then only that one), else the first system
 * Chromium or Chrome found. Without one, `missing` says where it looked.
 */
export function findChromium(): { path: string; missing?: undefined } | { path: null; missing: string } {
  const chosen = process.env.CHROME_PATH;
  if (chosen) return existsSync(chosen) ? { path: chosen } : { path: null, missing: `CHROME_PATH=${show(chosen)} does not exist` };
  const found = CANDIDATES.find((p) => existsSync(p));
  return found ? { path: found } : { path: null, missing: `no Chromium at ${CANDIDATES.join(', ')} and CHROME_PATH is not set` };
}

/** Whether Chromium runs inside its sandbox; when not, why. */
export type SandboxState = { on: true } | { on: false; reason: string };

/** A launched browser and how to end it. */
export interface LaunchedChromium {
  browser: Browser;
  sandbox: SandboxState;
  /** The temporary profile (user data, crash database, caches). */
  profileDir: string;
  /** The browser process (the leader of its process group). */
  pid: number;
  /**
   * Closes the browser (gracefully, or with `force` by killing its processes at once), waits for
   * all of its processes to end and removes the profile. Never rejects; closing twice is fine.
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/** What each executable's first launch found out about the sandbox (a fact of this machine). */
const sandboxFound = new Map<string, SandboxState>();

/**
 * A headless Chromium with WebGPU, over a pipe, in its sandbox where the platform can run it
 * (else without, and `sandbox.reason` says why). `signal` stops a launch under way (AbortError).
 */
export async function launchChromium(executablePath: string, extraFlags: string[] = [], options: { signal?: AbortSignal } = {}): Promise<LaunchedChromium> {
  const { signal } = options;
  const refused = extraFlags.find((flag) => REFUSED_FLAG.test(flag));
  if (refused) {
    throw new InputError(
      `option --chrome-flag: ${show(refused)} is not allowed: proxpath drives the browser it launches over a pipe, with its own temporary profile (to use a Chrome you started, give --browser-url)`,
    );
  }
  if (signal?.aborted) throw new AbortError('the fit was aborted');
  const asked: SandboxState | undefined = extraFlags.includes('--no-sandbox') ? { on: false, reason: 'asked for with --no-sandbox' } : undefined;
  const obstacle = sandboxObstacle(executablePath);
  const known = asked ?? sandboxFound.get(executablePath) ?? (obstacle ? { on: false, reason: obstacle } : undefined);
  if (known) return launchOnce(executablePath, extraFlags, known, signal);
  try {
    const launched = await launchOnce(executablePath, extraFlags, { on: true }, signal);
    sandboxFound.set(executablePath, { on: true });
    return launched;
  } catch (error) {
    if (signal?.aborted || (error instanceof Error && error.name === 'TimeoutError')) throw error;
    // Where the sandbox cannot start (no user namespaces and no setuid helper, a container's
    // seccomp profile, AppArmor's userns restriction), Chromium exits at once: try once without.
    const without: SandboxState = { on: false, reason: `it did not start with it (${firstLine(error)})` };
    let launched: LaunchedChromium;
    try {
      launched = await launchOnce(executablePath, extraFlags, without, signal);
    } catch {
      throw error; // not the sandbox, then: the first failure says what went wrong
    }
    sandboxFound.set(executablePath, without);
    return launched;
  }
}

/**
 * Why Chromium's sandbox cannot run here, where that is known without trying (Linux: root, or
 * user namespaces switched off without a setuid helper); undefined when it may.
 */
export function sandboxObstacle(executablePath: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  if (process.getuid?.() === 0) return 'running as root, where Chromium refuses its sandbox';
  if (hasSetuidHelper(executablePath)) return undefined;
  const sysctl = (name: string): string | undefined => {
    try {
      return readFileSync(`/proc/sys/${name}`, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const helper = 'and there is no setuid chrome-sandbox';
  if (sysctl('kernel/unprivileged_userns_clone') === '0') return `unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0) ${helper}`;
  if (sysctl('user/max_user_namespaces') === '0') return `user namespaces are off (user.max_user_namespaces = 0) ${helper}`;
  return undefined;
}

/** Chrome's setuid sandbox helper: $CHROME_DEVEL_SANDBOX, or chrome-sandbox beside the real executable. */
function hasSetuidHelper(executablePath: string): boolean {
  const candidates = [process.env.CHROME_DEVEL_SANDBOX];
  try {
    candidates.push(path.join(path.dirname(realpathSync(executablePath)), 'chrome-sandbox'));
  } catch {
    // a missing executable fails at launch, with its own message
  }
  return candidates.some((file) => {
    try {
      const stat = file ? statSync(file) : undefined;
      return stat !== undefined && stat.uid === 0 && (stat.mode & 0o4000) !== 0;
    } catch {
      return false;
    }
  });
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function launchOnce(executablePath: string, extraFlags: string[], sandbox: SandboxState, signal: AbortSignal | undefined): Promise<LaunchedChromium> {
  const { default: puppeteer } = await import('puppeteer-core');
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-chrome-'));
  // Chromium keeps its crash database under $XDG_CONFIG_HOME and some caches under
  // $XDG_CACHE_HOME: both inside the profile, so that they go with it. (Not $TMPDIR: its
  // singleton's socket path there must stay under 108 bytes; removeProfile removes that folder.)
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(profileDir, 'config'), XDG_CACHE_HOME: path.join(profileDir, 'cache') };
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir: profileDir,
      env,
      args: [...(sandbox.on || extraFlags.includes('--no-sandbox') ? [] : ['--no-sandbox']), ...QUIET_FLAGS, ...WEBGPU_FLAGS, ...extraFlags],
      // Signals are this module's (below) or the program's: the CLI aborts the fit and exits cleanly.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // An abort during the launch kills the starting browser.
      signal,
      // A whole fit runs inside one page.evaluate: no limit on a protocol call's length (0 = none),
      // whatever the fit's size; an abort closes the browser, which ends the call.
      protocolTimeout: 0,
    });
  } catch (error) {
    // A launch that failed half way may leave a browser starting up: its processes name the profile.
    for (const pid of profileProcesses(profileDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await waitForProfileProcesses(profileDir);
    await removeProfile(profileDir);
    if (signal?.aborted) throw new AbortError('the fit was aborted');
    throw error;
  }
  return track(new Launch(browser, sandbox, profileDir));
}

class Launch implements LaunchedChromium {
  readonly pid: number;
  readonly #child: ChildProcess;
  readonly #reaper: ChildProcess | undefined;
  /** Settles once the browser's processes have ended and the profile is gone. */
  readonly #ended: Promise<void>;

  constructor(
    readonly browser: Browser,
    readonly sandbox: SandboxState,
    readonly profileDir: string,
  ) {
    this.#child = browser.process()!;
    this.pid = this.#child.pid!;
    this.#reaper = spawnReaper(profileDir, this.pid);
    const exited = this.#child.exitCode !== null || this.#child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    // However the browser ends (close, a kill, a crash), its profile goes once its helpers have.
    this.#ended = exited.then(async () => {
      await waitForProfileProcesses(profileDir, this.#reaper?.pid);
      await removeProfile(profileDir);
      this.#reaper?.stdin?.end(); // the reaper finds nothing left to do and ends
      untrack(this);
    });
  }

  close({ force = false } = {}): Promise<void> {
    if (!this.#exited) {
      if (force) this.kill();
      else {
        const timer = setTimeout(() => this.kill(), CLOSE_GRACE_MS);
        void this.browser.close().catch(() => this.kill());
        void this.#ended.then(() => clearTimeout(timer));
      }
    }
    return this.#ended;
  }

  get #exited(): boolean {
    return this.#child.exitCode !== null || this.#child.signalCode !== null;
  }

  /** SIGKILL to the browser's process group (puppeteer starts it as a group leader). */
  kill(): void {
    if (this.#exited) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      this.#child.kill('SIGKILL');
    }
  }

  /** For process.exit: kill, wait (synchronously, bounded) for the processes to end, remove the profile. */
  endNow(): void {
    this.kill();
    const until = Date.now() + 3_000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (profileProcesses(this.profileDir, this.#reaper?.pid).length > 0 && Date.now() < until) Atomics.wait(pause, 0, 0, 20);
    try {
      for (const dir of [singletonDir(this.profileDir), this.profileDir]) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // the reaper tries again once this process has gone
    }
  }
}

/**
 * Removes the profile if this process is killed (SIGKILL) before it can: a detached shell that
 * blocks reading a pipe from this process (end of file when this process ends, however it
 * ends, or when it has removed the profile itself), then waits for the browser to end (it does
 * once its DevTools pipe has closed; at most a minute) and removes the folder.
 */
function spawnReaper(profileDir: string, browserPid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  // $1: the browser's pid, $2: the profile. The pause lets the crash handlers follow the browser.
  // The singleton's folder in $TMPDIR is found as singletonDir() finds it.
  const script = [
    'read _; [ -e "$2" ] || exit 0',
    'i=0; while kill -0 "$1" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.2; i=$((i+1)); done; sleep 1',
    's=$(readlink "$2/SingletonSocket"); case "$s" in */org.chromium.Chromium.*/SingletonSocket|*/.com.google.Chrome.*/SingletonSocket) rm -rf -- "${s%/SingletonSocket}";; esac',
    'rm -rf -- "$2" || { sleep 2; rm -rf -- "$2"; }',
  ].join('; ');
  try {
    const reaper = spawn('/bin/sh', ['-c', script, 'proxpath-profile-reaper', String(browserPid), profileDir], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    reaper.on('error', () => undefined);
    reaper.stdin?.on('error', () => undefined);
    // Neither the reaper nor its pipe keeps this process alive.
    reaper.unref();
    (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return reaper;
  } catch {
    return undefined;
  }
}

/** Processes other than `except` whose command line names the profile (Linux; elsewhere none). */
function profileProcesses(profileDir: string, except?: number): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.map(Number).filter((pid) => {
    if (pid === except || pid === process.pid) return false;
    try {
      // A zombie's command line is empty: it counts as ended.
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir);
    } catch {
      return false;
    }
  });
}

/** Waits (bounded) for the crash handlers and other helpers still naming the profile to end. */
async function waitForProfileProcesses(profileDir: string, except?: number): Promise<void> {
  const until = Date.now() + HELPERS_END_MS;
  while (profileProcesses(profileDir, except).length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The folder Chromium made in $TMPDIR for its singleton's socket (named by the profile's
 * SingletonSocket link): Chromium removes it when it exits normally, not when it is killed.
 */
function singletonDir(profileDir: string): string | undefined {
  try {
    const socket = readlinkSync(path.join(profileDir, 'SingletonSocket'));
    const dir = path.dirname(socket);
    return path.basename(socket) === 'SingletonSocket' && /^(org\.chromium\.Chromium|\.com\.google\.Chrome)\./.test(path.basename(dir)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the profile, and the singleton's folder it names. */
async function removeProfile(profileDir: string): Promise<void> {
  for (const dir of [singletonDir(profileDir), profileDir]) if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
}

// Browsers alive in this process, and the process-wide handlers that end them when the process
// ends: on process.exit, and on SIGHUP, SIGINT and SIGTERM when nothing else in the program
// listens for that signal (the signal would end the process: close the browsers, remove their
// profiles, then end with the signal as Node would have). Where the program listens (the CLI
// aborts its run), it decides, and its AbortSignal closes the browser.

const live = new Set<Launch>();
const ENDING_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;

const onExit = () => {
  for (const launch of live) launch.endNow();
};

const onSignal = (name: NodeJS.Signals) => {
  if (process.listenerCount(name) > 1) return;
  const launches = [...live];
  void Promise.all(launches.map((launch) => launch.close({ force: true }))).finally(() => {
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
    process.kill(process.pid, name);
  });
};

function track(launch: Launch): Launch {
  if (live.size === 0) {
    process.on('exit', onExit);
    for (const name of ENDING_SIGNALS) process.on(name, onSignal);
  }
  live.add(launch);
  return launch;
}

function untrack(launch: Launch): void {
  if (!live.delete(launch) || live.size > 0) return;
  process.off('exit', onExit);
  for (const name of ENDING_SIGNALS) process.off(name, onSignal);
}

/**
 * Named sets of extra flags (`--chrome-flag <preset>`). linux-gpu, for a Linux machine with an
 * NVIDIA or AMD GPU: WebGPU on Vulkan, ANGLE on Vulkan, no surface (headless), the GPU blocklist
 * ignored, unsafe WebGPU (Chrome's guide to WebGPU in headless Chrome).
 */
export const CHROME_FLAG_PRESETS: Record<string, readonly string[]> = {
  'linux-gpu': [
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
    '--use-angle=vulkan',
    '--disable-vulkan-surface',
    '--ignore-gpu-blocklist',
  ],
};

/** Flags with the presets among them replaced by their flags. */
export function expandChromeFlags(flags: readonly string[]): string[] {
  return flags.flatMap((flag) => CHROME_FLAG_PRESETS[flag] ?? [flag]);
}

/** A Chrome the user already runs with `--remote-debugging-port`, reached at its DevTools endpoint (http://host:port). */
export async function connectChromium(browserURL: string): Promise<Browser> {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.connect({ browserURL, defaultViewport: null, protocolTimeout: 0 });
}

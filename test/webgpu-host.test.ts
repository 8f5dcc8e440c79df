// The WebGPU host, for real: the backend choice with the adapters this machine has (Dawn's and
// Chromium's SwiftShader), `proxpath fit --backend webgpu` through headless Chromium against the
// CPU path, the float64 polish, a device destroyed mid-path, and abort. Kernels run only in
// Chromium; Dawn is only asked about its adapter, in a child process with a time limit
// (DESIGN §5: Dawn on SwiftShader crashes and hangs on tiled kernels).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitPath } from '../src/api/fit-path.js';
import { startHostServer, type HostServer } from '../src/hosts/chromium-server.js';
import type { PathFitJSON } from '../src/problem/result.js';
import { launchChrome } from './helpers/browser.js';
import { CLI, requireBuild, runCli, tempDir } from './helpers/cli.js';

/** SwiftShader is a CPU: a WebGPU path of the diabetes data takes seconds to tens of seconds. */
const GPU_TIMEOUT = 240_000;
const DIABETES = join(process.cwd(), 'data', 'diabetes.csv');

function diabetes(): { X: number[][]; y: number[] } {
  const rows = Papa.parse<string[]>(readFileSync(DIABETES, 'utf8').trim()).data.slice(1).map((r) => r.map(Number));
  return { X: rows.map((r) => r.slice(0, 10)), y: rows.map((r) => r[10]) };
}

/** Largest relative difference of the objectives over the λ both paths have. */
function objectiveGap(a: { objective: number[] }, b: { objective: number[] }): number {
  const K = Math.min(a.objective.length, b.objective.length);
  let gap = 0;
  for (let k = 0; k < K; k++) gap = Math.max(gap, Math.abs(a.objective[k] - b.objective[k]) / Math.abs(b.objective[k]));
  return gap;
}

/** Runs `proxpath fit` with a time limit long enough for SwiftShader; returns the result JSON. */
function fitCli(dir: string, ...args: string[]): { json: PathFitJSON; stderr: string } {
  const out = join(dir, `result-${args.join('').replace(/\W/g, '')}.json`);
  const result = spawnSync(process.execPath, [CLI, 'fit', DIABETES, ...args, '--out', out], {
    encoding: 'utf8', env: { ...process.env, PROXPATH_DEBUG: '' }, timeout: GPU_TIMEOUT,
  });
  expect(result.status, result.stderr).toBe(0);
  return { json: JSON.parse(readFileSync(out, 'utf8')), stderr: result.stderr };
}

describe('backend choice in Node', () => {
  beforeAll(requireBuild);

  it('auto: Dawn’s SwiftShader adapter is read (in a child process) and turned down for the CPU, with the reason', () => {
    const result = runCli(['info'], tempDir());
    expect(result.status, result.stderr).toBe(0);
    const adapter = JSON.parse(/^dawn adapter: (.*)$/m.exec(result.stdout)?.[1] ?? 'null');
    expect(adapter, `Dawn gave no adapter here (npm webgpu and libvulkan1 installed?):\n${result.stdout}`).not.toBeNull();
    expect(adapter).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, software: true });
    const limits = JSON.parse(/^dawn limits: (.*)$/m.exec(result.stdout)![1]);
    expect(limits.maxStorageBufferBindingSize).toBeGreaterThanOrEqual(128 * 2 ** 20);
    expect(limits.maxComputeWorkgroupStorageSize).toBeGreaterThanOrEqual(16384);
    expect(result.stdout).toMatch(/^backend \(auto\): cpu$/m);
    const device = JSON.parse(result.stdout.slice(result.stdout.indexOf('device: ') + 'device: '.length));
    expect(device).toMatchObject({ host: 'dawn', adapter: { architecture: 'swiftshader', software: true } });
    expect(device.reason).toMatch(/^auto: the only WebGPU adapter is google swiftshader \(software fallback\)/);
  });

  it('webgpu with no usable Dawn adapter and no Chromium: exit 2, one line saying both', () => {
    const result = runCli(['fit', DIABETES, '--backend', 'webgpu'], tempDir(), {
      CHROME_PATH: '/nonexistent/chromium', VK_ICD_FILENAMES: '/nonexistent/icd.json',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: option --backend: "webgpu" found no usable WebGPU: Dawn has no adapter: .*CHROME_PATH="\/nonexistent\/chromium" does not exist.*\n$/);
  });

  it('cd is a CPU method: not with backend webgpu', async () => {
    await expect(fitPath(diabetes(), { backend: 'webgpu', solver: 'cd' })).rejects.toThrow(/option solver: "cd" runs on the CPU/);
  });
});

describe('proxpath fit --backend webgpu (headless Chromium, SwiftShader)', () => {
  let dir: string;
  let reference: PathFitJSON;

  beforeAll(() => {
    requireBuild();
    dir = tempDir();
    // The CPU path, converged far beyond float32, as the reference.
    reference = fitCli(dir, '--backend', 'cpu', '--tol', '1e-12').json;
  });

  it('fits the diabetes lasso path on WebGPU, objectives within 1e-5 of the CPU path, and says where it ran', () => {
    const { json, stderr } = fitCli(dir, '--backend', 'webgpu');
    expect(json.backend).toBe('webgpu');
    expect(json.device).toMatchObject({
      host: 'headless-chromium',
      adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, software: true },
    });
    expect(json.device.browser).toMatch(/Chrom/);
    expect(json.device.reason).toMatch(/^requested; Dawn's only adapter is google swiftshader .* headless Chromium/);
    // Chromium's sandbox: on, or off with the reason (as root, for one) at the end of the reason.
    expect(typeof json.device.sandbox).toBe('boolean');
    if (!json.device.sandbox) expect(json.device.reason).toMatch(/; Chromium ran without its sandbox: \w.*$/);
    if (process.getuid?.() === 0) expect(json.device.reason).toMatch(/; Chromium ran without its sandbox: running as root/);
    expect(json.device.limits!.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(stderr).toMatch(/^backend: webgpu, host headless-chromium \(Chrome\/[\d.]+\), adapter google swiftshader \(software fallback\)/m);
    // Same start and λ sequence as the CPU; the path may end one λ apart (the deviance-ratio rule on float32).
    expect(Math.abs(json.lambda.length - reference.lambda.length)).toBeLessThanOrEqual(1);
    json.lambda.slice(0, reference.lambda.length).forEach((l, k) => expect(l).toBeCloseTo(reference.lambda[k], 12));
    expect(json.converged.every(Boolean)).toBe(true);
    expect(objectiveGap(json, reference)).toBeLessThan(1e-5);
  }, GPU_TIMEOUT);

  it('--polish: coordinate descent finishes each WebGPU solution, objectives within 1e-7 of the CPU path', () => {
    const { json } = fitCli(dir, '--backend', 'webgpu', '--polish', '--tol', '1e-12', '--nlambda', '40');
    const cpu = fitCli(dir, '--backend', 'cpu', '--tol', '1e-12', '--nlambda', '40').json;
    expect(json.device).toMatchObject({ host: 'headless-chromium', polished: true });
    // The polished deviance ratios are coordinate descent's: the path ends where the CPU's does.
    expect(json.lambda).toHaveLength(cpu.lambda.length);
    expect(objectiveGap(json, cpu)).toBeLessThan(1e-7);
    // Certified like coordinate descent's own path at this tol (the violation shrinks like √tol).
    expect(Math.max(...json.kktViolation)).toBeLessThan(10 * Math.max(...cpu.kktViolation));
  }, GPU_TIMEOUT);
});

describe('proxpath fit --backend webgpu, interrupted', () => {
  beforeAll(requireBuild);

  /** Child processes of `pid` (Linux). */
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };

  /** Chromium's processes (browser, helpers, crash handlers) whose command line names `dir`. */
  const chromiumNaming = (dir: string): string[] =>
    readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
          return argv.length > 0 && /chrom/i.test(argv[0].split('/').pop()!) && argv.join(' ').includes(dir) ? [argv.join(' ')] : [];
        } catch {
          return [];
        }
      });

  it.each(['SIGINT', 'SIGHUP'] as const)(
    '%s once the browser runs: the fit stops, one error line, exit 130, no output file, no browser and no profile left',
    async (signal) => {
      const dir = tempDir();
      const tmp = join(dir, 'tmp'); // the command's TMPDIR: its browser profile goes there
      mkdirSync(tmp);
      const out = join(dir, 'result.json');
      const child = spawn(process.execPath, [CLI, 'fit', DIABETES, '--backend', 'webgpu', '--out', out], {
        env: { ...process.env, PROXPATH_DEBUG: '', TMPDIR: tmp },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // The Dawn probe comes and goes; Chromium stays for the whole fit (seconds on SwiftShader).
      const started = Date.now();
      let sawBrowser = false;
      while (!sawBrowser && Date.now() - started < 60_000 && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        sawBrowser = children(child.pid!).some((pid) => {
          try {
            return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
          } catch {
            return false;
          }
        });
      }
      expect(sawBrowser, stderr).toBe(true);
      child.kill(signal); // to proxpath only: it must stop the page and close the browser itself
      expect(await exited, stderr).toBe(130);
      expect(stderr).toBe('error: the fit was aborted\n');
      expect(existsSync(out)).toBe(false);
      expect(chromiumNaming(tmp)).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]); // the profile, and Chromium's own temporary files
    },
    GPU_TIMEOUT,
  );
});

describe('WebGPU in a page (headless Chromium, SwiftShader)', () => {
  let server: HostServer;
  let browser: Browser;
  const data = diabetes();
  let lambda: number[];
  let reference: Awaited<ReturnType<typeof fitPath>>;

  beforeAll(async () => {
    requireBuild();
    server = await startHostServer();
    browser = await launchChrome();
    // 40 λ of the default sequence: a block of 32 and one of 8.
    lambda = (await fitPath(data, { backend: 'cpu' })).lambda.slice(0, 40);
    reference = await fitPath(data, { backend: 'cpu', lambda, tol: 1e-12 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page of the host server with the library bundle on window.proxpath. */
  async function libraryPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(server.url);
    await page.addScriptTag({ type: 'module', content: "import * as proxpath from '/browser/proxpath.js'; window.proxpath = proxpath;" });
    await page.waitForFunction('window.proxpath !== undefined');
    return { page, errors };
  }

  /**
   * Runs `body` (the source of an async function of `args`, with window.proxpath) in a page.
   * Source text, not a function: the page must get exactly what is written here.
   */
  async function inPage<T>(body: string, args: unknown): Promise<T> {
    const { page, errors } = await libraryPage();
    try {
      const AsyncFunction = (async () => undefined).constructor as new (...params: string[]) => (args: unknown) => Promise<T>;
      const result = await page.evaluate(new AsyncFunction('args', body), args);
      expect(errors).toEqual([]);
      return result;
    } finally {
      await page.close();
    }
  }

  it('auto turns the SwiftShader adapter down for the CPU and says why', async () => {
    const fit = await inPage<PathFitJSON>(
      `const fit = await window.proxpath.fitPath({ X: args.X, y: args.y }, { backend: 'auto', nLambda: 5 });
       return fit.toJSON();`,
      { X: data.X, y: data.y },
    );
    expect(fit.backend).toBe('cpu');
    expect(fit.device).toMatchObject({ host: 'browser', adapter: { architecture: 'swiftshader', isFallbackAdapter: true, software: true } });
    expect(fit.device.reason).toMatch(/^auto: the only WebGPU adapter is google swiftshader \(software fallback\), slower than the CPU path/);
  });

  // The caller's devices come from a function (so that a lost one can be replaced) or are one
  // device; once `faultAt` λ are solved the hook destroys the first device, or makes it report
  // a validation error (a buffer without usage).
  const FAULT_MID_PATH = `
    const devices = [];
    const newDevice = async () => {
      const adapter = await navigator.gpu.requestAdapter();
      const device = await adapter.requestDevice();
      devices.push(device);
      return device;
    };
    const device = args.renewable ? newDevice : await newDevice();
    let faultAt = -1;
    const fit = await window.proxpath.fitPath({ X: args.X, y: args.y }, {
      backend: 'webgpu', device, lambda: args.lambda,
      onProgress: (event) => {
        if (faultAt < 0 && event.solved >= args.faultAt) {
          faultAt = event.solved;
          if (args.fault === 'destroy') devices[0].destroy();
          else devices[0].createBuffer({ size: 16, usage: 0 });
        }
      },
    });
    return { fit: fit.toJSON(), devices: devices.length, faultAt };`;

  it.each([
    { fault: 'destroy', renewable: true, resumedOn: 'webgpu (new device)', devices: 2, error: /lost.*destroy/i },
    { fault: 'destroy', renewable: false, resumedOn: 'cpu (batched float64)', devices: 1, error: /lost.*destroy/i },
    { fault: 'validation', renewable: true, resumedOn: 'webgpu (new device)', devices: 2, error: /validation/i },
  ])('a $fault fault mid-path keeps the λ solved and resumes on $resumedOn', async ({ fault, renewable, resumedOn, devices, error }) => {
    const run = await inPage<{ fit: PathFitJSON; devices: number; faultAt: number }>(FAULT_MID_PATH, {
      X: data.X, y: data.y, lambda, renewable, fault, faultAt: 32,
    });
    const { fit } = run;
    expect(run.faultAt).toBe(32);
    expect(run.devices).toBe(devices);
    expect(fit.backend).toBe('webgpu');
    expect(fit.device.host).toBe('caller');
    expect(fit.device.recovered).toHaveLength(1);
    expect(fit.device.recovered![0]).toMatchObject({ atLambda: 32, resumedOn });
    expect(fit.device.recovered![0].error).toMatch(error);
    expect(fit.warnings.some((w) => w.startsWith(`WebGPU failed after 32 of 40 λ values`))).toBe(true);
    // The whole path, every λ as good as without the fault.
    expect(fit.lambda).toEqual(lambda);
    expect(fit.converged.every(Boolean)).toBe(true);
    expect(objectiveGap(fit, reference)).toBeLessThan(1e-5);
  }, GPU_TIMEOUT);

  it('an AbortSignal stops the fit at the next readback: AbortError, no block after the abort', async () => {
    const run = await inPage<{ name: string | null; message?: string; events: number }>(
      `const controller = new AbortController();
       let events = 0;
       try {
         await window.proxpath.fitPath({ X: args.X, y: args.y }, {
           backend: 'webgpu', lambda: args.lambda, signal: controller.signal,
           onProgress: () => { events++; controller.abort(); },
         });
         return { name: null, events };
       } catch (error) {
         return { name: error.name, message: error.message, events };
       }`,
      { X: data.X, y: data.y, lambda },
    );
    expect(run.name, run.message).toBe('AbortError');
    // Progress comes per block: the first block's 32 λ, then the abort is seen at a readback.
    expect(run.events).toBe(32);
  }, GPU_TIMEOUT);
});

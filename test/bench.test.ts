// proxpath bench on a tiny matrix through the CPU and WebGPU in headless Chromium (SwiftShader
// here): the report's structure and arithmetic (medians of the runs, speedups = time ratios,
// objectives re-evaluated from the saved coefficients, agreement = recomputed differences, the
// product work model), `proxpath report` re-rendering the same Markdown, and the HTML report's
// charts drawn in Chromium. Never times.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCase } from '../src/bench/data.js';
import { columnScales, objectiveAt } from '../src/bench/objective.js';
import type { BenchReport } from '../src/bench/types.js';
import { launchChrome } from './helpers/browser.js';
import { CLI, requireBuild, tempDir } from './helpers/cli.js';

function cli(args: string[], timeout = 240_000) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout, env: { ...process.env, PROXPATH_DEBUG: '' } });
  if (result.error) throw result.error;
  return result;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('proxpath bench (tiny matrix: CPU and WebGPU in headless Chromium)', () => {
  let dir: string;
  let report: BenchReport;
  let markdown: string;

  beforeAll(() => {
    requireBuild();
    dir = tempDir();
    const run = cli(['bench', '--tiny', '--n', '60,120', '--p', '5', '--nlambda', '6', '--loss', 'squared,logistic',
      '--backends', 'cpu,chromium,cpu-batched', '--repeats', '2', '--out', dir, '--no-progress']);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
    markdown = readFileSync(path.join(dir, 'results.md'), 'utf8');
    expect(run.stdout).toBe(markdown);
  }, 300_000);

  it('runs every case on every backend and says which adapter ran, software fallback labelled', () => {
    expect(report.format).toBe('proxpath-bench');
    expect(report.cases.map((c) => c.spec.id)).toEqual([
      'squared α=1 n=60 p=5 K=6', 'squared α=1 n=120 p=5 K=6', 'logistic α=1 n=60 p=5 K=6', 'logistic α=1 n=120 p=5 K=6',
    ]);
    for (const c of report.cases) {
      expect(c.runs.map((r) => [r.runner, r.ok, r.error])).toEqual([['cpu', true, undefined], ['chromium', true, undefined], ['cpu-batched', true, undefined]]);
      expect(c.lambda).toHaveLength(6);
      for (const r of c.runs) {
        expect(r.objective).toHaveLength(6);
        expect(r.time!.runsMs.length).toBeGreaterThanOrEqual(1);
        // GPU time: the WebGPU runner's, where Chromium's adapter has timestamp-query (SwiftShader here does).
        if (r.runner === 'chromium' && report.browser?.device?.features?.includes('timestamp-query')) {
          expect(r.gpuMs).toBeGreaterThan(0);
          expect(r.gpuMs).toBeLessThanOrEqual(r.time!.maxMs);
        } else expect(r.gpuMs).toBeNull();
      }
    }
    expect(report.browser?.version).toMatch(/Chrome\//);
    expect(report.machine.cpuCount).toBeGreaterThan(0);
    const adapter = report.browser!.device!.adapter!;
    expect(typeof adapter.isFallbackAdapter).toBe('boolean');
    expect(report.softwareFallback).toBe(adapter.software);
    if (adapter.software) {
      expect(markdown).toMatch(/^# proxpath benchmark \(GPU: SwiftShader software fallback\)/);
      expect(markdown).toMatch(/proxpath WebGPU \(Chrome\) \[software fallback\]/);
      expect(markdown).toMatch(/SOFTWARE FALLBACK/);
    }
  });

  it('reports medians of its runs and speedups that are the ratios of the medians', () => {
    for (const c of report.cases) {
      const cpu = c.runs.find((r) => r.runner === 'cpu')!;
      for (const r of c.runs) {
        const t = r.time!;
        expect(t.medianMs).toBe(median(t.runsMs));
        expect(t.minMs).toBe(Math.min(...t.runsMs));
        expect(t.maxMs).toBe(Math.max(...t.runsMs));
        expect(c.speedupVsCpu[r.runner]).toBeCloseTo(cpu.time!.medianMs / t.medianMs, 12);
      }
      expect(c.speedupVsCpu.cpu).toBe(1);
    }
  });

  it('judges every path by the float64 objective of its saved coefficients, and agreement is their recomputed difference', () => {
    for (const c of report.cases) {
      const data = generateCase(c.spec.loss, c.spec.n, c.spec.p, c.spec.seed);
      const scales = columnScales(data);
      for (const r of c.runs) {
        const f = c.lambda.map((l, k) => objectiveAt(data, scales, c.spec.loss, c.spec.alpha, l, r.intercept![k], r.beta![k]));
        f.forEach((value, k) => expect(r.objective![k]).toBeCloseTo(value, 12));
      }
      // Every run, the CPU's at its default tolerance too, against the tight reference (tol 1e-13).
      const ref = c.reference!;
      expect(ref.label).toBe('cpu at tol 1e-13');
      expect(ref.objective).toEqual(c.lambda.map((l, k) => objectiveAt(data, scales, c.spec.loss, c.spec.alpha, l, ref.intercept![k], ref.beta![k])));
      expect(c.agreement.map((a) => a.runner).sort()).toEqual(['chromium', 'cpu', 'cpu-batched']);
      for (const a of c.agreement) {
        const r = c.runs.find((x) => x.runner === a.runner)!;
        const rel = r.objective!.map((f, k) => Math.abs(f - ref.objective[k]) / Math.abs(ref.objective[k]));
        expect(a.reference).toBe(ref.label);
        expect(a.objectiveRelDiff).toEqual(rel);
        expect(a.objectiveMaxRelDiff).toBe(Math.max(...rel));
        const scale = (k: number) => Math.max(1, ...ref.beta![k].map(Math.abs));
        expect(a.coefMaxDiff).toBe(Math.max(...r.beta!.flatMap((b, k) => b.map((v, j) => Math.abs(v - ref.beta![k][j]) / scale(k)))));
        expect(a.supportDiff).toEqual(r.beta!.map((b, k) => b.filter((v, j) => (v !== 0) !== (ref.beta![k][j] !== 0)).length));
        const differing = r.beta!.flatMap((b, k) => b.flatMap((v, j) => ((v !== 0) !== (ref.beta![k][j] !== 0) ? [Math.max(Math.abs(v), Math.abs(ref.beta![k][j])) / scale(k)] : [])));
        expect(a.supportDiffLargest).toBe(differing.length > 0 ? Math.max(...differing) : null);
        expect(a.flagged).toBe(!(a.objectiveMaxRelDiff <= a.tolerance));
        // The answers agree (float32 on the GPU): nothing flagged on these small problems.
        expect(a.flagged).toBe(false);
      }
    }
  });

  it('reports the work the batched fits counted, and its projection to GPU time', () => {
    for (const c of report.cases) {
      for (const r of c.runs.filter((x) => x.runner !== 'cpu')) {
        const w = r.work!;
        expect(w.counted).toBe(true);
        const iterations = r.iterations!.reduce((a, b) => a + b, 0);
        const rows = c.spec.loss === 'squared' && c.spec.n >= 4 * (c.spec.p + 1) ? c.spec.p + 1 : c.spec.n;
        expect(w.productRows).toBe(rows);
        // At least a product with X̃ and one with X̃ᵀ per column iteration, each 2·rows·(p + 1) flops.
        expect(w.columnPasses!).toBeGreaterThanOrEqual(2 * iterations);
        expect(w.flops).toBeGreaterThanOrEqual(4 * rows * (c.spec.p + 1) * iterations);
        expect(w.gflops).toBeCloseTo(w.flops / (r.solveMedianMs! / 1000) / 1e9, 9);
        expect(w.gbytes).toBeCloseTo(w.bytes / (r.solveMedianMs! / 1000) / 1e9, 9);
        // The projection is the model of projection.ts at the default figures.
        const submits = Math.max(w.submits!, w.readbacks!);
        const seconds = w.flops / 20e12 + w.bytes / 2e12 + submits * 10e-6 + w.readbacks! * 200e-6 + w.modelSteps! * 0.5e-6;
        expect(w.projectedMs!).toBeCloseTo(seconds * 1000, 9);
      }
      expect(c.runs.find((r) => r.runner === 'cpu')!.work).toBeUndefined();
    }
    expect(markdown).toMatch(/projected GPU time = a model, not a measurement/);
  });

  it('re-renders a saved run: proxpath report gives the same Markdown', () => {
    const out = tempDir();
    const run = cli(['report', path.join(dir, 'results.json'), '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(markdown);
    expect(readFileSync(path.join(out, 'results.md'), 'utf8')).toBe(markdown);
    expect(readFileSync(path.join(out, 'results.html'), 'utf8')).toBe(readFileSync(path.join(dir, 'results.html'), 'utf8'));
  });

  it('draws the HTML report\'s charts in headless Chromium, with no script and no external resource', async () => {
    const html = readFileSync(path.join(dir, 'results.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http/);
    const browser = await launchChrome();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(path.join(dir, 'results.html')).href);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('figure[data-chart]')].map((figure) => {
          const svg = figure.querySelector('svg')!;
          const box = svg.getBoundingClientRect();
          return { id: figure.getAttribute('data-chart'), width: box.width, height: box.height, marks: svg.querySelectorAll('path').length, text: svg.textContent ?? '' };
        }),
      );
      // time vs n for both losses (p and K have one value each), the speedup and the agreement.
      expect(charts.map((c) => c.id)).toEqual(['time-squared-n', 'time-logistic-n', 'speedup', 'agreement']);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(100);
        expect(c.height).toBeGreaterThan(100);
        expect(c.marks).toBeGreaterThan(5);
      }
      expect(charts[0].text).toMatch(/proxpath CPU \(cd\)/);
      if (report.softwareFallback) expect(charts[0].text).toMatch(/software fallback/);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      const flaggedRows = await page.evaluate(() => document.querySelectorAll('tr.flagged').length);
      expect(flaggedRows).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

describe('proxpath bench and report: mistakes in the options', () => {
  it('exits 2 with one line naming the option and value', () => {
    requireBuild();
    const run = cli(['bench', '--n', '5,x', '--no-progress']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error: option --n: "x" is not an integer ≥ 1\n');
    const backends = cli(['bench', '--backends', 'cpu,gpu']);
    expect(backends.status).toBe(2);
    expect(backends.stderr).toMatch(/^error: option --backends: "gpu" is not one of cpu, cpu-batched, chromium, dawn, glmnet, sklearn\n$/);
  });

  it.each([
    ['--remote-debugging-port=9222', ['--chrome-flag', '--remote-debugging-port=9222']],
    ['--user-data-dir=/tmp/profile', ['--chrome-flag=--user-data-dir=/tmp/profile']],
    ['--remote-debugging-pipe', ['--chrome-flag', 'linux-gpu', '--chrome-flag', '--remote-debugging-pipe']],
  ])('refuses --chrome-flag %s: exit 2, one line naming the flag, no report and no case run', (flag, args) => {
    requireBuild();
    const dir = tempDir();
    // --chrome: any file that exists (Node itself), so the refusal cannot hide behind a missing
    // Chromium, and nothing is launched if the check failed to refuse (it would fail, not hang).
    const run = cli(['bench', '--tiny', '--backends', 'cpu,chromium', '--chrome', process.execPath, ...args, '--out', dir, '--no-progress'], 60_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: option --chrome-flag: ${JSON.stringify(flag)} is not allowed: proxpath drives the browser it launches over a pipe, with its own temporary profile (to use a Chrome you started, give --browser-url)\n`);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 on a time limit that is not a positive number', () => {
    for (const [option, value] of [['--budget', '0'], ['--cpu-timeout', '-5'], ['--budget', 'soon']]) {
      const run = cli(['bench', '--tiny', '--backends', 'cpu', option, value, '--no-progress']);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`error: option ${option}: ${JSON.stringify(value)} is not a number > 0\n`);
    }
  });

  it('refuses a file that is not a saved bench run', () => {
    const dir = tempDir();
    const file = path.join(dir, 'fit.json');
    spawnSync('sh', ['-c', `echo '{"lambda": []}' > ${file}`]);
    const run = cli(['report', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: report ".*fit\.json": not a proxpath bench result/);
  });
});

describe('proxpath bench --budget', () => {
  it('starts no case once the budget is spent: each is on record as not run, with the reason', () => {
    requireBuild();
    const dir = tempDir();
    // A budget of a nanosecond is spent before the first case can start.
    const run = cli(['bench', '--tiny', '--backends', 'cpu,cpu-batched', '--budget', '1e-9', '--out', dir, '--no-progress'], 60_000);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
    expect(report.config.budgetSeconds).toBe(1e-9);
    expect(report.cases.length).toBeGreaterThan(0);
    for (const c of report.cases) {
      expect(c.runs.map((r) => [r.runner, r.ok, r.error])).toEqual([
        ['cpu', false, 'not run: the time budget (--budget 1e-9 s) was spent'],
        ['cpu-batched', false, 'not run: the time budget (--budget 1e-9 s) was spent'],
      ]);
      expect(c.lambda).toEqual([]);
    }
    expect(report.notes).toContain(`the time budget (--budget 1e-9 s) was spent before ${report.cases.length} of ${report.cases.length} cases: they were not run`);
    expect(readFileSync(path.join(dir, 'results.md'), 'utf8')).toMatch(/not run: the time budget/);
  });
});

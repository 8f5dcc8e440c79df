// Runs the benchmark matrix: opens the runners asked for (one that cannot open is reported on
// every case, not dropped silently; one that refuses the user's options, such as a refused
// --chrome-flag, ends the run with that InputError before any case), then each case's data, λ
// sequence and runs, its agreement and speedups, with a progress callback after each (case,
// runner) step. With a budget (--budget), no step starts once it is spent (such a step is on
// record as not run), and the CPU's and Dawn's runs stop at what is left of it.

import { fitPath } from '../api/fit-path.js';
import { InputError } from '../errors.js';
import { agreementOf, speedups } from './agreement.js';
import { tightReference } from './reference.js';
import { runCase } from './case-run.js';
import { generateCase } from './data.js';
import { machineInfo } from './machine.js';
import { expandMatrix } from './matrix.js';
import { type BrowserChoice, type ChromiumRunner, chromiumRunner } from './runners/chromium.js';
import { cpuRunner } from './runners/cpu.js';
import { dawnRunner } from './runners/dawn.js';
import { glmnetMissing, glmnetRunner } from './runners/glmnet.js';
import type { CaseJob, Runner } from './runners/runner.js';
import { toColumnMajorData } from './runners/shared-data.js';
import { findPython, sklearnRunner } from './runners/sklearn.js';
import type { BackendRun, BenchConfig, BenchReport, CaseResult, CaseSpec, RunnerDevice, RunnerName } from './types.js';
import type { BenchData } from './data.js';

export interface BenchProgress {
  done: number;
  total: number;
  /** What runs next (or just finished, at the end). */
  label: string;
}

export interface BenchOptions {
  browser?: BrowserChoice;
  onProgress?: (event: BenchProgress) => void;
  /** Data instead of generated cases (npm start's bundled dataset): every case uses them, its n and p. */
  data?: BenchData;
}

/** The case's λ sequence: K values log-spaced from λ_max down to λ_max·ratio (glmnet's rule). */
export async function caseLambdas(spec: CaseSpec, data: BenchData, ratio?: number): Promise<number[]> {
  const probe = await fitPath(toColumnMajorData(data), { loss: spec.loss, alpha: spec.alpha, nLambda: 1, backend: 'cpu' });
  const top = probe.problem.lambdaMax;
  const r = ratio ?? (spec.n > spec.p ? 1e-4 : 1e-2);
  return Array.from({ length: spec.K }, (_, k) => top * r ** (spec.K === 1 ? 0 : k / (spec.K - 1)));
}

/** A runner that could not start: every case says why. */
const unavailable = (name: RunnerName, why: string): Runner => ({
  name,
  unsupported: () => `unavailable: ${why}`,
  run: () => Promise.reject(new Error(why)),
  close: async () => undefined,
});

async function openRunner(name: RunnerName, config: BenchConfig, options: BenchOptions, notes: string[]): Promise<Runner> {
  const externalLimit = Math.max(60_000, config.maxCaseSeconds * 1000 * 10);
  const cpuTimeoutMs = config.cpuTimeoutSeconds === undefined ? undefined : config.cpuTimeoutSeconds * 1000;
  try {
    switch (name) {
      case 'cpu':
        return cpuRunner('cd', cpuTimeoutMs);
      case 'cpu-batched':
        return cpuRunner('batched', cpuTimeoutMs);
      case 'chromium':
        return await chromiumRunner(options.browser);
      case 'dawn':
        return await dawnRunner(config.dawnTimeoutSeconds * 1000);
      case 'glmnet': {
        const missing = glmnetMissing();
        return missing ? unavailable(name, missing) : glmnetRunner(externalLimit);
      }
      case 'sklearn': {
        const python = findPython();
        return python ? sklearnRunner(python, externalLimit) : unavailable(name, 'no python3 with scikit-learn');
      }
    }
  } catch (error) {
    // The user's mistake (an option the runner refuses) is not a runner that is missing here.
    if (error instanceof InputError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    notes.push(`${name}: ${why}`);
    return unavailable(name, why);
  }
}

export async function runBench(config: BenchConfig, options: BenchOptions = {}): Promise<BenchReport> {
  const started = performance.now();
  const createdAt = new Date().toISOString();
  const notes: string[] = [];
  const specs = expandMatrix(config);
  const total = specs.length * config.runners.length;
  let done = 0;
  options.onProgress?.({ done, total, label: 'opening the runners' });
  const runners: Runner[] = [];
  const cases: CaseResult[] = [];
  const deadline = config.budgetSeconds === undefined ? undefined : started + config.budgetSeconds * 1000;
  const left = () => (deadline === undefined ? undefined : deadline - performance.now());
  const spent = () => `not run: the time budget (--budget ${config.budgetSeconds} s) was spent`;
  let skipped = 0;
  try {
    for (const name of config.runners) runners.push(await openRunner(name, config, options, notes));
    for (const spec of specs) {
      if ((left() ?? 1) <= 0) {
        // Not even its data: a case past the budget is on record with the reason and no numbers.
        const runs = runners.map((runner): BackendRun => ({ runner: runner.name, ok: false, error: spent() }));
        cases.push({ spec, lambda: [], runs, agreement: [], speedupVsCpu: {} });
        done += runners.length;
        skipped++;
        continue;
      }
      const data = options.data ?? generateCase(spec.loss, spec.n, spec.p, spec.seed);
      const lambda = await caseLambdas(spec, data, config.lambdaMinRatio);
      const job: CaseJob = { spec, data, lambda, repeats: config.repeats, maxMs: config.maxCaseSeconds * 1000, projection: config.projection };
      const runs: BackendRun[] = [];
      for (const runner of runners) {
        options.onProgress?.({ done, total, label: `${spec.id} · ${runner.name}` });
        const limitMs = left();
        if (limitMs !== undefined && limitMs <= 0) runs.push({ runner: runner.name, ok: false, error: spent() });
        else runs.push(await runCase(runner, limitMs === undefined ? job : { ...job, limitMs }));
        done++;
      }
      const reference = await tightReference(spec, data, lambda, left());
      cases.push({ spec, lambda, runs, ...(reference ? { reference } : {}), agreement: agreementOf(runs, reference), speedupVsCpu: speedups(runs) });
    }
  } finally {
    for (const runner of runners) await runner.close();
  }
  options.onProgress?.({ done, total, label: 'done' });
  if (skipped > 0) notes.push(`the time budget (--budget ${config.budgetSeconds} s) was spent before ${skipped} of ${specs.length} cases: they were not run`);
  const chromium = runners.find((r): r is ChromiumRunner => r.name === 'chromium' && 'describe' in r);
  const deviceOf = (name: RunnerName): RunnerDevice | null =>
    cases.flatMap((c) => c.runs).find((r) => r.runner === name && r.ok && r.device)?.device ?? null;
  const browserDevice = deviceOf('chromium');
  const dawn = deviceOf('dawn');
  return {
    format: 'proxpath-bench',
    formatVersion: 1,
    createdAt,
    config,
    machine: machineInfo(),
    browser: chromium ? { ...chromium.describe(), ...(browserDevice ? { device: browserDevice } : {}) } : null,
    dawn,
    softwareFallback: Boolean(browserDevice?.adapter?.software || dawn?.adapter?.software),
    cases,
    totalMs: performance.now() - started,
    notes,
  };
}

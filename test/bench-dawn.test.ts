// The Dawn runner (WebGPU in Node) on a tiny case. Dawn on SwiftShader has crashed and hung
// (DESIGN §5): the runner fits in a child process with a time limit, and the whole command
// runs here in another one with its own limit. Either Dawn's path agrees with the CPU's, or its
// failure is recorded in the report as that case's error; the benchmark always finishes.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../src/bench/types.js';
import { CLI, requireBuild, tempDir } from './helpers/cli.js';

const installed = (() => {
  try {
    createRequire(import.meta.url).resolve('webgpu');
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!installed)('proxpath bench --backends cpu,dawn (Dawn in a child process with a time limit)', () => {
  it('finishes, with Dawn agreeing with the CPU or its failure on record', () => {
    requireBuild();
    const dir = tempDir();
    const run = spawnSync(process.execPath, [CLI, 'bench', '--tiny', '--n', '60', '--p', '5', '--nlambda', '5', '--loss', 'squared',
      '--backends', 'cpu,dawn', '--repeats', '1', '--dawn-timeout', '60', '--out', dir, '--no-progress'], { encoding: 'utf8', timeout: 150_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchReport;
    const dawn = report.cases[0].runs.find((r) => r.runner === 'dawn')!;
    if (dawn.ok) {
      expect(dawn.device?.host).toBe('dawn');
      expect(report.dawn?.adapter).toBeDefined();
      const agreement = report.cases[0].agreement.find((a) => a.runner === 'dawn')!;
      expect(agreement.flagged).toBe(false);
    } else {
      console.warn(`Dawn did not run here: ${dawn.error}`);
      expect(dawn.error).toMatch(/\S/);
    }
  }, 180_000);
});

if (!installed) console.warn('bench-dawn: the optional npm package webgpu (Dawn) is not installed: skipped');

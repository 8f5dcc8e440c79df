// proxpath on WebGPU in Node through Dawn (npm `webgpu`), each case in a child process with a
// time limit (dawn-child.ts): on SwiftShader Dawn has crashed and hung on tiled kernels, and a
// crash or a hang becomes this case's error, not the benchmark's end.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DawnProbe, probeDawn } from '../../gpu/dawn-probe.js';
import { showSeconds, tighter } from './cpu.js';
import type { DawnJob } from './dawn-child.js';
import { caseOptions } from './proxpath-options.js';
import type { CaseJob, Runner, RunnerResult } from './runner.js';

/** The compiled child (dist/src/bench/runners/dawn-child.js), also when this module runs from source. */
function childScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'dawn-child.js'), path.resolve(here, '../../../dist/src/bench/runners/dawn-child.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`the Dawn runner's child is not built (looked for ${candidates.join(', ')}): run npm run build`);
  return found;
}

const bytes = (values: Float64Array): Uint8Array => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export async function dawnRunner(timeoutMs: number): Promise<Runner & { probe: DawnProbe }> {
  const probe = await probeDawn();
  if (!probe.installed || !probe.adapter) throw new Error(probe.error ?? 'Dawn has no adapter');
  const script = childScript();
  return {
    name: 'dawn',
    probe,
    unsupported: () => null,
    async run(job: CaseJob): Promise<RunnerResult> {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-dawn-'));
      const limitMs = Math.max(1, Math.round(tighter(timeoutMs, job.limitMs)!));
      try {
        const childJob: DawnJob = {
          nRows: job.data.nSamples, nCols: job.data.nFeatures, options: caseOptions(job.spec, job.lambda),
          folds: job.spec.folds, repeats: job.repeats, maxMs: job.maxMs, ...(probe.icd ? { icd: probe.icd } : {}),
        };
        writeFileSync(path.join(dir, 'job.json'), JSON.stringify(childJob));
        writeFileSync(path.join(dir, 'X.bin'), bytes(job.data.X));
        writeFileSync(path.join(dir, 'y.bin'), bytes(job.data.y));
        await new Promise<void>((resolve, reject) => {
          execFile(process.execPath, [script, dir], { timeout: limitMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
            if (!error) return resolve();
            const why = error.killed ? `timed out after ${showSeconds(limitMs)}` : error.signal ? `crashed (${error.signal})` : `failed (exit ${error.code})`;
            const last = stderr.trim().split('\n').filter((l) => l.trim() !== '').slice(-1)[0];
            reject(new Error(`Dawn's child process ${why}${last ? `: ${last.slice(0, 300)}` : ''}`));
          });
        });
        return JSON.parse(readFileSync(path.join(dir, 'answer.json'), 'utf8')) as RunnerResult;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: async () => undefined,
  };
}

// R's glmnet on the same data and λ sequence (squared → gaussian, logistic → binomial,
// poisson → poisson). glmnet's gaussian family scales y to unit variance internally, which
// changes the problem for α < 1 (DESIGN §1); so y goes in already divided by its sd s_y, with
// λ' = λ(α/s_y + 1 − α) and α' = (α/s_y)/(α/s_y + 1 − α): glmnet's problem on y/s_y is then
// proxpath's on y up to the factor s_y², with β = s_y·b and b0 = s_y·a0.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sd } from '../data.js';
import type { CaseSpec } from '../types.js';
import { probe, readFloat64, runProgram, scriptPath, withScratch, writeFloat64 } from './external.js';
import type { CaseJob, Runner, RunnerResult } from './runner.js';

const FAMILY: Partial<Record<CaseSpec['loss'], string>> = { squared: 'gaussian', logistic: 'binomial', poisson: 'poisson' };

/** null when Rscript with glmnet is there, else why not. */
export function glmnetMissing(): string | null {
  return probe('Rscript', ['-e', 'suppressPackageStartupMessages(library(glmnet))']) ? null : 'R with the glmnet package is not installed';
}

export function glmnetRunner(timeoutMs: number): Runner {
  return {
    name: 'glmnet',
    unsupported: (spec) => (FAMILY[spec.loss] ? (spec.folds > 0 ? 'cross-validation is not compared with cv.glmnet' : null) : `glmnet has no ${spec.loss} loss`),
    run: (job: CaseJob) =>
      withScratch(async (dir): Promise<RunnerResult> => {
        const { data, spec } = job;
        const { nSamples: n, nFeatures: p } = data;
        const gaussian = spec.loss === 'squared';
        const sy = gaussian ? sd(data.y) : 1;
        const l1 = spec.alpha / sy;
        const lambdaScale = gaussian ? l1 + 1 - spec.alpha : 1;
        const alpha = gaussian ? (l1 + 1 - spec.alpha > 0 ? l1 / (l1 + 1 - spec.alpha) : spec.alpha) : spec.alpha;
        writeFloat64(path.join(dir, 'X.bin'), data.X);
        writeFloat64(path.join(dir, 'y.bin'), gaussian ? data.y.map((v) => v / sy) : data.y);
        writeFloat64(path.join(dir, 'lambda.bin'), job.lambda.map((l) => l * lambdaScale));
        const args = [scriptPath('glmnet-bench.R'), dir, n, p, FAMILY[spec.loss]!, alpha, job.repeats, job.maxMs / 1000].map(String);
        await runProgram('Rscript', args, timeoutMs);
        const meta = new Map(
          readFileSync(path.join(dir, 'meta.txt'), 'utf8').split('\n').filter(Boolean).map((line) => {
            const space = line.indexOf(' ');
            return [line.slice(0, space), line.slice(space + 1)] as const;
          }),
        );
        const a0 = readFloat64(path.join(dir, 'a0.bin'));
        const beta = readFloat64(path.join(dir, 'beta.bin'));
        const K = a0.length;
        return {
          timesMs: meta.get('times_ms')!.split(',').map(Number),
          path: {
            lambda: job.lambda.slice(0, K),
            intercept: Array.from(a0, (v) => v * sy),
            beta: Array.from({ length: K }, (_, k) => Array.from(beta.subarray(k * p, (k + 1) * p), (v) => v * sy)),
          },
          version: `glmnet ${meta.get('version')}`,
          note: gaussian && spec.alpha < 1 ? `y/s_y with λ' = λ·${lambdaScale.toPrecision(4)}, α' = ${alpha.toPrecision(4)} (glmnet scales y)` : undefined,
        };
      }),
    close: async () => undefined,
  };
}

// scikit-learn on the same data and λ sequence (sklearn-bench.py): enet_path for the squared
// loss, saga's elastic-net logistic regression, and QuantileRegressor (the median) for the
// quantile loss at α = 1.

import path from 'node:path';
import { probe, runProgram, scriptPath, withScratch, writeFloat64 } from './external.js';
import type { CaseSpec } from '../types.js';
import type { CaseJob, Runner, RunnerResult } from './runner.js';

/** The first python that imports sklearn (Debian's has it; a pyenv python3 on PATH may not). */
export function findPython(): string | null {
  return ['/usr/bin/python3', 'python3'].find((python) => probe(python, ['-c', 'import sklearn'])) ?? null;
}

function unsupported(spec: CaseSpec): string | null {
  if (spec.folds > 0) return 'cross-validation is not compared with scikit-learn';
  if (spec.loss === 'squared') return spec.alpha > 0 ? null : 'enet_path needs α > 0';
  if (spec.loss === 'logistic') return null;
  if (spec.loss === 'quantile') return spec.alpha === 1 ? null : 'QuantileRegressor has only the L1 penalty (α = 1)';
  return `no scikit-learn estimator for the ${spec.loss} loss with this penalty`;
}

export function sklearnRunner(python: string, timeoutMs: number): Runner {
  return {
    name: 'sklearn',
    unsupported,
    run: (job: CaseJob) =>
      withScratch(async (dir): Promise<RunnerResult> => {
        const { data, spec } = job;
        writeFloat64(path.join(dir, 'X.bin'), data.X);
        writeFloat64(path.join(dir, 'y.bin'), data.y);
        writeFloat64(path.join(dir, 'lambda.bin'), job.lambda);
        const args = [scriptPath('sklearn-bench.py'), dir, data.nSamples, data.nFeatures, spec.loss, spec.alpha, job.repeats, job.maxMs / 1000];
        const out = JSON.parse(await runProgram(python, args.map(String), timeoutMs)) as {
          times_ms: number[]; intercept: number[]; coef: number[][]; version: string;
        };
        return {
          timesMs: out.times_ms,
          path: { lambda: job.lambda.slice(0, out.intercept.length), intercept: out.intercept, beta: out.coef },
          version: out.version,
        };
      }),
    close: async () => undefined,
  };
}

// The first call in a fresh process, what a command-line user pays: glmnet's first glmnet()
// call in a new Rscript (after library(glmnet) and reading the data, untimed) and proxpath's
// first fitPath in a new Node process (after importing the library, untimed), each the median
// of COLD_RUNS processes, on the row's data and glmnet's λ (files the row already wrote).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './common.js';
import { runGlmnet } from './glmnet.js';

/** Fresh processes per tool and row. */
export const COLD_RUNS = 3;

export interface ColdStart {
  glmnetFirstMs: number[];
  proxpathFirstMs: number[];
  /** The library import before proxpath's first call (not in its first-call time). */
  proxpathImportMs: number[];
}

export const medianOf = (values: number[]): number | null => (values.length > 0 ? median(values) : null);

/** Both tools' first calls on <dir>'s X.bin, y.bin and lambda.bin. */
export function coldStarts(dir: string, nSamples: number, nFeatures: number, loss: 'squared' | 'logistic'): ColdStart {
  const cold: ColdStart = { glmnetFirstMs: [], proxpathFirstMs: [], proxpathImportMs: [] };
  const family = loss === 'squared' ? 'gaussian' : 'binomial';
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cold-fit.js');
  for (let run = 0; run < COLD_RUNS; run++) {
    cold.glmnetFirstMs.push(runGlmnet(dir, nSamples, nFeatures, family, 0, 1).timesMs[0]);
    const result = spawnSync(process.execPath, [child, dir, String(nSamples), String(nFeatures), loss], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cold-fit exited with ${result.status}: ${result.stderr.trim()}`);
    const times = JSON.parse(result.stdout) as { importMs: number; firstMs: number };
    cold.proxpathFirstMs.push(times.firstMs);
    cold.proxpathImportMs.push(times.importMs);
  }
  return cold;
}

// The end of `npm start`: a small CPU-versus-GPU comparison on the bundled dataset (its lasso
// path on the CPU, on WebGPU in headless Chrome, and on R's glmnet where installed), written as
// the benchmark's reports.

import { TINY_CONFIG } from './matrix.js';
import { runBench } from './run.js';
import { type WrittenReport, writeReport } from './report/write.js';
import type { BenchData } from './data.js';
import type { BenchReport } from './types.js';

export async function demoComparison(data: BenchData, outDir: string, onProgress?: (label: string) => void): Promise<{ report: BenchReport; written: WrittenReport }> {
  const report = await runBench(
    {
      ...TINY_CONFIG,
      nSamples: [data.nSamples],
      nFeatures: [data.nFeatures],
      nLambdas: [50],
      losses: ['squared'],
      runners: ['cpu', 'chromium', 'glmnet'],
      repeats: 3,
    },
    { data, onProgress: (e) => onProgress?.(e.label) },
  );
  return { report, written: await writeReport(report, outDir) };
}

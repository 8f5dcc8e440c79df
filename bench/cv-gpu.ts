// Benchmark: K-fold cross-validation on WebGPU (all folds × λ in one batch) against one WebGPU
// path fit on the same data and λ. `gpuCvRows` is what bench/cv.ts can call; run alone:
//
//   npm run build && node dist/bench/cv-gpu.js [--rows 500x20,2000x50] [--loss squared,logistic]
//                                              [--folds 10] [--repeats 1] [--seed S]
//
// In Node without a Dawn GPU both run in headless Chromium; the times are those measured inside
// the page (the result's totalMs less hostMs: no browser start, no data transfer). The CV time
// includes its own full-data fit, as cvPath's does. On SwiftShader (a CPU implementation of
// WebGPU) the figures say how the batch scales in work, not how fast a GPU is: every table says
// which adapter ran it. Prints a table and writes bench/out/cv-gpu.md and .json.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { Command } from 'commander';
import { cvPath } from '../src/api/cv-path.js';
import { randomFolds } from '../src/cv/folds.js';
import { fitPath } from '../src/api/fit-path.js';
import type { AdapterSummary } from '../src/problem/types.js';
import { generate, type BenchLoss } from './gen.js';
import { markdownTable, median, packageRoot, parseLosses, parsePositiveInteger, parseSizes } from './common.js';

export interface GpuCvRow {
  loss: BenchLoss;
  n: number;
  p: number;
  nLambda: number;
  folds: number;
  /** Median page-side times (ms) of one WebGPU path fit and of the WebGPU cross-validation. */
  fitMs: number;
  cvMs: number;
  /** How the folds ran (CvFit.folds.method) and on which adapter. */
  method: string;
  adapter: string;
  software: boolean;
}

export interface GpuCvOptions {
  rows: [BenchLoss, number, number][];
  folds: number;
  repeats: number;
  seed: number;
  rho: number;
}

/** SwiftShader-sized defaults (DESIGN §5: correct but slow; sizes a real GPU laughs at). */
export const GPU_CV_DEFAULT_ROWS: [BenchLoss, number, number][] = [
  ['squared', 500, 20],
  ['logistic', 500, 20],
];

/** Page-side time of a result that may have come through headless Chromium. */
const pageMs = (timing: { totalMs: number; hostMs?: number }) => timing.totalMs - (timing.hostMs ?? 0);

const adapterLabel = (a: AdapterSummary | undefined) =>
  a ? `${[a.vendor, a.architecture].filter(Boolean).join(' ') || a.description}${a.software ? ' (software: CPU emulation, not GPU speed)' : ''}` : 'unknown';

export async function gpuCvRows(options: GpuCvOptions, log: (line: string) => void = () => undefined): Promise<GpuCvRow[]> {
  const rows: GpuCvRow[] = [];
  for (const [loss, n, p] of options.rows) {
    log(`WebGPU ${loss} ${n} × ${p} …`);
    const data = generate(loss, n, p, options.rho, options.seed + n + 7 * p);
    const dataset = { X: { data: data.X, nRows: n, nCols: p, layout: 'column-major' as const }, y: data.y };
    const first = await fitPath(dataset, { loss, backend: 'webgpu' });
    const fitOptions = { loss, backend: 'webgpu' as const, lambda: first.lambda };
    const foldId = randomFolds(n, options.folds, options.seed);
    const fitTimes: number[] = [];
    const cvTimes: number[] = [];
    let method = '';
    let adapter = first.device.adapter;
    for (let r = 0; r < options.repeats; r++) {
      const fit = await fitPath(dataset, fitOptions);
      fitTimes.push(pageMs(fit.timing));
      const cv = await cvPath(dataset, { ...fitOptions, foldId });
      cvTimes.push(pageMs(cv.timing));
      method = cv.folds?.method ?? 'unknown';
      adapter = cv.folds?.device?.adapter ?? adapter;
    }
    rows.push({
      loss, n, p, nLambda: first.lambda.length, folds: options.folds, fitMs: median(fitTimes), cvMs: median(cvTimes),
      method, adapter: adapterLabel(adapter), software: adapter?.software ?? false,
    });
  }
  return rows;
}

export function renderGpuCv(rows: GpuCvRow[]): { table: string; markdown: string } {
  const head = ['loss', 'n × p', 'K λ', 'folds', 'WebGPU fit ms', 'WebGPU CV ms', 'CV / fit', 'adapter'];
  const body = rows.map((r) => [
    r.loss, `${r.n} × ${r.p}`, String(r.nLambda), String(r.folds), r.fitMs.toFixed(0), r.cvMs.toFixed(0), (r.cvMs / r.fitMs).toFixed(2), r.adapter,
  ]);
  const table = new Table({ head });
  body.forEach((b) => table.push(b));
  const software = rows.some((r) => r.software);
  const markdown = [
    '# Cross-validation on WebGPU: all folds × λ in one batch, against one WebGPU path fit', '',
    ...(software ? ['**SwiftShader (CPU emulation of WebGPU): these times are not GPU speed.**', ''] : []),
    ...markdownTable(head, body), '',
    `Folds: ${rows[0]?.method ?? '—'}. Times inside the page (no browser start); the CV time includes its full-data fit. CV / fit: the cost of the whole cross-validation in path fits.`,
  ].join('\n');
  return { table: table.toString(), markdown };
}

async function main(): Promise<void> {
  const program = new Command('bench-cv-gpu')
    .option('--rows <list>', 'n×p list (default: SwiftShader-sized)', parseSizes)
    .option('--loss <list>', 'squared,logistic', parseLosses, ['squared', 'logistic'] as BenchLoss[])
    .option('--folds <k>', 'folds', parsePositiveInteger, 10)
    .option('--repeats <r>', 'timed runs per measurement (median)', parsePositiveInteger, 1)
    .option('--seed <s>', 'data and fold seed', parsePositiveInteger, 1);
  program.parse();
  const o = program.opts<{ rows?: [number, number][]; loss: BenchLoss[]; folds: number; repeats: number; seed: number }>();
  const sizes = o.rows ?? GPU_CV_DEFAULT_ROWS.map(([, n, p]) => [n, p] as [number, number]);
  const rows = o.loss.flatMap((loss) => [...new Set(sizes.map((s) => s.join('x')))].map((s) => [loss, ...s.split('x').map(Number)] as [BenchLoss, number, number]));
  const started = performance.now();
  const result = await gpuCvRows({ rows, folds: o.folds, repeats: o.repeats, seed: o.seed, rho: 0.5 }, (line) => process.stderr.write(`${line}\n`));
  const { table, markdown } = renderGpuCv(result);
  process.stdout.write(`${table}\n`);
  const outDir = path.join(packageRoot(), 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'cv-gpu.md'), `${markdown}\n`);
  writeFileSync(path.join(outDir, 'cv-gpu.json'), `${JSON.stringify({ rows: result }, null, 2)}\n`);
  process.stderr.write(`wrote ${path.join(outDir, 'cv-gpu.md')} and cv-gpu.json (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
}

// Run alone (node dist/bench/cv-gpu.js), not when bench/cv.ts imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

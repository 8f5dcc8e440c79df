// Benchmark: 10-fold cross-validation against one path fit, per backend, and against R's
// cv.glmnet on the same data, folds and λ (the designs of bench/cpu-vs-glmnet.ts).
//
//   npm run bench:cv -- [--rows 1000x100,100x5000] [--loss squared,logistic] [--rho 0.5]
//                       [--folds 10] [--repeats 3] [--workers N] [--seed S]
//
// Per row: proxpath fits the full path once (its λ become the CV sequence), then cvPath runs
// the folds serially (workers 1) and in worker threads (the CPU count by default); cv.glmnet
// runs on the same X, y, foldid and λ with its default thresh. Times are medians of --repeats
// runs after one untimed warm-up; cvm agreement is max_k |cvm_proxpath − cvm_glmnet| / cvm_glmnet.
// Prints a table and writes bench/out/cv.md and .json.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import Table from 'cli-table3';
import { Command } from 'commander';
import { cvPath } from '../src/api/cv-path.js';
import { randomFolds } from '../src/cv/folds.js';
import { fitPath } from '../src/api/fit-path.js';
import { generate, type BenchLoss } from './gen.js';
import { glmnetMissing, readFloat64LE, runnerPath, writeFloat64LE } from './glmnet.js';
import { markdownTable, median, packageRoot, parseLosses, parsePositiveInteger, parseSizes } from './common.js';

const DEFAULT_ROWS: [BenchLoss, number, number][] = [
  ['squared', 1000, 100],
  ['squared', 5000, 100],
  ['squared', 100, 1000],
  ['squared', 100, 5000],
  ['logistic', 1000, 100],
  ['logistic', 100, 5000],
];

interface Row {
  loss: BenchLoss;
  n: number;
  p: number;
  rho: number;
  nLambda: number;
  fitMs: number;
  cvSerialMs: number;
  cvParallelMs: number;
  workers: number;
  glmnetCvMs: number | null;
  glmnetNote: string | null;
  cvmMaxRelDiff: number | null;
  sameLambdaMin: boolean | null;
  sameLambda1se: boolean | null;
}

async function timed(repeats: number, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up, untimed
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function runCvGlmnet(dir: string, n: number, p: number, loss: BenchLoss, repeats: number) {
  const family = loss === 'squared' ? 'gaussian' : 'binomial';
  const args = [runnerPath('cv-glmnet-runner.R'), dir, n, p, family, repeats].map(String);
  const result = spawnSync('Rscript', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`cv.glmnet runner exited with ${result.status}: ${result.stderr.trim()}`);
  const meta = new Map(
    readFileSync(path.join(dir, 'meta.txt'), 'utf8').trim().split('\n').map((line) => {
      const at = line.indexOf(' ');
      return [line.slice(0, at), line.slice(at + 1)] as [string, string];
    }),
  );
  return {
    medianMs: Number(meta.get('median_ms')),
    cvm: readFloat64LE(path.join(dir, 'cvm.bin')),
    indexMin: Number(meta.get('index_min')),
    index1se: Number(meta.get('index_1se')),
    version: meta.get('glmnet_version') ?? '?',
  };
}

async function runRow(loss: BenchLoss, n: number, p: number, rho: number, options: CliOptions, glmnetUnavailable: string | null): Promise<Row> {
  const data = generate(loss, n, p, rho, options.seed + n + 7 * p);
  const X = { data: data.X, nRows: n, nCols: p, layout: 'column-major' as const };
  const dataset = { X, y: data.y };
  const fitOptions = { loss, backend: 'cpu' as const };
  const full = await fitPath(dataset, fitOptions);
  const foldId = randomFolds(n, options.folds, options.seed);
  const cvOptions = { ...fitOptions, foldId, lambda: full.lambda };

  const fitMs = await timed(options.repeats, () => fitPath(dataset, fitOptions));
  const cvSerialMs = await timed(options.repeats, () => cvPath(dataset, { ...cvOptions, workers: 1 }));
  const cvParallelMs = await timed(options.repeats, () => cvPath(dataset, { ...cvOptions, workers: options.workers }));
  const cv = await cvPath(dataset, { ...cvOptions, workers: options.workers });
  const row: Row = {
    loss, n, p, rho, nLambda: full.lambda.length, fitMs, cvSerialMs, cvParallelMs, workers: options.workers,
    glmnetCvMs: null, glmnetNote: glmnetUnavailable, cvmMaxRelDiff: null, sameLambdaMin: null, sameLambda1se: null,
  };
  if (glmnetUnavailable) return row;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-bench-cv-'));
  try {
    writeFloat64LE(path.join(dir, 'X.bin'), data.X);
    writeFloat64LE(path.join(dir, 'y.bin'), data.y);
    writeFloat64LE(path.join(dir, 'foldid.bin'), Float64Array.from(foldId));
    writeFloat64LE(path.join(dir, 'lambda.bin'), Float64Array.from(full.lambda));
    const glmnet = runCvGlmnet(dir, n, p, loss, options.repeats);
    const curve = cv.curves[0];
    row.glmnetCvMs = glmnet.medianMs;
    row.glmnetNote = `glmnet ${glmnet.version}`;
    row.cvmMaxRelDiff = Math.max(...curve.cvm.map((m, k) => Math.abs(m - glmnet.cvm[k]) / Math.abs(glmnet.cvm[k])));
    row.sameLambdaMin = curve.indexMin === glmnet.indexMin;
    row.sameLambda1se = curve.index1se === glmnet.index1se;
  } catch (error) {
    row.glmnetNote = `cv.glmnet failed: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return row;
}

interface CliOptions {
  rows?: [number, number][];
  loss?: BenchLoss[];
  rho: number;
  folds: number;
  repeats: number;
  workers: number;
  seed: number;
}

const ms = (v: number | null) => (v === null ? '—' : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? '—' : (a / b).toFixed(2));

function render(rows: Row[], machine: string): { table: string; markdown: string } {
  const head = ['loss', 'n × p', 'K', 'fit ms', 'CV serial ms', `CV ${rows[0]?.workers ?? ''} workers ms`, 'CV / fit', 'cv.glmnet ms', 'proxpath / cv.glmnet', 'max Δcvm', 'λ_min, λ_1se same'];
  const body = rows.map((r) => [
    r.loss, `${r.n} × ${r.p}`, String(r.nLambda), ms(r.fitMs), ms(r.cvSerialMs), ms(r.cvParallelMs),
    ratio(Math.min(r.cvSerialMs, r.cvParallelMs), r.fitMs), r.glmnetCvMs === null ? (r.glmnetNote ?? '—') : ms(r.glmnetCvMs),
    ratio(Math.min(r.cvSerialMs, r.cvParallelMs), r.glmnetCvMs), r.cvmMaxRelDiff === null ? '—' : r.cvmMaxRelDiff.toExponential(1),
    r.sameLambdaMin === null ? '—' : `${r.sameLambdaMin ? 'yes' : 'NO'}, ${r.sameLambda1se ? 'yes' : 'NO'}`,
  ]);
  const table = new Table({ head });
  body.forEach((b) => table.push(b));
  const markdown = [
    `# 10-fold cross-validation: proxpath (CPU) vs cv.glmnet`, '', machine, '',
    ...markdownTable(head, body), '',
    'CV / fit: the faster proxpath CV over one path fit. proxpath / cv.glmnet below 1: proxpath faster. max Δcvm: largest relative difference of the CV curves on the same λ and folds.',
  ].join('\n');
  return { table: table.toString(), markdown };
}

async function main(): Promise<void> {
  const program = new Command('bench-cv')
    .option('--rows <list>', 'n×p list (default: the foundation grid)', parseSizes)
    .option('--loss <list>', 'squared,logistic', parseLosses)
    .option('--rho <r>', 'correlation of the design', Number, 0.5)
    .option('--folds <k>', 'folds', parsePositiveInteger, 10)
    .option('--repeats <r>', 'timed runs per measurement (median)', parsePositiveInteger, 3)
    .option('--workers <w>', 'worker threads of the parallel CV', parsePositiveInteger, Math.min(os.availableParallelism(), 8))
    .option('--seed <s>', 'data and fold seed', parsePositiveInteger, 1);
  program.parse();
  const options = program.opts<CliOptions>();
  const glmnetUnavailable = glmnetMissing();
  const machine = `Machine: ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} logical CPUs, Node ${process.version}; data: the glmnet paper's design, ρ = ${options.rho}.`;
  process.stderr.write(`${machine}\n`);
  const rows: Row[] = [];
  for (const [loss, n, p] of DEFAULT_ROWS) {
    if (options.loss && !options.loss.includes(loss)) continue;
    if (options.rows && !options.rows.some(([a, b]) => a === n && b === p)) continue;
    process.stderr.write(`${loss} ${n} × ${p} …\n`);
    rows.push(await runRow(loss, n, p, options.rho, options, glmnetUnavailable));
  }
  const { table, markdown } = render(rows, machine);
  process.stdout.write(`${table}\n`);
  const outDir = path.join(packageRoot(), 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'cv.md'), `${markdown}\n`);
  writeFileSync(path.join(outDir, 'cv.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  process.stderr.write(`wrote ${path.join(outDir, 'cv.md')} and cv.json\n`);
}

await main();

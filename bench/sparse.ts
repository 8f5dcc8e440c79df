// Benchmark: proxpath's sparse CPU path against R glmnet on a dgCMatrix (issue 17, item 1): a
// news20-like bag of words (n = 20,000, p = 100,000, ~0.1 % density, Zipf word frequencies) and a
// one-hot design (n = 200,000, 50 categorical columns of 100 levels), lasso and logistic paths.
//
//   npm run bench:sparse -- [--quick] [--data news,onehot] [--loss squared,logistic] [--repeats N]
//                           [--rounds R] [--seed S] [--keep]
//
// Per row: the CSC arrays and y go to a temp dir; each round runs one Rscript process (glmnet's
// first call in it, then `repeats` warm calls, on its default λ) and one fresh Node process
// (proxpath's first fitPath after the import, then `repeats` warm calls, on glmnet's λ), wall
// clock and CPU time; both paths are judged by the same float64 objective against a tight
// proxpath reference (tol 1e-12). The machine's load average is recorded around every row.
// Prints a table and writes bench/out/sparse.md and .json.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { Command, InvalidArgumentError } from 'commander';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions } from '../src/problem/types.js';
import { median, packageRoot, parseLosses, parsePositiveInteger } from './common.js';
import { glmnetMissing, runnerPath } from './glmnet.js';
import type { BenchLoss } from './gen.js';
import { newsLike, oneHot, type SparseData } from './gen-sparse.js';
import { cscOf, readFloat64, readInt32, writeSparse } from './sparse-files.js';
import { sparseObjective, sparseScales } from './sparse-objective.js';

type DataName = 'news' | 'onehot';

interface Sizes {
  news: { nSamples: number; nFeatures: number; density: number };
  onehot: { nSamples: number; columns: number; levels: number };
}
const FULL: Sizes = { news: { nSamples: 20_000, nFeatures: 100_000, density: 0.001 }, onehot: { nSamples: 200_000, columns: 50, levels: 100 } };
const QUICK: Sizes = { news: { nSamples: 2_000, nFeatures: 10_000, density: 0.002 }, onehot: { nSamples: 20_000, columns: 20, levels: 50 } };
/** The reference's tolerance: tight enough that both tools' default stops show as excess over it. */
const REFERENCE_TOL = 1e-12;

interface Times {
  firstMs: number[];
  firstCpuMs: number[];
  warmMs: number[];
  warmCpuMs: number[];
}

interface RowResult {
  data: DataName;
  loss: BenchLoss;
  nSamples: number;
  nFeatures: number;
  nnz: number;
  nLambda: number | null;
  glmnet: Times;
  proxpath: Times;
  columns: string;
  /** max_k (F_proxpath − F_glmnet) / |F_glmnet|: positive, proxpath worse. */
  maxRelObjectiveDiff: number | null;
  glmnetExcess: number | null;
  proxpathExcess: number | null;
  referenceMs: number | null;
  load: { before: number[]; after: number[] };
  note: string | null;
}

interface GlmnetPath {
  lambda: Float64Array;
  a0: Float64Array;
  /** K rows of nFeatures coefficients. */
  beta: Float64Array[];
}

const emptyTimes = (): Times => ({ firstMs: [], firstCpuMs: [], warmMs: [], warmCpuMs: [] });
const log = (message: string) => process.stderr.write(`${message}\n`);

function generateRow(data: DataName, loss: BenchLoss, sizes: Sizes, seed: number): SparseData {
  if (data === 'news') return newsLike(loss, sizes.news.nSamples, sizes.news.nFeatures, sizes.news.density, seed);
  return oneHot(loss, sizes.onehot.nSamples, sizes.onehot.columns, sizes.onehot.levels, seed + 1);
}

/** One Rscript process: glmnet's first call and `repeats` warm ones; its path from the last. */
function runGlmnetRound(dir: string, d: SparseData, loss: BenchLoss, repeats: number, times: Times): GlmnetPath {
  const family = loss === 'squared' ? 'gaussian' : 'binomial';
  const args = [runnerPath('glmnet-sparse-runner.R'), dir, d.nSamples, d.nFeatures, family, repeats].map(String);
  const result = spawnSync('Rscript', args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`glmnet runner exited with ${result.status}: ${result.stderr.trim()}`);
  const meta = new Map(
    readFileSync(path.join(dir, 'meta.txt'), 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]),
  );
  times.firstMs.push(Number(meta.get('first_ms')));
  times.firstCpuMs.push(Number(meta.get('first_cpu_ms')));
  times.warmMs.push(...(meta.get('times_ms') ?? '').split(',').filter(Boolean).map(Number));
  times.warmCpuMs.push(...(meta.get('cpu_ms') ?? '').split(',').filter(Boolean).map(Number));
  const lambda = readFloat64(path.join(dir, 'lambda.bin'));
  const a0 = readFloat64(path.join(dir, 'a0.bin'));
  const beta = Array.from(lambda, () => new Float64Array(d.nFeatures));
  const feature = readInt32(path.join(dir, 'beta_i.bin'));
  const at = readInt32(path.join(dir, 'beta_k.bin'));
  const value = readFloat64(path.join(dir, 'beta_x.bin'));
  for (let t = 0; t < value.length; t++) beta[at[t]][feature[t]] = value[t];
  return { lambda, a0, beta };
}

/** One fresh Node process: proxpath's first fitPath and `repeats` warm ones, on glmnet's λ. */
function runProxpathRound(dir: string, d: SparseData, loss: BenchLoss, repeats: number, times: Times): string {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sparse-fit.js');
  const result = spawnSync(process.execPath, [child, dir, String(d.nSamples), String(d.nFeatures), loss, String(repeats)], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`sparse-fit exited with ${result.status}: ${result.stderr.trim()}`);
  const out = JSON.parse(result.stdout) as { firstMs: number; firstCpuMs: number; warmMs: number[]; warmCpuMs: number[]; columns: string };
  times.firstMs.push(out.firstMs);
  times.firstCpuMs.push(out.firstCpuMs);
  times.warmMs.push(...out.warmMs);
  times.warmCpuMs.push(...out.warmCpuMs);
  return out.columns;
}

/** Both paths' objectives against a tight proxpath reference on glmnet's λ. */
async function agreement(d: SparseData, loss: BenchLoss, glmnet: GlmnetPath, result: RowResult): Promise<void> {
  const options: FitOptions = { loss, alpha: 1, lambda: glmnet.lambda, backend: 'cpu' };
  const X = cscOf(d);
  const fit = await fitPath({ X, y: d.y }, options);
  const start = performance.now();
  const reference = await fitPath({ X, y: d.y }, { ...options, tol: REFERENCE_TOL, maxIter: 10_000_000 });
  result.referenceMs = performance.now() - start;
  const scales = sparseScales(d);
  let worst = -Infinity;
  let glmnetExcess = -Infinity;
  let proxpathExcess = -Infinity;
  for (let k = 0; k < Math.min(fit.lambda.length, glmnet.lambda.length); k++) {
    const lambda = glmnet.lambda[k];
    const ours = sparseObjective(d, scales, loss, lambda, fit.intercept[k], fit.beta[k]);
    const theirs = sparseObjective(d, scales, loss, lambda, glmnet.a0[k], glmnet.beta[k]);
    const best = sparseObjective(d, scales, loss, lambda, reference.intercept[k], reference.beta[k]);
    worst = Math.max(worst, (ours - theirs) / Math.abs(theirs));
    glmnetExcess = Math.max(glmnetExcess, (theirs - best) / Math.abs(best));
    proxpathExcess = Math.max(proxpathExcess, (ours - best) / Math.abs(best));
  }
  Object.assign(result, { maxRelObjectiveDiff: worst, glmnetExcess, proxpathExcess });
  if (fit.lambda.length !== glmnet.lambda.length) result.note = `proxpath returned ${fit.lambda.length} λ, glmnet ${glmnet.lambda.length}`;
}

async function runRow(data: DataName, loss: BenchLoss, options: CliOptions): Promise<RowResult> {
  const sizes = options.quick ? QUICK : FULL;
  const d = generateRow(data, loss, sizes, options.seed);
  const result: RowResult = {
    data, loss, nSamples: d.nSamples, nFeatures: d.nFeatures, nnz: d.indices.length, nLambda: null, glmnet: emptyTimes(),
    proxpath: emptyTimes(), columns: '', maxRelObjectiveDiff: null, glmnetExcess: null, proxpathExcess: null, referenceMs: null,
    load: { before: os.loadavg(), after: [] }, note: null,
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-sparse-'));
  try {
    writeSparse(dir, d);
    let glmnet: GlmnetPath | null = null;
    // Rounds alternate the tools, so that a change in the machine's load falls on both.
    for (let round = 0; round < options.rounds; round++) {
      glmnet = runGlmnetRound(dir, d, loss, options.repeats, result.glmnet);
      result.columns = runProxpathRound(dir, d, loss, options.repeats, result.proxpath);
    }
    result.nLambda = glmnet!.lambda.length;
    await agreement(d, loss, glmnet!, result);
  } catch (error) {
    result.note = (error as Error).message.split('\n').slice(-1)[0];
    log(`  ${(error as Error).stack ?? (error as Error).message}`);
  } finally {
    if (options.keep) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  result.load.after = os.loadavg();
  return result;
}

const formatMs = (values: number[]): string => {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return '–';
  const ms = median(values);
  return ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
};
const ratio = (a: number[], b: number[]): string => (a.length && b.length ? (median(a) / median(b)).toFixed(2) : '–');
const formatDiff = (diff: number | null): string =>
  diff === null ? '–' : diff === 0 ? '0' : `${diff > 0 ? '+' : '−'}${Math.abs(diff).toExponential(1)}`;

const HEADER = [
  'data', 'loss', 'n', 'p', 'nnz', 'K', 'glmnet first ms', 'proxpath first ms', 'first ratio', 'glmnet warm ms', 'proxpath warm ms',
  'warm ratio', 'warm CPU ratio', 'max rel obj diff', 'glmnet excess', 'proxpath excess', 'load 1-min before/after',
];

function cells(r: RowResult): string[] {
  const load = `${r.load.before[0].toFixed(1)} / ${(r.load.after[0] ?? NaN).toFixed(1)}`;
  return [
    r.data === 'news' ? 'news20-like' : 'one-hot', r.loss, String(r.nSamples), String(r.nFeatures), String(r.nnz), r.nLambda === null ? '–' : String(r.nLambda),
    formatMs(r.glmnet.firstMs), formatMs(r.proxpath.firstMs), ratio(r.proxpath.firstMs, r.glmnet.firstMs),
    formatMs(r.glmnet.warmMs), formatMs(r.proxpath.warmMs), ratio(r.proxpath.warmMs, r.glmnet.warmMs),
    ratio(r.proxpath.warmCpuMs, r.glmnet.warmCpuMs), formatDiff(r.maxRelObjectiveDiff), formatDiff(r.glmnetExcess), formatDiff(r.proxpathExcess), load,
  ];
}

function notes(results: RowResult[], options: CliOptions): string[] {
  const sizes = options.quick ? QUICK : FULL;
  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, Node ${process.version}; shared with other jobs: ` +
      'the load column is the 1-minute load average before and after each row.',
    `Data: news20-like, ${sizes.news.nSamples} × ${sizes.news.nFeatures}, density ≈ ${sizes.news.density}, Zipf word frequencies ` +
      `(column j ∝ 1/(j + 10), capped at n/2), values log(1 + count); one-hot, ${sizes.onehot.nSamples} rows × ${sizes.onehot.columns} ` +
      `categorical columns of ${sizes.onehot.levels} levels (Zipf level frequencies), 0/1 CSC (bench/gen-sparse.ts). ` +
      'squared: y = η + noise, signal-to-noise 3; logistic: y ~ Bernoulli(σ(cη)), sd(cη) = 2.',
    "Fits: lasso (α = 1), standardize, intercept; glmnet(dgCMatrix, y, family) on its default λ and thresh 1e-7; proxpath fitPath({X: csc, y}, {loss, alpha: 1, lambda: glmnet's λ, backend: 'cpu'}) at its default tol 1e-7.",
    `Times: ${options.rounds} round(s) per row, each one Rscript process (the first glmnet() call after library(glmnet) and building the dgCMatrix, ` +
      `then ${options.repeats} warm calls) and one fresh Node process (the first fitPath after the import, then ${options.repeats} warm calls); ` +
      'first = median of the rounds\' first calls, warm = median of all warm calls, wall clock; CPU ratio: the same from each process\'s CPU time ' +
      '(R proc.time user + system, Node process.cpuUsage), less sensitive to the other jobs. ratio = proxpath / glmnet.',
    `max rel obj diff: max over λ of (F(proxpath) − F(glmnet)) / |F(glmnet)|, F the DESIGN §1 objective in float64 (bench/sparse-objective.ts); ` +
      `excess: max over λ of (F − F_ref) / |F_ref|, F_ref a proxpath fit at tol ${REFERENCE_TOL} on the same λ: how far each tool stops from the optimum.`,
  ];
  for (const r of results) if (r.note) lines.push(`${r.data} ${r.loss}: ${r.note}.`);
  return lines;
}

interface CliOptions {
  quick?: boolean;
  data?: DataName[];
  loss?: BenchLoss[];
  repeats: number;
  rounds: number;
  seed: number;
  keep?: boolean;
  out: string;
}

function parseData(text: string): DataName[] {
  return text.split(',').map((item) => {
    if (item !== 'news' && item !== 'onehot') throw new InvalidArgumentError(`"${item}" must be news or onehot`);
    return item;
  });
}

async function main(): Promise<void> {
  const program = new Command()
    .name('sparse')
    .description("proxpath's sparse CPU path against R glmnet on a dgCMatrix")
    .option('--quick', 'small versions of the data sets (n and p / 10)')
    .option('--data <names>', 'only these data sets: news,onehot', parseData)
    .option('--loss <losses>', 'only these losses: squared,logistic', parseLosses)
    .option('--repeats <n>', 'warm calls per process after the first', parsePositiveInteger, 3)
    .option('--rounds <n>', 'processes per tool and row, alternating the tools', parsePositiveInteger, 2)
    .option('--seed <s>', 'base seed of the data', parsePositiveInteger, 1)
    .option('--keep', 'keep the temp dirs')
    .option('--out <dir>', 'where to write sparse.md and .json', path.join(packageRoot(), 'bench', 'out'));
  program.parse();
  const options = program.opts<CliOptions>();
  const missing = glmnetMissing();
  if (missing) {
    log(`error: ${missing}: this benchmark needs R with glmnet and Matrix`);
    process.exitCode = 2;
    return;
  }
  const results: RowResult[] = [];
  for (const data of options.data ?? (['news', 'onehot'] as DataName[])) {
    for (const loss of options.loss ?? (['squared', 'logistic'] as BenchLoss[])) {
      log(`${data} ${loss} …`);
      const result = await runRow(data, loss, options);
      results.push(result);
      log(`  ${cells(result).join('  ')}`);
    }
  }
  const table = new Table({ head: HEADER, style: { head: [], border: [] } });
  for (const r of results) table.push(cells(r));
  const noteLines = notes(results, options);
  console.log(table.toString());
  for (const line of noteLines) console.log(`- ${line}`);
  mkdirSync(options.out, { recursive: true });
  const md = [
    '# proxpath sparse CPU path vs R glmnet (dgCMatrix)', '', `Generated ${new Date().toISOString()} by \`node dist/bench/sparse.js ${process.argv.slice(2).join(' ')}\`.`, '',
    `| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...results.map((r) => `| ${cells(r).join(' | ')} |`), '', ...noteLines.map((line) => `- ${line}`), '',
  ];
  writeFileSync(path.join(options.out, 'sparse.md'), md.join('\n'));
  writeFileSync(path.join(options.out, 'sparse.json'), JSON.stringify({ generated: new Date().toISOString(), argv: process.argv.slice(2), results, notes: noteLines }, null, 2));
  log(`wrote ${path.join(options.out, 'sparse.md')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

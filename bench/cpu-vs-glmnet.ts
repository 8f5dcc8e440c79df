// Benchmark: proxpath's float64 CPU solver against R glmnet on the simulated designs of the
// glmnet paper (Friedman, Hastie, Tibshirani 2010, §5.1), lasso paths on glmnet's own λ.
//
//   npm run bench:glmnet -- [--quick] [--rows 1000x100,100x5000] [--rho 0,0.5] [--loss squared]
//                           [--repeats N] [--seed S] [--keep]
//   npm run bench:glmnet -- --multinomial [--repeats N]   (the multinomial rows: bench/multinomial-rows.ts)
//
// Per row: X and y go to a temp dir as float64 files, one Rscript process times glmnet() and
// writes its path; proxpath fits the same data on glmnet's λ; both are judged by the same
// float64 objective (bench/objective.ts). Prints a table and writes bench/out/cpu-vs-glmnet.md
// and .json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import { Command, InvalidArgumentError } from 'commander';
import { fitPath } from '../src/api/fit-path.js';
import type { PathFit } from '../src/problem/result.js';
import type { FitOptions } from '../src/problem/types.js';
import { type ColdStart, COLD_RUNS, coldStarts, medianOf } from './cold-start.js';
import { generate, type BenchLoss, LOGISTIC_ETA_SD, SIGNAL_TO_NOISE } from './gen.js';
import { generateDuplicates } from './gen-duplicates.js';
import { glmnetMissing, runGlmnet, writeFloat64LE, type GlmnetResult } from './glmnet.js';
import { columnScales, objective, type ObjectiveInput } from './objective.js';
import { median, packageRoot, parseLosses, parsePositiveInteger, parseSizes } from './common.js';
import { multinomialSection } from './multinomial-rows.js';

interface BenchRow {
  loss: BenchLoss;
  nSamples: number;
  nFeatures: number;
  rho: number;
  /** Near-duplicate pairs (bench/gen-duplicates.ts): the noise that tells a pair apart. */
  duplicates?: number;
}

const GAUSSIAN_SIZES: [number, number][] = [
  [1000, 100],
  [5000, 100],
  [100, 1000],
  [100, 5000],
  [100, 20000],
  [100000, 1000],
];
const LOGISTIC_SIZES: [number, number][] = [
  [1000, 100],
  [100, 5000],
];
const RHOS = [0, 0.5, 0.95];
/** Issue 19's design: every odd column its even neighbour plus noise of size 1e-3, ρ = 0.8. */
const DUPLICATE_ROWS: BenchRow[] = [
  { loss: 'logistic', nSamples: 120, nFeatures: 400, rho: 0.8, duplicates: 1e-3 },
  { loss: 'squared', nSamples: 120, nFeatures: 400, rho: 0.8, duplicates: 1e-3 },
];
/** --quick keeps rows with n·p at most this. */
const QUICK_MAX_CELLS = 5e5;
/** Rows with n·p at least this (n=100000, p=1000) run once, without warm-up: glmnet takes 13–40 s. */
const LARGE_MIN_CELLS = 5e7;
/** Rows up to this n·p get 3 warm-ups and 15 timed repeats by default. */
const SMALL_MAX_CELLS = 1e6;
/** Rows up to this n·p also get a tight reference fit (tol 1e-13) to measure both tools' accuracy. */
const REFERENCE_MAX_CELLS = 1e7;

interface RowResult {
  row: BenchRow;
  nLambda: number | null;
  glmnetMs: number | null;
  /** Why there is no glmnet time ("glmnet not installed", "glmnet failed: …"). */
  glmnetNote: string | null;
  glmnetVersion: string | null;
  /** Median wall time around `await fitPath(...)`, ms. */
  proxpathMs: number | null;
  /** Median fit.timing.setupMs + solveMs, ms. */
  proxpathSetupSolveMs: number | null;
  proxpathNote: string | null;
  warmups: number;
  repeats: number;
  /** max_k (obj_proxpath − obj_glmnet) / |obj_glmnet|; positive: proxpath worse. */
  maxRelObjectiveDiff: number | null;
  /** λ index (0-based) where that maximum is reached. */
  worstLambdaIndex: number | null;
  /**
   * Accuracy against a tight reference (proxpath at tol 1e-13 on the same λ, rows with
   * n·p ≤ REFERENCE_MAX_CELLS): max_k (F − F_ref)/|F_ref| for glmnet's and proxpath's paths.
   */
  glmnetExcess: number | null;
  proxpathExcess: number | null;
  notConverged: number;
  /** The first call in fresh processes (cold-start.ts); null for the large rows or without glmnet. */
  cold: ColdStart | null;
  /** max_k |fit.objective[k] − bench objective| / |bench objective|: proxpath's own bookkeeping. */
  reportedObjectiveMismatch: number | null;
}


function parseNumbers(text: string): number[] {
  return text.split(',').map((item) => {
    const value = Number(item);
    if (item.trim() === '' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`"${item}" is not a number`);
    }
    return value;
  });
}


interface CliOptions {
  quick?: boolean;
  rows?: [number, number][];
  rho?: number[];
  loss?: BenchLoss[];
  repeats?: number;
  seed: number;
  keep?: boolean;
  out: string;
  multinomial?: boolean;
}

function selectRows(options: CliOptions): BenchRow[] {
  const rows: BenchRow[] = [];
  const add = (loss: BenchLoss, sizes: [number, number][]) => {
    for (const [nSamples, nFeatures] of sizes) {
      for (const rho of RHOS) rows.push({ loss, nSamples, nFeatures, rho });
    }
  };
  add('squared', GAUSSIAN_SIZES);
  add('logistic', LOGISTIC_SIZES);
  rows.push(...DUPLICATE_ROWS);
  return rows.filter((row) => {
    const cells = row.nSamples * row.nFeatures;
    if (options.quick && cells > QUICK_MAX_CELLS) return false;
    if (options.rows && !options.rows.some(([n, p]) => n === row.nSamples && p === row.nFeatures)) {
      return false;
    }
    if (options.rho && !options.rho.includes(row.rho)) return false;
    if (options.loss && !options.loss.includes(row.loss)) return false;
    return true;
  });
}

/** A seed per row, so that filtering rows does not change the data of the others. */
function rowSeed(base: number, row: BenchRow): number {
  const pairs = row.duplicates === undefined ? '' : `|pairs${row.duplicates}`;
  const key = `${base}|${row.loss}|${row.nSamples}|${row.nFeatures}|${row.rho}${pairs}`;
  let hash = 2166136261;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 16777619);
  }
  return hash >>> 0;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function runRow(
  row: BenchRow,
  options: CliOptions,
  glmnetUnavailable: string | null,
): Promise<RowResult> {
  const { loss, nSamples, nFeatures, rho } = row;
  const large = nSamples * nFeatures >= LARGE_MIN_CELLS;
  // Small rows are cheap and noisy on a shared machine: more warm-ups and repeats there.
  const small = nSamples * nFeatures <= SMALL_MAX_CELLS;
  const warmups = large ? 0 : small ? 3 : 1;
  const repeats = large ? 1 : (options.repeats ?? (small ? 15 : options.quick ? 3 : 5));
  const result: RowResult = {
    row,
    nLambda: null,
    glmnetMs: null,
    glmnetNote: glmnetUnavailable ? 'glmnet not installed' : null,
    glmnetVersion: null,
    proxpathMs: null,
    proxpathSetupSolveMs: null,
    proxpathNote: null,
    warmups,
    repeats,
    maxRelObjectiveDiff: null,
    worstLambdaIndex: null,
    glmnetExcess: null,
    proxpathExcess: null,
    notConverged: 0,
    reportedObjectiveMismatch: null,
    cold: null,
  };

  const seed = rowSeed(options.seed, row);
  const data =
    row.duplicates === undefined
      ? generate(loss, nSamples, nFeatures, rho, seed)
      : generateDuplicates(loss, nSamples, nFeatures, rho, row.duplicates, seed);

  let glmnet: GlmnetResult | null = null;
  if (!glmnetUnavailable) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-bench-'));
    try {
      writeFloat64LE(path.join(dir, 'X.bin'), data.X);
      writeFloat64LE(path.join(dir, 'y.bin'), data.y);
      const family = loss === 'squared' ? 'gaussian' : 'binomial';
      glmnet = runGlmnet(dir, nSamples, nFeatures, family, warmups, repeats);
      result.glmnetMs = glmnet.medianMs;
      result.nLambda = glmnet.lambda.length;
      result.glmnetVersion = glmnet.version;
      if (!large) result.cold = coldStarts(dir, nSamples, nFeatures, loss);
    } catch (error) {
      result.glmnetNote = `glmnet failed: ${(error as Error).message.split('\n').slice(-1)[0]}`;
      log(`  ${(error as Error).message}`);
    } finally {
      if (options.keep) log(`  kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }

  const fitOptions: FitOptions = { loss, alpha: 1, backend: 'cpu' };
  if (glmnet) fitOptions.lambda = glmnet.lambda;
  const dataset = {
    X: { data: data.X, nRows: nSamples, nCols: nFeatures, layout: 'column-major' as const },
    y: data.y,
  };
  let fit: PathFit | null = null;
  try {
    const wallMs: number[] = [];
    const setupSolveMs: number[] = [];
    for (let run = 0; run < warmups + repeats; run++) {
      fit = null;
      const start = performance.now();
      const current: PathFit = await fitPath(dataset, fitOptions);
      const elapsed = performance.now() - start;
      fit = current;
      if (run >= warmups) {
        wallMs.push(elapsed);
        setupSolveMs.push(current.timing.setupMs + current.timing.solveMs);
      }
    }
    result.proxpathMs = median(wallMs);
    result.proxpathSetupSolveMs = median(setupSolveMs);
  } catch (error) {
    result.proxpathNote = `proxpath failed: ${(error as Error).message}`;
    log(`  ${(error as Error).stack ?? (error as Error).message}`);
    fit = null;
  }

  if (fit) {
    result.nLambda ??= fit.lambda.length;
    result.notConverged = fit.converged.filter((converged) => !converged).length;
    const input: ObjectiveInput = {
      loss,
      alpha: 1,
      X: data.X,
      y: data.y,
      nSamples,
      nFeatures,
      scales: columnScales(data.X, nSamples, nFeatures),
    };
    const eta = new Float64Array(nSamples);
    let reference: PathFit | null = null;
    if (nSamples * nFeatures <= REFERENCE_MAX_CELLS) {
      reference = await fitPath(dataset, { ...fitOptions, lambda: fit.lambda, tol: 1e-13, maxIter: 10_000_000 });
      result.glmnetExcess = -Infinity;
      result.proxpathExcess = -Infinity;
    }
    let mismatch = 0;
    let worst = -Infinity;
    let worstIndex = -1;
    for (let k = 0; k < fit.lambda.length; k++) {
      const ours = objective(input, fit.lambda[k], fit.intercept[k], fit.beta[k], eta);
      mismatch = Math.max(mismatch, Math.abs(fit.objective[k] - ours) / Math.abs(ours));
      const best = reference ? objective(input, fit.lambda[k], reference.intercept[k], reference.beta[k], eta) : NaN;
      if (reference) result.proxpathExcess = Math.max(result.proxpathExcess!, (ours - best) / Math.abs(best));
      if (glmnet && k < glmnet.lambda.length) {
        if (Math.abs(fit.lambda[k] - glmnet.lambda[k]) > 1e-12 * glmnet.lambda[k]) {
          result.proxpathNote = `proxpath's λ_${k} = ${fit.lambda[k]} differs from glmnet's ${glmnet.lambda[k]}`;
        }
        const betaK = glmnet.beta.subarray(k * nFeatures, (k + 1) * nFeatures);
        const theirs = objective(input, glmnet.lambda[k], glmnet.a0[k], betaK, eta);
        const relative = (ours - theirs) / Math.abs(theirs);
        if (reference) result.glmnetExcess = Math.max(result.glmnetExcess!, (theirs - best) / Math.abs(best));
        if (relative > worst) {
          worst = relative;
          worstIndex = k;
        }
      }
    }
    result.reportedObjectiveMismatch = mismatch;
    if (glmnet) {
      result.maxRelObjectiveDiff = worst;
      result.worstLambdaIndex = worstIndex;
      if (fit.lambda.length !== glmnet.lambda.length) {
        result.proxpathNote = `proxpath returned ${fit.lambda.length} λ, glmnet ${glmnet.lambda.length}`;
      }
    }
  }
  return result;
}

/** Lets V8 compile the solver's hot paths before the first timed row (untimed, small data). */
async function warmUpProxpath(rows: BenchRow[]): Promise<void> {
  const losses = [...new Set(rows.map((row) => row.loss))];
  for (const loss of losses) {
    for (const [nSamples, nFeatures] of [
      [300, 30],
      [30, 300],
    ]) {
      const data = generate(loss, nSamples, nFeatures, 0.5, 12345);
      const X = { data: data.X, nRows: nSamples, nCols: nFeatures, layout: 'column-major' as const };
      for (let run = 0; run < 3; run++) await fitPath({ X, y: data.y }, { loss, alpha: 1, backend: 'cpu' });
    }
  }
}

function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

function formatDiff(diff: number | null): string {
  if (diff === null) return '–';
  if (diff === 0) return '0';
  return `${diff > 0 ? '+' : '−'}${Math.abs(diff).toExponential(1)}`;
}

const HEADER = [
  'loss',
  'n',
  'p',
  'ρ',
  'K',
  'glmnet ms',
  'proxpath ms',
  'ratio',
  'max rel obj diff',
  'glmnet excess',
  'proxpath excess',
  'proxpath setup+solve ms',
  'glmnet first ms',
  'proxpath first ms',
  'first ratio',
];

/** ρ, and the pairs' noise for the near-duplicate rows. */
function rhoCell(row: BenchRow): string {
  return row.duplicates === undefined ? String(row.rho) : `${row.rho}, pairs ±${row.duplicates}`;
}

function tableCells(result: RowResult): string[] {
  const { row } = result;
  const ratio =
    result.glmnetMs !== null && result.proxpathMs !== null
      ? (result.proxpathMs / result.glmnetMs).toFixed(2)
      : '–';
  return [
    row.loss,
    String(row.nSamples),
    String(row.nFeatures),
    rhoCell(row),
    result.nLambda === null ? '–' : String(result.nLambda),
    result.glmnetMs !== null ? formatMs(result.glmnetMs) : (result.glmnetNote ?? '–'),
    result.proxpathMs !== null ? formatMs(result.proxpathMs) : (result.proxpathNote ?? '–'),
    ratio,
    formatDiff(result.maxRelObjectiveDiff),
    formatDiff(result.glmnetExcess),
    formatDiff(result.proxpathExcess),
    formatMs(result.proxpathSetupSolveMs),
    ...coldCells(result.cold),
  ];
}

/** Median first calls of both tools in fresh processes, and their ratio. */
function coldCells(cold: ColdStart | null): string[] {
  const glmnet = cold ? medianOf(cold.glmnetFirstMs) : null;
  const proxpath = cold ? medianOf(cold.proxpathFirstMs) : null;
  return [formatMs(glmnet), formatMs(proxpath), glmnet !== null && proxpath !== null ? (proxpath / glmnet).toFixed(2) : '–'];
}

function notes(results: RowResult[], glmnetVersion: string | null, glmnetUnavailable: string | null): string[] {
  const lines = [
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} logical CPUs, Node ${process.version}, ` +
      (glmnetUnavailable ? glmnetUnavailable : `R glmnet ${glmnetVersion ?? '?'}`) +
      '.',
    'Data: glmnet paper §5.1 (equal pairwise correlation ρ, β_j = (−1)^j exp(−2(j−1)/20)); ' +
      `squared: y = Xβ + kε with sd(Xβ)/k = ${SIGNAL_TO_NOISE}; logistic: y ~ Bernoulli(sigmoid(cXβ)), sd(cXβ) = ${LOGISTIC_ETA_SD}. ` +
      'Rows "ρ, pairs ±s" (issue 19, bench/gen-duplicates.ts): every odd column is its even neighbour plus noise of sd s ' +
      '(near-duplicate pairs), β on the even columns of the first 20 pairs.',
    'Fits: lasso (α = 1), standardize, intercept, glmnet default λ sequence and thresh 1e-7; proxpath ' +
      "fitPath({loss, alpha: 1, lambda: glmnet's λ, backend: 'cpu'}) on the same λ. K = number of λ.",
    'glmnet ms: median wall time (Sys.time) of the glmnet() call alone, in one Rscript process per row. ' +
      'proxpath ms: median wall time (performance.now) around `await fitPath(...)`; ' +
      'setup+solve ms: median fit.timing.setupMs + solveMs. ratio = proxpath ms / glmnet ms. ' +
      'Rows with n·p ≤ 1e6: 3 untimed warm-ups and 15 timed repeats; larger rows: 1 warm-up and 5 repeats ' +
      '(--quick: 3); rows with n·p ≥ 5e7 run once.',
    'max rel obj diff: max over λ of (F(proxpath) − F(glmnet)) / |F(glmnet)|, F the DESIGN §1 objective ' +
      '(mean loss + λ Σ|s_j β_j|, s_j the 1/n sd of column j) in float64; positive = proxpath worse ' +
      '(the λ index where it peaks is in the JSON, worstLambdaIndex). ' +
      `glmnet / proxpath first ms: the first call in a fresh process (what a command-line user pays), median of ${COLD_RUNS} ` +
      'processes each: glmnet() in a new Rscript after library(glmnet) and reading the data, fitPath in a new Node process ' +
      'after importing proxpath (not in the time; the import is in the JSON); first ratio = proxpath / glmnet; not for the once-run large rows. ' +
      'glmnet / proxpath excess: max over λ of (F − F_ref) / |F_ref|, F_ref the objective of a proxpath fit ' +
      'at tol 1e-13 on the same λ (rows with n·p ≤ 1e7): how far each tool stops from the optimum at its default tolerance.',
  ];
  for (const result of results) {
    const { row } = result;
    const name = `${row.loss} n=${row.nSamples} p=${row.nFeatures} ρ=${rhoCell(row)}`;
    if (result.notConverged > 0) lines.push(`${name}: proxpath reports ${result.notConverged} λ not converged.`);
    if (result.reportedObjectiveMismatch !== null && result.reportedObjectiveMismatch > 1e-9) {
      lines.push(
        `${name}: fit.objective differs from the benchmark's objective by up to ` +
          `${result.reportedObjectiveMismatch.toExponential(1)} (relative).`,
      );
    }
    if (result.proxpathNote && result.proxpathMs !== null) lines.push(`${name}: ${result.proxpathNote}.`);
  }
  return lines;
}

function markdown(results: RowResult[], noteLines: string[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    '# proxpath CPU vs R glmnet',
    '',
    `Generated ${new Date().toISOString()} by \`node dist/bench/cpu-vs-glmnet.js ${process.argv.slice(2).join(' ')}\`.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map((_, index) => (index < 1 ? '---' : '---:')).join(' | ')} |`,
    ...results.map((result) => `| ${tableCells(result).map(escape).join(' | ')} |`),
    '',
    ...noteLines.map((line) => `- ${line}`),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const program = new Command()
    .name('cpu-vs-glmnet')
    .description("proxpath's CPU solver against R glmnet on the glmnet paper's simulated designs")
    .option('--quick', `only the small rows (n·p ≤ ${QUICK_MAX_CELLS}), 3 repeats`)
    .option('--rows <sizes>', 'only these sizes, e.g. 1000x100,100x5000', parseSizes)
    .option('--rho <values>', 'only these correlations, e.g. 0,0.5', parseNumbers)
    .option('--loss <losses>', 'only these losses: squared,logistic', parseLosses)
    .option('--repeats <n>', 'timed repeats per row (default 15 for n·p ≤ 1e6, else 5, --quick 3; n·p ≥ 5e7 once)', parsePositiveInteger)
    .option('--seed <s>', 'base seed of the data', (text) => parsePositiveInteger(text), 1)
    .option('--keep', 'keep the temp dirs with the data and glmnet output')
    .option('--multinomial', 'instead: the multinomial rows (n = 1000, 10000; p = 100; C = 3, 10; ungrouped and grouped)')
    .option('--out <dir>', 'where to write cpu-vs-glmnet.md and .json', path.join(packageRoot(), 'bench', 'out'));
  program.parse();
  const options = program.opts<CliOptions>();
  if (options.multinomial) {
    mkdirSync(options.out, { recursive: true });
    const missing = glmnetMissing();
    if (missing) log(`${missing}: timing proxpath only, on its default λ sequence`);
    console.log((await multinomialSection(options.out, options.repeats ?? 5, !missing, log)).join('\n'));
    return;
  }

  const rows = selectRows(options);
  if (rows.length === 0) {
    log('error: no benchmark row matches the filters');
    process.exitCode = 2;
    return;
  }
  const glmnetUnavailable = glmnetMissing();
  if (glmnetUnavailable) log(`${glmnetUnavailable}: timing proxpath only, on its default λ sequence`);

  await warmUpProxpath(rows);
  const results: RowResult[] = [];
  for (const row of rows) {
    log(`${row.loss} n=${row.nSamples} p=${row.nFeatures} ρ=${rhoCell(row)} …`);
    const result = await runRow(row, options, glmnetUnavailable);
    results.push(result);
    log(`  glmnet ${formatMs(result.glmnetMs)} ms, proxpath ${formatMs(result.proxpathMs)} ms, ` +
      `max rel obj diff ${formatDiff(result.maxRelObjectiveDiff)}`);
  }
  const glmnetVersion = results.find((result) => result.glmnetVersion)?.glmnetVersion ?? null;

  const table = new Table({ head: HEADER, style: { head: [], border: [] } });
  for (const result of results) table.push(tableCells(result));
  const noteLines = notes(results, glmnetVersion, glmnetUnavailable);
  console.log(table.toString());
  for (const line of noteLines) console.log(`- ${line}`);

  mkdirSync(options.out, { recursive: true });
  const markdownFile = path.join(options.out, 'cpu-vs-glmnet.md');
  writeFileSync(markdownFile, markdown(results, noteLines));
  writeFileSync(
    path.join(options.out, 'cpu-vs-glmnet.json'),
    JSON.stringify({ generated: new Date().toISOString(), argv: process.argv.slice(2), results, notes: noteLines }, null, 2),
  );
  log(`wrote ${markdownFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

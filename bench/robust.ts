// Benchmark for the robust losses: proxpath's whole quantile-regression path against
// scikit-learn's QuantileRegressor, which fits one λ per call.
//
//   npm run bench:robust -- [--n 5000] [--p 100] [--seed 1] [--tau 0.5] [--alpha 1]
//                           [--nlambda 100] [--sklearn-lambdas 10] [--solver cd] [--repeats 1]
//
// With --alpha below 1 (the elastic net: the exact active-set path) scikit-learn is not run:
// its QuantileRegressor has the lasso penalty only.
// Data: X standard normal with mild equal correlation, 10 nonzero true coefficients, Student-t
// noise with 2 degrees of freedom (infinite variance). proxpath fits the whole default 100-λ
// sequence (given explicitly, so that no solver stops early) with standardize false, so that
// its λ is scikit-learn's `alpha`; scikit-learn (run by bench/sklearn-quantile.py, HiGHS LP
// solver) fits a few λ spread evenly along that path.
// Target of the issue: the whole path in less time than scikit-learn needs for 10 λ.
// Prints the comparison and writes the raw numbers to bench/out/robust.json.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import { Command, InvalidArgumentError } from 'commander';
import { fitPath, type FitOptions, type PathFit, type SolverName } from '../src/index.js';
import { normalGenerator } from '../src/random.js';
import { writeFloat64LE } from './glmnet.js';
import { median, packageRoot, parsePositiveInteger } from './common.js';
import { gridObjective } from './robust-grid-runners.js';

const SOLVERS: readonly SolverName[] = ['auto', 'cd', 'batched'];

/** Pairwise correlation of the features (the glmnet paper's construction, as in bench/gen.ts). */
const RHO = 0.2;
/** Number of nonzero true coefficients, and the true intercept. */
const NONZEROS = 10;
const TRUE_INTERCEPT = 1;
/** Degrees of freedom of the Student-t noise. */
const NOISE_DF = 2;
/** The target compares the path with this many scikit-learn fits. */
const TARGET_SKLEARN_FITS = 10;

interface RobustData {
  /** n × p float64, row-major (what numpy reads without a transpose). */
  X: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  beta: Float64Array;
}

/**
 * X_j = Z_j + θ·Z_0 with θ = sqrt(ρ/(1−ρ)), Z ~ N(0, 1), so every pair of columns has
 * correlation ρ. β has NONZEROS entries at evenly spaced features, alternating in sign with
 * magnitudes from 2 down to 0.5; y = 1 + Xβ + t, t ~ Student-t(2) = Z / sqrt(χ²₂ / 2).
 */
function generateRobust(n: number, p: number, seed: number): RobustData {
  const normal = normalGenerator(seed);
  const theta = Math.sqrt(RHO / (1 - RHO));
  const nonzeros = Math.min(NONZEROS, p);
  const beta = new Float64Array(p);
  for (let k = 0; k < nonzeros; k++) {
    const magnitude = nonzeros === 1 ? 1 : 2 - (1.5 * k) / (nonzeros - 1);
    beta[Math.floor((k * p) / nonzeros)] = (k % 2 === 0 ? 1 : -1) * magnitude;
  }
  const X = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const common = normal();
    let eta = TRUE_INTERCEPT;
    for (let j = 0; j < p; j++) {
      const x = normal() + theta * common;
      X[i * p + j] = x;
      eta += x * beta[j];
    }
    let chiSquare = 0;
    for (let d = 0; d < NOISE_DF; d++) chiSquare += normal() ** 2;
    y[i] = eta + normal() / Math.sqrt(chiSquare / NOISE_DF);
  }
  return { X, y, n, p, beta };
}


/** `count` indices spread evenly over 0 … K−1, both ends included (0, 11, …, 99 for 10 of 100). */
function spreadIndices(K: number, count: number): number[] {
  if (count === 1) return [K - 1];
  return Array.from({ length: count }, (_, i) => Math.round((i * (K - 1)) / (count - 1)));
}

interface ProxpathRun {
  solver: SolverName;
  /** The fit of the last repeat; null when fitPath threw. */
  fit: PathFit | null;
  error: string | null;
  wallMs: number[];
  solveMs: number[];
}

const dataset = (d: RobustData) => ({ X: { data: d.X, nRows: d.n, nCols: d.p, layout: 'row-major' as const }, y: d.y });

/**
 * The whole default sequence of `count` λ from the data's λ_max down to 1e-4·λ_max, given
 * explicitly so that every solver fits all of it (a default path may stop early).
 */
async function fullSequence(data: RobustData, tau: number, alpha: number, count: number): Promise<number[]> {
  const probe = await fitPath(dataset(data), { loss: 'quantile', tau, alpha, standardize: false, nLambda: 1 });
  const top = probe.problem.lambdaMax;
  return Array.from({ length: count }, (_, k) => top * 1e-4 ** (count === 1 ? 0 : k / (count - 1)));
}

/** One untimed warm-up on small data (V8 compiles the hot paths), then `repeats` timed paths. */
async function runProxpath(
  data: RobustData,
  tau: number,
  alpha: number,
  lambda: number[],
  solver: SolverName,
  repeats: number,
): Promise<ProxpathRun> {
  const run: ProxpathRun = { solver, fit: null, error: null, wallMs: [], solveMs: [] };
  const options: FitOptions = { loss: 'quantile', tau, alpha, standardize: false, lambda, solver };
  try {
    await fitPath(dataset(generateRobust(500, 20, 7)), options);
    for (let repeat = 0; repeat < repeats; repeat++) {
      const start = performance.now();
      const fit = await fitPath(dataset(data), options);
      run.wallMs.push(performance.now() - start);
      run.solveMs.push(fit.timing.solveMs);
      run.fit = fit;
    }
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  }
  return run;
}

interface SklearnFit {
  lambda: number;
  seconds: number;
  intercept: number;
  coef: number[];
  objective: number;
  warnings: string[];
}

interface SklearnResult {
  sklearn: string;
  python: string;
  fits: SklearnFit[];
}

/** The first python that can import sklearn (Debian's has it; a pyenv python3 on PATH may not). */
function findPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) return candidate;
  }
  return null;
}

function runSklearn(python: string, root: string, data: RobustData, tau: number, lambdas: number[]): SklearnResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-robust-'));
  try {
    writeFloat64LE(path.join(dir, 'X.bin'), data.X);
    writeFloat64LE(path.join(dir, 'y.bin'), data.y);
    // String(x) is the shortest decimal that reads back as the same double in Python.
    const args = [path.join(root, 'bench', 'sklearn-quantile.py'), dir, data.n, data.p, tau, lambdas.join(',')];
    const result = spawnSync(python, args.map(String), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`sklearn-quantile.py exited with ${result.status}: ${result.stderr.trim()}`);
    return JSON.parse(result.stdout) as SklearnResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** proxpath against scikit-learn at one λ: relative objective difference and coefficient distance. */
interface Comparison {
  objective: number;
  /** (proxpath − sklearn) / |sklearn|; negative: proxpath's objective is lower. */
  relObjectiveDiff: number;
  /** max_j |β_proxpath − β_sklearn| / the largest |β_j| of either fit (0 when both are 0). */
  relCoefDiff: number;
  /** |fit.objective[k] − this script's evaluation| / |this script's evaluation|. */
  reportedObjectiveMismatch: number;
}

function compare(data: RobustData, tau: number, fit: PathFit, k: number, reference: SklearnFit): Comparison {
  const beta = fit.beta[k];
  const ours = gridObjective(data, tau, 1, fit.lambda[k], fit.intercept[k], beta);
  let diff = 0;
  let scale = 0;
  for (let j = 0; j < data.p; j++) {
    diff = Math.max(diff, Math.abs(beta[j] - reference.coef[j]));
    scale = Math.max(scale, Math.abs(reference.coef[j]), Math.abs(beta[j]));
  }
  return {
    objective: fit.objective[k],
    relObjectiveDiff: (fit.objective[k] - reference.objective) / Math.abs(reference.objective),
    relCoefDiff: scale === 0 ? 0 : diff / scale,
    reportedObjectiveMismatch: Math.abs(fit.objective[k] - ours) / Math.abs(ours),
  };
}

function parseAlpha(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value <= 1)) throw new InvalidArgumentError(`"${text}" must lie in (0, 1]`);
  return value;
}

function parseTau(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new InvalidArgumentError(`"${text}" must lie in (0, 1)`);
  return value;
}

function parseSolvers(text: string): SolverName[] {
  return text.split(',').map((item) => {
    const solver = SOLVERS.find((name) => name === item);
    if (!solver) throw new InvalidArgumentError(`"${item}" must be one of ${SOLVERS.join(', ')}`);
    return solver;
  });
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toExponential(1)}`;

/** Per scikit-learn λ: its time and objective, then each solver's objective and distance to it. */
function comparisonTable(
  sklearn: SklearnResult,
  indices: number[],
  runs: ProxpathRun[],
  comparisons: (Comparison[] | null)[],
): string {
  const head = ['k', 'λ', 'sklearn s', 'sklearn obj'];
  for (const { solver } of runs) head.push(`${solver} obj`, `${solver} Δobj`, `${solver} Δβ`);
  const table = new Table({ head, style: { head: [], border: [] } });
  sklearn.fits.forEach((reference, i) => {
    const { lambda, seconds, objective } = reference;
    const row = [String(indices[i]), lambda.toExponential(3), seconds.toFixed(3), objective.toPrecision(8)];
    for (const rows of comparisons) {
      const cell = rows?.[i];
      if (!cell) row.push('–', '–', '–');
      else row.push(cell.objective.toPrecision(8), signed(cell.relObjectiveDiff), cell.relCoefDiff.toExponential(1));
    }
    table.push(row);
  });
  return table.toString();
}

/** What the summary table and the JSON say about one solver's path. */
interface SolverSummary {
  solver: SolverName;
  error: string | null;
  medianWallMs: number | null;
  /** Median wall time of the path over scikit-learn's total time for its λ values. */
  pathOverSklearn: number | null;
  /** Path time < scikit-learn's time for TARGET_SKLEARN_FITS λ. */
  targetMet: boolean | null;
}

function summarize(run: ProxpathRun, sklearnSeconds: number | null, sklearnTargetSeconds: number | null): SolverSummary {
  if (!run.fit) return { solver: run.solver, error: run.error, medianWallMs: null, pathOverSklearn: null, targetMet: null };
  const wallMs = median(run.wallMs);
  return {
    solver: run.solver,
    error: null,
    medianWallMs: wallMs,
    pathOverSklearn: sklearnSeconds === null ? null : wallMs / 1000 / sklearnSeconds,
    targetMet: sklearnTargetSeconds === null ? null : wallMs / 1000 < sklearnTargetSeconds,
  };
}

function summaryTable(runs: ProxpathRun[], summaries: SolverSummary[]): string {
  const target = `target: path < sklearn for ${TARGET_SKLEARN_FITS} λ`;
  const head = ['solver', 'path wall s', 'solveMs', 'K', 'converged', 'max KKT', 'path / sklearn', target];
  const table = new Table({ head, style: { head: [], border: [] } });
  runs.forEach((run, r) => {
    const { fit } = run;
    const summary = summaries[r];
    if (!fit || summary.medianWallMs === null) {
      table.push([run.solver, { colSpan: head.length - 1, content: `failed: ${run.error}` }]);
      return;
    }
    const notConverged = fit.converged.filter((converged) => !converged).length;
    table.push([
      run.solver,
      (summary.medianWallMs / 1000).toFixed(3),
      median(run.solveMs).toFixed(0),
      String(fit.lambda.length),
      notConverged === 0 ? 'all' : `${notConverged} not`,
      Math.max(...fit.kktViolation).toExponential(1),
      summary.pathOverSklearn === null ? '–' : summary.pathOverSklearn.toFixed(3),
      summary.targetMet === null ? '–' : summary.targetMet ? 'met' : 'missed',
    ]);
  });
  return table.toString();
}

interface CliOptions {
  n: number;
  p: number;
  seed: number;
  tau: number;
  alpha: number;
  nlambda: number;
  sklearnLambdas: number;
  solver: SolverName[];
  repeats: number;
}

async function main(): Promise<void> {
  const options = new Command()
    .name('robust')
    .description("proxpath's quantile path against scikit-learn's QuantileRegressor, heavy-tailed noise")
    .option('--n <n>', 'samples', parsePositiveInteger, 5000)
    .option('--p <p>', 'features', parsePositiveInteger, 100)
    .option('--seed <s>', 'seed of the data', parsePositiveInteger, 1)
    .option('--tau <t>', 'quantile level τ', parseTau, 0.5)
    .option('--alpha <a>', 'elastic-net mixing α (below 1: no scikit-learn run)', parseAlpha, 1)
    .option('--nlambda <k>', "length of proxpath's λ sequence", parsePositiveInteger, 100)
    .option('--sklearn-lambdas <m>', 'λ values scikit-learn fits, spread along the path', parsePositiveInteger, 10)
    // The batched float64 iteration is opt-in (--solver cd,batched): at the default size its
    // quantile path takes many minutes on a CPU (see the README).
    .option('--solver <list>', 'proxpath solvers to time: auto,cd,batched', parseSolvers, ['cd'] as SolverName[])
    .option('--repeats <r>', 'timed proxpath paths per solver (the median is reported)', parsePositiveInteger, 1)
    .parse()
    .opts<CliOptions>();
  const { n, p, tau, alpha } = options;
  const root = packageRoot();

  const cpus = os.cpus();
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, Node ${process.version}`);
  console.log(
    `Data: n=${n}, p=${p}, seed ${options.seed}; X ~ N(0, 1) with pairwise correlation ${RHO}; ` +
      `y = ${TRUE_INTERCEPT} + Xβ + t(${NOISE_DF}) noise, ${Math.min(NONZEROS, p)} nonzero β; quantile τ = ${tau}, α = ${alpha}`,
  );
  const data = generateRobust(n, p, options.seed);

  const lambdas = await fullSequence(data, tau, alpha, options.nlambda);
  const runs: ProxpathRun[] = [];
  for (const solver of options.solver) {
    process.stderr.write(`proxpath ${solver} …\n`);
    runs.push(await runProxpath(data, tau, alpha, lambdas, solver, options.repeats));
  }

  // scikit-learn fits λ values of proxpath's own path (the full sequence when no fit succeeded).
  const firstFit = runs.find((run) => run.fit)?.fit ?? null;
  const pathLambdas = firstFit?.lambda ?? lambdas;
  const indices = spreadIndices(pathLambdas.length, Math.min(options.sklearnLambdas, pathLambdas.length));
  const python = alpha < 1 ? null : findPython();
  let sklearn: SklearnResult | null = null;
  let sklearnNote: string | null = null;
  if (alpha < 1) {
    sklearnNote = `scikit-learn not run: its QuantileRegressor has no ridge part (α = ${alpha})`;
  } else if (!python) {
    sklearnNote = 'scikit-learn not found: install python3-sklearn';
  } else {
    process.stderr.write(`scikit-learn (${python}), ${indices.length} λ …\n`);
    try {
      sklearn = runSklearn(python, root, data, tau, indices.map((k) => pathLambdas[k]));
    } catch (error) {
      sklearnNote = `scikit-learn failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  const comparisons = runs.map(({ fit }) =>
    sklearn && fit ? sklearn.fits.map((reference, i) => compare(data, tau, fit, indices[i], reference)) : null,
  );
  if (sklearn) {
    console.log(comparisonTable(sklearn, indices, runs, comparisons));
    console.log(
      'k: index on the path; obj: (1/n) Σ ρ_τ(y − b0 − Xβ) + λ‖β‖₁; Δobj = (proxpath − sklearn) / sklearn obj, ' +
        'negative: proxpath lower; Δβ = max_j |β_proxpath − β_sklearn| / max_j |β_j| (larger of both fits).',
    );
    for (const fit of sklearn.fits.filter((fit) => fit.warnings.length > 0)) {
      console.log(`sklearn warning at λ ${fit.lambda}: ${fit.warnings.join('; ')}`);
    }
  } else {
    console.log(sklearnNote);
  }
  // fit.objective against this script's own evaluation, at every λ of the path.
  runs.forEach((run) => {
    const fit = run.fit;
    if (!fit) return;
    let mismatch = 0;
    for (let k = 0; k < fit.lambda.length; k++) {
      const ours = gridObjective(data, tau, alpha, fit.lambda[k], fit.intercept[k], fit.beta[k]);
      mismatch = Math.max(mismatch, Math.abs(fit.objective[k] - ours) / Math.abs(ours));
    }
    if (mismatch > 1e-9) {
      console.log(`${run.solver}: fit.objective differs from this script's evaluation by up to ${mismatch.toExponential(1)}`);
    }
  });

  // The whole path's time against scikit-learn's, scaled to TARGET_SKLEARN_FITS of its λ.
  const sklearnSeconds = sklearn ? sklearn.fits.reduce((sum, fit) => sum + fit.seconds, 0) : null;
  const sklearnTargetSeconds =
    sklearn && sklearnSeconds !== null ? (sklearnSeconds / sklearn.fits.length) * TARGET_SKLEARN_FITS : null;
  const summaries = runs.map((run) => summarize(run, sklearnSeconds, sklearnTargetSeconds));
  console.log(summaryTable(runs, summaries));
  if (sklearn && sklearnSeconds !== null && sklearnTargetSeconds !== null) {
    const count = sklearn.fits.length;
    const scaled =
      count === TARGET_SKLEARN_FITS ? '' : ` (${TARGET_SKLEARN_FITS} λ at its mean: ${sklearnTargetSeconds.toFixed(3)} s)`;
    console.log(
      `scikit-learn ${sklearn.sklearn} (Python ${sklearn.python}): ${sklearnSeconds.toFixed(3)} s for ${count} λ${scaled}. ` +
        'path wall s: median wall time around fitPath (after one untimed warm-up on 500×20 data); ' +
        "path / sklearn: that over scikit-learn's total; max KKT: relative to λ_max.",
    );
  }

  const outFile = path.join(root, 'bench', 'out', 'robust.json');
  mkdirSync(path.dirname(outFile), { recursive: true });
  const proxpath = runs.map((run, r) => ({
    ...summaries[r],
    wallMs: run.wallMs,
    solveMs: run.solveMs,
    lambda: run.fit?.lambda,
    objective: run.fit?.objective,
    converged: run.fit?.converged,
    kktViolation: run.fit?.kktViolation,
    iterations: run.fit?.iterations,
    atSklearnLambdas: comparisons[r]?.map((row, i) => {
      const k = indices[i];
      return { k, ...row, intercept: run.fit!.intercept[k], beta: run.fit!.beta[k] };
    }),
  }));
  const report = {
    generated: new Date().toISOString(),
    argv: process.argv.slice(2),
    machine: { cpu: cpus[0]?.model ?? null, cores: cpus.length, node: process.version },
    data: { n, p, seed: options.seed, rho: RHO, noise: `student-t(${NOISE_DF})`, beta: Array.from(data.beta), tau, alpha },
    sklearnIndices: indices,
    proxpath,
    sklearn: sklearn ?? { note: sklearnNote },
    sklearnSeconds,
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
  process.stderr.write(`wrote ${outFile}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

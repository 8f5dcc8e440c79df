// Side by side: proxpath against R's conquer (conquer.reg, convolution-smoothed quantile
// regression) on the same data and the same λ, for τ = 0.5 and 0.3 and the penalties lasso, SCAD,
// MCP, group and sparse group.
//
//   npm run bench:conquer -- [--sizes 500x50] [--seed 1] [--taus 0.5,0.3]
//                            [--fractions 0.5,0.2,0.1,0.05,0.02]
//   (the larger rows: --sizes 500x50,2000x200)
//
// Data: X_j = Z_j + θ·Z_0 (pairwise correlation RHO), then every column centred and divided by
// its standard deviation with the n − 1 divisor; y = 1 + Xβ + Student-t(2) noise, 5 nonzero β.
//
// Same objective for both, up to conquer's smoothing. conquer 1.3.2's C++ (conquerGaussLasso,
// conquerGaussScad, … in src/highdGauss.cpp, called by conquer.reg) standardizes every fit: it
// takes mx = colMeans(X), sd = arma::stddev(X, 0) (n − 1 divisor), Z = [1, (X − mx)/sd], centres
// Y by its mean, minimizes (1/n) Σ ℓ_h(y_i − z_iᵀb) + Σ_j pen_λ(b_j) over b with the intercept
// unpenalized, where pen_λ is λ|b| (lasso), λ·√|g|·‖b_g‖₂ summed over groups (group), their sum
// (sparse-group), and SCAD/MCP through their LLA weights p'_λ(|b|) (cmptLambdaSCAD/MCP:
// λ, (aλ − |b|)/(a − 1), 0 and (λ − |b|/a)₊), then maps b back to X's scale. So λ is on the
// scale of the standardized columns. Handed X that is already centred and scaled that way, the
// standardization is the identity (the runner prints the residual: ~1e-16), and conquer's λ is
// proxpath's λ with standardize: false (loss (1/n) Σ ρ_τ, penalty λ·Σ P(|β_j|), intercept
// unpenalized, penalty factors all 1). γ: para.scad = 3.7 and para.mcp = 3, both packages'
// defaults. conquer's bandwidth h is its default max(0.5·(log p / n)^¼, 0.05), Gaussian kernel.
//
// How each solves it. conquer: ℓ_h is the check loss convolved with a Gaussian kernel of
// bandwidth h (smooth, so its minimizer differs from the exact one by O(h²)); the lasso is solved
// by LAMM (proximal gradient) until max |Δb| ≤ epsilon = 1e-3. SCAD/MCP: a pilot lasso (an
// asymmetric least-squares lasso, intercept reset to the τ-quantile of the residuals), one
// "contraction" weighted-lasso round with weights from that pilot, then at most iteTight = 3
// "tightening" rounds, stopping early when a round moves b by ≤ epsilon. proxpath: the exact check
// loss, each weighted lasso solved exactly as a linear program, LLA rounds until the weights stop
// changing (src/solvers/lla.ts): a stationary point of the exact concave problem. SCAD/MCP are
// nonconvex, both answers are local optima, so a lower objective for proxpath is expected but
// not guaranteed. Group penalties with the quantile loss: proxpath has no exact solver (the fit
// throws), so those rows show conquer alone.
//
// Both objectives are evaluated here by one function (objectiveOf), independent of src/. Times:
// proxpath in this process (after one untimed warm-up), the whole λ list as one path and each λ
// as its own fit; conquer in its own Rscript process (bench/conquer-runner.R), one conquer.reg
// call per λ, timed inside R. Writes the raw numbers to bench/out/conquer.json.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Table from 'cli-table3';
import { Command, InvalidArgumentError } from 'commander';
import { fitPath, type FitOptions, type PathFit } from '../src/index.js';
import { normalGenerator } from '../src/random.js';
import { runnerPath, writeFloat64LE } from './glmnet.js';
import { packageRoot, parsePositiveInteger, parseSizes } from './common.js';
import { meanCheckLoss, standardizedCorrelated } from './robust-grid-runners.js';

type PenaltyName = 'lasso' | 'scad' | 'mcp' | 'group' | 'sparse-group';
const PENALTIES: readonly PenaltyName[] = ['lasso', 'scad', 'mcp', 'group', 'sparse-group'];
/** conquer's defaults para.scad and para.mcp (proxpath's defaults too). */
const GAMMA: Record<PenaltyName, number> = { lasso: 0, scad: 3.7, mcp: 3, group: 0, 'sparse-group': 0 };
const RHO = 0.3;
const NONZEROS = 5;
const TRUE_INTERCEPT = 1;
const NOISE_DF = 2;
/** Consecutive features per group (group and sparse-group rows). */
const GROUP_SIZE = 5;
const NOT_AVAILABLE = 'not available (no exact solver for a group penalty with a piecewise-linear loss)';

interface Data {
  /** n × p, row-major; columns have mean 0 and sd (n − 1 divisor) 1. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  beta: Float64Array;
  /** Group label 1 … G of each feature. */
  groups: number[];
}

function generate(n: number, p: number, seed: number): Data {
  const normal = normalGenerator(seed);
  const X = standardizedCorrelated(n, p, RHO, normal);
  const beta = new Float64Array(p);
  const count = Math.min(NONZEROS, p);
  // Spread over the first groups, two in group 1, so that group penalties have a mixed truth.
  const where = [0, 1, 5, 11, 17].slice(0, count).map((j) => Math.min(j, p - 1));
  where.forEach((j, k) => (beta[j] = (k % 2 === 0 ? 1 : -1) * (1.5 - 0.25 * k)));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = TRUE_INTERCEPT;
    for (let j = 0; j < p; j++) eta += X[i * p + j] * beta[j];
    let chiSquare = 0;
    for (let d = 0; d < NOISE_DF; d++) chiSquare += normal() ** 2;
    y[i] = eta + normal() / Math.sqrt(chiSquare / NOISE_DF);
  }
  const groups = Array.from({ length: p }, (_, j) => Math.floor(j / GROUP_SIZE) + 1);
  return { X, y, n, p, beta, groups };
}

/** Σ_j pen(β_j) (or the group terms) at λ, the textbook definitions; conquer's weights are their slopes. */
function penaltyOf(penalty: PenaltyName, lambda: number, beta: ArrayLike<number>, groups: number[]): number {
  let total = 0;
  const gamma = GAMMA[penalty];
  for (let j = 0; j < beta.length; j++) {
    const a = Math.abs(beta[j]);
    if (penalty === 'lasso' || penalty === 'sparse-group') total += lambda * a;
    else if (penalty === 'mcp') total += a <= gamma * lambda ? lambda * a - (a * a) / (2 * gamma) : (gamma * lambda * lambda) / 2;
    else if (penalty === 'scad') {
      if (a <= lambda) total += lambda * a;
      else if (a <= gamma * lambda) total += (2 * gamma * lambda * a - a * a - lambda * lambda) / (2 * (gamma - 1));
      else total += (lambda * lambda * (gamma + 1)) / 2;
    }
  }
  if (penalty === 'group' || penalty === 'sparse-group') {
    const squares = new Map<number, number>();
    const sizes = new Map<number, number>();
    groups.forEach((g, j) => {
      squares.set(g, (squares.get(g) ?? 0) + beta[j] ** 2);
      sizes.set(g, (sizes.get(g) ?? 0) + 1);
    });
    for (const [g, ss] of squares) total += lambda * Math.sqrt(sizes.get(g)!) * Math.sqrt(ss);
  }
  return total;
}

/** (1/n) Σ ρ_τ(y − b0 − Xβ) (the exact check loss, unsmoothed) + the penalty, in float64. */
function objectiveOf(data: Data, tau: number, penalty: PenaltyName, lambda: number, b0: number, beta: ArrayLike<number>): number {
  return meanCheckLoss(data, tau, b0, beta) + penaltyOf(penalty, lambda, beta, data.groups);
}

interface ConquerFit {
  lambda: number;
  ms: number;
  coef: number[];
}

interface ConquerResult {
  version: string;
  R: string;
  bandwidth: number;
  standardization: { maxAbsColMean: number; maxAbsColSdMinus1: number };
  fits: ConquerFit[];
}

/** Row-major n × p to column-major (R's layout). */
function columnMajor(data: Data): Float64Array {
  const { X, n, p } = data;
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j * n + i] = X[i * p + j];
  return out;
}

function runConquer(data: Data, tau: number, penalty: PenaltyName, lambdas: number[]): ConquerResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-conquer-'));
  try {
    writeFloat64LE(path.join(dir, 'X.bin'), columnMajor(data));
    writeFloat64LE(path.join(dir, 'y.bin'), data.y);
    writeFloat64LE(path.join(dir, 'groups.bin'), Float64Array.from(data.groups));
    // String(x) is the shortest decimal that reads back as the same double in R.
    const args = [runnerPath('conquer-runner.R'), dir, data.n, data.p, tau, penalty, lambdas.join(','), GAMMA[penalty] || 3];
    const result = spawnSync('Rscript', args.map(String), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`conquer-runner.R exited with ${result.status}: ${result.stderr.trim()}`);
    return JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')) as ConquerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const dataset = (d: Data) => ({ X: { data: d.X, nRows: d.n, nCols: d.p, layout: 'row-major' as const }, y: d.y });

function proxpathOptions(data: Data, tau: number, penalty: PenaltyName, lambda: number[]): FitOptions {
  const base: FitOptions = { loss: 'quantile', tau, alpha: 1, standardize: false, intercept: true, lambda };
  if (penalty === 'lasso') return { ...base, penalty: 'enet' };
  if (penalty === 'scad' || penalty === 'mcp') return { ...base, penalty: { name: penalty, gamma: GAMMA[penalty] } };
  // Sparse group at alpha 0.5 would be proxpath's λ(α‖β‖₁ + (1−α)Σ…); it throws before that matters.
  return { ...base, penalty: { name: penalty, groups: data.groups } };
}

interface ProxpathResult {
  /** null: the fit threw (error says why). */
  path: PathFit | null;
  pathMs: number | null;
  single: PathFit[];
  singleMs: number[];
  error: string | null;
}

/** The λ list as one path (largest first, warm starts), then each λ as its own fit, all timed. */
async function runProxpath(data: Data, tau: number, penalty: PenaltyName, lambdas: number[]): Promise<ProxpathResult> {
  const result: ProxpathResult = { path: null, pathMs: null, single: [], singleMs: [], error: null };
  try {
    let start = performance.now();
    result.path = await fitPath(dataset(data), proxpathOptions(data, tau, penalty, lambdas));
    result.pathMs = performance.now() - start;
    for (const lambda of lambdas) {
      start = performance.now();
      result.single.push(await fitPath(dataset(data), proxpathOptions(data, tau, penalty, [lambda])));
      result.singleMs.push(performance.now() - start);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

interface Cell {
  fraction: number;
  lambda: number;
  conquerObjective: number;
  conquerSupport: number;
  conquerMs: number;
  /** The rest: null where proxpath has no fit. */
  proxpathObjective: number | null;
  /** (conquer − proxpath) / |proxpath|; positive: proxpath lower. */
  relGap: number | null;
  maxAbsBetaDiff: number | null;
  interceptDiff: number | null;
  proxpathSupport: number | null;
  supportsAgree: boolean | null;
  kktViolation: number | null;
  proxpathSingleMs: number | null;
  /** (path fit − single fit) / |single fit| objective, at this λ. */
  pathVsSingle: number | null;
  /** proxpath's single-λ fit, raw. */
  proxpathIntercept: number | null;
  proxpathBeta: number[] | null;
}

const supportOf = (beta: ArrayLike<number>) => Array.from(beta, (b, j) => (b !== 0 ? j : -1)).filter((j) => j >= 0);

function compareAt(data: Data, tau: number, penalty: PenaltyName, k: number, fraction: number, conquer: ConquerFit, ours: ProxpathResult): Cell {
  const { lambda, coef } = conquer;
  const conquerBeta = coef.slice(1);
  const conquerObjective = objectiveOf(data, tau, penalty, lambda, coef[0], conquerBeta);
  const cell: Cell = {
    fraction, lambda, conquerObjective, conquerSupport: supportOf(conquerBeta).length, conquerMs: conquer.ms,
    proxpathObjective: null, relGap: null, maxAbsBetaDiff: null, interceptDiff: null, proxpathSupport: null,
    supportsAgree: null, kktViolation: null, proxpathSingleMs: null, pathVsSingle: null,
    proxpathIntercept: null, proxpathBeta: null,
  };
  const single = ours.single[k];
  if (!single) return cell;
  const beta = single.beta[0];
  const objective = objectiveOf(data, tau, penalty, lambda, single.intercept[0], beta);
  const ourSupport = supportOf(beta);
  const theirSupport = supportOf(conquerBeta);
  cell.proxpathObjective = objective;
  cell.proxpathIntercept = single.intercept[0];
  cell.proxpathBeta = beta;
  cell.relGap = (conquerObjective - objective) / Math.abs(objective);
  cell.maxAbsBetaDiff = Math.max(...beta.map((b, j) => Math.abs(b - conquerBeta[j])));
  cell.interceptDiff = coef[0] - single.intercept[0];
  cell.proxpathSupport = ourSupport.length;
  cell.supportsAgree = ourSupport.length === theirSupport.length && ourSupport.every((j, i) => j === theirSupport[i]);
  cell.kktViolation = single.kktViolation[0];
  cell.proxpathSingleMs = ours.singleMs[k];
  const onPath = ours.path?.lambda.findIndex((l) => Math.abs(l - lambda) <= 1e-12 * lambda) ?? -1;
  if (ours.path && onPath >= 0) {
    const pathObjective = objectiveOf(data, tau, penalty, lambda, ours.path.intercept[onPath], ours.path.beta[onPath]);
    cell.pathVsSingle = (pathObjective - objective) / Math.abs(objective);
  }
  return cell;
}

interface Row {
  n: number;
  p: number;
  tau: number;
  penalty: PenaltyName;
  lambdaMax: number;
  conquer: ConquerResult | null;
  conquerError: string | null;
  proxpathError: string | null;
  proxpathPathMs: number | null;
  proxpathPathKkt: number[] | null;
  cells: Cell[];
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toExponential(1)}`;
const ms = (x: number | null) => (x === null ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(0));

/** One table line per λ; the (τ, penalty) block's first line carries its spans. */
function tableLines(row: Row): (string | { content: string; rowSpan?: number; colSpan?: number })[][] {
  const span = row.cells.length || 1;
  const lead = [
    { content: String(row.tau), rowSpan: span },
    { content: row.penalty, rowSpan: span },
    { content: row.proxpathError ? '–' : ms(row.proxpathPathMs), rowSpan: span },
  ];
  if (row.cells.length === 0) return [[...lead, { content: `conquer failed: ${row.conquerError}`, colSpan: 11 }]];
  return row.cells.map((cell, i) => {
    const theirs = [cell.fraction.toString(), cell.lambda.toPrecision(4), cell.conquerObjective.toPrecision(7)];
    const tail = [String(cell.conquerSupport), ms(cell.conquerMs)];
    if (cell.proxpathObjective === null) {
      // One cell over the block's proxpath columns, the reason on three lines to keep the table narrow.
      const why = NOT_AVAILABLE.replace(' (', '\n(').replace(' with a ', '\nwith a ');
      return i === 0 ? [...lead, ...theirs, { content: `proxpath: ${why}`, colSpan: 7, rowSpan: span }, ...tail] : [...theirs, ...tail];
    }
    const ours = [
      cell.proxpathObjective.toPrecision(7),
      signed(cell.relGap!),
      cell.maxAbsBetaDiff!.toExponential(1),
      `${cell.proxpathSupport}${cell.supportsAgree ? ' =' : ' ≠'}`,
      cell.kktViolation!.toExponential(0),
      ms(cell.proxpathSingleMs),
      cell.pathVsSingle === null ? '–' : signed(cell.pathVsSingle),
    ];
    return [...(i === 0 ? lead : []), ...theirs, ...ours, ...tail];
  });
}

function printTable(rows: Row[]): void {
  const head = ['τ', 'penalty', 'prox path ms', 'λ/λmax', 'λ', 'conquer obj', 'proxpath obj', 'gap', 'max|Δβ|',
    'prox supp', 'KKT', 'prox ms', 'path−single', 'conq supp', 'conq ms'];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) for (const line of tableLines(row)) table.push(line);
  console.log(table.toString());
}

const NOTES = [
  'obj: (1/n) Σ ρ_τ(y − b0 − Xβ) (exact check loss) + λ·Σ pen(β), both fits evaluated by this script; pen: lasso |b|,',
  '  SCAD (γ 3.7), MCP (γ 3), group λ·Σ_g √|g|·‖β_g‖, sparse-group the lasso plus group terms (conquer\'s definitions).',
  'gap = (conquer obj − proxpath obj) / proxpath obj: positive, proxpath lower. max|Δβ| over β_1…β_p (intercept in the JSON).',
  'prox supp: proxpath\'s nonzeros, "=" when conquer has exactly the same support (conq supp: its count).',
  'KKT: proxpath\'s kktViolation (relative to λ_max; for SCAD/MCP a stationarity certificate of a local optimum).',
  'prox path ms: the whole λ list as one warm-started path; prox ms: that λ alone (cold start, like conquer\'s call);',
  '  path−single: the path fit\'s objective relative to the single fit\'s (nonconvex: warm and cold starts can land apart).',
  'conq ms: one conquer.reg(X, y, lambda = λ) call timed inside R (own Rscript process, after one untimed warm-up).',
  'Why the gap: conquer minimizes the check loss convolved with a Gaussian kernel (bandwidth h below), stops LAMM at',
  '  max|Δb| ≤ epsilon = 1e-3 and, for SCAD/MCP, runs a pilot (asymmetric least-squares lasso), a contraction round and',
  '  at most iteTight = 3 tightening LLA rounds; proxpath solves each weighted lasso of the exact loss as a linear',
  '  program and iterates LLA to its fixed point. Lasso is convex: proxpath is the exact optimum, the gap is conquer\'s',
  '  smoothing and tolerance. SCAD/MCP are nonconvex: both are local optima, a lower proxpath objective is expected but',
  '  not guaranteed (a negative gap is possible).',
];

/** proxpath's λ_max for the quantile lasso at τ (the same for SCAD/MCP: their slope at 0 is λ). */
async function lambdaMaxOf(data: Data, tau: number): Promise<number> {
  const probe = await fitPath(dataset(data), { loss: 'quantile', tau, standardize: false, nLambda: 1 });
  return probe.problem.lambdaMax;
}

async function runRow(data: Data, tau: number, penalty: PenaltyName, fractions: number[], lambdaMax: number): Promise<Row> {
  const lambdas = fractions.map((f) => f * lambdaMax);
  const row: Row = {
    n: data.n, p: data.p, tau, penalty, lambdaMax, conquer: null, conquerError: null,
    proxpathError: null, proxpathPathMs: null, proxpathPathKkt: null, cells: [],
  };
  process.stderr.write(`n=${data.n} p=${data.p} τ=${tau} ${penalty}: proxpath …`);
  const ours = await runProxpath(data, tau, penalty, lambdas);
  row.proxpathError = ours.error;
  row.proxpathPathMs = ours.pathMs;
  row.proxpathPathKkt = ours.path?.kktViolation ?? null;
  process.stderr.write(' conquer …\n');
  try {
    row.conquer = runConquer(data, tau, penalty, lambdas);
  } catch (error) {
    row.conquerError = error instanceof Error ? error.message : String(error);
    return row;
  }
  // conquer echoes λ as it read it; the cells pair by position (both lists in the order given).
  row.cells = row.conquer.fits.map((fit, k) => compareAt(data, tau, penalty, k, fractions[k], fit, ours));
  return row;
}

function parseFractions(text: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !(v > 0 && v <= 1))) throw new InvalidArgumentError(`"${text}": fractions must lie in (0, 1]`);
  return values.sort((a, b) => b - a);
}

function parseTaus(text: string): number[] {
  const values = text.split(',').map(Number);
  if (values.some((v) => !(v > 0 && v < 1))) throw new InvalidArgumentError(`"${text}": τ must lie in (0, 1)`);
  return values;
}

interface CliOptions {
  sizes: [number, number][];
  seed: number;
  taus: number[];
  fractions: number[];
}

function parseCli(): CliOptions {
  return new Command()
    .name('conquer')
    .description("proxpath against R conquer's penalized smoothed quantile regression, same data and λ")
    .option('--sizes <list>', 'n×p rows, e.g. 500x50,2000x200', parseSizes, [[500, 50]] as [number, number][])
    .option('--seed <s>', 'seed of the data', parsePositiveInteger, 1)
    .option('--taus <list>', 'quantile levels', parseTaus, [0.5, 0.3])
    .option('--fractions <list>', 'λ as fractions of proxpath\'s λ_max', parseFractions, [0.5, 0.2, 0.1, 0.05, 0.02])
    .parse()
    .opts<CliOptions>();
}

async function main(): Promise<void> {
  const options = parseCli();
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, load ${load}, Node ${process.version}`);
  // One untimed warm-up on small data (V8 compiles the hot paths).
  const warm = generate(200, 10, 99);
  await fitPath(dataset(warm), proxpathOptions(warm, 0.5, 'mcp', [0.05]));
  const rows: Row[] = [];
  for (const [n, p] of options.sizes) {
    const data = generate(n, p, options.seed);
    console.log(
      `\nData: n=${n}, p=${p}, seed ${options.seed}; X ~ N(0, 1), pairwise correlation ${RHO}, columns centred and scaled ` +
        `(sd, n − 1 divisor); y = ${TRUE_INTERCEPT} + Xβ + t(${NOISE_DF}), ${Math.min(NONZEROS, p)} nonzero β; ` +
        `groups of ${GROUP_SIZE} consecutive features`,
    );
    const block: Row[] = [];
    for (const tau of options.taus) {
      const lambdaMax = await lambdaMaxOf(data, tau);
      for (const penalty of PENALTIES) block.push(await runRow(data, tau, penalty, options.fractions, lambdaMax));
    }
    printTable(block);
    const info = block.find((row) => row.conquer)?.conquer;
    if (info) {
      console.log(
        `conquer ${info.version} (R ${info.R}), bandwidth h = ${info.bandwidth.toPrecision(4)}; standardization left to do ` +
          `in conquer: max|col mean| ${info.standardization.maxAbsColMean.toExponential(1)}, ` +
          `max|col sd − 1| ${info.standardization.maxAbsColSdMinus1.toExponential(1)}`,
      );
    }
    const lambdaMaxes = block.filter((row) => row.penalty === 'lasso').map((row) => `τ ${row.tau}: ${row.lambdaMax.toPrecision(4)}`);
    console.log(`proxpath λ_max (quantile lasso): ${lambdaMaxes.join(', ')}`);
    for (const row of block.filter((r) => r.proxpathError)) console.log(`proxpath τ ${row.tau} ${row.penalty}: ${row.proxpathError}`);
    rows.push(...block);
  }
  console.log(`\n${NOTES.join('\n')}`);
  writeReport(rows, options);
}

function writeReport(rows: Row[], options: CliOptions): void {
  const outFile = path.join(packageRoot(), 'bench', 'out', 'conquer.json');
  mkdirSync(path.dirname(outFile), { recursive: true });
  const cpus = os.cpus();
  const report = {
    generated: new Date().toISOString(),
    argv: process.argv.slice(2),
    machine: { cpu: cpus[0]?.model ?? null, cores: cpus.length, loadavg: os.loadavg(), node: process.version },
    data: { seed: options.seed, rho: RHO, noise: `student-t(${NOISE_DF})`, nonzeros: NONZEROS, groupSize: GROUP_SIZE },
    gamma: { scad: GAMMA.scad, mcp: GAMMA.mcp },
    notAvailable: NOT_AVAILABLE,
    rows,
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
  process.stderr.write(`wrote ${outFile}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// The exact quantile path against R's conquer and scikit-learn over a grid of sizes, quantile
// levels τ and mixings α (issue 16), with Huber's path on the same data for scale.
//
//   npm run bench:robust-grid -- [--sizes 5000x100,10000x200,50000x100,1000x1000]
//       [--taus 0.1,0.5,0.9] [--alphas 1,0.5] [--nlambda 100] [--conquer-lambdas 10]
//       [--sklearn-lambdas 10] [--sklearn-budget 120] [--repeats 1] [--seed 1] [--out file]
//
// Data (robust-grid-runners.ts): X with pairwise correlation 0.2, columns centred and scaled to
// sd 1 (conquer standardizes internally: handed such X, its λ is proxpath's with standardize
// false), 10 nonzero β, Student-t(2) noise. Per (size, τ, α): proxpath fits the whole sequence
// of `nlambda` λ from λ_max down to glmnet's default ratio (1e-4 when n > p, else 1e-2), given
// explicitly so that no rule stops it early, in this process after one untimed warm-up (wall
// and process CPU time; `--repeats` for a median). conquer.reg runs `conquer-lambdas` of those λ,
// spread evenly, one call each (its own warm starts do not exist across calls), timed inside R;
// its time for the whole sequence is its mean per λ × nlambda. scikit-learn (α = 1 only: it has
// no elastic net) runs `sklearn-lambdas` λ until `sklearn-budget` seconds are spent. Huber's path
// (δ = 1.345, same α, its own default sequence of nlambda λ) is timed for scale. Every proxpath
// λ must be converged with KKT ≤ 1e-12 of λ_max; the objectives at conquer's λ are compared
// (conquer solves a smoothed problem to ~1e-3, so proxpath's exact objective should be lower).
// Writes bench/out/robust-grid.json and prints a Markdown table.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import { fitPath, type FitOptions } from '../src/index.js';
import { markdownTable, median, packageRoot, parsePositiveInteger, parseSizes } from './common.js';
import { findPython, generateGrid, type GridData, gridObjective, type OtherFit, runConquer, runSklearn } from './robust-grid-runners.js';

interface Row {
  n: number;
  p: number;
  tau: number;
  alpha: number;
  /** proxpath's whole path: wall and CPU seconds per repeat, converged and certified. */
  wall: number[];
  cpu: number[];
  certified: boolean;
  maxKkt: number;
  pivots: number;
  conquer: OtherFit[];
  /** Per conquer λ: (proxpath − conquer) / conquer objective. */
  conquerObjective: number[];
  sklearn: OtherFit[];
  sklearnObjective: number[];
  huberWall: number;
}

const dataset = (d: GridData) => ({ X: { data: d.X, nRows: d.n, nCols: d.p, layout: 'row-major' as const }, y: d.y });

function spread(K: number, count: number): number[] {
  if (count >= K) return Array.from({ length: K }, (_, k) => k);
  return Array.from({ length: count }, (_, i) => Math.round((i * (K - 1)) / Math.max(1, count - 1)));
}

async function sequence(data: GridData, options: FitOptions, count: number): Promise<number[]> {
  const probe = await fitPath(dataset(data), { ...options, nLambda: 1 });
  const top = probe.problem.lambdaMax;
  const ratio = data.n > data.p ? 1e-4 : 1e-2;
  return Array.from({ length: count }, (_, k) => top * ratio ** (count === 1 ? 0 : k / (count - 1)));
}

async function timedPath(data: GridData, options: FitOptions): Promise<{ wall: number; cpu: number; fit: Awaited<ReturnType<typeof fitPath>> }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const fit = await fitPath(dataset(data), options);
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  return { wall, cpu: (used.user + used.system) / 1e6, fit };
}

interface GridOptions {
  nlambda: number;
  conquerLambdas: number;
  sklearnLambdas: number;
  sklearnBudget: number;
  repeats: number;
}

async function runRow(data: GridData, tau: number, alpha: number, o: GridOptions, python: string | null): Promise<Row> {
  const base: FitOptions = { loss: 'quantile', tau, alpha, standardize: false, solver: 'cd' };
  const lambda = await sequence(data, base, o.nlambda);
  const row: Row = {
    n: data.n, p: data.p, tau, alpha, wall: [], cpu: [], certified: false, maxKkt: 0, pivots: 0,
    conquer: [], conquerObjective: [], sklearn: [], sklearnObjective: [], huberWall: 0,
  };
  let fit: Awaited<ReturnType<typeof fitPath>> | null = null;
  for (let r = 0; r < o.repeats; r++) {
    process.stderr.write(`  proxpath ${data.n}×${data.p} τ=${tau} α=${alpha} …\n`);
    const timed = await timedPath(data, { ...base, lambda });
    row.wall.push(timed.wall);
    row.cpu.push(timed.cpu);
    fit = timed.fit;
  }
  row.maxKkt = Math.max(...fit!.kktViolation);
  row.certified = fit!.lambda.length === lambda.length && fit!.converged.every(Boolean) && row.maxKkt <= 1e-12;
  row.pivots = fit!.iterations.reduce((a, b) => a + b, 0);
  const at = spread(lambda.length, o.conquerLambdas);
  const ours = (k: number) => gridObjective(data, tau, alpha, lambda[k], fit!.intercept[k], fit!.beta[k]);
  const relative = (fits: OtherFit[], idx: number[]) =>
    fits.map((f, i) => {
      const theirs = gridObjective(data, tau, alpha, f.lambda, f.intercept, f.coef);
      return (ours(idx[i]) - theirs) / theirs;
    });
  process.stderr.write(`  conquer, ${at.length} λ …\n`);
  row.conquer = runConquer(data, tau, alpha, at.map((k) => lambda[k]));
  row.conquerObjective = relative(row.conquer, at);
  if (alpha === 1 && python && o.sklearnLambdas > 0) {
    const sk = spread(lambda.length, o.sklearnLambdas);
    process.stderr.write(`  scikit-learn, up to ${sk.length} λ …\n`);
    row.sklearn = runSklearn(python, data, tau, sk.map((k) => lambda[k]), o.sklearnBudget);
    row.sklearnObjective = relative(row.sklearn, sk);
  }
  row.huberWall = (await timedPath(data, { loss: 'huber', alpha, standardize: false, nLambda: o.nlambda, lambdaMinRatio: data.n > data.p ? 1e-4 : 1e-2 })).wall;
  return row;
}

const sum = (fits: OtherFit[]) => fits.reduce((s, f) => s + f.seconds, 0);
const worst = (values: number[]) => (values.length ? Math.max(...values) : NaN);

function tableOf(rows: Row[], nlambda: number): string[] {
  const head = [
    'n × p', 'τ', 'α', `proxpath ${nlambda} λ wall s (CPU s)`, 'certified (max KKT)', 'conquer s / λ (k λ)',
    `conquer ${nlambda} λ est. s`, 'proxpath / conquer', 'Δobj vs conquer (max)', 'sklearn s / λ (k λ)', 'Δobj vs sklearn (max)', 'Huber path s',
  ];
  const body = rows.map((r) => {
    const wall = median(r.wall);
    const perConquer = sum(r.conquer) / r.conquer.length;
    const conquerPath = perConquer * nlambda;
    const sk = r.sklearn.length ? `${(sum(r.sklearn) / r.sklearn.length).toFixed(2)} (${r.sklearn.length})` : '–';
    return [
      `${r.n} × ${r.p}`, String(r.tau), String(r.alpha), `${wall.toFixed(2)} (${median(r.cpu).toFixed(2)})`,
      `${r.certified ? 'yes' : 'NO'} (${r.maxKkt.toExponential(0)})`, `${perConquer.toFixed(3)} (${r.conquer.length})`,
      conquerPath.toFixed(1), (wall / conquerPath).toFixed(3), worst(r.conquerObjective).toExponential(1), sk,
      r.sklearn.length ? worst(r.sklearnObjective).toExponential(1) : '–', r.huberWall.toFixed(2),
    ];
  });
  return markdownTable(head, body);
}

function parseList(text: string): number[] {
  return text.split(',').map((item) => {
    const value = Number(item);
    if (!(value > 0 && value <= 1)) throw new InvalidArgumentError(`"${item}" must lie in (0, 1]`);
    return value;
  });
}

async function main(): Promise<void> {
  const o = new Command()
    .option('--sizes <list>', 'n×p sizes', parseSizes, parseSizes('5000x100,10000x200,50000x100,1000x1000'))
    .option('--taus <list>', 'quantile levels', parseList, [0.1, 0.5, 0.9])
    .option('--alphas <list>', 'mixings α', parseList, [1, 0.5])
    .option('--nlambda <k>', 'λ per path', parsePositiveInteger, 100)
    .option('--conquer-lambdas <k>', 'λ conquer fits, spread along the path', parsePositiveInteger, 10)
    .option('--sklearn-lambdas <k>', 'λ scikit-learn fits (α = 1 rows; 0: none)', Number, 10)
    .option('--sklearn-budget <s>', 'seconds of scikit-learn per row before it stops', Number, 120)
    .option('--repeats <r>', 'proxpath paths per row (median)', parsePositiveInteger, 1)
    .option('--seed <s>', 'seed of the data', parsePositiveInteger, 1)
    .option('--out <file>', 'the JSON report', path.join(packageRoot(), 'bench', 'out', 'robust-grid.json'))
    .parse()
    .opts<GridOptions & { sizes: [number, number][]; taus: number[]; alphas: number[]; seed: number; out: string }>();
  const cpus = os.cpus();
  console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, load ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`);
  const python = findPython();
  await fitPath(dataset(generateGrid(500, 20, 7)), { loss: 'quantile', standardize: false, nLambda: 20 }); // warm-up
  const rows: Row[] = [];
  for (const [n, p] of o.sizes) {
    const data = generateGrid(n, p, o.seed);
    for (const alpha of o.alphas) {
      for (const tau of o.taus) {
        rows.push(await runRow(data, tau, alpha, o, python));
        // Each row as it ends (stderr), so that a stopped run keeps what it measured.
        process.stderr.write(`${tableOf(rows.slice(-1), o.nlambda).at(-1)}\n`);
      }
    }
    console.log(tableOf(rows.slice(-o.alphas.length * o.taus.length), o.nlambda).join('\n'));
  }
  console.log('\nAll rows:\n' + tableOf(rows, o.nlambda).join('\n'));
  const outFile = o.out;
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify({ generated: new Date().toISOString(), argv: process.argv.slice(2), cpu: cpus[0]?.model, rows }, null, 2));
  process.stderr.write(`wrote ${outFile}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

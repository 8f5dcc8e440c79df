// Benchmark: passes over the data per λ, counted. CPU coordinate descent (its coordinate passes
// per λ, glmnet's measure), the batched first-order iteration (FISTA / PDHG: the GPU's method
// before proximal Newton), and the batched proximal Newton on working sets (now), on the
// glmnet paper's designs and on real data sets that stress conditioning. A product with X̃ or
// X̃ᵀ counts one pass per λ column, a Gram formation one (work.ts). Counted on the float64
// twin: the WebGPU backend dispatches the same ops, so its counts are the same.
//
//   npm run bench:passes -- [--quick]
//
// Prints a Markdown table and writes bench/out/passes.md. The first-order iteration is capped at
// 3000 iterations per block (its unconverged columns are counted, and its passes are then a
// lower bound, marked ≥).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { fitPath } from '../src/api/fit-path.js';
import { standardize } from '../src/problem/standardize.js';
import type { Dataset, FitOptions, LossName } from '../src/problem/types.js';
import { validate } from '../src/problem/validate.js';
import { type BatchBackend, NEWTON_OPS } from '../src/solvers/batched/backend.js';
import { solvePathBatched } from '../src/solvers/batched/batched-path.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
import { markdownTable, packageRoot } from './common.js';
import { generate } from './gen.js';

interface Row {
  name: string;
  data: Dataset;
  options: FitOptions;
}

/** The CPU twin without the Newton ops: the batched first-order iteration. */
const firstOrder: BatchBackend = {
  name: 'cpu (float64), first-order only',
  async open(problem, std) {
    const ops = await cpuBatchBackend.open(problem, std);
    return new Proxy(ops, {
      // The others bound to the twin itself, whose own ops may use the hidden ones inside.
      get: (target, key) => {
        if ((NEWTON_OPS as readonly (string | symbol)[]).includes(key)) return undefined;
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  },
};

function designRow(loss: LossName, n: number, p: number, rho: number): Row {
  const generated = generate(loss === 'logistic' ? 'logistic' : 'squared', n, p, rho, 1);
  let y = generated.y;
  if (loss === 'poisson') y = y.map((v) => Math.round(Math.exp(0.3 * v)));
  if (loss === 'huber') y = y.map((v, i) => (i % 20 === 0 ? v + 30 : v)); // 5 % gross outliers
  return {
    name: `${loss} ${n}×${p} ρ=${rho}`,
    data: { X: { data: generated.X, nRows: n, nCols: p, layout: 'column-major' }, y },
    options: { loss },
  };
}

function csvRow(file: string, options: FitOptions, name = file): Row {
  const text = readFileSync(path.join(packageRoot(), 'data', file), 'utf8');
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const header = rows[0];
  const yCol = header.indexOf('y');
  const X = rows.slice(1).map((r) => r.filter((_, c) => c !== yCol).map(Number));
  return { name: `${name} ${X.length}×${X[0].length}`, data: { X, y: rows.slice(1).map((r) => Number(r[yCol])) }, options };
}

/** First-order iterations per block at most: beyond, the column counts as unconverged (and its passes as a lower bound). */
const FIRST_ORDER_CAP = 3000;

async function batchedPasses(row: Row, backend: BatchBackend, maxIter?: number) {
  const problem = validate(row.data, { ...row.options, backend: 'cpu', solver: 'batched', ...(maxIter ? { maxIter } : {}) });
  const std = standardize(problem, workDoubles(problem));
  try {
    const start = await startPath(problem, std);
    const solution = await solvePathBatched(problem, std, start, {}, { first: { backend } });
    const K = solution.lambda.length;
    return {
      passes: solution.work!.columnPasses / K,
      unconverged: solution.converged.filter((c) => !c).length,
      objective: solution.lossValue.map((l, k) => l + solution.penaltyValue[k]),
    };
  } finally {
    std.heap.release();
  }
}

function rows(quick: boolean): Row[] {
  const list: Row[] = [];
  for (const rho of quick ? [0.5] : [0, 0.5, 0.95]) {
    list.push(designRow('squared', 1000, 100, rho), designRow('logistic', 1000, 100, rho));
  }
  list.push(designRow('squared', 100, 1000, 0.5), designRow('logistic', 100, 1000, 0.5));
  list.push(designRow('poisson', 1000, 100, 0.5), designRow('huber', 1000, 100, 0.5));
  list.push(csvRow('diabetes.csv', { loss: 'squared' }));
  list.push(csvRow('breast-cancer.csv', { loss: 'logistic' }), csvRow('breast-cancer.csv', { loss: 'logistic', alpha: 0.9 }, 'breast-cancer.csv α=0.9'));
  list.push(csvRow('digits-3-vs-8.csv', { loss: 'logistic', alpha: 0.9 }, 'digits-3-vs-8.csv α=0.9'));
  return list;
}

/** Largest (a − b)/max(1, |b|) over the λ both paths have (a default path may end a λ apart). */
const relGap = (a: number[], b: number[]) =>
  Math.max(...a.slice(0, b.length).map((v, k) => (v - b[k]) / Math.max(1, Math.abs(b[k]))));

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const head = ['data', 'loss', 'λ', 'CD passes / λ', 'first-order passes / λ', 'Newton passes / λ', 'Newton ÷ CD', 'unconverged (1st-order / Newton)', 'Newton objective − CD (rel.)'];
  const body: string[][] = [];
  for (const row of rows(quick)) {
    const cd = await fitPath(row.data, { ...row.options, backend: 'cpu', solver: 'cd' });
    const cdPasses = cd.iterations.reduce((s, v) => s + v, 0) / cd.lambda.length;
    const first = await batchedPasses(row, firstOrder, FIRST_ORDER_CAP);
    const newton = await batchedPasses(row, cpuBatchBackend);
    const line = [
      row.name, row.options.loss ?? 'squared', String(cd.lambda.length), cdPasses.toFixed(1),
      `${first.unconverged > 0 ? '≥ ' : ''}${first.passes.toFixed(1)}`, newton.passes.toFixed(1),
      (newton.passes / cdPasses).toFixed(2), `${first.unconverged} / ${newton.unconverged}`, relGap(newton.objective, cd.objective).toExponential(1),
    ];
    body.push(line);
    process.stderr.write(`${line.join(' | ')}\n`);
  }
  const table = markdownTable(head, body).join('\n');
  const out = path.join(packageRoot(), 'bench', 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'passes.md'), `${table}\n`);
  process.stdout.write(`${table}\n`);
}

await main();

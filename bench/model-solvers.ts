// Benchmark: how the Newton model solve would cost on a GPU by coordinate descent (today's
// gramSolve: one coordinate after another, each a barrier and a Gram-column read) against an
// accelerated proximal gradient on the same Gram matrix (FISTA with gradient restarts: each
// iteration one matrix-vector product, all coordinates at once). Every model the batched path
// solves on the float64 twin is also solved by the latter to the same KKT tolerance; the table
// gives, summed over the path's solves (each solve's slowest column), the sequential steps of
// each. A measurement of iterations on the twin, not of GPU time.
//
//   npm run build && node dist/bench/model-solvers.js --n 1000 --p 100 --loss logistic --rho 0.5

import { parseArgs } from 'node:util';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { coordinateMinimizer, subdifferentialDistance } from '../src/penalties/elastic-net.js';
import { standardize } from '../src/problem/standardize.js';
import type { LossName } from '../src/problem/types.js';
import { validate } from '../src/problem/validate.js';
import type { BatchBackend, BatchBuffer, NewtonOps } from '../src/solvers/batched/backend.js';
import { solvePathBatched } from '../src/solvers/batched/batched-path.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
import { parsePositiveInteger } from './common.js';
import { generate } from './gen.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' }, p: { type: 'string', default: '100' },
    loss: { type: 'string', default: 'logistic' }, rho: { type: 'string', default: '0.5' },
  },
});
const n = parsePositiveInteger(values.n!);
const p = parsePositiveInteger(values.p!);
const loss = values.loss as LossName;
if (loss !== 'squared' && loss !== 'logistic') throw new Error('--loss: squared or logistic');
const generated = generate(loss, n, p, Number(values.rho), 1);
const data = { X: { data: generated.X, nRows: n, nCols: p, layout: 'column-major' as const }, y: generated.y };
const problem = validate(data, { loss, backend: 'cpu', solver: 'batched' });
const std = standardize(problem, workDoubles(problem));

/** The twin's buffers hold their values in `data` (column-major, `rows` per column). */
const values64 = (b: BatchBuffer) => (b as unknown as { data: Float64Array }).data;
const MAX_ITERATIONS = 100_000;

const totals = { solves: 0, cdSteps: 0, apgIterations: 0, apgUnconverged: 0, largestM: 0 };

/** FISTA with gradient restarts on ½δᵀQδ − Gᵀδ + P(B + δ); iterations to the KKT tolerance. */
function apgIterations(q: Float64Array, qo: number, m: number, g: Float64Array, b: Float64Array, pen: Float64Array[], tol: number): number {
  const [l1, l2, lower, upper] = pen;
  // L = λ_max(Q) by 30 power iterations, with a 1 % margin (counted as iterations).
  let v = new Float64Array(m).fill(1 / Math.sqrt(m));
  let L = 0;
  for (let it = 0; it < 30; it++) {
    const w = new Float64Array(m);
    for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) w[a] += q[qo + a * m + c] * v[c];
    L = Math.hypot(...w);
    if (!(L > 0)) return 0;
    v = w.map((x) => x / L);
  }
  const t = 1 / (1.01 * L);
  let x = b.slice(), y = b.slice(), theta = 1;
  const gradAt = (z: Float64Array) => {
    // minus the model's gradient at z: G − Q(z − B)
    const out = g.slice();
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += q[qo + a * m + c] * (z[c] - b[c]);
      out[a] -= s;
    }
    return out;
  };
  for (let it = 1; it <= MAX_ITERATIONS; it++) {
    const gy = gradAt(y);
    const next = new Float64Array(m);
    for (let a = 0; a < m; a++) next[a] = coordinateMinimizer(y[a] / t + gy[a], 1 / t, l1[a], l2[a], lower[a], upper[a]);
    const gx = gradAt(next);
    let worst = 0;
    for (let a = 0; a < m; a++) worst = Math.max(worst, subdifferentialDistance(gx[a], next[a], l1[a], l2[a], lower[a], upper[a]));
    if (worst <= tol) return it + 30;
    let restart = 0;
    for (let a = 0; a < m; a++) restart += (y[a] - next[a]) * (next[a] - x[a]);
    const thetaNext = restart > 0 ? 1 : 0.5 * (1 + Math.sqrt(1 + 4 * theta * theta));
    const momentum = restart > 0 ? 0 : (theta - 1) / thetaNext;
    y = next.map((xa, a) => xa + momentum * (xa - x[a]));
    x = next;
    theta = thetaNext;
  }
  totals.apgUnconverged++;
  return MAX_ITERATIONS + 30;
}

const traced: BatchBackend = {
  name: 'twin, model solves traced',
  async open(prob, s) {
    const ops = (await cpuBatchBackend.open(prob, s)) as Awaited<ReturnType<typeof cpuBatchBackend.open>> & NewtonOps;
    let active = new Int32Array(0);
    const setActive = ops.setActive.bind(ops);
    ops.setActive = (columns) => { active = columns.slice(); setActive(columns); };
    const gramSolve = ops.gramSolve.bind(ops);
    ops.gramSolve = (Q, features, G, B, lambda, tol, maxSweeps, out, sweeps) => {
      gramSolve(Q, features, G, B, lambda, tol, maxSweeps, out, sweeps);
      const m = features.length;
      const rows = p + 1;
      let longestCd = 0;
      let longestApg = 0;
      for (const k of active) {
        longestCd = Math.max(longestCd, values64(sweeps)[k] * m);
        const lam = values64(lambda)[k];
        const pen = [new Float64Array(m), new Float64Array(m), new Float64Array(m), new Float64Array(m)];
        features.forEach((j, a) => {
          const free = j === p;
          pen[0][a] = free || !std.usable[j] ? 0 : lam * prob.alpha * prob.penaltyFactor[j];
          pen[1][a] = free || !std.usable[j] ? 0 : lam * (1 - prob.alpha) * prob.penaltyFactor[j];
          pen[2][a] = free ? -Infinity : std.usable[j] ? std.lower[j] : 0;
          pen[3][a] = free ? Infinity : std.usable[j] ? std.upper[j] : 0;
        });
        const g = Float64Array.from(features, (j) => values64(G)[k * rows + j]);
        const b = Float64Array.from(features, (j) => values64(B)[k * rows + j]);
        const qo = Q.nColumns === 1 ? 0 : k * m * m;
        longestApg = Math.max(longestApg, apgIterations(values64(Q), qo, m, g, b, pen, values64(tol)[k]));
      }
      totals.solves++;
      totals.cdSteps += longestCd;
      totals.apgIterations += longestApg;
      totals.largestM = Math.max(totals.largestM, m);
    };
    return ops;
  },
};

await solvePathBatched(problem, std, await startPath(problem, std), {}, { first: { backend: traced } });
console.log(`${loss}, n = ${n}, p = ${p}, ρ = ${values.rho}: ${totals.solves} model solves, working sets up to ${totals.largestM}`);
console.log('| model solver | sequential steps (sum over solves of the slowest column) | unconverged |');
console.log('|---|---|---|');
console.log(`| coordinate descent (gramSolve: one coordinate a step) | ${totals.cdSteps.toExponential(2)} | 0 |`);
console.log(`| accelerated proximal gradient (one matrix-vector product a step, 30 power steps) | ${totals.apgIterations.toExponential(2)} | ${totals.apgUnconverged} |`);

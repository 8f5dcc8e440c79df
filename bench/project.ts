// Benchmark: the batched path's counted work at one size on the glmnet paper's design, and the
// GPU time projected from it. Counted on the float64 twin (the WebGPU backend dispatches the
// same ops, so its counts are the same); the projection is a model, never a measurement.
//
//   npm run build && node dist/bench/project.js --n 10000 --p 1000 --loss logistic [--rho 0.5]
//     [--nlambda 100] [--seed 1] [--metric auto|exact|shared] [--scale-to 100000]
//
// --scale-to N also prints the projection with every flop and byte scaled by N / n (the products,
// Gram matrices and element-wise ops scale so; the model solves' flops do not, so this
// overestimates them), the rounds, readbacks and model steps kept: an extrapolation to N samples,
// labelled so, for sizes the twin cannot run in reasonable time.

import { parseArgs } from 'node:util';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { DEFAULT_PROJECTION, describeProjection, projectedMs } from '../src/bench/projection.js';
import { fitPath } from '../src/api/fit-path.js';
import { standardize } from '../src/problem/standardize.js';
import type { LossName, WorkCount } from '../src/problem/types.js';
import { validate } from '../src/problem/validate.js';
import { solvePathBatched } from '../src/solvers/batched/batched-path.js';
import { workDoubles } from '../src/solvers/engines.js';
import { startPath } from '../src/solvers/path.js';
import { parsePositiveInteger } from './common.js';
import { generate } from './gen.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    p: { type: 'string', default: '1000' },
    loss: { type: 'string', default: 'squared' },
    rho: { type: 'string', default: '0' },
    nlambda: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    metric: { type: 'string', default: 'auto' },
    'scale-to': { type: 'string' },
    'skip-cd': { type: 'boolean', default: false },
  },
});
const n = parsePositiveInteger(values.n!);
const p = parsePositiveInteger(values.p!);
const loss = values.loss as LossName;
if (loss !== 'squared' && loss !== 'logistic') throw new Error('--loss: squared or logistic (the paper design)');
const metric = values.metric as 'auto' | 'exact' | 'shared';
const rho = Number(values.rho);

const generated = generate(loss, n, p, rho, Number(values.seed));
const data = { X: { data: generated.X, nRows: n, nCols: p, layout: 'column-major' as const }, y: generated.y };
const options = { loss, nLambda: parsePositiveInteger(values.nlambda!) };


const problem = validate(data, { ...options, backend: 'cpu', solver: 'batched' });
const std = standardize(problem, workDoubles(problem));
const started = performance.now();
const solution = await solvePathBatched(problem, std, await startPath(problem, std), {}, { first: { backend: cpuBatchBackend }, metric });
const twinSeconds = (performance.now() - started) / 1000;
const work = solution.work!;
const K = solution.lambda.length;

let gap = NaN;
if (!values['skip-cd']) {
  const cd = await fitPath(data, { ...options, backend: 'cpu', tol: 1e-12, lambda: solution.lambda });
  gap = Math.max(...solution.lossValue.map((l, k) => (l + solution.penaltyValue[k] - cd.objective[k]) / Math.abs(cd.objective[k])));
}

const row = (name: string, w: WorkCount) => {
  const ms = projectedMs(w);
  const stepsMs = (w.modelSteps * DEFAULT_PROJECTION.secondsPerModelStep) * 1000;
  return `| ${name} | ${(w.flops / 1e9).toFixed(1)} | ${(w.bytes / 1e9).toFixed(2)} | ${w.readbacks} | ${w.submits} | ${w.modelSteps.toExponential(2)} | ${ms.toFixed(1)} | ${stepsMs.toFixed(1)} |`;
};
console.log(`${loss}, n = ${n}, p = ${p}, ρ = ${rho}, ${K} λ solved, metric ${metric}; float64 twin ${twinSeconds.toFixed(1)} s`);
console.log(`rounds (max over each block's columns, summed) ${work.outerIterations}, passes over X̃ per λ ${(work.columnPasses / K).toFixed(2)}, ` +
  `unconverged ${solution.converged.filter((c) => !c).length}, largest objective gap to coordinate descent ${gap.toExponential(1)}`);
console.log(`projection at ${describeProjection(DEFAULT_PROJECTION)} (a model, not a measurement):`);
console.log('| counted at | GFLOP | GB | readbacks | submits | model steps | projected ms | of which model steps ms |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(row(`n = ${n}`, work));
if (values['scale-to']) {
  const N = parsePositiveInteger(values['scale-to']);
  // Per-sample terms scale with n; the model solves (no pass over the samples) and the counts do not.
  const scaled: WorkCount = { ...work, flops: work.flops * (N / n), bytes: work.bytes * (N / n) };
  console.log(row(`n = ${N} (flops and bytes × ${N / n}: an extrapolation)`, scaled));
}

// The proximal Newton block's shared metric (newton.ts): one Gram matrix for a group of λ
// columns from each sample's largest curvature over them. The ops' meaning on the float64 twin
// (closed forms), the same optimum as exact Newton and coordinate descent, and the cost rule's
// choices at sizes where one or the other is cheaper.

import { describe, expect, it } from 'vitest';
import { cpuBatchBackend } from '../src/solvers/batched/cpu-backend.js';
import { fitPath } from '../src/api/fit-path.js';
import type { FitOptions, LossName } from '../src/problem/types.js';
import { standardize } from '../src/problem/standardize.js';
import { validate } from '../src/problem/validate.js';
import { hasNewton } from '../src/solvers/batched/backend.js';
import { sharesMetric } from '../src/solvers/batched/newton.js';
import { solveBatched } from '../src/solvers/batched/solve.js';
import { noPathWork } from '../src/solvers/batched/work.js';
import { workDoubles } from '../src/solvers/engines.js';
import { readFixtureCsv } from './helpers/data.js';

const FILES: Partial<Record<LossName, string>> = { logistic: 'logistic.csv', poisson: 'poisson.csv', huber: 'robust.csv' };

function opened(loss: LossName) {
  const data = readFixtureCsv(FILES[loss]!);
  const problem = validate({ X: data.X, y: data.y }, { loss });
  return { problem, std: standardize(problem, workDoubles(problem)) };
}

describe('the shared metric ops on the float64 twin', () => {
  it('curvatures into one column are the largest per sample over the active columns', async () => {
    const { problem, std } = opened('logistic');
    const loss = problem.loss;
    if (!loss.smooth) throw new Error('logistic is smooth');
    const ops = await cpuBatchBackend.open(problem, std);
    if (!hasNewton(ops)) throw new Error('the twin has the Newton ops');
    const n = problem.nSamples;
    const K = 5;
    const eta = ops.alloc('samples', K);
    const values = Float64Array.from({ length: n * K }, (_, at) => Math.sin(at * 0.37) * 3);
    ops.write(eta, values);
    const active = Int32Array.from([0, 2, 3]);
    ops.setActive(active);
    const each = ops.alloc('samples', K);
    const largest = ops.alloc('samples', 1);
    ops.curvatures(eta, each);
    ops.curvatures(eta, largest);
    const [h, top] = [await ops.read(each), await ops.read(largest)];
    for (let i = 0; i < n; i++) {
      const expected = Math.max(...Array.from(active, (k) => std.wn[i] * loss.curvature(problem.y[i], values[k * n + i])));
      expect(top[i]).toBeCloseTo(expected, 15);
      expect(top[i]).toBe(Math.max(...Array.from(active, (k) => h[k * n + i])));
    }
    // The Gram matrix of one-column weights is X̃_Sᵀ diag(h) X̃_S with h that column.
    const features = Int32Array.from([0, 3, problem.nFeatures]);
    const Q = ops.allocGram(3, 1);
    ops.weightedGram(features, largest, Q);
    const q = await ops.read(Q);
    const column = (j: number, i: number) => (j === problem.nFeatures ? 1 : std.Xs[j * n + i]);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += column(features[a], i) * top[i] * column(features[b], i);
        expect(q[a * 3 + b]).toBeCloseTo(s, 12);
      }
    }
    ops.release();
  });
});

describe('shared and exact curvature reach the same optimum', () => {
  const cases: [LossName, FitOptions][] = [
    ['logistic', { alpha: 1 }], ['logistic', { alpha: 0.5 }], ['poisson', { alpha: 1 }], ['huber', { alpha: 0.7, delta: 1 }],
  ];
  it.each(cases)('%s %o: every λ within 1e-9 of coordinate descent, KKT met', async (loss, options) => {
    const data = readFixtureCsv(FILES[loss]!);
    const fit = await fitPath({ X: data.X, y: data.y }, { loss, ...options, nLambda: 40, tol: 1e-13 });
    const problem = validate({ X: data.X, y: data.y }, { loss, ...options });
    const std = standardize(problem, workDoubles(problem));
    const lambdas = Float64Array.from(fit.lambda);
    const b0Start = problem.loss.nullEta(problem.y, problem.weights);
    const kktTolerance = 1e-9 * fit.lambda[0];
    const rounds: Record<string, number> = {};
    for (const metric of ['exact', 'shared'] as const) {
      const work = noPathWork();
      const solution = await solveBatched(problem, std, lambdas, { b0Start, kktTolerance, maxIterations: 100_000, metric, work });
      rounds[metric] = work.outerIterations;
      expect(solution.converged.every(Boolean), metric).toBe(true);
      solution.kkt.forEach((v) => expect(v).toBeLessThanOrEqual(kktTolerance));
      fit.lambda.forEach((lambda, k) => {
        // CD's fit on the standardized scale.
        const betaCd = fit.beta[k].map((b, j) => b * std.scale[j]);
        const b0Cd = fit.intercept[k] + fit.beta[k].reduce((sum, b, j) => sum + b * std.center[j], 0);
        const f = standardizedObjective(problem, std, lambda, solution.interceptStd[k], solution.betaStd[k]);
        const fCd = standardizedObjective(problem, std, lambda, b0Cd, betaCd);
        expect((f - fCd) / Math.abs(fCd), `${metric} at λ = ${lambda}`).toBeLessThan(1e-9);
      });
    }
    // One shared matrix per round converges linearly: more rounds than Newton's, never fewer.
    expect(rounds.shared).toBeGreaterThanOrEqual(rounds.exact);
    std.heap.release();
  });
});

describe('the metric the cost rule takes', () => {
  it('each column its own where the Gram matrices are cheap next to a round', () => {
    expect(sharesMetric('auto', 1000, 100, 32)).toBe(false);
    expect(sharesMetric('auto', 100_000, 10, 32)).toBe(false);
  });
  it('one shared where the per-column matrices cost more than the rounds it adds (n = 100,000, m = 1,000)', () => {
    expect(sharesMetric('auto', 100_000, 1000, 32)).toBe(true);
    expect(sharesMetric('auto', 10_000, 1000, 32)).toBe(true);
  });
  it('one column is its own metric; the choices a caller forces', () => {
    expect(sharesMetric('auto', 100_000, 1000, 1)).toBe(false);
    expect(sharesMetric('exact', 100_000, 1000, 32)).toBe(false);
    expect(sharesMetric('shared', 10, 2, 32)).toBe(true);
  });
});

/** Σ wn ℓ(y, b̃0 + X̃β̃) + λ Σ v_j (α|β̃_j| + (1−α)/2 β̃_j²): the standardized problem's objective. */
function standardizedObjective(
  problem: ReturnType<typeof validate>, std: ReturnType<typeof standardize>, lambda: number, b0: number, beta: ArrayLike<number>,
): number {
  const n = problem.nSamples;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let eta = b0;
    for (let j = 0; j < beta.length; j++) eta += std.Xs[j * n + i] * beta[j];
    loss += std.wn[i] * problem.loss.value(problem.y[i], eta);
  }
  let penalty = 0;
  for (let j = 0; j < beta.length; j++) {
    penalty += problem.penaltyFactor[j] * (problem.alpha * Math.abs(beta[j]) + 0.5 * (1 - problem.alpha) * beta[j] * beta[j]);
  }
  return loss + lambda * penalty;
}

// The refits of the relaxed lasso (option relax; glmnet's relax.glmnet): for each λ of a solved
// path, the model refit on that λ's support (its nonzero coefficients) with no penalty, the
// same loss, weights, bounds, intercept and standardization. Each refit is a path of the one
// λ = 0 on the support's columns alone, solved by the same coordinate-descent engines as any
// path (the piecewise-linear engine's exact simplex for absolute and quantile: an LP), with the
// elastic net in place of the fit's penalty: at λ = 0 no penalty has any effect. A support that
// repeats from one λ to the next is refit once. As glmnet: a support of more than n − 3 features
// (its maxp) is not refit, and such a λ takes the refit of the last λ that was (blend.relaxed's
// extend); the empty support's refit is the null model, which the path has already.

import { PENALTIES } from '../penalties/registry.js';
import type { MatrixInput } from '../problem/matrix.js';
import type { RelaxedPath } from '../problem/relaxed.js';
import { type CscMatrix, isSparse } from '../problem/sparse-matrix.js';
import { standardize } from '../problem/standardize.js';
import type { Problem } from '../problem/validate.js';
import { workDoubles } from './engines.js';
import { type PathControl, solvePath } from './path.js';
import { toOriginalScale } from './unstandardize.js';

/** What the refits need of the solved path, original scale. */
export interface PenalizedPath {
  lambda: number[];
  intercept: number[];
  beta: number[][];
  devRatio: number[];
  objective: number[];
  converged: boolean[];
}

interface Refit {
  intercept: number;
  beta: number[];
  devRatio: number;
  objective: number;
  converged: boolean;
}

/** glmnet's devmax: a deviance ratio above it is a saturated fit. */
const SATURATED_DEV_RATIO = 0.999;

/** glmnet's maxp of relax.glmnet: the largest support refit (n − 3), at least the empty one. */
export const maxRefitFeatures = (nSamples: number): number => Math.max(nSamples - 3, 0);

/** The refits of every λ of `path`, and the warnings they give. */
export async function relaxedRefits(problem: Problem, path: PenalizedPath, gamma: number[], control: PathControl = {}): Promise<{ relaxed: RelaxedPath; warnings: string[] }> {
  const maxp = maxRefitFeatures(problem.nSamples);
  const bySupport = new Map<string, Refit>();
  const refits: (Refit | null)[] = [];
  let failed = 0;
  for (let k = 0; k < path.lambda.length; k++) {
    const support = path.beta[k].flatMap((b, j) => (b !== 0 ? [j] : []));
    if (support.length === 0) {
      const { intercept, devRatio, objective, converged } = path;
      refits.push({ intercept: intercept[k], beta: path.beta[k].slice(), devRatio: devRatio[k], objective: objective[k], converged: converged[k] });
      continue;
    }
    if (support.length > maxp) {
      refits.push(null);
      continue;
    }
    const key = support.join(',');
    let refit = bySupport.get(key);
    if (!refit) {
      refit = await refitSupport(problem, support, control);
      if (!refit.converged) failed++;
      bySupport.set(key, refit);
    }
    refits.push(refit);
  }
  const saturated = [...bySupport.values()].filter((refit) => refit.devRatio > SATURATED_DEV_RATIO).length;
  const warnings = refitWarnings(refits, path.lambda, maxp, failed, problem.maxIter);
  if (saturated > 0) {
    warnings.push(
      `relax: ${saturated} refit${saturated === 1 ? ' fits' : 's fit'} the data almost exactly (deviance ratio above ${SATURATED_DEV_RATIO}, glmnet's devmax): ` +
        'where the loss has no finite optimum there (logistic on rows its support separates, Poisson with zero counts), the coefficients are where the iteration stopped, and glmnet\'s stop elsewhere',
    );
  }
  return { relaxed: heldAtLastRefit(refits, path, gamma), warnings };
}

/** The refit of one support: the problem on its columns, λ = 0, with coefficients back in all p places. */
async function refitSupport(problem: Problem, support: number[], control: PathControl): Promise<Refit> {
  const sub = supportProblem(problem, support);
  const std = standardize(sub, workDoubles(sub));
  try {
    const solution = await solvePath(sub, std, { signal: control.signal, pauseEveryMs: control.pauseEveryMs });
    const { intercept, beta } = toOriginalScale(solution, std, sub);
    const full = new Array<number>(problem.nFeatures).fill(0);
    support.forEach((j, c) => (full[j] = beta[0][c]));
    return {
      intercept: intercept[0], beta: full, devRatio: solution.devRatio[0],
      objective: solution.lossValue[0] + solution.penaltyValue[0], converged: solution.converged[0],
    };
  } finally {
    std.heap.release();
  }
}

/** The problem restricted to `support`'s columns, unpenalized: one λ = 0, on the CPU's coordinate descent. */
function supportProblem(problem: Problem, support: number[]): Problem {
  const m = support.length;
  const pick = (values: Float64Array) => Float64Array.from(support, (j) => values[j]);
  return {
    ...problem,
    X: { data: supportColumns(problem.X, problem.nSamples, problem.nFeatures, support), nRows: problem.nSamples, nCols: m, layout: 'column-major' },
    nFeatures: m,
    featureNames: support.map((j) => problem.featureNames[j]),
    // λ = 0: no penalty acts, whatever the fit's; the elastic net's engines take any loss.
    penalty: { spec: PENALTIES.enet, gamma: NaN, groups: null },
    alpha: 1,
    penaltyFactor: new Float64Array(m).fill(1),
    excluded: new Uint8Array(m),
    lower: pick(problem.lower),
    upper: pick(problem.upper),
    userLambda: Float64Array.of(0),
    nLambda: 1,
    limits: { dfmax: null, pmax: null },
    solver: 'cd',
    backend: 'cpu',
    polish: false,
    breakpoints: false,
    relax: null,
  };
}

/** The columns `support` of a checked X (any layout), column-major float64, n × |support|. */
function supportColumns(X: MatrixInput | CscMatrix, n: number, p: number, support: number[]): Float64Array {
  const out = new Float64Array(n * support.length);
  if (isSparse(X)) {
    const { indptr, indices, values } = X as CscMatrix;
    support.forEach((j, c) => {
      for (let e = indptr[j]; e < indptr[j + 1]; e++) out[c * n + indices[e]] = values[e];
    });
    return out;
  }
  if (Array.isArray(X)) {
    for (let i = 0; i < n; i++) support.forEach((j, c) => (out[c * n + i] = X[i][j]));
    return out;
  }
  const { data, layout } = X as Exclude<MatrixInput, ArrayLike<number>[]>;
  support.forEach((j, c) => {
    for (let i = 0; i < n; i++) out[c * n + i] = layout === 'column-major' ? data[j * n + i] : data[i * p + j];
  });
  return out;
}

/**
 * The relaxed path: each λ its refit; a λ not refit (support over maxp) takes the refit of the
 * last λ that was, as glmnet's blend.relaxed (extend = TRUE) does; where none was, the penalized
 * fit itself (glmnet stops with an error there).
 */
function heldAtLastRefit(refits: (Refit | null)[], path: PenalizedPath, gamma: number[]): RelaxedPath {
  let last = -1;
  refits.forEach((refit, k) => (refit ? (last = k) : undefined));
  const at = (k: number): Refit => {
    const refit = refits[k] ?? (last >= 0 ? refits[last] : null);
    if (refit) return refit;
    return { intercept: path.intercept[k], beta: path.beta[k], devRatio: path.devRatio[k], objective: path.objective[k], converged: path.converged[k] };
  };
  const all = refits.map((_, k) => at(k));
  return {
    gamma: gamma.slice(),
    intercept: all.map((r) => r.intercept),
    beta: all.map((r) => r.beta.slice()),
    devRatio: all.map((r) => r.devRatio),
    objective: all.map((r) => r.objective),
    converged: all.map((r) => r.converged),
    refit: refits.map((r) => r !== null),
  };
}

function refitWarnings(refits: (Refit | null)[], lambda: number[], maxp: number, failed: number, maxIter: number): string[] {
  const warnings: string[] = [];
  const held = refits.flatMap((r, k) => (r ? [] : [k]));
  if (held.length > 0) {
    const last = refits.map((r, k) => (r ? k : -1)).reduce((a, b) => Math.max(a, b), -1);
    const to = last >= 0 ? `the refit of λ_${last + 1} = ${lambda[last].toPrecision(4)} (glmnet's blend)` : 'the penalized fit (no λ could be refit)';
    warnings.push(`relax: ${held.length} λ have more than n − 3 = ${maxp} features in their support (glmnet's maxp) and are not refit; their relaxed fit is ${to}`);
  }
  if (failed > 0) {
    warnings.push(`relax: ${failed} unpenalized refit${failed === 1 ? '' : 's'} did not converge within maxIter = ${maxIter} passes (see relaxed.converged)`);
  }
  return warnings;
}

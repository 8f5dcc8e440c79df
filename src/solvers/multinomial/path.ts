// The multinomial path by coordinate descent, as glmnet computes it: the null model (intercepts
// at the log class proportions, unpenalized features fitted), λ_max from its gradients, glmnet's
// λ sequence, warm starts, sequential strong rules, the KKT check of the other features, and a
// float64 certificate at every λ. The default path ends early by lognet's rule.

import { absoluteChangeStop, MIN_LAMBDAS_BEFORE_STOP } from '../../losses/path-stop.js';
import { nullIntercepts } from '../../losses/multinomial.js';
import { defaultLambdas } from '../../problem/lambda.js';
import type { MultinomialProblem } from '../../problem/multinomial-options.js';
import type { Standardized } from '../../problem/standardized.js';
import type { ProgressEvent } from '../../problem/types.js';
import { type Pacer } from '../pacer.js';
import { groupPenalty, solveGrouped } from './grouped.js';
import { type MultinomialLimits, multinomialLimitEnds } from './path-limits.js';
import type { MultinomialSolution } from './solution.js';
import { addViolators, applyStrongRule, kktViolation, multinomialLambdaMax } from './screening.js';
import { classPenalty, type InnerReport, solveUngrouped } from './ungrouped.js';
import { allGradients, makeWorkspace, type MultinomialWorkspace, setLevels, workingResiduals } from './workspace.js';

export type { MultinomialSolution } from './solution.js';

type InnerSolve = (ws: MultinomialWorkspace, list: MultinomialWorkspace['strong'], maxPasses: number, pacer: Pacer) => Promise<InnerReport>;

interface PathContext {
  mp: MultinomialProblem;
  ws: MultinomialWorkspace;
  G: Float64Array;
  solve: InnerSolve;
  pacer: Pacer;
}

/**
 * The inner solver: grouped, the bounded-Hessian IRLS over all classes at once; ungrouped,
 * glmnet's cycle over the classes (measured faster than the bounded-Hessian IRLS with coordinate
 * steps per class: 4.7 s against 9.1 s on bench/multinomial-rows.ts's n = 1000, C = 10 row).
 */
function chooseSolver(mp: MultinomialProblem): InnerSolve {
  return mp.grouped ? solveGrouped : solveUngrouped;
}

/** The loss, residuals and gradients at the current state (its exponentials kept current by the solvers); returns the mean loss. */
function measure(ctx: PathContext): number {
  const loss = ctx.ws.state.loss();
  workingResiduals(ctx.ws);
  allGradients(ctx.ws, ctx.G);
  return loss;
}

/**
 * Solves the strong set, checks the rest, and solves again while some violate. At λ ≥ λ_max
 * (`screen` false) every penalized coefficient is 0 by definition: the check would only add the
 * feature that set λ_max, by rounding.
 */
async function solveLambda(ctx: PathContext, screen: boolean): Promise<InnerReport & { loss: number }> {
  const { ws, mp } = ctx;
  let passes = 0;
  for (;;) {
    const report = await ctx.solve(ws, ws.strong, Math.max(1, mp.base.maxIter - passes), ctx.pacer);
    passes += report.passes;
    const loss = measure(ctx);
    if (!report.converged || !screen || addViolators(ws, ctx.G, mp.grouped) === 0) return { passes, converged: report.converged, loss };
    ws.strong.sort();
  }
}

function penaltyNow(ctx: PathContext): number {
  const { ws } = ctx;
  if (ctx.mp.grouped) return groupPenalty(ws, ws.strong);
  let s = 0;
  for (let c = 0; c < ws.nClasses; c++) s += classPenalty(ws, c, ws.strong);
  return s;
}

/** The null model, the unpenalized features fitted, λ_max and the sequence. */
async function startPath(ctx: PathContext, solution: MultinomialSolution): Promise<Float64Array> {
  const { ws, mp } = ctx;
  const problem = mp.base;
  const v = problem.penaltyFactor;
  for (let t = 0; t < ws.usableList.count; t++) if (v[ws.usableList.data[t]] === 0) ws.strong.add(ws.usableList.data[t]);
  setLevels(ws, 0, problem.alpha, v);
  if (ws.strong.count > 0) await ctx.solve(ws, ws.strong, problem.maxIter, ctx.pacer);
  measure(ctx);
  const lamMax = multinomialLambdaMax(ws, ctx.G, v, problem.alpha, mp.grouped);
  solution.lambdaMax = lamMax;
  if (problem.userLambda) return problem.userLambda;
  if (lamMax > 0) return defaultLambdas(lamMax, problem.nLambda, problem.lambdaMinRatio);
  solution.warnings.push('every penalized coefficient is 0 at any λ (no usable penalized feature): the path has the single λ = 0');
  return new Float64Array([0]);
}

export async function solveMultinomialPath(
  mp: MultinomialProblem,
  std: Standardized,
  pacer: Pacer,
  onProgress?: (event: ProgressEvent) => void,
): Promise<MultinomialSolution> {
  const problem = mp.base;
  const b0 = nullIntercepts(mp.classOf, problem.weights, mp.nClasses, problem.intercept);
  const ws = makeWorkspace(std, mp.classOf, mp.nClasses, b0, problem.intercept, 0);
  const lossNull = ws.state.refresh();
  ws.thr = problem.tol * lossNull; // glmnet's shr = thresh × dev0, dev0 the null mean loss
  const ctx: PathContext = { mp, ws, G: new Float64Array(mp.nClasses * ws.nFeatures), solve: chooseSolver(mp), pacer };
  const solution: MultinomialSolution = {
    lambda: [], betaStd: [], interceptStd: [], lossValue: [], penaltyValue: [], devRatio: [], passes: [], converged: [],
    kktViolation: [], lambdaMax: 0, nullDeviance: 2 * lossNull, warnings: [],
  };
  const lambdas = await startPath(ctx, solution);
  const { lambdaMax } = solution;
  let lambdaPrev = Math.max(lambdaMax, lambdas[0]);
  let iterations = 0;
  const limits: MultinomialLimits = { ...problem.limits, nFeatures: ws.nFeatures, nClasses: mp.nClasses, ever: new Uint8Array(ws.nFeatures) };
  const everCount = { value: 0 };
  for (let k = 0; k < lambdas.length; k++) {
    await pacer.step();
    const lambda = lambdas[k];
    setLevels(ws, lambda, problem.alpha, problem.penaltyFactor);
    const screen = lambda < lambdaMax;
    if (screen) applyStrongRule(ws, ctx.G, problem.penaltyFactor, problem.alpha, mp.grouped, lambda, lambdaPrev);
    ws.strong.sort();
    const { passes, converged, loss } = await solveLambda(ctx, screen);
    const kkt = kktViolation(ws, ctx.G, mp.grouped);
    solution.lambda.push(lambda);
    solution.betaStd.push(Float64Array.from(ws.state.beta.data));
    solution.interceptStd.push(Float64Array.from(ws.state.b0));
    solution.lossValue.push(loss);
    solution.penaltyValue.push(penaltyNow(ctx));
    solution.devRatio.push(lossNull > 0 ? 1 - loss / lossNull : 0);
    solution.passes.push(passes);
    solution.converged.push(converged);
    solution.kktViolation.push(lambdaMax > 0 ? kkt / lambdaMax : kkt);
    iterations += passes;
    onProgress?.({ solved: k + 1, total: lambdas.length, lambda, iterations });
    lambdaPrev = lambda;
    if (multinomialLimitEnds(limits, solution, everCount)) break;
    if (!problem.userLambda && k + 1 >= MIN_LAMBDAS_BEFORE_STOP && absoluteChangeStop(solution.devRatio)) break;
  }
  const failed = solution.converged.filter((c) => !c).length;
  if (failed > 0) {
    solution.warnings.push(
      `${failed} of ${solution.lambda.length} λ values did not converge within maxIter = ${problem.maxIter} passes; their coefficients are not optimal (see converged and kktViolation)`,
    );
  }
  return solution;
}

// The regularization path by coordinate descent, as glmnet computes it: warm starts from the
// previous λ, sequential strong rules to guess the active features, a KKT check over the rest,
// and an engine (covariance, naive or IRLS) that does the coordinate updates.

import { defaultLambdas } from '../problem/lambda.js';
import { MIN_LAMBDAS_BEFORE_STOP, saturationStop } from '../losses/path-stop.js';
import type { Standardized } from '../problem/standardize.js';
import type { PathWork, ProgressEvent } from '../problem/types.js';
import type { Problem } from '../problem/validate.js';
import type { Method } from './engines.js';
import type { CoordinateEngine, CoordinatePenalty, SolveReport } from './engine.js';
import { needsMajorizer, solveByLla } from './lla.js';
import { makeEngine } from './engines.js';
import { isConstantResponse, nullDeviance, nullIntercept, saturatedMean } from './null-model.js';
import { addViolators, applyStrongRule, certificate, penaltyLambdaMax, pruneStrongSet } from './screening.js';
import { IndexList } from './cd-loop.js';
import { PathGradients } from './path-gradients.js';
import { limitEnds } from './path-limits.js';
import { type Coefficients, compactCoefficients, type PathLists } from './path-lists.js';
import { NO_PAUSE, Pacer } from './pacer.js';
import type { BreakpointTrace } from './breakpoint-trace.js';

export interface PathSolution extends PathLists {
  lambdaMax: number;
  /** 2 Σ (w_i/n) (ℓ(y_i, η_null) − ℓ_sat(y_i)): the null deviance per unit weight. */
  nullDeviance: number;
  method: Method;
  /** Batched paths: the work the backend was asked to do (work.ts). */
  work?: PathWork;
  /** The exact path's breakpoints, when asked for (breakpoint-trace.ts). */
  breakpoints?: BreakpointTrace;
}

export interface PathControl {
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Work between two pauses for the signal (default PAUSE_EVERY_MS; tests set 0). */
  pauseEveryMs?: number;
}

/** The pacer of one solve: pauses so that `control.signal` is seen (see pacer.ts). */
export const pacerOf = (control: PathControl): Pacer => new Pacer(control.signal, control.pauseEveryMs);

/**
 * Sets the per-coordinate penalty of λ: l1 = λαv_j, l2 = λ(1−α)v_j; 0 for grouped penalties,
 * whose blocks take their levels from λ and the spec.
 */
export function setPenalty(penalty: CoordinatePenalty, problem: Problem, lambda: number): void {
  const { alpha, penaltyFactor } = problem;
  const grouped = penalty.spec.traits.grouped;
  const l1Share = grouped ? 0 : alpha;
  const l2Share = grouped ? 0 : 1 - alpha;
  penalty.lambda = lambda;
  for (let j = 0; j < penaltyFactor.length; j++) {
    penalty.l1[j] = lambda * l1Share * penaltyFactor[j];
    penalty.l2[j] = lambda * l2Share * penaltyFactor[j];
  }
}

/**
 * Whether the path ends after its last λ, as glmnet's does: dfmax and pmax (path-limits.ts), and
 * on a default path the loss's rule on the deviance ratio. A nonconvex penalty's ratio plateaus once the true support is fitted
 * unbiased, long before the path's end, so its path ends only on saturation, and runs the
 * whole sequence otherwise, as ncvreg's does. A user's λ list is always solved in full.
 */
export function pathEnds(problem: Problem, solution: PathSolution): boolean {
  // dfmax and pmax end any path, a user's λ list too (pmax drops the λ that broke it).
  if (limitEnds(problem, solution)) return true;
  const solved = solution.lambda.length;
  if (problem.userLambda || solved < MIN_LAMBDAS_BEFORE_STOP) return false;
  const { devRatio } = solution;
  return problem.penalty.spec.traits.convex ? problem.loss.pathStop(devRatio) : saturationStop(devRatio);
}

/** The path's start: the null fit (with the unpenalized features), λ_max and the λ sequence. */
export interface PathStart {
  made: ReturnType<typeof makeEngine>;
  penalty: CoordinatePenalty;
  strong: IndexList;
  gradients: PathGradients;
  lambdaMax: number;
  lambdas: Float64Array;
  /** The null model's intercept (or 0): its predictor, plus the problem's offset if any. */
  eta0: number;
  devNull: number;
  satMean: number;
  warnings: string[];
}

export async function startPath(problem: Problem, std: Standardized, pacer: Pacer = NO_PAUSE): Promise<PathStart> {
  const p = problem.nFeatures;
  const { usable } = std;
  const eta0 = nullIntercept(problem);
  const devNull = nullDeviance(problem, eta0, std.wn);
  const satMean = saturatedMean(problem, std.wn);
  const thr = problem.tol * devNull;
  if (problem.intercept && isConstantResponse(problem.y, std.wn, devNull)) {
    // A constant response is fitted exactly by the intercept: every coefficient is 0 at every
    // λ. Said outright, because rounding in the mean would otherwise leave gradients of 1e-30.
    usable.fill(0);
  }
  const made = makeEngine(problem, std, eta0, thr);
  const { engine } = made;

  const l1 = std.heap.alloc(p);
  const l2 = std.heap.alloc(p);
  const { spec, gamma, groups } = problem.penalty;
  const penalty: CoordinatePenalty = {
    spec, params: { alpha: problem.alpha, gamma }, groups, lambda: 0,
    l1: l1.data, l2: l2.data, lower: std.lower, upper: std.upper,
    l1Ptr: l1.ptr, l2Ptr: l2.ptr, lowerPtr: std.lowerPtr, upperPtr: std.upperPtr,
  };
  setPenalty(penalty, problem, 0); // heap memory starts with arbitrary contents
  const strong = new IndexList(std.heap, p);
  // Unpenalized features are always in play, and fitted before λ_max is measured, as glmnet does.
  for (let j = 0; j < p; j++) if (usable[j] && problem.penaltyFactor[j] === 0) strong.add(j);
  if (strong.count > 0) await engine.solve(strong, penalty, problem.maxIter, pacer);

  // Gradient at the null fit (penalized β̃ = 0, intercept and unpenalized features fitted):
  // λ_max and the first strong rule.
  const gradients = new PathGradients(std.heap, std, problem.nSamples);
  engine.prepareGradients();
  gradients.refreshOutside(engine, strong, penalty);
  gradients.refreshStrong(engine, strong);
  const lamMax = penaltyLambdaMax(gradients.g, problem.penaltyFactor, usable, penalty);
  const warnings: string[] = [];
  let lambdas: Float64Array;
  if (problem.userLambda) lambdas = problem.userLambda;
  else if (lamMax > 0) lambdas = defaultLambdas(lamMax, problem.nLambda, problem.lambdaMinRatio);
  else {
    lambdas = new Float64Array([0]);
    warnings.push('every penalized coefficient is 0 at any λ (constant response or features): the path has the single λ = 0');
  }
  return { made, penalty, strong, gradients, lambdaMax: lamMax, lambdas, eta0, devNull, satMean, warnings };
}

/** The warning for λ values that did not converge, if any. */
export function convergenceWarning(solution: PathSolution, what: string, maxIter: number): void {
  const failed = solution.converged.filter((c) => !c).length;
  if (failed > 0) {
    solution.warnings.push(
      `${failed} of ${solution.lambda.length} λ values did not converge within maxIter = ${maxIter} ${what}; ` +
        'their coefficients are not optimal (see converged and kktViolation)',
    );
  }
}

/** One λ's coordinate-descent solution, its certificate and its loss (standardized scale). */
export interface LambdaSolution {
  betaStd: Coefficients;
  interceptStd: number;
  lossValue: number;
  penaltyValue: number;
  /** Largest subdifferential distance (absolute). */
  kkt: number;
  passes: number;
  converged: boolean;
}

/**
 * Solves one λ from the engine's current state: the strong set (pruned, then the sequential
 * strong rule from λ_prev), coordinate descent on it, the KKT check of the other features, more
 * passes while some violate, and the certificate. Leaves g at the solution for the next λ.
 */
export async function solveLambda(
  problem: Problem,
  std: Standardized,
  start: PathStart,
  engine: CoordinateEngine,
  lambda: number,
  lambdaPrev: number,
  pacer: Pacer,
): Promise<LambdaSolution> {
  const { usable } = std;
  const { penalty, strong, gradients } = start;
  const g = gradients.g;
  setPenalty(penalty, problem, lambda);
  pruneStrongSet(strong, engine.everActive, usable, problem.penaltyFactor, penalty.groups);
  // The breakpoints between two λ are those of every feature: no screening.
  if (problem.breakpoints) for (let j = 0; j < usable.length; j++) if (usable[j] && !strong.flag[j]) strong.add(j);
  applyStrongRule(strong, g, usable, penalty, problem.penaltyFactor, lambdaPrev);
  strong.sort();
  const solveWith = (view: CoordinatePenalty, maxPasses: number) => solveStrong(std, start, engine, view, maxPasses, pacer);
  const { passes, converged } = needsMajorizer(problem, penalty)
    ? await solveByLla(penalty, engine, problem.maxIter, solveWith)
    : await solveWith(penalty, problem.maxIter);
  // Gradients of the strong set at the solution: the certificate and the next strong rule.
  const beta = engine.beta;
  gradients.refreshStrong(engine, strong);
  const { kkt, penalty: pen } = certificate(strong, g, beta, penalty, usable);
  return {
    betaStd: compactCoefficients(beta), interceptStd: engine.intercept() + start.made.interceptShift, lossValue: engine.lossValue(),
    penaltyValue: pen, kkt, passes, converged,
  };
}

/**
 * Coordinate descent on the strong set, the KKT check of the other features, and more passes
 * while some violate (they join the strong set).
 */
async function solveStrong(
  std: Standardized,
  start: PathStart,
  engine: CoordinateEngine,
  penalty: CoordinatePenalty,
  maxPasses: number,
  pacer: Pacer,
): Promise<SolveReport> {
  const { strong, gradients } = start;
  let passes = 0;
  let converged = true;
  for (;;) {
    const report = await engine.solve(strong, penalty, maxPasses - passes, pacer);
    passes += report.passes;
    converged = report.converged;
    engine.prepareGradients();
    gradients.refreshOutside(engine, strong, penalty);
    const violations = addViolators(strong, gradients.g, std.usable, penalty);
    if (violations === 0 || !converged) break;
    strong.sort();
  }
  return { passes, converged };
}

/** Appends one λ's solution to a path (its deviance ratio and its KKT violation relative to λ_max). */
export function pushLambda(solution: PathSolution, start: PathStart, lambda: number, at: LambdaSolution): void {
  const lamMax = start.lambdaMax;
  solution.lambda.push(lambda);
  solution.betaStd.push(at.betaStd);
  solution.interceptStd.push(at.interceptStd);
  solution.lossValue.push(at.lossValue);
  solution.penaltyValue.push(at.penaltyValue);
  solution.devRatio.push(start.devNull > 0 ? 1 - (2 * (at.lossValue - start.satMean)) / start.devNull : 0);
  solution.passes.push(at.passes);
  solution.converged.push(at.converged);
  solution.kktViolation.push(lamMax > 0 ? at.kkt / lamMax : at.kkt);
}

/** A path with no λ yet, for the start's λ_max, null deviance and warnings. */
export function emptyPath(start: PathStart, method: Method): PathSolution {
  return {
    lambda: [], betaStd: [], interceptStd: [], lossValue: [], penaltyValue: [], devRatio: [], passes: [],
    converged: [], kktViolation: [], lambdaMax: start.lambdaMax, nullDeviance: start.devNull, method,
    warnings: [...start.warnings],
  };
}

export async function solvePath(problem: Problem, std: Standardized, control: PathControl = {}, start?: PathStart): Promise<PathSolution> {
  const pacer = pacerOf(control);
  start ??= await startPath(problem, std, pacer);
  const { made, lambdas } = start;
  let { engine, method } = made;
  const solution = emptyPath(start, method);
  let iterationsSoFar = 0; // for the progress events

  let lambdaPrev = Math.max(start.lambdaMax, lambdas[0]);
  for (let k = 0; k < lambdas.length; k++) {
    await pacer.step();
    const lambda = lambdas[k];
    // n ≫ p and residual updates converging slowly: continue on the Gram matrix.
    const next = method === 'naive' ? made.handover?.() : null;
    if (next) {
      engine = next;
      method = solution.method = 'naive-then-covariance';
    }
    pushLambda(solution, start, lambda, await solveLambda(problem, std, start, engine, lambda, lambdaPrev, pacer));
    iterationsSoFar += solution.passes[solution.passes.length - 1];
    control.onProgress?.({ solved: k + 1, total: lambdas.length, lambda, iterations: iterationsSoFar });
    lambdaPrev = lambda;

    if (pathEnds(problem, solution)) break;
  }
  convergenceWarning(solution, 'passes', problem.maxIter);
  const breakpoints = engine.breakpoints?.();
  if (breakpoints) {
    solution.breakpoints = breakpoints;
    const { gaps } = breakpoints;
    if (gaps.length > 0) {
      const width = gaps.map(([low, high]) => `${low.toPrecision(4)}–${high.toPrecision(4)}`).slice(0, 5).join(', ');
      solution.warnings.push(
        `breakpoints: ${gaps.length} stretch${gaps.length === 1 ? '' : 'es'} of λ (standardized scale: ${width}${gaps.length > 5 ? ', …' : ''}) ` +
          'could not be traced (ties leave the simplex degenerate there); the grid λ there are solved exactly, and coefAt interpolates inside them',
      );
    }
  }
  return solution;
}

// The multinomial path by the batched iteration (WebGPU, or its float64 twin with solver
// 'batched'): the columns of a block are (λ, class) pairs, the C classes of a λ adjacent, solved
// by FISTA through multinomialOps (one problem per group of C columns) with the step 1/L,
// L = ½·λ_max(X̃₁ᵀ diag(wn) X̃₁) (the softmax's Hessian is at most ½·I per row). The start (null
// model, unpenalized features fitted, λ_max, glmnet's sequence) is the CPU solver's own; each λ's
// objective and KKT violation are measured in float64 on the host (the twin's ops), and a λ whose
// float32 solution misses the KKT target is finished by the float64 twin from it.

import { AbortError, InputError } from '../../errors.js';
import { MIN_LAMBDAS_BEFORE_STOP, absoluteChangeStop } from '../../losses/path-stop.js';
import { defaultLambdas } from '../../problem/lambda.js';
import type { MultinomialProblem } from '../../problem/multinomial-options.js';
import type { Standardized } from '../../problem/standardize.js';
import type { ProgressEvent } from '../../problem/types.js';
import { Pacer } from '../pacer.js';
import { type MultinomialSolution, solveMultinomialPath } from '../multinomial/path.js';
import { type BatchBackend, type BatchOps, hasMultinomial } from './backend.js';
import { cpuBatchBackend } from './cpu-backend.js';
import { type BlockJob, type BlockResult, fistaBlock } from './fista.js';
import { columnsOf, groupOf, multinomialObjective, snapToBounds } from './multinomial-measure.js';
import { multinomialOps } from './multinomial-ops.js';
import { FLOAT32_EPSILON, FLOAT32_KKT_MULTIPLE, kktTarget } from './precision.js';

/** Columns per block (λ per block: this over C, at least 1). */
const BLOCK_COLUMNS = 32;
const CHECK_EVERY = 25;
/** A λ above any λ_max: the CPU solver's start at it is the null model with the unpenalized features fitted. */
const ABOVE_ALL = 1e300;

export type FinishedOn = 'webgpu' | 'cpu-batched';

export interface MultinomialBatchedSolution extends MultinomialSolution {
  /** Per λ: where its solution was finished (the backend's iteration, or the float64 twin's). */
  finishedOn: FinishedOn[];
}

interface Context {
  mp: MultinomialProblem;
  std: Standardized;
  /** The backend's ops; the twin's after the backend failed (`resumeOnTwin`). */
  ops: BatchOps;
  /** The float64 twin: certificates, and the finish of λ the backend left unconverged. */
  twin: BatchOps;
  /** The step bound L = ½·λ_max(X̃₁ᵀ diag(wn) X̃₁). */
  lipschitz: number;
  /** The backend's own stopping target: the requested one, or the float32 floor above it. */
  target: number;
  /** The KKT target of the result (float64 certificates; the twin's finish). */
  requested: number;
  signal?: AbortSignal;
}

/** Opens a backend's ops as the multinomial problem's (the capability is read, not the name). */
async function openMultinomial(backend: BatchBackend, mp: MultinomialProblem, std: Standardized): Promise<BatchOps> {
  const inner = await backend.open(mp.base, std);
  if (!hasMultinomial(inner)) {
    inner.release();
    throw new Error(`batched backend ${backend.name} has no multinomial ops`);
  }
  return multinomialOps(inner, mp.nClasses, mp.grouped);
}

/** The float32 floor of the KKT target: 64 ε₃₂ times the gradient's scale at the null model. */
function float32Floor(mp: MultinomialProblem, std: Standardized, b0: Float64Array): number {
  const C = mp.nClasses;
  const prob = Array.from(b0, Math.exp);
  const total = prob.reduce((s, v) => s + v, 0);
  let squares = 0;
  for (let i = 0; i < mp.classOf.length; i++) {
    for (let c = 0; c < C; c++) squares += std.wn[i] * ((mp.classOf[i] === c ? 1 : 0) - prob[c] / total) ** 2;
  }
  let columns = mp.base.intercept ? 1 : 0;
  for (let j = 0; j < mp.base.nFeatures; j++) if (std.usable[j]) columns = Math.max(columns, std.xv[j]);
  return FLOAT32_KKT_MULTIPLE * FLOAT32_EPSILON * Math.sqrt(squares * columns);
}

/** A block of λ on ops from `start` (one group's columns, repeated), or from per-group starts. */
function runBlock(ctx: Context, ops: BatchOps, lambdas: Float64Array, start: Float64Array, maxIterations: number): Promise<BlockResult> {
  const kktTolerance = ops === ctx.twin ? ctx.requested : ctx.target;
  const C = ctx.mp.nClasses;
  const lambda = new Float64Array(lambdas.length * C);
  lambdas.forEach((l, g) => lambda.fill(l, g * C, (g + 1) * C));
  const job: BlockJob = { lambda, start, kktTolerance, maxIterations, checkEvery: CHECK_EVERY, signal: ctx.signal };
  return fistaBlock(ops, ctx.lipschitz, job);
}

/** The float64 KKT violation of each group of a block's coefficients (the twin's ops). */
async function certify(ctx: Context, lambdas: Float64Array, coefs: Float64Array): Promise<number[]> {
  const C = ctx.mp.nClasses;
  const K = lambdas.length * C;
  const { twin } = ctx;
  const buf = (kind: 'coefs' | 'samples' | 'columns') => twin.alloc(kind, K);
  const B = buf('coefs'), G = buf('coefs'), eta = buf('samples'), D = buf('samples'), value = buf('columns'), lam = buf('columns'), kkt = buf('columns');
  const lambda = new Float64Array(K);
  lambdas.forEach((l, g) => lambda.fill(l, g * C, (g + 1) * C));
  twin.setActive(Int32Array.from({ length: K }, (_, k) => k));
  twin.write(B, coefs);
  twin.write(lam, lambda);
  twin.forwardSmooth(B, eta, D, value);
  twin.backward(D, G);
  twin.kkt(G, B, lam, kkt);
  const values = await twin.read(kkt);
  return Array.from(lambdas, (_, g) => values[g * C]);
}

/** The CPU solver's start: λ_max, and the null model with the unpenalized features fitted. */
async function startOf(mp: MultinomialProblem, std: Standardized, pacer: Pacer): Promise<{ head: MultinomialSolution; lambdas: Float64Array }> {
  const problem = mp.base;
  const head = await solveMultinomialPath({ ...mp, base: { ...problem, userLambda: Float64Array.of(ABOVE_ALL) } }, std, pacer);
  const lamMax = head.lambdaMax;
  let lambdas = problem.userLambda;
  if (!lambdas) lambdas = lamMax > 0 ? defaultLambdas(lamMax, problem.nLambda, problem.lambdaMinRatio) : Float64Array.of(0);
  return { head, lambdas };
}

/** Finishes a block's unconverged groups on the float64 twin, from their own solution. */
async function finish(ctx: Context, lambdas: Float64Array, result: BlockResult, kkt: number[], finishedOn: FinishedOn[], own: FinishedOn): Promise<void> {
  const C = ctx.mp.nClasses;
  const rows = ctx.mp.base.nFeatures + 1;
  for (let g = 0; g < lambdas.length; g++) {
    finishedOn.push(own);
    if (kkt[g] <= ctx.requested || ctx.ops === ctx.twin) continue;
    const start = result.coefs.slice(g * C * rows, (g + 1) * C * rows);
    const more = await runBlock(ctx, ctx.twin, lambdas.subarray(g, g + 1), start, ctx.mp.base.maxIter);
    result.coefs.set(more.coefs, g * C * rows);
    for (let c = 0; c < C; c++) result.iterations[g * C + c] += more.iterations[c];
    kkt[g] = more.kkt[0];
    finishedOn[finishedOn.length - 1] = 'cpu-batched';
  }
}

/**
 * A block on the backend; when the backend fails (a lost device, a failed allocation, a validation
 * error: anything but an abort or an input error), the block and the rest of the path on the
 * float64 twin, warm-started as before: the λ already solved are kept.
 */
async function blockOrResume(
  ctx: Context, block: Float64Array, start: Float64Array, at: number, warnings: string[],
): Promise<{ result: BlockResult; own: FinishedOn | null }> {
  try {
    return { result: await runBlock(ctx, ctx.ops, block, start, ctx.mp.base.maxIter), own: null };
  } catch (error) {
    if (ctx.ops === ctx.twin || error instanceof AbortError || error instanceof InputError) throw error;
    warnings.push(`the batched backend failed at λ ${at + 1} (${error instanceof Error ? error.message : String(error)}); that λ and the rest were solved by the float64 batched iteration on the CPU`);
    ctx.ops = ctx.twin;
    return { result: await runBlock(ctx, ctx.twin, block, start, ctx.mp.base.maxIter), own: 'cpu-batched' };
  }
}

export async function solveMultinomialBatched(
  mp: MultinomialProblem, std: Standardized, backend: BatchBackend, ownName: FinishedOn,
  control: {
    signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void;
    /** false: the backend's own solutions, unconverged λ not finished by the twin (tests: the device's accuracy). */
    finish?: boolean;
  } = {},
): Promise<MultinomialBatchedSolution> {
  const problem = mp.base;
  const { nFeatures: p } = problem;
  const C = mp.nClasses;
  const { head, lambdas } = await startOf(mp, std, new Pacer(control.signal));
  const lambdaMax = head.lambdaMax;
  const lossNull = head.nullDeviance / 2;
  const solution: MultinomialBatchedSolution = {
    lambda: [], betaStd: [], interceptStd: [], lossValue: [], penaltyValue: [], devRatio: [], passes: [], converged: [],
    kktViolation: [], lambdaMax, nullDeviance: head.nullDeviance, warnings: head.warnings.filter((w) => !w.includes('did not converge')), finishedOn: [],
  };
  let own = ownName;
  const ops = await openMultinomial(backend, mp, std);
  // A float64 backend certifies and finishes its own λ; a float32 one has the twin beside it.
  const twin = ops.precision === 'float64' ? ops : await openMultinomial(cpuBatchBackend, mp, std);
  try {
    const requested = kktTarget(problem.tol, lambdaMax);
    const target = ops.precision === 'float64' ? requested : Math.max(requested, float32Floor(mp, std, head.interceptStd[0]));
    const ctx: Context = { mp, std, ops, twin, lipschitz: 0.5 * (await ops.gramNorm()), target, requested, signal: control.signal };
    const objective = multinomialObjective(mp, std);
    let last = columnsOf(head.betaStd[0], head.interceptStd[0], C, p);
    const perBlock = Math.max(1, Math.floor(BLOCK_COLUMNS / C));
    let ended = false;
    for (let first = 0; first < lambdas.length && !ended; first += perBlock) {
      const block = lambdas.slice(first, first + perBlock);
      const start = new Float64Array(last.length * block.length);
      for (let g = 0; g < block.length; g++) start.set(last, g * last.length);
      const { result, own: resumed } = await blockOrResume(ctx, block, start, first, solution.warnings);
      if (resumed) own = resumed;
      if (ctx.ops.precision === 'float32') snapToBounds(result.coefs, std, p);
      const kkt = await certify(ctx, block, result.coefs);
      if (control.finish === false) solution.finishedOn.push(...Array.from(block, () => own));
      else await finish(ctx, block, result, kkt, solution.finishedOn, own);
      for (let g = 0; g < block.length && !ended; g++) {
        const { beta, b0 } = groupOf(result.coefs, g, C, p);
        const { loss, penalty } = objective(beta, b0, block[g]);
        solution.lambda.push(block[g]);
        solution.betaStd.push(beta);
        solution.interceptStd.push(b0);
        solution.lossValue.push(loss);
        solution.penaltyValue.push(penalty);
        solution.devRatio.push(lossNull > 0 ? 1 - loss / lossNull : 0);
        solution.passes.push(result.iterations[g * C]);
        solution.converged.push(kkt[g] <= requested);
        solution.kktViolation.push(lambdaMax > 0 ? kkt[g] / lambdaMax : kkt[g]);
        const k = solution.lambda.length;
        control.onProgress?.({ solved: k, total: lambdas.length, lambda: block[g], iterations: solution.passes.reduce((s, v) => s + v, 0) });
        ended = !problem.userLambda && k >= MIN_LAMBDAS_BEFORE_STOP && absoluteChangeStop(solution.devRatio);
        last = columnsOf(beta, b0, C, p);
      }
    }
  } finally {
    ops.release();
    if (twin !== ops) twin.release();
  }
  const failed = solution.converged.filter((c) => !c).length;
  if (failed > 0) solution.warnings.push(`${failed} of ${solution.lambda.length} λ values did not reach the KKT target within maxIter = ${problem.maxIter} iterations (see converged and kktViolation)`);
  solution.finishedOn.length = solution.lambda.length;
  return solution;
}

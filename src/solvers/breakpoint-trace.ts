// The exact path of a lasso-penalized absolute or quantile loss (α = 1) between the grid's λ:
// the homotopy. From the optimal vertex at one λ, its range (vertex-range.ts) says where it stops
// being optimal; just below that breakpoint the simplex pivots (one edge, as a rule) to the next
// vertex, whose range starts there, and so on down to the next grid λ, whose solution is then read
// off the path (the simplex there has nothing left to do). Each breakpoint is recorded with the
// vertex optimal below it.
//
// A step below a breakpoint must be large enough for the simplex to see the violation (its
// pricing tolerance) and small enough not to pass the next breakpoint: it starts at STEP and
// grows while the simplex sees nothing; a step that passes a breakpoint shows as a vertex whose
// range ends below the breakpoint just left, and that window is recorded as a gap, as is a
// stretch the simplex could not pivot through (degenerate ties; the grid's fallbacks then solve
// the next λ).

import type { FinishData, FinishPenalty, FinishResult } from './piecewise-linear-finish.js';
import type { Pacer } from './pacer.js';
import { verify } from './piecewise-linear-dual.js';
import type { PivotState } from './pivot-state.js';
import { simplexSolve, type Vertex } from './simplex.js';
import { vertexRange } from './vertex-range.js';

/** First relative step below a breakpoint, and the factor it grows by while nothing moves. */
const STEP = 1e-7;
const STEP_GROWTH = 10;
const MAX_STEP = 1e-3;
/** Ranges that meet to this relative precision are contiguous (no vertex between them). */
const CONTIGUOUS = 1e-9;

/** The breakpoints of a path on the standardized scale, descending. */
export interface BreakpointTrace {
  /** The first is the path's first λ; each later one a λ where the solution changes. */
  lambda: number[];
  /** The solution just below each: optimal from the next breakpoint up to this one. */
  betaStd: Float64Array[];
  interceptStd: number[];
  /** λ windows [low, high] whose vertices were not traced (degenerate steps). */
  gaps: [number, number][];
}

/** What the trace needs of the engine: its state and how to move it. */
export interface TraceHost {
  d: FinishData;
  /** The current point, as the simplex starts from it. */
  start(): Vertex;
  /** Makes a verified optimum (and the simplex's state there) the engine's state. */
  accept(result: FinishResult, state: PivotState): void;
}

export class BreakpointTracer {
  readonly trace: BreakpointTrace = { lambda: [], betaStd: [], interceptStd: [], gaps: [] };
  /** The λ at which the engine's carried state is a verified optimum; null when there is none. */
  private from: number | null = null;

  /**
   * The grid's λ was solved (by the simplex, state kept, or by a fallback, state lost): the first
   * λ starts the trace, and a λ reached through a gap starts a new stretch.
   */
  solved(lambda: number, result: FinishResult, stateKept: boolean): void {
    const { trace } = this;
    // The unpenalized features' fit before the path starts (λ = 0 there) is not on the path.
    if (!(lambda > 0) && trace.lambda.length === 0) return;
    const last = trace.lambda.length - 1;
    if (last < 0 || this.from === null) {
      if (last >= 0) trace.gaps.push([lambda, trace.lambda[last]]);
      this.record(lambda, result);
    }
    this.from = stateKept ? lambda : null;
  }

  /** No exact solution at the grid's λ: the trace resumes at the next one solved, after a gap. */
  lost(): void {
    this.from = null;
  }

  private record(lambda: number, result: FinishResult): void {
    this.trace.lambda.push(lambda);
    this.trace.betaStd.push(result.beta.slice());
    this.trace.interceptStd.push(result.b0);
  }

  /**
   * Follows the path from the last solved λ down to `target` (> 0, the λ of `penalty`): returns
   * the pivots walked; afterwards the engine's state is optimal at `target`, or the trace has
   * lost it (the grid's solve starts afresh, and the stretch becomes a gap).
   */
  async follow(
    host: TraceHost,
    state: PivotState | null,
    strong: ArrayLike<number>,
    penalty: FinishPenalty,
    target: number,
    maxPivots: number,
    pacer: Pacer,
  ): Promise<number> {
    if (this.from === null || !state || !(target > 0)) return 0;
    const perLambda = Float64Array.from(penalty.l1, (l1) => l1 / target);
    let pivots = 0;
    let from = this.from;
    let current = state;
    let low = vertexRange(current, strong, penalty, perLambda, from).low;
    while (low > target) {
      const step = await this.stepBelow(host, current, strong, penalty, perLambda, low, target, maxPivots - pivots, pacer);
      pivots += step.pivots;
      if (!step.state || pivots >= maxPivots) {
        this.from = null;
        return pivots;
      }
      current = step.state;
      ({ lambda: from, low } = step);
    }
    this.from = from;
    return pivots;
  }

  /** The vertex just below the breakpoint `at`, recorded; its state and range, or null. */
  private async stepBelow(
    host: TraceHost,
    state: PivotState,
    strong: ArrayLike<number>,
    penalty: FinishPenalty,
    perLambda: Float64Array,
    at: number,
    target: number,
    maxPivots: number,
    pacer: Pacer,
  ): Promise<{ pivots: number; state: PivotState | null; lambda: number; low: number }> {
    let pivots = 0;
    const lost = () => ({ pivots, state: null, lambda: 0, low: 0 });
    for (let step = STEP; step <= MAX_STEP; step *= STEP_GROWTH) {
      const lambda = Math.max(at * (1 - step), target);
      const scaled: FinishPenalty = { ...penalty, l1: Float64Array.from(perLambda, (a) => a * lambda) };
      const pivoted = await simplexSolve(host.d, strong, scaled, host.start(), maxPivots - pivots, pacer, state);
      pivots += pivoted.pivots + 1;
      const result = pivoted.result && verify(host.d, strong, scaled, pivoted.result) ? pivoted.result : null;
      if (!result || !pivoted.state) return lost();
      host.accept(result, pivoted.state);
      state = pivoted.state;
      const range = vertexRange(state, strong, penalty, perLambda, lambda);
      if (pivoted.pivots === 0) {
        // The violation was below the pricing's tolerance: a larger step, or optimal at the target.
        if (lambda > target) continue;
        return { pivots, state, lambda, low: range.low };
      }
      if (range.high < at * (1 - CONTIGUOUS)) this.trace.gaps.push([range.high, at]);
      this.record(Math.min(at, range.high), result);
      return { pivots, state, lambda, low: range.low };
    }
    return lost();
  }
}

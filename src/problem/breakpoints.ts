// The exact path's breakpoints in a result (option breakpoints): with the lasso, the absolute and
// quantile losses' solution is constant between breakpoints (a vertex of the linear program), so
// the coefficients at any λ of the traced range are read off exactly, not interpolated.

/** The breakpoints on the original scale, λ descending. */
export interface PathBreakpoints {
  /** lambda[0] is the path's first λ; each later one a λ where the solution changes. */
  lambda: number[];
  /**
   * The solution from the next breakpoint (or the path's last λ) up to this one; at a breakpoint
   * the solutions on either side, and every point between them, are optimal.
   */
  intercept: number[];
  beta: number[][];
  /** λ windows [low, high] that the trace stepped over without resolving the vertices inside. */
  gaps: [number, number][];
}

/**
 * The exact coefficients at λ from the breakpoints, or null below `lowest` (the path's last λ,
 * where the trace ends) and inside a gap.
 */
export function solutionAt(breakpoints: PathBreakpoints, lambda: number, lowest: number): { intercept: number; beta: number[] } | null {
  if (lambda < lowest || breakpoints.gaps.some(([low, high]) => lambda > low && lambda < high)) return null;
  const { lambda: at } = breakpoints;
  let b = 0;
  while (b + 1 < at.length && at[b + 1] >= lambda) b++;
  return { intercept: breakpoints.intercept[b], beta: breakpoints.beta[b].slice() };
}

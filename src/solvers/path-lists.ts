// The per-λ lists of a path solution (path.ts's PathSolution extends them), on their own so that
// what only walks them (path-limits.ts) needs nothing else of the path.

export interface PathLists {
  lambda: number[];
  /** Per λ: nFeatures standardized coefficients β̃. */
  betaStd: Float64Array[];
  /** Per λ: the intercept of the standardized problem (η = b̃0 + X̃β̃). */
  interceptStd: number[];
  /** Per λ: Σ (w_i/n) ℓ(y_i, η_i) and the penalty, in float64. */
  lossValue: number[];
  penaltyValue: number[];
  devRatio: number[];
  passes: number[];
  converged: boolean[];
  /** Per λ: largest subdifferential distance over the features, relative to λ_max. */
  kktViolation: number[];
  warnings: string[];
}

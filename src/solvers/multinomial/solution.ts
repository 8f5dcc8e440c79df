// What a multinomial path solve returns (path.ts), and what its dfmax/pmax rule trims (path-limits.ts).

/** One λ per entry; coefficients on the standardized scale. */
export interface MultinomialSolution {
  lambda: number[];
  /** Per λ: nClasses × nFeatures β̃, class-major. */
  betaStd: Float64Array[];
  /** Per λ: nClasses b̃. */
  interceptStd: Float64Array[];
  lossValue: number[];
  penaltyValue: number[];
  devRatio: number[];
  passes: number[];
  converged: boolean[];
  /** Largest KKT violation per λ, relative to λ_max. */
  kktViolation: number[];
  lambdaMax: number;
  /** 2 × the null model's mean loss: the null deviance per unit weight. */
  nullDeviance: number;
  warnings: string[];
}

// The operations the batched solvers (FISTA, PDHG) run, on opaque column-batched buffers: one
// column per λ. The solvers are written once against this interface; a backend (float64 CPU
// now, WebGPU later) supplies the products with X̃ and the element-wise steps fused onto them.
// Inside the iteration the solvers never read a buffer: they read small per-column vectors
// (`read`, async) only at convergence checks.
//
// Shapes (nSamples = n, nFeatures = p, K = columns of the block):
//   samples  n × K, column-major (column k at k·n): predictors η, derivatives D, dual slopes u
//   coefs    (p + 1) × K, column-major, row p the intercept b̃0 (0 when there is no intercept)
//   columns  K: per-λ scalars (λ, steps, reductions)
// X̃₁ = [X̃, 1] (the ones column only with an intercept); wn the weights w_i/n; o the problem's
// offset (Problem.offset, 0 without one): the ops that evaluate the loss (smoothTerms,
// forwardSmooth, curvatures) evaluate it at η + o, every η buffer holding X̃₁B alone.
// Every op touches only the active columns (`setActive`); the others keep their values.
// Invariant the solvers keep and backends may rely on: the coefficients of unusable features
// (and the intercept row without an intercept) are 0 in every coefs buffer that is multiplied
// by X̃ or checked (the WebGPU backend stores those columns of X̃ as zeros).

import type { Standardized } from '../../problem/standardize.js';
import type { Problem } from '../../problem/validate.js';

export type BufferKind = 'samples' | 'coefs' | 'columns' | 'gram';

/** float64: the CPU reference; float32: WebGPU (WGSL has no f64). */
export type Precision = 'float32' | 'float64';

/** A backend's buffer: its content is only reachable through `read` and `write`. */
export interface BatchBuffer {
  readonly kind: BufferKind;
  readonly nColumns: number;
}

/**
 * The per-column state of one accelerated proximal-gradient iteration with backtracking.
 * All are `columns` buffers; inputs are filled by the ops that precede `fistaColumns`.
 */
export interface FistaColumns {
  /** step t_k (in/out): halved when the sufficient-decrease test fails, grown slowly otherwise. */
  step: BatchBuffer;
  /** FISTA's momentum sequence θ_k (in/out); 1 after a restart. */
  theta: BatchBuffer;
  /** Σ wn ℓ(y, η) at the momentum point z (in). */
  valueAtZ: BatchBuffer;
  /** Σ wn ℓ(y, η) at the candidate x⁺ (in). */
  valueNew: BatchBuffer;
  /** ⟨G, x⁺ − z⟩, ‖x⁺ − z‖² and ⟨z − x⁺, x⁺ − x⟩ (in, from `proxGradient`). */
  reductions: ProxReductions;
  /** 1 when x⁺ is accepted (out). */
  accept: BatchBuffer;
  /** Momentum coefficient of the next point, 0 on rejection or restart (out). */
  momentum: BatchBuffer;
  /** The same for every column: see `FistaLimits`. */
  limits: FistaLimits;
}

/**
 * What the backend's precision allows the step rule. float64: no cap, a rounding slack of 1e-13
 * relative. float32: the values are sums of n float32 terms, whose rounding (~1e-7 relative)
 * would let an oversized step pass the test, so the step never grows beyond its start 1/L₀
 * (safe: L₀ bounds the curvature of the squared, logistic and Huber losses) and the slack is a
 * few float32 epsilons.
 */
export interface FistaLimits {
  maxStep: number;
  relativeSlack: number;
  /**
   * The constant the ops' loss values lie below the problem's (`BatchOps.valueOffset`): the slack
   * is relativeSlack · (|f(z)| + valueOffset), relative to the problem's own loss value.
   */
  valueOffset: number;
}

export interface ProxReductions {
  /** ⟨G, x⁺ − z⟩ per column. */
  gradDot: BatchBuffer;
  /** ‖x⁺ − z‖² per column. */
  stepSquared: BatchBuffer;
  /** ⟨z − x⁺, x⁺ − x⟩ per column: > 0 triggers the gradient restart (O'Donoghue–Candès). */
  restartDot: BatchBuffer;
}

/** Growth of an accepted step: lets a step that started too small (L₀ ≥ L) recover. */
export const STEP_GROWTH = 1.02;

/**
 * The per-column rule of `fistaColumns`, the reference for every backend (a WGSL twin must
 * match it). Sufficient decrease: f(x⁺) ≤ f(z) − ⟨G, x⁺ − z⟩ + ‖x⁺ − z‖²/(2t), with G the
 * negative gradient and a relative slack for rounding.
 */
export function fistaColumnRule(
  s: { step: number; theta: number; valueAtZ: number; valueNew: number; gradDot: number; stepSquared: number; restartDot: number },
  limits: FistaLimits,
): { step: number; theta: number; accept: number; momentum: number } {
  const model = s.valueAtZ - s.gradDot + s.stepSquared / (2 * s.step);
  const slack = limits.relativeSlack * (Math.abs(s.valueAtZ) + limits.valueOffset);
  if (!(s.valueNew <= model + slack)) return { step: 0.5 * s.step, theta: s.theta, accept: 0, momentum: 0 };
  const grown = Math.min(s.step * STEP_GROWTH, limits.maxStep);
  if (s.restartDot > 0) return { step: grown, theta: 1, accept: 1, momentum: 0 };
  const next = 0.5 * (1 + Math.sqrt(1 + 4 * s.theta * s.theta));
  return { step: grown, theta: next, accept: 1, momentum: (s.theta - 1) / next };
}

/** Power-iteration steps of `gramNorm` (one product with X̃₁ and one with X̃₁ᵀ each), on every backend. */
export const POWER_ITERATIONS = 60;

/** What a backend counts itself (a GPU's command stream): work.ts counts op calls otherwise. */
export interface DeviceCounts {
  dispatches: number;
  submits: number;
  readbacks: number;
}

/**
 * Second-order steps on a working set (newton.ts): the weighted Gram matrix of the listed
 * features, formed on the device, and the penalized quadratic model solved on it by coordinate
 * descent, with no pass over the samples. A backend has all of these or none (the capability
 * the solver reads). `features` lists indices < nFeatures, and nFeatures for the intercept's
 * ones column; a 'gram' buffer holds one size × size matrix per column (column-major, symmetric).
 */
export interface NewtonOps {
  /**
   * H (samples) = w ∘ curvature(y, η) per active column (loss.newtonCurvature, else
   * loss.curvature); when H has one column, its column 0 = the largest of them per sample over
   * the active columns (a metric every column's model can share).
   */
  curvatures(eta: BatchBuffer, H: BatchBuffer): void;
  /** A buffer of one size × size matrix per column. */
  allocGram(size: number, nColumns: number): BatchBuffer;
  /** Optional: the most entries (size² × columns) a gram buffer may hold on this backend. */
  readonly maxGramEntries?: number;
  /**
   * Q_k = X̃_Sᵀ diag(h_k) X̃_S over the listed features S, per active column with h_k = H's
   * column; with H null (the shared weights wn) or of one column (its column 0), once, into a
   * one-column Q that every column's solve then shares (the squared loss; a shared metric).
   */
  weightedGram(features: Int32Array, H: BatchBuffer | null, Q: BatchBuffer): void;
  /**
   * eta (samples) = Σ_{j ∈ S} X̃_j B_j (plus B_p when the intercept p is listed), per active column.
   * S: distinct ascending coefficient rows, the intercept p (when listed) last.
   */
  forwardFeatures(features: Int32Array, B: BatchBuffer, eta: BatchBuffer): void;
  /**
   * Per active column k, the penalized quadratic model at B (coefs), with G (coefs) minus the
   * gradient there and Q_k its curvature over S (Q's column k, or column 0 when Q has one):
   *   minimize over β_S   ½ δᵀ Q_k δ − G_Sᵀ δ + Σ_{j ∈ S} P_j(β_j),   δ = β_S − B_S,
   * P_j the elastic net with bounds at λ_k (the intercept unpenalized), by cyclic coordinate
   * descent over S in the listed order: each coordinate's exact minimizer (coordinateMinimizer),
   * the model's gradient updated by Q's column. Stops after the sweep at which the model's
   * largest subdifferential distance over S is ≤ tol[k] (columns), or after maxSweeps. Writes β
   * into out (rows outside S copied from B) and the sweeps used into sweeps (columns).
   */
  gramSolve(
    Q: BatchBuffer, features: Int32Array, G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, tol: BatchBuffer,
    maxSweeps: number, out: BatchBuffer, sweeps: BatchBuffer,
  ): void;
  /** out[k] = Σ_{j < p} P_j(B_jk) at λ_k (lambda: columns): the penalty's value per column. */
  penaltyValues(B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void;
}

/** The ops of NewtonOps, by name: a backend with every one of them has the capability. */
export const NEWTON_OPS = ['curvatures', 'allocGram', 'weightedGram', 'forwardFeatures', 'gramSolve', 'penaltyValues'] as const;

export const hasNewton = (ops: BatchOps): ops is BatchOps & NewtonOps => NEWTON_OPS.every((name) => typeof ops[name] === 'function');

/**
 * The products over a working set that first-order iterations restricted to it need (PDHG on the
 * working set of its strong rule): forwardFeatures (NewtonOps) and backwardFeatures.
 */
export interface WorkingSetOps {
  forwardFeatures: NewtonOps['forwardFeatures'];
  /**
   * The rows of `backward` listed in S, per active column: G_j (coefs) = X̃_jᵀ D for each listed
   * j < nFeatures (0 for an unusable feature), and G_p = Σ_i D_i when the intercept p is listed
   * (0 without an intercept). Every other row of G keeps its value: a G that is 0 outside S
   * before the first call stays the gradient of the problem restricted to S. S: distinct
   * ascending coefficient rows, the intercept p (when listed) last, as forwardFeatures.
   */
  backwardFeatures(features: Int32Array, D: BatchBuffer, G: BatchBuffer): void;
}

export const WORKING_SET_OPS = ['forwardFeatures', 'backwardFeatures'] as const;

export const hasWorkingSets = (ops: BatchOps): ops is BatchOps & WorkingSetOps =>
  WORKING_SET_OPS.every((name) => typeof ops[name] === 'function');

/**
 * Multinomial (softmax) losses: the batch's columns are (λ, class) pairs, the nClasses columns of
 * one λ adjacent (column g·C + c is class c of λ group g) and the active list holds whole groups.
 * y holds class indices 0 … C − 1. A backend has all of these or none (the capability the
 * multinomial driver reads: `hasMultinomial`).
 */
export interface MultinomialOps {
  /**
   * Per sample and active group: the softmax p_ic over the group's C columns of η, D_ic =
   * wn_i (1[y_i = c] − p_ic) (minus the derivative), and value[k] = Σ_i wn_i (log Σ_c e^{η_ic} − η_i,y_i),
   * the group's loss, written to every column of the group.
   */
  softmaxTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer, nClasses: number): void;
  /** to[k] = Σ_c from[g·C + c] (or the max with `max`) for every active column k of group g (columns buffers; to ≠ from). */
  groupColumns(from: BatchBuffer, to: BatchBuffer, nClasses: number, max: boolean): void;
  /**
   * The grouped penalty across classes: per usable feature j and group, v_c = Z_jc + t·G_jc and
   * out_jc = v_c·max(0, 1 − t·l1/‖v‖₂)/(1 + t·l2), l1 = λαv_j, l2 = λ(1−α)v_j (no bounds), the
   * intercept row v_c (0 without one), unusable features 0; with `reductions` the per-column sums
   * of proxGradient (the caller sums them over the group).
   */
  groupProx(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void;
  /**
   * The grouped penalty's KKT violation per group, written to each of its columns: the largest
   * over usable features of the distance of G_j· (C classes) from l1·∂‖B_j·‖₂ + l2·B_j·, and
   * the largest |G_pc| with an intercept.
   */
  groupKkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer, nClasses: number): void;
}

export const MULTINOMIAL_OPS = ['softmaxTerms', 'groupColumns', 'groupProx', 'groupKkt'] as const;

export const hasMultinomial = (ops: BatchOps): ops is BatchOps & MultinomialOps =>
  MULTINOMIAL_OPS.every((name) => typeof ops[name] === 'function');

/** A sparse X's stored entries, for the counted work (work.ts): its products cost them, not n·(p + 1). */
export interface StoredEntries {
  /** Entries of every column. */
  readonly total: number;
  /** Entries of the listed coefficient rows (the intercept's p has none). */
  listed(features: Int32Array): number;
}

/** One block's operations. Created by `BatchBackend.open`, freed by `release`. */
export interface BatchOps extends Partial<NewtonOps>, Partial<WorkingSetOps>, Partial<MultinomialOps> {
  /** nSamples, nFeatures (rows of a coefs buffer: nFeatures + 1). */
  readonly nSamples: number;
  readonly nFeatures: number;
  /** The arithmetic of the buffers and ops: the solvers' tolerances and step rule depend on it. */
  readonly precision: Precision;
  /**
   * Optional: the constant by which this backend's loss values lie below the problem's (Gram
   * mode drops ½ yᵀWy − ½‖y'‖²); 0 when absent.
   */
  readonly valueOffset?: number;
  /** Optional: X's stored entries where the products walk a sparse X (counted work). */
  readonly entries?: StoredEntries;
  alloc(kind: BufferKind, nColumns: number): BatchBuffer;
  /** values: float64, the buffer's whole column-major content (length rows × nColumns). */
  write(buffer: BatchBuffer, values: Float64Array): void;
  /** The buffer's whole content as float64 (a copy). */
  read(buffer: BatchBuffer): Promise<Float64Array>;
  copy(from: BatchBuffer, to: BatchBuffer): void;
  /** Restricts every later op to these columns (indices into the block, ascending). */
  setActive(columns: Int32Array): void;

  /**
   * λ_max(X̃₁ᵀ diag(wn) X̃₁) by power iteration, a slight overestimate (for step sizes). A
   * promise where the value lives on a device and needs a readback.
   */
  gramNorm(): number | Promise<number>;

  /** eta (samples) = X̃ · B[0..p) + B[p] (coefs B). */
  forward(B: BatchBuffer, eta: BatchBuffer): void;
  /** Smooth losses: D (samples) = −wn ∘ ℓ'(y, η); value (columns) = Σ wn ℓ(y, η). */
  smoothTerms(eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void;
  /** `forward(B, eta)` then `smoothTerms(eta, D, value)`, fused into one pass where the backend can. */
  forwardSmooth(B: BatchBuffer, eta: BatchBuffer, D: BatchBuffer, value: BatchBuffer): void;
  /** G (coefs) = X̃ᵀ D, and G[p] = Σ_i D_i with an intercept (else 0). */
  backward(D: BatchBuffer, G: BatchBuffer): void;
  /**
   * x⁺ = prox_{t·P}(Z + t·G) per coordinate, t = step[k] (columns): β = clip(S(z, t·l1)/(1 + t·l2),
   * lower, upper), l1 = λ_k α v_j, l2 = λ_k (1−α) v_j (lambda: columns), unusable features 0, the
   * intercept row unpenalized (0 without intercept). With `reductions` also the sums that
   * `fistaColumns` needs (X: the previous iterate).
   */
  proxGradient(
    Z: BatchBuffer, G: BatchBuffer, step: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer,
    X?: BatchBuffer, reductions?: ProxReductions,
  ): void;
  /** Applies `fistaColumnRule` to every active column. */
  fistaColumns(state: FistaColumns): void;
  /**
   * Per column k with accept[k] = 1: point = newer + momentum[k]·(newer − older), then
   * older = newer. Works on samples and coefs alike; rejected columns are left unchanged.
   */
  advance(newer: BatchBuffer, older: BatchBuffer, point: BatchBuffer, accept: BatchBuffer, momentum: BatchBuffer): void;
  /** out[k] = Σ_rows w_r A_rk², w = wn for samples, 1 for coefs (squared weighted norms). */
  squaredNorms(A: BatchBuffer, out: BatchBuffer): void;
  /** out = a[k]·A + b[k]·B per column (a, b: columns buffers; out may alias A or B). */
  combine(a: BatchBuffer, A: BatchBuffer, b: BatchBuffer, B: BatchBuffer, out: BatchBuffer): void;

  /** Piecewise-linear losses: D (samples) = wn ∘ U. */
  weigh(U: BatchBuffer, D: BatchBuffer): void;
  /** Piecewise-linear losses: U = clip(U + σ[k]·(y − η̄), below, above) (the dual prox). */
  dualStep(etaBar: BatchBuffer, U: BatchBuffer, sigma: BatchBuffer): void;
  /** Piecewise-linear losses: gap[k] = Σ wn (ℓ(y, η) − u·(y − η)) ≥ 0, and Σ wn ℓ(y, η) in value. */
  dualGap(eta: BatchBuffer, U: BatchBuffer, gap: BatchBuffer, value: BatchBuffer): void;

  /**
   * out[k] = max over usable j of subdifferentialDistance(G_jk, B_jk, l1, l2, lower_j, upper_j),
   * and |G_pk| with an intercept: the KKT violation of column k when G is minus the gradient.
   */
  kkt(G: BatchBuffer, B: BatchBuffer, lambda: BatchBuffer, out: BatchBuffer): void;
  /**
   * Optional (backends that batch cross-validation folds): one problem per column over the same
   * X̃. From this call on, every op that weighs samples (smoothTerms, forwardSmooth, weigh,
   * dualGap, squaredNorms of samples) takes column k's weights from `weights` (a samples buffer:
   * w_i/n of column k's problem, 0 for rows it does not use) instead of wn, and proxGradient and
   * kkt scale column k's penalty of feature j by q = `scales` (a coefs buffer, q ≥ 0, 1 on the
   * intercept row): l1 = λ α v_j q, l2 = λ (1−α) v_j q², coefficient fixed at 0 where q = 0, and
   * the KKT distance divided by q. With q_j = s'_j / s_j this is the problem standardized by other
   * scales s' (see src/cv/fold-problems.ts). Both buffers have the block's columns and are read
   * when the ops run (later writes count). gramNorm keeps the shared wn. null, null: shared again.
   */
  columnProblems?(weights: BatchBuffer | null, scales: BatchBuffer | null): void;
  /**
   * Optional: the dispatches, submits and readbacks issued so far, where the backend counts them
   * itself (a GPU's command stream); work.ts counts op calls otherwise.
   */
  deviceCounts?(): DeviceCounts;
  /** Optional: frees one buffer before `release` (a solver replacing a large one); it may not be used again. */
  freeBuffer?(buffer: BatchBuffer): void;
  /** Frees the block's buffers. */
  release(): void;
}

/** A backend: binds a standardized problem into a set of operations. */
export interface BatchBackend {
  readonly name: string;
  open(problem: Problem, std: Standardized): BatchOps | Promise<BatchOps>;
}

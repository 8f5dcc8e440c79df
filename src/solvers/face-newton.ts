// A Newton step on the face of the coordinate-descent quadratic, for the elastic net.
//
// Coordinate descent contracts the error along a direction of the active set's Hessian H by
// about 1 − (its smallest eigenvalue relative to the diagonal) per pass. Near-duplicate columns
// (correlation 1 − ε) make that eigenvalue ε: the pair's coefficients trade off along a nearly
// flat valley, each pass moves them by ε × the distance to the optimum, and the passes creep for
// ~1/ε passes (10⁶–10⁷ at ε ≈ 1e-7) while every step stays just above the threshold. glmnet
// creeps the same way.
//
// On the face where the nonzero active coefficients keep their signs and stay off their bounds,
// the elastic-net objective of the engine's quadratic model is a smooth quadratic: its minimizer
// solves one dense system (H_FF + diag(l2)) d = g_F − l1·sign(β_F) − l2·β_F (with the intercept's
// row when the model has one, g = −∂model/∂β at the current point). The step moves towards it
// and stops where a coefficient first reaches 0 or a bound (that coefficient leaves the face);
// along the step the penalty is linear, so the model's objective decreases monotonically.
// Coordinate descent then goes on from there: it lets features enter or leave the face and
// certifies convergence as before. The system is shifted by a tiny multiple of its diagonal, so
// that exact duplicates (a singular H, a flat valley with many minimizers) take a step too; the
// shift only shortens the step, never reverses it.

import { choleskyDelete, choleskyFactor, choleskySolve } from './dense-solve.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinatePenalty } from './engine.js';

/** Relative shift of the diagonal (and its increase when the factorization still fails). */
const SHIFT = 1e-11;
const SHIFT_RETRY = 1e3;

/** What an engine supplies for a Newton step on its quadratic model. */
export interface FaceModel {
  /** Whether the model has an unpenalized intercept that couples with the features (IRLS). */
  readonly hasIntercept: boolean;
  /**
   * Fills H (size × size, row-major, size = off + count) with the model's curvatures over the
   * intercept (row 0 when off = 1) and the features face[0 … count), and g with −∂model/∂ at
   * the current point, in the same order.
   */
  system(face: Int32Array, count: number, off: number, H: Float64Array, g: Float64Array): void;
  /** Moves the features face[t] by step[off + t] (and the intercept by step[0]), β included. */
  move(face: Int32Array, count: number, off: number, step: Float64Array): void;
  /** nFeatures coordinate curvatures (for the step's measure xv·Δ²). */
  readonly curvatures: Float64Array;
}

/**
 * At most maxSteps Newton steps (each ends on the face's minimizer or removes a coefficient from
 * it) on the face of the nonzero, unbounded members of `active`; returns the largest measure
 * xv·Δ² of the coefficients moved (0: no step was taken). The model's curvatures are formed and
 * factored once: a step that stops on a coefficient deletes its row and column from the factor,
 * and the gradients follow the quadratic exactly (g −= H·step), so the next step costs O(m²).
 */
export function faceNewton(model: FaceModel, active: IndexList, beta: Float64Array, penalty: CoordinatePenalty, maxSteps: number): number {
  const face = faceOf(active, beta, penalty);
  if (face.length === 0) return 0;
  const off = model.hasIntercept ? 1 : 0;
  const size = off + face.length;
  const H = new Float64Array(size * size);
  const g = new Float64Array(size);
  model.system(face, face.length, off, H, g);
  /** Positions in H of the unknowns still free: the intercept (0, when there is one) and the face's. */
  let keep = Int32Array.from({ length: size }, (_, k) => k);
  // The shifted system's factor, over `keep`: factored once, then a coefficient's row and
  // column deleted from it (O(m²)) each time one leaves the face.
  let L = factorFace(H, size, keep, off, face, penalty);
  let measure = 0;
  for (let s = 0; s < maxSteps && L && keep.length > off; s++) {
    const step = faceRight(g, keep, off, face, beta, penalty);
    choleskySolve(L, step, keep.length);
    if (!step.every(Number.isFinite)) break;
    const sub = Int32Array.from(keep.subarray(off), (k) => face[k - off]);
    const { t, stop, limit } = stepLength(sub, beta, penalty, step, off);
    for (let k = 0; k < step.length; k++) step[k] *= t;
    // The coefficient that stops the step lands exactly on its 0 or bound.
    if (stop >= 0) step[off + stop] = limit - beta[sub[stop]];
    model.move(sub, sub.length, off, step);
    if (stop >= 0) beta[sub[stop]] = limit;
    for (let a = 0; a < sub.length; a++) measure = Math.max(measure, model.curvatures[sub[a]] * step[off + a] ** 2);
    for (const k of keep) for (let u = 0; u < keep.length; u++) g[k] -= H[k * size + keep[u]] * step[u];
    if (stop < 0) break;
    L = choleskyDelete(L, keep.length, off + stop);
    keep = keep.filter((_, u) => u !== off + stop);
  }
  return measure;
}

/** The face: active features that are nonzero and strictly inside their bounds. */
function faceOf(active: IndexList, beta: Float64Array, penalty: CoordinatePenalty): Int32Array {
  const face = new Int32Array(active.count);
  let count = 0;
  for (let a = 0; a < active.count; a++) {
    const j = active.data[a];
    const b = beta[j];
    if (b !== 0 && b > penalty.lower[j] && b < penalty.upper[j]) face[count++] = j;
  }
  return face.subarray(0, count);
}

/**
 * The Cholesky factor of the face's system over `keep` (the intercept's row first when off = 1):
 * H + diag(l2), shifted by a tiny multiple of its largest diagonal (raised until it factors), or
 * null when it cannot be factored.
 */
function factorFace(
  H: Float64Array, size: number, keep: Int32Array, off: number, face: Int32Array, penalty: CoordinatePenalty,
): Float64Array | null {
  const m = keep.length;
  const A = new Float64Array(m * m);
  for (let u = 0; u < m; u++) for (let v = 0; v <= u; v++) A[u * m + v] = H[keep[u] * size + keep[v]];
  for (let u = off; u < m; u++) A[u * m + u] += penalty.l2[face[keep[u] - off]];
  let top = 0;
  for (let u = 0; u < m; u++) top = Math.max(top, A[u * m + u]);
  if (!(top > 0)) return null;
  for (let shift = SHIFT * top; shift <= 1e-5 * top; shift *= SHIFT_RETRY) {
    const L = A.slice();
    for (let u = 0; u < m; u++) L[u * m + u] += shift;
    if (choleskyFactor(L, m)) return L;
  }
  return null;
}

/** The system's right-hand side over `keep`: g − l1·sign(β) − l2·β on the face's rows, g on the intercept's. */
function faceRight(g: Float64Array, keep: Int32Array, off: number, face: Int32Array, beta: Float64Array, penalty: CoordinatePenalty): Float64Array {
  const z = Float64Array.from(keep, (k) => g[k]);
  for (let u = off; u < keep.length; u++) {
    const j = face[keep[u] - off];
    z[u] -= penalty.l1[j] * Math.sign(beta[j]) + penalty.l2[j] * beta[j];
  }
  return z;
}

/**
 * The fraction t ≤ 1 of the step that keeps every face coefficient on its side of 0 and within
 * its bounds, the face position where it stops (−1: the whole step) and the value it stops at.
 */
function stepLength(
  face: Int32Array,
  beta: Float64Array,
  penalty: CoordinatePenalty,
  step: Float64Array,
  off: number,
): { t: number; stop: number; limit: number } {
  let t = 1;
  let stop = -1;
  let at = 0;
  for (let a = 0; a < face.length; a++) {
    const j = face[a];
    const b = beta[j];
    const d = step[off + a];
    if (d === 0) continue;
    // The nearest of 0 (when moving towards it) and the bound in the direction of the move.
    let limit = d > 0 ? penalty.upper[j] : penalty.lower[j];
    if (b * d < 0) limit = d > 0 ? Math.min(0, limit) : Math.max(0, limit);
    const reach = (limit - b) / d;
    if (reach < t) {
      t = Math.max(reach, 0);
      stop = a;
      at = limit;
    }
  }
  return { t, stop, limit: at };
}

// PDHG's step bound on a working set S: λ_max(X̃_Sᵀ diag(w) X̃_S) by power iteration with the
// products over S (X̃_S the rows of S, the intercept's ones column among them), per problem (one
// column per problem: its weights). On p ≫ n data the set's norm is several times below the full
// X̃₁'s, and PDHG's steps τ = s/ω, σ = s·ω grow by its square root.
//
// The iterate is renormalized (one readback) every NORMALIZE_EVERY products and divided by the
// trace of X̃_Sᵀ diag(w) X̃_S in between: the trace bounds the largest eigenvalue (no growth), and
// the largest eigenvalue is at least the trace over |S| (a decay of at most |S|^(NORMALIZE_EVERY − 1)
// between readbacks), so float32 neither overflows nor underflows.

import { type BatchBuffer, type BatchOps, POWER_ITERATIONS, type WorkingSetOps } from './backend.js';

const NORMALIZE_EVERY = 5;
/** The power iteration approaches λ_max from below: a small margin keeps steps safe. */
const MARGIN = 1.01;

/** Scratch buffers of the block that the power iteration may overwrite. */
export interface PowerBuffers {
  v: BatchBuffer;
  eta: BatchBuffer;
  D: BatchBuffer;
  norm: BatchBuffer;
  factor: BatchBuffer;
  zero: BatchBuffer;
}

/**
 * The largest eigenvalue of X̃_Sᵀ diag(w_k) X̃_S for each listed column k (other entries 0), w_k
 * the column's weights, `traces[k]` its trace. Leaves `columns` active.
 */
export async function workingSetNorms(
  ops: BatchOps & WorkingSetOps, rows: Int32Array, columns: Int32Array, traces: Float64Array, b: PowerBuffers,
): Promise<Float64Array> {
  const K = b.v.nColumns;
  const stride = ops.nFeatures + 1;
  const start = new Float64Array(stride * K);
  for (const k of columns) for (const j of rows) start[k * stride + j] = 1;
  ops.setActive(columns);
  ops.write(b.v, start);
  const inverseTraces = Float64Array.from(traces, (t) => (t > 0 ? 1 / t : 0));
  const scaleBy = (factors: Float64Array) => {
    ops.write(b.factor, factors);
    ops.combine(b.factor, b.v, b.zero, b.v, b.v);
  };
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    if (it % NORMALIZE_EVERY === 0 || it === POWER_ITERATIONS - 1) {
      ops.squaredNorms(b.v, b.norm);
      const squares = await ops.read(b.norm);
      scaleBy(squares.map((s) => (s > 0 ? 1 / Math.sqrt(s) : 0)));
    } else {
      scaleBy(inverseTraces);
    }
    // v ← X̃_Sᵀ diag(w) X̃_S v (backwardFeatures leaves the rows outside S at 0).
    ops.forwardFeatures(rows, b.v, b.eta);
    ops.weigh(b.eta, b.D);
    ops.backwardFeatures(rows, b.D, b.v);
  }
  // v was a unit vector before the last product: ‖A v‖ is the estimate.
  ops.squaredNorms(b.v, b.norm);
  const squares = await ops.read(b.norm);
  const norms = new Float64Array(K);
  for (const k of columns) norms[k] = Math.sqrt(squares[k]) * MARGIN;
  return norms;
}

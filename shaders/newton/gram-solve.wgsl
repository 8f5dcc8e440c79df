// The penalized quadratic model of a proximal Newton step, solved per active column by cyclic
// coordinate descent on its Gram matrix, with no pass over the samples (the twin of the float64
// backend's gramSolve):
//   minimize over β_S   ½ δᵀ Q_k δ − G_Sᵀ δ + Σ_{j ∈ S} P_j(β_j),   δ = β_S − B_S
// Coordinates in the listed order, each by its exact minimizer (penalties/elastic-net.wgsl), the
// model's gradient updated by Q's column after each change; after each sweep the largest
// subdifferential distance over S (divided by the penalty scale q) against tol[k]; at most
// maxSweeps sweeps.
//   Q         gram, size × size per column (column k at k·size²), or one shared (flags SHARED_GRAM)
//   features  the working set: u32 coefficient rows, NONE past size
//   G         coefs, pPad × K float32: minus the loss's gradient at B
//   out       coefs: B on entry (the backend copies it), β on exit (rows outside S unchanged)
//   penalty   pPad vec4 (l1Unit, l2Unit, lower, upper); the intercept row (0, 0, ±F32_MAX)
//   arena     λ col0.x, tol col0.y, sweeps used col0.z (out); the storage model's scratch col1.x
//   scales    with flags COLUMN_PROBLEMS: per-column penalty scales (coefs/column-scales.wgsl)
// Composed after the penalty's twin (penalties/<spec>.wgsl: penalty_prox, …), reductions/tree.wgsl, coefs/column-scales.wgsl and
// a newton/model-*.wgsl (where minus the model's gradient and β live). One workgroup of 64 per
// active column. Every invocation steps coordinate a alike (the same inputs give the same
// value: no broadcast); the gradient entries are spread over the invocations (entry c owned by
// c % 64), each updating its own. The owner writes coordinate a's own entries back one phase
// later, so that nothing read in a phase is written in it: one barrier per coordinate.
// Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> Q: array<f32>;
@group(0) @binding(3) var<storage, read> features: array<u32>;
@group(0) @binding(4) var<storage, read> G: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<storage, read> penalty: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> arena: array<f32>;
/** Read only with COLUMN_PROBLEMS (another buffer is bound otherwise). */
@group(0) @binding(8) var<storage, read> scales: array<f32>;

/** flags bit: one Gram matrix (column 0) for every column. */
const SHARED_GRAM: u32 = 1u;
const SOLVE_WORKGROUP: u32 = 64u;

/** 1 once the sweep's KKT test passed (read back uniformly). */
var<workgroup> solveStop: u32;

/** A listed coordinate's penalty in column k at λ, and its KKT divisor (q, 1 where q = 0). */
struct Coordinate {
  l1: f32,
  l2: f32,
  lower: f32,
  upper: f32,
  scale: f32,
}

fn coordinate(a: u32, k: u32, lambda: f32) -> Coordinate {
  let j = features[a];
  let p = penalty[j];
  let q = coefficient_scale(j, k);
  let open = q > 0.0; // q = 0 fixes the coefficient at 0 (a closed box)
  return Coordinate(lambda * p.x * q, lambda * p.y * q * q, select(0.0, p.z, open), select(0.0, p.w, open), select(1.0, q, open));
}

/** Coordinate a's owner writes its new gradient entry and coefficient. */
fn write_back(lid: u32, a: u32, grad: f32, beta: f32) {
  if (a % SOLVE_WORKGROUP == lid) {
    set_grad(a, grad);
    set_beta(a, beta);
  }
}

@compute @workgroup_size(64)
fn gram_solve(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let m = params.size;
  let qo = select(k * m * m, 0u, (params.flags & SHARED_GRAM) != 0u);
  let lambda = arena[params.col0.x + k];
  let tol = arena[params.col0.y + k];
  model_open(wid.y);
  for (var a = lid; a < m; a += SOLVE_WORKGROUP) {
    let at = features[a] * params.kStride + k;
    set_grad(a, G[at]);
    set_beta(a, out[at]);
  }
  var sweep = 0u;
  loop {
    model_barrier(); // the start, or the last sweep's writes, seen by every invocation
    if (sweep >= params.maxSweeps) { break; }
    sweep += 1u;
    var lastGrad = 0.0;
    var lastBeta = 0.0;
    for (var a = 0u; a < m; a++) {
      let g = grad_at(a);
      let b = beta_at(a);
      let qaa = Q[qo + a * m + a];
      var next = b;
      if (qaa > 0.0) {
        let c = coordinate(a, k, lambda);
        // g is minus the model's gradient: G − Q(β − B); the coordinate's own part added back.
        next = coordinate_minimizer(g + qaa * b, qaa, c.l1, c.l2, c.lower, c.upper);
      }
      let delta = next - b;
      if (a > 0u) { write_back(lid, a - 1u, lastGrad, lastBeta); }
      if (delta != 0.0) {
        let col = qo + a * m;
        for (var c = lid; c < m; c += SOLVE_WORKGROUP) {
          if (c != a) { set_grad(c, grad_at(c) - Q[col + c] * delta); }
        }
      }
      lastGrad = g - qaa * delta;
      lastBeta = next;
      model_barrier();
    }
    if (m > 0u) { write_back(lid, m - 1u, lastGrad, lastBeta); }
    // The KKT test: each invocation checks the entries it owns (it wrote them last itself).
    var worst = 0.0;
    for (var a = lid; a < m; a += SOLVE_WORKGROUP) {
      let c = coordinate(a, k, lambda);
      worst = max(worst, subdifferential_distance(grad_at(a), beta_at(a), c.l1, c.l2, c.lower, c.upper) / c.scale);
    }
    let total = tree_max(lid, vec4<f32>(worst, 0.0, 0.0, 0.0));
    if (lid == 0u) { solveStop = select(0u, 1u, total.x <= tol); }
    if (workgroupUniformLoad(&solveStop) != 0u) { break; }
  }
  for (var a = lid; a < m; a += SOLVE_WORKGROUP) {
    out[features[a] * params.kStride + k] = beta_at(a);
  }
  if (lid == 0u) { arena[params.col0.z + k] = f32(sweep); }
}

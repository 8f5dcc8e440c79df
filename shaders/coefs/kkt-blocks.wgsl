// The KKT violation of a grouped penalty per active column: out[k] = the largest block distance
// ‖dist(G_B, ∂P(B_B))‖₂ over the open blocks at λ_k (the twin of blockKktColumn in
// src/solvers/batched/block-ops.ts; the free intercept's block gives |G|).
//   G, B  coefs, pPad × K float32;  levels, blockRows  the blocks (coefs/blocks.wgsl);
//   params.rows = nBlocks;  arena  λ col0.x, out col0.y
// Composed after the penalty's block twin, reductions/tree.wgsl and coefs/blocks.wgsl.
// Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> G: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read> levels: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> arena: array<f32>;
@group(0) @binding(6) var<storage, read> blockRows: array<u32>;

@compute @workgroup_size(64)
fn kkt(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let lambda = arena[params.col0.x + k];
  var worst = 0.0;
  for (var b = lid; b < params.rows; b += 64u) {
    let level = block_levels(levels[b], lambda);
    if (!level.open) { continue; }
    let first = blockRows[b];
    let last = blockRows[b + 1u];
    var squares = 0.0;
    for (var i = first; i < last; i++) {
      let v = B[blockRows[i] * params.kStride + k];
      squares += v * v;
    }
    let norm = sqrt(squares);
    var residuals = 0.0;
    for (var i = first; i < last; i++) {
      let at = blockRows[i] * params.kStride + k;
      let e = group_residual(G[at], B[at], norm, level.l1, level.l2, level.w);
      residuals += e * e;
    }
    worst = max(worst, group_distance(residuals, norm, level.w));
  }
  let total = tree_max(lid, vec4<f32>(worst, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.y + k] = total.x; }
}

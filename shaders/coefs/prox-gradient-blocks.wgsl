// The proximal gradient step of a grouped penalty per active column, block by block, with the
// sums FISTA's step test needs (the twin of blockProxColumn in src/solvers/batched/block-ops.ts):
//   out_B = prox_{t·P}(Z_B + t·G_B) per block B, t = step[k], at λ_k times the block's levels;
//   gradDot[k] = ⟨G, out − Z⟩, stepSquared[k] = ‖out − Z‖², restartDot[k] = ⟨Z − out, out − X⟩.
//   Z, G, X, out  coefs, pPad × K float32 (X: the previous iterate, bound to Z when absent)
//   levels, blockRows  the blocks (coefs/blocks.wgsl); params.rows = nBlocks
//   arena         step col0.x, λ col0.y; sums to col0.z, col0.w, col1.x
//   flags         bit 0: write the sums; bit 1: X is bound (else restartDot = 0)
// Composed after the penalty's block twin, reductions/tree.wgsl and coefs/blocks.wgsl. One
// workgroup per active column: each invocation strides over the blocks, then a tree sum.
// Padding rows are in no block and keep their values (0). Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> Z: array<f32>;
@group(0) @binding(3) var<storage, read> G: array<f32>;
@group(0) @binding(4) var<storage, read> X: array<f32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<storage, read> levels: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> arena: array<f32>;
@group(0) @binding(8) var<storage, read> blockRows: array<u32>;

@compute @workgroup_size(64)
fn prox_gradient(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let t = arena[params.col0.x + k];
  let lambda = arena[params.col0.y + k];
  let hasX = (params.flags & 2u) != 0u;
  var sums = vec4<f32>(0.0);
  for (var b = lid; b < params.rows; b += 64u) {
    let level = block_levels(levels[b], lambda);
    let first = blockRows[b];
    let last = blockRows[b + 1u];
    var squares = 0.0;
    for (var i = first; i < last; i++) {
      let at = blockRows[i] * params.kStride + k;
      let v = group_soft(Z[at] + t * G[at], t, level.l1);
      squares += v * v;
    }
    let shrink = select(0.0, group_shrink(sqrt(squares), t, level.l1, level.l2, level.w), level.open);
    for (var i = first; i < last; i++) {
      let at = blockRows[i] * params.kStride + k;
      let z = Z[at];
      let g = G[at];
      let moved = shrink * group_soft(z + t * g, t, level.l1);
      out[at] = moved;
      let dz = moved - z;
      sums.x += g * dz;
      sums.y += dz * dz;
      if (hasX) { sums.z -= dz * (moved - X[at]); }
    }
  }
  let total = tree_sum(lid, sums);
  if (lid == 0u && (params.flags & 1u) != 0u) {
    arena[params.col0.z + k] = total.x;
    arena[params.col0.w + k] = total.y;
    arena[params.col1.x + k] = total.z;
  }
}

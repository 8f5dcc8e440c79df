// The value of a grouped penalty per active column: out[k] = Σ over the open blocks of P(B_B)
// at λ_k (the twin of blockValueColumn in src/solvers/batched/block-ops.ts; the free
// intercept's levels are 0).
//   B  coefs, pPad × K float32;  levels, blockRows  the blocks (coefs/blocks.wgsl);
//   params.rows = nBlocks;  arena  λ col0.x, out col0.y
// Composed after the penalty's block twin, reductions/tree.wgsl and coefs/blocks.wgsl.
// Dispatch: (1, nActive).

@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read> levels: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> arena: array<f32>;
@group(0) @binding(5) var<storage, read> blockRows: array<u32>;

@compute @workgroup_size(64)
fn penalty_values(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let lambda = arena[params.col0.x + k];
  var s = 0.0;
  for (var b = lid; b < params.rows; b += 64u) {
    let level = block_levels(levels[b], lambda);
    if (!level.open) { continue; }
    var squares = 0.0;
    var absSum = 0.0;
    for (var i = blockRows[b]; i < blockRows[b + 1u]; i++) {
      let v = B[blockRows[i] * params.kStride + k];
      squares += v * v;
      absSum += abs(v);
    }
    s += group_value(sqrt(squares), absSum, level.l1, level.l2, level.w);
  }
  let total = tree_sum(lid, vec4<f32>(s, 0.0, 0.0, 0.0));
  if (lid == 0u) { arena[params.col0.y + k] = total.x; }
}

// Per-column sums of the partial sums that a sample reduction left per chunk of rows:
// out_m[k] = Σ_c partial[(c·outputs + m)·kStride + k], m < outputs (1 or 2), written to the
// arena at col0[m]. One workgroup per active column (workgroup_id.y = slot), tree-reduced.
//   partial  nChunks × outputs × kStride float32

@group(0) @binding(2) var<storage, read> partial: array<f32>;
@group(0) @binding(3) var<storage, read_write> arena: array<f32>;

@compute @workgroup_size(64)
fn chunk_sums(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  var s = vec4<f32>(0.0);
  for (var c = lid; c < params.nChunks; c += 64u) {
    let base = c * params.outputs;
    s.x += partial[base * params.kStride + k];
    if (params.outputs > 1u) { s.y += partial[(base + 1u) * params.kStride + k]; }
  }
  let total = tree_sum(lid, s);
  if (lid == 0u) {
    arena[params.col0.x + k] = total.x;
    if (params.outputs > 1u) { arena[params.col0.y + k] = total.y; }
  }
}

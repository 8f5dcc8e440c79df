// G = Σ over chunks of the partial products of backward.wgsl, for the active columns.
//   partial  nChunks × pPad × K float32;  G  coefs, pPad × K float32
// One invocation per (walked feature d, active column); the chunk count is small (a few dozen at
// most), so each sums its chunks in order. Which row of G feature d is: products/reduce-all.wgsl
// (d itself) or reduce-listed.wgsl (the working set's d-th entry; the other rows of G keep their
// values), composed before this file. Dispatch: (features walked / 64, nActive).

@group(0) @binding(2) var<storage, read> partial: array<f32>;
@group(0) @binding(3) var<storage, read_write> G: array<f32>;

@compute @workgroup_size(64)
fn backward_reduce(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let d = gid.x;
  let j = reduced_row(d);
  if (j == NONE) { return; }
  let k = column(wid.y);
  var s = 0.0;
  for (var c = 0u; c < params.nChunks; c++) {
    s += partial[(c * params.pPad + d) * params.kStride + k];
  }
  G[j * params.kStride + k] = s;
}

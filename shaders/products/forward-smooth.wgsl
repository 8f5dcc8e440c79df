// η = X̃₁·B fused with the smooth loss's terms, the entry point of products/forward.wgsl that
// saves a pass over η: per sample and active column η is stored, D = −wn ∘ ℓ'(y, η + o), and
// the row tile's share of value[k] = Σ wn ℓ(y, η + o) (zero-weight rows skipped) goes to
// `partial`, o the offset.
//   eta, D   samples, nPad × K float32;  y  2·nPad float32, y then o (samples/link-offset.wgsl);
//   wn       nPad float32 (nPad × K: column-weights.wgsl)
//   partial  (nPad / 64) × K float32, one sum per row tile, summed by reductions/chunk-sums.wgsl
// Composed after a losses/<name>.wgsl, samples/column-weights.wgsl, samples/link-offset.wgsl and
// products/forward.wgsl.

@group(0) @binding(4) var<storage, read_write> eta: array<f32>;
@group(0) @binding(5) var<storage, read_write> D: array<f32>;
@group(0) @binding(6) var<storage, read> y: array<f32>;
@group(0) @binding(7) var<storage, read> wn: array<f32>;
@group(0) @binding(8) var<storage, read_write> partial: array<f32>;

/** Per invocation, the loss sums of its four columns, for the sum over the tile's row quads. */
var<workgroup> tileSums: array<vec4<f32>, 64>;

/** Stores η and D of 4 rows of column k; returns their Σ wn ℓ. */
fn loss_rows(row: u32, k: u32, v: vec4<f32>) -> f32 {
  var value = 0.0;
  for (var r = 0u; r < 4u; r++) {
    let i = row + r;
    let at = i * params.kStride + k;
    let w = sample_weight(i, k);
    eta[at] = v[r];
    let e = v[r] + link_offset(i);
    D[at] = -w * loss_derivative(y[i], e);
    if (w != 0.0) { value += w * loss_value(y[i], e); }
  }
  return value;
}

@compute @workgroup_size(64)
fn forward_smooth(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let t = forward_tile(lid, wid);
  let k = vec4<u32>(column(t.slot), column(t.slot + 1u), column(t.slot + 2u), column(t.slot + 3u));
  tileSums[lid] = vec4<f32>(loss_rows(t.row, k.x, t.c0), loss_rows(t.row, k.y, t.c1), loss_rows(t.row, k.z, t.c2), loss_rows(t.row, k.w, t.c3));
  workgroupBarrier();
  // The 16 row quads of each column quad: invocations 16·q .. 16·q + 15 (lid / 16 = column quad).
  if (lid % 16u == 0u) {
    var s = vec4<f32>(0.0);
    for (var q = 0u; q < 16u; q++) { s += tileSums[lid + q]; }
    let tile = (t.row - t.row % 64u) / 64u;
    let base = tile * params.kStride;
    partial[base + k.x] = s.x;
    partial[base + k.y] = s.y;
    partial[base + k.z] = s.z;
    partial[base + k.w] = s.w;
  }
}

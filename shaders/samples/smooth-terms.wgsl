// Smooth losses, per sample and active column: D = −wn ∘ ℓ'(y, η + o), and the chunk's share of
// value[k] = Σ wn ℓ(y, η + o) (rows of zero weight skipped: ℓ may be huge there), o the offset.
//   eta, D   samples, nPad × K float32;  y  2·nPad float32, y then o (samples/link-offset.wgsl);
//            wn  nPad float32 (wn = 0 past nSamples), or nPad × K with flags COLUMN_PROBLEMS
//            (samples/column-weights.wgsl)
//   partial  nChunks × K float32, summed by reductions/chunk-sums.wgsl
// Composed after a losses/<name>.wgsl, samples/column-weights.wgsl and samples/link-offset.wgsl. A workgroup takes SAMPLE_CHUNK rows of one column.
// Dispatch: (ceil(nPad / SAMPLE_CHUNK), nActive).

@group(0) @binding(2) var<storage, read> eta: array<f32>;
@group(0) @binding(3) var<storage, read_write> D: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;
@group(0) @binding(5) var<storage, read> wn: array<f32>;
@group(0) @binding(6) var<storage, read_write> partial: array<f32>;

const SAMPLE_CHUNK: u32 = 1024u;

@compute @workgroup_size(64)
fn smooth_terms(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let start = wid.x * SAMPLE_CHUNK;
  let end = min(start + SAMPLE_CHUNK, params.rows);
  var value = 0.0;
  for (var i = start + lid; i < end; i += 64u) {
    let at = i * params.kStride + k;
    let w = sample_weight(i, k);
    let e = eta[at] + link_offset(i);
    D[at] = -w * loss_derivative(y[i], e);
    if (w != 0.0) { value += w * loss_value(y[i], e); }
  }
  let total = tree_sum(lid, vec4<f32>(value, 0.0, 0.0, 0.0));
  if (lid == 0u) { partial[wid.x * params.kStride + k] = total.x; }
}

// Piecewise-linear losses, the chunk's share of two per-column sums over the samples:
//   gap[k] = Σ wn (ℓ(y, η) − u·(y − η)) ≥ 0 and value[k] = Σ wn ℓ(y, η)
//   eta, U   samples, nPad × K float32;  y, wn  nPad float32 (nPad × K: column-weights.wgsl)
//   partial  nChunks × 2 × K float32: (chunk·2 + 0) gap, (chunk·2 + 1) value
// Composed after losses/piecewise-linear.wgsl and samples/column-weights.wgsl. Dispatch: (ceil(nPad / SAMPLE_CHUNK), nActive).

@group(0) @binding(2) var<storage, read> eta: array<f32>;
@group(0) @binding(3) var<storage, read> U: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;
@group(0) @binding(5) var<storage, read> wn: array<f32>;
@group(0) @binding(6) var<storage, read_write> partial: array<f32>;

const SAMPLE_CHUNK: u32 = 1024u;

@compute @workgroup_size(64)
fn dual_gap(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let start = wid.x * SAMPLE_CHUNK;
  let end = min(start + SAMPLE_CHUNK, params.rows);
  var sums = vec4<f32>(0.0);
  for (var i = start + lid; i < end; i += 64u) {
    let w = sample_weight(i, k);
    if (w == 0.0) { continue; }
    let at = i * params.kStride + k;
    let l = loss_value(y[i], eta[at]);
    sums.x += w * (l - U[at] * (y[i] - eta[at]));
    sums.y += w * l;
  }
  let total = tree_sum(lid, sums);
  if (lid == 0u) {
    partial[(wid.x * 2u) * params.kStride + k] = total.x;
    partial[(wid.x * 2u + 1u) * params.kStride + k] = total.y;
  }
}

// The multinomial (softmax) loss per sample and active column, the columns of a λ its C classes
// (adjacent: class c of group g at column g·C + c, C = params.size): with p_ic the softmax of η_i
// over the group's columns, D_ik = wn_i (1[y_i = c] − p_ic) (minus the derivative), and the
// chunk's share of the group's loss Σ wn_i (log Σ_c e^{η_ic} − η_i,y_i), the same sum in every
// column of the group (each computes it in the same order). Twin: softmaxTermsTwin
// (src/solvers/batched/cpu-multinomial.ts).
//   eta, D   samples, nPad × K float32;  y  nPad float32 class indices (then the offsets, unused)
//   wn       nPad float32 (0 past nSamples);  partial  nChunks × K float32 (reductions/chunk-sums.wgsl)
// Composed after reductions/tree.wgsl. A workgroup takes SAMPLE_CHUNK rows of one column.
// Dispatch: (ceil(nPad / SAMPLE_CHUNK), nActive).

@group(0) @binding(2) var<storage, read> eta: array<f32>;
@group(0) @binding(3) var<storage, read_write> D: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;
@group(0) @binding(5) var<storage, read> wn: array<f32>;
@group(0) @binding(6) var<storage, read_write> partial: array<f32>;

const SAMPLE_CHUNK: u32 = 1024u;

@compute @workgroup_size(64)
fn softmax_terms(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let k = column(wid.y);
  let classes = params.size;
  let c = k % classes;
  let first = k - c;
  let start = wid.x * SAMPLE_CHUNK;
  let end = min(start + SAMPLE_CHUNK, params.rows);
  var value = 0.0;
  for (var i = start + lid; i < end; i += 64u) {
    let row = i * params.kStride + first;
    var m = eta[row];
    for (var q = 1u; q < classes; q++) { m = max(m, eta[row + q]); }
    var s = 0.0;
    for (var q = 0u; q < classes; q++) { s += exp(eta[row + q] - m); }
    let w = wn[i];
    let label = u32(y[i]);
    let prob = exp(eta[row + c] - m) / s;
    D[row + c] = w * (select(0.0, 1.0, label == c) - prob);
    if (w != 0.0) { value += w * (m + log(s) - eta[row + min(label, classes - 1u)]); }
  }
  let total = tree_sum(lid, vec4<f32>(value, 0.0, 0.0, 0.0));
  if (lid == 0u) { partial[wid.x * params.kStride + k] = total.x; }
}

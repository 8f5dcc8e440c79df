// Smooth losses, per sample and active column: H = w ∘ ℓ''(y, η + o) (o the offset), the curvature weights of a
// proximal Newton step's model (loss_newton_curvature: the twin of the float64 backend's
// curvatures, newtonCurvature where the loss has one, else curvature).
//   eta, H  samples, nPad × K float32;  y  2·nPad float32, y then o (samples/link-offset.wgsl);
//           wn  nPad float32 (wn = 0 past nSamples), or nPad × K with flags COLUMN_PROBLEMS
//           (samples/column-weights.wgsl)
// Composed after a losses/<name>.wgsl, samples/column-weights.wgsl and samples/link-offset.wgsl.
// Dispatch: (min(ceil(nPad / CURVATURE_WORKGROUP), 65535), nActive); invocations stride over the rows.
// H of one column: max_curvatures below.

@group(0) @binding(2) var<storage, read> eta: array<f32>;
@group(0) @binding(3) var<storage, read_write> H: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;
@group(0) @binding(5) var<storage, read> wn: array<f32>;

override CURVATURE_WORKGROUP: u32 = 64u;

@compute @workgroup_size(CURVATURE_WORKGROUP)
fn curvatures(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
              @builtin(num_workgroups) groups: vec3<u32>) {
  let k = column(wid.y);
  for (var i = gid.x; i < params.rows; i += groups.x * CURVATURE_WORKGROUP) {
    let at = i * params.kStride + k;
    H[at] = sample_weight(i, k) * loss_newton_curvature(y[i], eta[at] + link_offset(i));
  }
}

// One curvature for every active column: H's column 0 = max over the active columns k of
// w ∘ ℓ''(y, η_k), a metric that majorizes every column's at its point (one Gram matrix serves
// them all). params.outputs: H's floats between rows. Dispatch: (min(ceil(nPad / CURVATURE_WORKGROUP), 65535)).
@compute @workgroup_size(CURVATURE_WORKGROUP)
fn max_curvatures(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  for (var i = gid.x; i < params.rows; i += groups.x * CURVATURE_WORKGROUP) {
    var largest = 0.0;
    for (var slot = 0u; slot < params.nActive; slot++) {
      let k = column(slot);
      largest = max(largest, sample_weight(i, k) * loss_newton_curvature(y[i], eta[i * params.kStride + k] + link_offset(i)));
    }
    H[i * params.outputs] = largest;
  }
}

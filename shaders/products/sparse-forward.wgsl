// η = X·scaled + shift over one CSR row block of the raw X (products/sparse-entries.wgsl), for
// the active columns: with `scaled` from products/sparse-coefs.wgsl this is η = X̃₁·B, the centring
// and the intercept in the shift (the intercept's row of `scaled`). Rows past nSamples get 0.
//   scaled  coefs, pPad × K float32;  eta  samples, nPad × K float32 (out)
// A workgroup: 4 rows × 16 active columns, one invocation per (row, column) walking the row's
// entries (adjacent invocations read adjacent columns of a row of `scaled`). Dispatch:
// (row quads of this dispatch, ceil(nActive / 16)), from row quad tileBase of the block.

@group(0) @binding(4) var<storage, read> scaled: array<f32>;
@group(0) @binding(5) var<storage, read_write> eta: array<f32>;

@compute @workgroup_size(64)
fn sparse_forward(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let r = (params.tileBase + wid.x) * 4u + lid / 16u;
  let slot = wid.y * 16u + lid % 16u;
  if (r >= params.blockRows || slot >= params.nActive) { return; }
  let k = column(slot);
  let s = params.kStride;
  let i = params.rowBase + r;
  var v = 0.0;
  if (i < params.nSamples) {
    v = scaled[params.nFeatures * s + k];
    for (var e = line_start(r); e < line_end(r); e++) {
      v += entry_value(e) * scaled[entry_position(e) * s + k];
    }
  }
  eta[i * s + k] = v;
}

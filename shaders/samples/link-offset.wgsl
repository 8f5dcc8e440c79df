// The problem's offset o_i (glmnet's offset: η_i = o_i + x̃_iᵀβ̃ + b̃0), for the kernels that
// evaluate a smooth loss and declare `y`: the y buffer holds y (nPad floats) then the offsets
// (nPad floats, zeros without an offset; src/gpu/problem-buffers.ts), so the loss is evaluated at
// η + o while every η buffer holds X̃₁B alone (the float64 twin: Problem.offset in cpu-backend.ts).

fn link_offset(i: u32) -> f32 {
  return y[arrayLength(&y) / 2u + i];
}

// gramSolve's model state in storage, for working sets beyond the workgroup memory: per listed
// coordinate a, minus the model's gradient and the coefficient, in a scratch region of the
// columns arena (`arena`, declared by newton/gram-solve.wgsl) from col1.x on, 2·size floats per
// active slot. The accessors are those of newton/model-workgroup.wgsl.

var<private> modelBase: u32;

fn model_open(slot: u32) { modelBase = params.col1.x + 2u * params.size * slot; }
fn grad_at(a: u32) -> f32 { return arena[modelBase + a]; }
fn beta_at(a: u32) -> f32 { return arena[modelBase + params.size + a]; }
fn set_grad(a: u32, v: f32) { arena[modelBase + a] = v; }
fn set_beta(a: u32, v: f32) { arena[modelBase + params.size + a] = v; }
/** Makes every invocation's model writes visible to all (called in uniform control flow). */
fn model_barrier() { storageBarrier(); }

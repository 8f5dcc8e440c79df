// gramSolve's model state in workgroup memory, for working sets of up to MODEL_CAPACITY
// coordinates: per listed coordinate a, minus the model's gradient and the coefficient. The
// capacity is a pipeline constant that the backend sets from the device's workgroup memory.
// The accessors are those of newton/model-storage.wgsl (the same kernel for larger sets).

override MODEL_CAPACITY: u32 = 1024u;

var<workgroup> modelGrad: array<f32, MODEL_CAPACITY>;
var<workgroup> modelBeta: array<f32, MODEL_CAPACITY>;

fn model_open(slot: u32) {}
fn grad_at(a: u32) -> f32 { return modelGrad[a]; }
fn beta_at(a: u32) -> f32 { return modelBeta[a]; }
fn set_grad(a: u32, v: f32) { modelGrad[a] = v; }
fn set_beta(a: u32, v: f32) { modelBeta[a] = v; }
/** Makes every invocation's model writes visible to all (called in uniform control flow). */
fn model_barrier() { workgroupBarrier(); }

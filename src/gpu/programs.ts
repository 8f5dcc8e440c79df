// The kernels, each a concatenation of whole WGSL files (common first), and their pipelines,
// created once per device and cached in a WeakMap so that a lost device takes them along.
// `pipelineFor` creates one asynchronously inside a validation error scope and throws the
// compiler's messages; `pipelineNow` creates one synchronously on first use (the batched ops
// compile only the kernels a solve dispatches), its errors reported through the caller's scope.
// This is the only module that imports the shader sources.

import { lossSpec } from '../losses/registry.js';
import type { Problem } from '../problem/validate.js';
import { SHADER_SOURCES } from './shader-sources.js';

export interface Program {
  /** Files under shaders/, concatenated after common.wgsl. */
  files: string[];
  entryPoint: string;
}

/**
 * The workgroup sizes of the kernels that take theirs as an `override` (the backend counts its
 * dispatches with the same numbers): pipeline constants of every program.
 */
export const WORKGROUP_SIZES = {
  CURVATURE_WORKGROUP: 64,
  GRAM_REDUCE_WORKGROUP: 64,
  COPY_WORKGROUP: 64,
} as const;

const TREE = 'reductions/tree.wgsl';
/** The product tile over every feature, and backward's sums into every row of G. */
const ALL_FEATURES = 'products/features-all.wgsl';
const ALL_ROWS = 'products/reduce-all.wgsl';
/** The same over a working set (a list of coefficient rows). */
const LISTED_FEATURES = 'products/features-listed.wgsl';
const LISTED_ROWS = 'products/reduce-listed.wgsl';
/** One block of a sparse X's entries (CSR rows or CSC columns). */
const SPARSE_ENTRIES = 'products/sparse-entries.wgsl';
/** The per-column problems' helpers (BatchOps.columnProblems). */
const WEIGHTS = 'samples/column-weights.wgsl';
const SCALES = 'coefs/column-scales.wgsl';
/** The offset the smooth losses' kernels add to η (in the y buffer, after y). */
const OFFSET = 'samples/link-offset.wgsl';

/** Kernels that do not depend on the loss. */
export const PROGRAMS = {
  forward: { files: [ALL_FEATURES, 'products/forward.wgsl', 'products/forward-store.wgsl'], entryPoint: 'forward' },
  backward: { files: [ALL_FEATURES, 'products/backward.wgsl'], entryPoint: 'backward' },
  backwardReduce: { files: [ALL_ROWS, 'products/backward-reduce.wgsl'], entryPoint: 'backward_reduce' },
  // The products over a working set (WorkingSetOps): first-order iterations restricted to it.
  backwardFeatures: { files: [LISTED_FEATURES, 'products/backward.wgsl'], entryPoint: 'backward' },
  backwardReduceFeatures: { files: [LISTED_ROWS, 'products/backward-reduce.wgsl'], entryPoint: 'backward_reduce' },
  forwardNaive: { files: ['products/naive.wgsl'], entryPoint: 'forward_naive' },
  backwardNaive: { files: ['products/naive.wgsl'], entryPoint: 'backward_naive' },
  chunkSums: { files: [TREE, 'reductions/chunk-sums.wgsl'], entryPoint: 'chunk_sums' },
  weightedSquares: { files: [TREE, WEIGHTS, 'samples/weighted-squares.wgsl'], entryPoint: 'weighted_squares' },
  weigh: { files: [WEIGHTS, 'samples/weigh.wgsl'], entryPoint: 'weigh' },
  squares: { files: [TREE, 'coefs/squares.wgsl'], entryPoint: 'squares' },
  normalize: { files: [TREE, 'coefs/normalize.wgsl'], entryPoint: 'normalize_columns' },
  fista: { files: ['columns/fista.wgsl'], entryPoint: 'fista_columns' },
  advance: { files: ['columns/advance.wgsl'], entryPoint: 'advance' },
  combine: { files: ['columns/combine.wgsl'], entryPoint: 'combine' },
  combineInto: { files: ['columns/combine-in-place.wgsl'], entryPoint: 'combine_into' },
  combineSelf: { files: ['columns/combine-self.wgsl'], entryPoint: 'combine_self' },
  copyActive: { files: ['columns/copy-active.wgsl'], entryPoint: 'copy_active' },
  // The multinomial loss (MultinomialOps): (λ, class) columns, C adjacent per λ.
  softmaxTerms: { files: [TREE, 'samples/softmax-terms.wgsl'], entryPoint: 'softmax_terms' },
  groupColumns: { files: ['columns/group-columns.wgsl'], entryPoint: 'group_columns' },
  groupProx: { files: [TREE, 'coefs/group-prox.wgsl'], entryPoint: 'group_prox' },
  groupKkt: { files: [TREE, 'coefs/group-kkt.wgsl'], entryPoint: 'group_kkt' },
  // Proximal Newton on working sets (NewtonOps): the weighted Gram matrix, η moved on S, the
  // model solved on the Gram matrix (its state in workgroup memory, or in storage for large S),
  // the penalty's value.
  weightedGram: { files: ['products/gram.wgsl'], entryPoint: 'weighted_gram' },
  gramReduce: { files: ['products/gram-reduce.wgsl'], entryPoint: 'gram_reduce' },
  forwardFeatures: { files: [LISTED_FEATURES, 'products/forward.wgsl', 'products/forward-store.wgsl'], entryPoint: 'forward' },
  // The products of a sparse X (sparse-products.ts): CSR rows for X̃₁B, CSC columns for X̃₁ᵀD, the
  // centring folded into the coefficients and the sums; a working set gathered dense for its Gram.
  sparseCoefs: { files: [TREE, 'products/sparse-coefs.wgsl'], entryPoint: 'sparse_coefs' },
  sparseForward: { files: [SPARSE_ENTRIES, 'products/sparse-forward.wgsl'], entryPoint: 'sparse_forward' },
  sparseSums: { files: [TREE, 'products/sparse-sums.wgsl'], entryPoint: 'sparse_sums' },
  sparseBackward: { files: [SPARSE_ENTRIES, 'products/sparse-backward.wgsl'], entryPoint: 'sparse_backward' },
  sparseGather: { files: [SPARSE_ENTRIES, 'products/sparse-gather.wgsl'], entryPoint: 'sparse_gather' },
} satisfies Record<string, Program>;

export type ProgramName = keyof typeof PROGRAMS;

/** The loss's WGSL twin, its pipeline constants (δ, slopes), and whether it is smooth. */
export interface LossShader {
  file: string;
  constants: Record<string, number>;
  smooth: boolean;
}

/**
 * From the loss's spec: its twin, and as constants the parameters that name a wgslConstant; a
 * piecewise-linear loss's twin also takes its slopes (SLOPE_BELOW, SLOPE_ABOVE).
 */
export function lossShader(problem: Problem): LossShader {
  const { loss, lossParameter } = problem;
  const spec = lossSpec(problem.lossName);
  const file = spec.wgsl;
  if (!(file in SHADER_SOURCES)) throw new Error(`no WGSL twin for the ${spec.name} loss (expected shaders/${file})`);
  const constants: Record<string, number> = {};
  for (const param of spec.params) {
    if (param.wgslConstant) constants[param.wgslConstant] = lossParameter[param.key] ?? param.default;
  }
  if (!loss.smooth) Object.assign(constants, { SLOPE_BELOW: loss.slopes.below, SLOPE_ABOVE: loss.slopes.above });
  return { file, constants, smooth: loss.smooth };
}

/**
 * The kernels of a loss: the smooth terms (alone and fused with η = X̃₁B) and the curvatures, at
 * η plus the offset, or the dual step and gap (a piecewise-linear loss's offset is in y).
 */
export function lossPrograms(shader: LossShader): Record<string, Program> {
  return !shader.smooth
    ? {
        dualStep: { files: [shader.file, 'samples/dual-step.wgsl'], entryPoint: 'dual_step' },
        dualGap: { files: [shader.file, TREE, WEIGHTS, 'samples/dual-gap.wgsl'], entryPoint: 'dual_gap' },
      }
    : {
        smoothTerms: { files: [shader.file, TREE, WEIGHTS, OFFSET, 'samples/smooth-terms.wgsl'], entryPoint: 'smooth_terms' },
        forwardSmooth: { files: [shader.file, WEIGHTS, OFFSET, ALL_FEATURES, 'products/forward.wgsl', 'products/forward-smooth.wgsl'], entryPoint: 'forward_smooth' },
        curvatures: { files: [shader.file, WEIGHTS, OFFSET, 'samples/curvatures.wgsl'], entryPoint: 'curvatures' },
        maxCurvatures: { files: [shader.file, WEIGHTS, OFFSET, 'samples/curvatures.wgsl'], entryPoint: 'max_curvatures' },
      };
}

/** The penalty's WGSL twin (its spec's files), its pipeline constants (γ), and its form. */
export interface PenaltyShader {
  files: readonly string[];
  constants: Record<string, number>;
  /** A grouped penalty's block functions (their kernels walk blocks: coefs/*-blocks.wgsl), else per coefficient. */
  blocks: boolean;
}

export function penaltyShader(problem: Problem): PenaltyShader {
  const { spec, gamma } = problem.penalty;
  const missing = spec.wgsl.find((file) => !(file in SHADER_SOURCES));
  if (missing) throw new Error(`no WGSL for the ${spec.name} penalty (expected shaders/${missing})`);
  return { files: spec.wgsl, constants: spec.gamma ? { PENALTY_GAMMA: gamma } : {}, blocks: spec.block !== undefined };
}

/**
 * The kernels that compose the penalty's functions: per coefficient (prox, certificate,
 * minimizer, value; Newton's model solve among them), or per block (prox, certificate, value:
 * the first-order iteration only).
 */
export function penaltyPrograms(shader: PenaltyShader): Record<string, Program> {
  const penalty = shader.files;
  if (shader.blocks) {
    const blocks = [...penalty, TREE, 'coefs/blocks.wgsl'];
    return {
      proxGradient: { files: [...blocks, 'coefs/prox-gradient-blocks.wgsl'], entryPoint: 'prox_gradient' },
      kkt: { files: [...blocks, 'coefs/kkt-blocks.wgsl'], entryPoint: 'kkt' },
      penaltyValues: { files: [...blocks, 'coefs/penalty-values-blocks.wgsl'], entryPoint: 'penalty_values' },
    };
  }
  return {
    proxGradient: { files: [TREE, ...penalty, SCALES, 'coefs/prox-gradient.wgsl'], entryPoint: 'prox_gradient' },
    kkt: { files: [TREE, ...penalty, SCALES, 'coefs/kkt.wgsl'], entryPoint: 'kkt' },
    gramSolve: { files: [...penalty, TREE, SCALES, 'newton/model-workgroup.wgsl', 'newton/gram-solve.wgsl'], entryPoint: 'gram_solve' },
    gramSolveStorage: { files: [...penalty, TREE, SCALES, 'newton/model-storage.wgsl', 'newton/gram-solve.wgsl'], entryPoint: 'gram_solve' },
    penaltyValues: { files: [...penalty, TREE, SCALES, 'coefs/penalty-values.wgsl'], entryPoint: 'penalty_values' },
  };
}

export function programSource(program: Program): string {
  return ['common.wgsl', ...program.files].map((file) => {
    const source = SHADER_SOURCES[file];
    if (source === undefined) throw new Error(`no shader shaders/${file}`);
    return source;
  }).join('\n');
}

const caches = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();
const readyCaches = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

function cacheOf<T>(caches: WeakMap<GPUDevice, Map<string, T>>, device: GPUDevice): Map<string, T> {
  let cache = caches.get(device);
  if (!cache) caches.set(device, (cache = new Map()));
  return cache;
}

/** The pipeline constants that `program` declares (an override) and its cache key. */
function keyed(program: Program, constants: Record<string, number>): { used: Record<string, number>; key: string } {
  const used = Object.fromEntries(Object.entries(constants).filter(([name]) => program.files.some((f) => SHADER_SOURCES[f]?.includes(`override ${name}`))));
  return { used, key: `${program.files.join('+')}:${program.entryPoint}:${JSON.stringify(used)}` };
}

/**
 * The pipeline of `program` with `constants` on `device`, created synchronously the first time
 * (a compile error surfaces as a validation error of the caller's error scope, at the dispatch).
 */
export function pipelineNow(device: GPUDevice, program: Program, constants: Record<string, number> = {}): GPUComputePipeline {
  const cache = cacheOf(readyCaches, device);
  const { used, key } = keyed(program, constants);
  let made = cache.get(key);
  if (!made) {
    const label = `proxpath ${program.entryPoint}`;
    const module = device.createShaderModule({ label, code: programSource(program) });
    made = device.createComputePipeline({ label, layout: 'auto', compute: { module, entryPoint: program.entryPoint, constants: used } });
    cache.set(key, made);
  }
  return made;
}

/** The pipeline of `program` with `constants` on `device`, created once. */
export function pipelineFor(device: GPUDevice, program: Program, constants: Record<string, number> = {}): Promise<GPUComputePipeline> {
  const cache = cacheOf(caches, device);
  const { used, key } = keyed(program, constants);
  let made = cache.get(key);
  if (!made) {
    made = createPipeline(device, program, used);
    cache.set(key, made);
    made.catch(() => cache.delete(key));
  }
  return made;
}

async function createPipeline(device: GPUDevice, program: Program, constants: Record<string, number>): Promise<GPUComputePipeline> {
  const label = `proxpath ${program.entryPoint}`;
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label, code: programSource(program) });
  const pipeline = device.createComputePipelineAsync({ label, layout: 'auto', compute: { module, entryPoint: program.entryPoint, constants } });
  const error = await device.popErrorScope();
  try {
    const made = await pipeline;
    if (error) throw new Error(error.message);
    return made;
  } catch (e) {
    const info = await module.getCompilationInfo();
    const messages = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
    throw new Error(`WebGPU kernel ${program.entryPoint} (${program.files.join(' + ')}) failed: ${messages.join('; ') || (e as Error).message}`);
  }
}

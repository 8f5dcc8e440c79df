// Every batched op on WebGPU against its float64 CPU twin, on the same random inputs: both
// backends get identical buffers, run the op with the same active columns, and each output is
// compared as max |gpu − cpu| / max |cpu| over the whole buffer (inactive columns included:
// they must keep their values). Runs in the page (test/gpu/harness.ts). The products include
// backwardFeatures on a working set (its unlisted rows must keep their values). Smooth losses also
// compare the Newton ops (NewtonOps) on a working set of up to 41 coefficient rows (two Gram
// tiles where p allows).

import { cpuBatchBackend } from '../../src/solvers/batched/cpu-backend.js';
import { webGpuBatchBackend, type WebGpuBackendOptions, type WebGpuBatchOps } from '../../src/gpu/webgpu-backend.js';
import { mulberry32 } from '../../src/random.js';
import {
  type BatchBuffer, type BatchOps, type BufferKind, hasNewton, hasWorkingSets, type NewtonOps, type WorkingSetOps,
} from '../../src/solvers/batched/backend.js';
import { buildProblem, type ProblemSpec } from './problems.js';

export interface OpsSpec extends ProblemSpec {
  nColumns: number;
  backend?: WebGpuBackendOptions;
  /**
   * One problem per column (BatchOps.columnProblems): random per-column weights (a quarter of
   * them 0) and penalty scales (every fifth 0), set before every op.
   */
  columnProblems?: boolean;
}

interface Pair {
  kind: BufferKind;
  cpu: BatchBuffer;
  gpu: BatchBuffer;
}

/** Largest |a − b| over the largest |a| (0 when both vanish). */
export function relativeError(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  if (!(diff === diff)) return Infinity; // NaN
  return diff === 0 ? 0 : diff / Math.max(scale, 1e-300);
}

export async function compareOps(device: GPUDevice, spec: OpsSpec): Promise<Record<string, number>> {
  // A sparse X: the device runs on its sparse columns, the float64 twin on the dense X̃ (the host product).
  const { problem, std, sparse } = buildProblem(spec);
  const K = spec.nColumns;
  const n = problem.nSamples;
  const p = problem.nFeatures;
  const uniform = mulberry32(spec.seed + 7);
  const cpu = await cpuBatchBackend.open(problem, std);
  if (!hasNewton(cpu) || !hasWorkingSets(cpu)) throw new Error('the float64 twin lacks the Newton or working-set ops');
  const gpu = (await webGpuBatchBackend(device, spec.backend).open(sparse?.problem ?? problem, sparse?.std ?? std)) as WebGpuBatchOps;
  const errors: Record<string, number> = {};
  try {
    const rowsOf = (kind: BufferKind) => (kind === 'samples' ? n : kind === 'coefs' ? p + 1 : 1);
    const random = (kind: BufferKind, lo: number, hi: number): Float64Array => {
      const v = Float64Array.from({ length: rowsOf(kind) * K }, () => lo + (hi - lo) * uniform());
      if (kind === 'coefs') {
        // The solvers' invariant: unusable features (and the intercept without one) stay 0.
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < p; j++) if (!std.usable[j]) v[k * (p + 1) + j] = 0;
          if (!problem.intercept) v[k * (p + 1) + p] = 0;
        }
      }
      return v;
    };
    const pair = (kind: BufferKind, values?: Float64Array, nColumns = K): Pair => {
      const made = { kind, cpu: cpu.alloc(kind, nColumns), gpu: gpu.alloc(kind, nColumns) };
      const v = values ?? (nColumns === K ? random(kind, -1, 1) : new Float64Array(rowsOf(kind) * nColumns));
      cpu.write(made.cpu, v);
      gpu.write(made.gpu, v);
      return made;
    };
    const run = (op: (ops: BatchOps & NewtonOps & WorkingSetOps, side: (x: Pair) => BatchBuffer) => void) => {
      op(cpu, (x) => x.cpu);
      op(gpu, (x) => x.gpu);
    };
    const record = async (name: string, x: Pair) => {
      await gpu.check();
      errors[name] = relativeError(await cpu.read(x.cpu), await gpu.read(x.gpu));
    };

    // Every third column inactive (all active when K = 1): they must keep their values.
    const active = Int32Array.from({ length: K }, (_, k) => k).filter((k) => K === 1 || k % 3 !== 1);
    cpu.setActive(active);
    gpu.setActive(active);

    if (spec.columnProblems) {
      const weights = random('samples', 0, 2).map((w, at) => ((at + Math.floor(at / n)) % 4 === 0 ? 0 : w / n));
      const scales = random('coefs', 0.5, 1.5).map((q, at) => (at % (p + 1) === p ? 1 : at % 5 === 2 ? 0 : q));
      const W = pair('samples', weights);
      const Q = pair('coefs', scales);
      cpu.columnProblems!(W.cpu, Q.cpu);
      gpu.columnProblems(W.gpu, Q.gpu);
    }

    // The products.
    const B = pair('coefs', random('coefs', -1, 1));
    const eta = pair('samples');
    run((ops, s) => ops.forward(s(B), s(eta)));
    await record('forward', eta);
    const D = pair('samples');
    const G = pair('coefs');
    run((ops, s) => ops.backward(s(D), s(G)));
    await record('backward', G);
    // The same rows for a working set (every third feature left out, the intercept's row when
    // there is one; more than one 64-feature tile where p allows): the other rows keep their values.
    const listed = Int32Array.from([...Array.from({ length: p }, (_, j) => j).filter((j) => j % 3 !== 1), ...(problem.intercept ? [p] : [])]);
    const Glisted = pair('coefs');
    run((ops, s) => ops.backwardFeatures(listed, s(D), s(Glisted)));
    await record('backwardFeatures', Glisted);

    // The loss terms.
    const lambda = pair('columns', random('columns', 0.01, 0.5));
    if (problem.loss.smooth) {
      const etaIn = pair('samples', random('samples', -2, 2));
      const Dout = pair('samples');
      const value = pair('columns');
      run((ops, s) => ops.smoothTerms(s(etaIn), s(Dout), s(value)));
      await record('smoothTerms.D', Dout);
      await record('smoothTerms.value', value);
      const fusedEta = pair('samples');
      const fusedD = pair('samples');
      const fusedValue = pair('columns');
      run((ops, s) => ops.forwardSmooth(s(B), s(fusedEta), s(fusedD), s(fusedValue)));
      await record('forwardSmooth.eta', fusedEta);
      await record('forwardSmooth.D', fusedD);
      await record('forwardSmooth.value', fusedValue);
    } else {
      const { below, above } = problem.loss.slopes;
      const U = pair('samples', random('samples', below, above));
      const Dout = pair('samples');
      run((ops, s) => ops.weigh(s(U), s(Dout)));
      await record('weigh', Dout);
      const etaBar = pair('samples', random('samples', -2, 2));
      const sigma = pair('columns', random('columns', 0.1, 2));
      run((ops, s) => ops.dualStep(s(etaBar), s(U), s(sigma)));
      await record('dualStep', U);
      const infinite = pair('columns', new Float64Array(K).fill(1e300));
      const U2 = pair('samples', random('samples', below, above));
      run((ops, s) => ops.dualStep(s(etaBar), s(U2), s(infinite)));
      await record('dualStep.infinite', U2);
      const gap = pair('columns');
      const value = pair('columns');
      run((ops, s) => ops.dualGap(s(etaBar), s(U), s(gap), s(value)));
      await record('dualGap.gap', gap);
      await record('dualGap.value', value);
    }

    // The proximal step, with and without the sums.
    const Z = pair('coefs');
    const X = pair('coefs');
    const step = pair('columns', random('columns', 0.1, 1));
    const out = pair('coefs');
    const reductions = { gradDot: pair('columns'), stepSquared: pair('columns'), restartDot: pair('columns') };
    run((ops, s) => ops.proxGradient(s(Z), s(G), s(step), s(lambda), s(out), s(X), {
      gradDot: s(reductions.gradDot), stepSquared: s(reductions.stepSquared), restartDot: s(reductions.restartDot),
    }));
    await record('proxGradient', out);
    await record('proxGradient.gradDot', reductions.gradDot);
    await record('proxGradient.stepSquared', reductions.stepSquared);
    await record('proxGradient.restartDot', reductions.restartDot);
    const out2 = pair('coefs');
    run((ops, s) => ops.proxGradient(s(Z), s(G), s(step), s(lambda), s(out2)));
    await record('proxGradient.plain', out2);

    // FISTA's column rule, on values that decide clearly (10 % off the model either way).
    const fs = {
      step: random('columns', 0.1, 1), theta: random('columns', 1, 3), valueAtZ: random('columns', 1, 2),
      gradDot: random('columns', -0.1, 0.1), stepSquared: random('columns', 0, 0.1), restartDot: random('columns', -1, 1),
    };
    const valueNew = fs.valueAtZ.map((v, k) => {
      const model = v - fs.gradDot[k] + fs.stepSquared[k] / (2 * fs.step[k]);
      return model + (k % 2 ? 0.1 : -0.1) * Math.abs(model);
    });
    const state = {
      step: pair('columns', fs.step), theta: pair('columns', fs.theta), valueAtZ: pair('columns', fs.valueAtZ),
      valueNew: pair('columns', valueNew), gradDot: pair('columns', fs.gradDot), stepSquared: pair('columns', fs.stepSquared),
      restartDot: pair('columns', fs.restartDot), accept: pair('columns'), momentum: pair('columns'),
    };
    const limits = { maxStep: 0.9, relativeSlack: 1e-6, valueOffset: 0.5 };
    run((ops, s) => ops.fistaColumns({
      step: s(state.step), theta: s(state.theta), valueAtZ: s(state.valueAtZ), valueNew: s(state.valueNew),
      reductions: { gradDot: s(state.gradDot), stepSquared: s(state.stepSquared), restartDot: s(state.restartDot) },
      accept: s(state.accept), momentum: s(state.momentum), limits,
    }));
    for (const name of ['step', 'theta', 'accept', 'momentum'] as const) await record(`fistaColumns.${name}`, state[name]);

    // Momentum steps on both kinds, with some columns rejected.
    const accept = pair('columns', Float64Array.from({ length: K }, (_, k) => (k % 4 === 3 ? 0 : 1)));
    const momentum = pair('columns', random('columns', 0, 0.9));
    for (const kind of ['coefs', 'samples'] as const) {
      const newer = pair(kind);
      const older = pair(kind);
      const point = pair(kind);
      run((ops, s) => ops.advance(s(newer), s(older), s(point), s(accept), s(momentum)));
      await record(`advance.${kind}.point`, point);
      await record(`advance.${kind}.older`, older);

      const norms = pair('columns');
      run((ops, s) => ops.squaredNorms(s(newer), s(norms)));
      await record(`squaredNorms.${kind}`, norms);

      // combine: distinct output, output aliasing A, aliasing B, and all three one buffer.
      const a = pair('columns', random('columns', -2, 2));
      const b = pair('columns', random('columns', -2, 2));
      const A = pair(kind);
      const Bk = pair(kind);
      const target = pair(kind);
      run((ops, s) => ops.combine(s(a), s(A), s(b), s(Bk), s(target)));
      await record(`combine.${kind}`, target);
      run((ops, s) => ops.combine(s(a), s(A), s(b), s(Bk), s(A)));
      await record(`combine.${kind}.intoA`, A);
      run((ops, s) => ops.combine(s(a), s(A), s(b), s(Bk), s(Bk)));
      await record(`combine.${kind}.intoB`, Bk);
      run((ops, s) => ops.combine(s(a), s(A), s(b), s(A), s(A)));
      await record(`combine.${kind}.self`, A);
      run((ops, s) => ops.copy(s(A), s(target)));
      await record(`copy.${kind}`, target);
    }
    const copied = pair('columns');
    run((ops, s) => ops.copy(s(momentum), s(copied)));
    await record('copy.columns', copied);

    // The KKT violation, at coefficients partly at 0 and at their bounds.
    const Bk = random('coefs', -0.5, 0.5);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < p; j++) {
        const at = k * (p + 1) + j;
        if (j % 5 === 0) Bk[at] = 0;
        if (j % 5 === 1 && Number.isFinite(std.upper[j])) Bk[at] = std.upper[j];
      }
    }
    const Bkkt = pair('coefs', Bk);
    const kkt = pair('columns');
    run((ops, s) => ops.kkt(s(G), s(Bkkt), s(lambda), s(kkt)));
    await record('kkt', kkt);

    // The Newton model is solved per coordinate: separable penalties only.
    if (problem.loss.smooth && problem.penalty.spec.traits.separable) {
      const newton = { cpu, gpu, K, p, intercept: problem.intercept, uniform, active, pair, random, run, record, errors };
      await compareNewton(newton, lambda, B);
    }

    // The penalty's value per column (Newton's line search; grouped: block by block).
    const penalties = pair('columns');
    run((ops, s) => ops.penaltyValues(s(Bkkt), s(lambda), s(penalties)));
    await record('penaltyValues', penalties);

    const [normCpu, normGpu] = [await cpu.gramNorm(), await gpu.gramNorm()];
    errors.gramNorm = Math.abs(normGpu - normCpu) / normCpu;
    await gpu.check();
  } finally {
    cpu.release();
    gpu.release();
    std.heap.release();
    sparse?.std.heap.release();
  }
  return errors;
}

interface NewtonContext {
  cpu: BatchOps & NewtonOps;
  gpu: BatchOps & NewtonOps;
  K: number;
  p: number;
  intercept: boolean;
  uniform: () => number;
  active: Int32Array;
  pair: (kind: BufferKind, values?: Float64Array, nColumns?: number) => Pair;
  random: (kind: BufferKind, lo: number, hi: number) => Float64Array;
  run: (op: (ops: BatchOps & NewtonOps, side: (x: Pair) => BatchBuffer) => void) => void;
  record: (name: string, x: Pair) => Promise<void>;
  errors: Record<string, number>;
}

/** Sweeps of the fixed-length model solves (tolerance −1), and the budget of the converging ones. */
const FIXED_SWEEPS = 3;
const MAX_SWEEPS = 2000;
/** The converging solves' KKT target: float32 reaches it, and it pins the solution to ~1e-5. */
const MODEL_TOLERANCE = 1e-5;

/**
 * The Newton ops on a working set of up to 40 features (two Gram tiles), every third feature
 * left out, and the intercept's ones column with an intercept: curvatures, weighted Gram
 * matrices (per column and shared), η moved on the set, the model solved on random
 * well-conditioned Gram matrices (per column and shared; a few fixed sweeps, and to
 * convergence).
 */
async function compareNewton(c: NewtonContext, lambda: Pair, B: Pair): Promise<void> {
  const { K, p, random, pair, run, record } = c;
  const listed = Array.from({ length: p }, (_, j) => j).filter((j) => j % 3 !== 1).slice(0, 40);
  const features = Int32Array.from(c.intercept ? [...listed, p] : listed);
  const m = features.length;

  const etaIn = pair('samples', random('samples', -3, 3));
  const H = pair('samples');
  run((ops, s) => ops.curvatures(s(etaIn), s(H)));
  await record('curvatures', H);
  // The shared metric: every active column's largest curvature per sample, into one column.
  const largest = pair('samples', undefined, 1);
  run((ops, s) => ops.curvatures(s(etaIn), s(largest)));
  await record('curvatures.largest', largest);

  const gram = (nColumns: number, values?: Float64Array): Pair => {
    const made = { kind: 'gram' as const, cpu: c.cpu.allocGram(m, nColumns), gpu: c.gpu.allocGram(m, nColumns) };
    if (values) {
      c.cpu.write(made.cpu, values);
      c.gpu.write(made.gpu, values);
    }
    return made;
  };
  const weights = pair('samples', random('samples', 0, 2));
  const Q = gram(K);
  run((ops, s) => ops.weightedGram(features, s(weights), s(Q)));
  await record('weightedGram', Q);
  const shared = gram(1);
  run((ops, s) => ops.weightedGram(features, null, s(shared)));
  await record('weightedGram.shared', shared);
  const metric = gram(1);
  run((ops, s) => ops.weightedGram(features, s(largest), s(metric)));
  await record('weightedGram.metric', metric);

  const moved = pair('samples');
  run((ops, s) => ops.forwardFeatures(features, s(B), s(moved)));
  await record('forwardFeatures', moved);

  // Symmetric positive definite: AᵀA/m + I/2 per column, A uniform in [−1, 1].
  const spd = (nColumns: number): Float64Array => {
    const values = new Float64Array(m * m * nColumns);
    for (let k = 0; k < nColumns; k++) {
      const A = Float64Array.from({ length: m * m }, () => 2 * c.uniform() - 1);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          let s = a === b ? 0.5 : 0;
          for (let r = 0; r < m; r++) s += (A[r * m + a] * A[r * m + b]) / m;
          values[k * m * m + b * m + a] = s;
        }
      }
    }
    return values;
  };
  const models = { perColumn: gram(K, spd(K)), shared: gram(1, spd(1)) };
  const G = pair('coefs', random('coefs', -1, 1));
  const start = pair('coefs', random('coefs', -0.5, 0.5));
  const fixed = pair('columns', new Float64Array(K).fill(-1)); // a tolerance never met: every sweep runs
  const tolerance = pair('columns', new Float64Array(K).fill(MODEL_TOLERANCE));
  for (const [name, model] of Object.entries(models)) {
    const out = pair('coefs');
    const sweeps = pair('columns');
    run((ops, s) => ops.gramSolve(s(model), features, s(G), s(start), s(lambda), s(fixed), FIXED_SWEEPS, s(out), s(sweeps)));
    await record(`gramSolve.${name}.fixed`, out);
    await record(`gramSolve.${name}.fixed.sweeps`, sweeps);
    const solved = pair('coefs');
    run((ops, s) => ops.gramSolve(s(model), features, s(G), s(start), s(lambda), s(tolerance), MAX_SWEEPS, s(solved), s(sweeps)));
    await record(`gramSolve.${name}`, solved);
    // Both converged (the comparison is of solutions, not of iterates).
    const used = await c.gpu.read(sweeps.gpu);
    c.errors[`gramSolve.${name}.unconverged`] = Array.from(c.active).filter((k) => used[k] >= MAX_SWEEPS).length;
  }

}

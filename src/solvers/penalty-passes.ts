// Coordinate-descent passes on the IRLS model for penalties the WebAssembly kernels do not
// build in (kernelMinimizer false): each coordinate by its spec's exact 1-D minimizer (MCP,
// SCAD), or each group by one proximal step of its block (block coordinate descent, step
// 1/L_g with L_g the largest eigenvalue of the group's weighted Gram matrix X̃_gᵀWX̃_g).
// The model's state is as in cd_pass_resid: r = W∘(z − η) (working residual), the gradient of
// the model along x̃_j is x̃_jᵀr, and a change Δ of β_j moves r by −Δ·W∘x̃_j (residual.ts, in
// either layout of X̃).

import type { Standardized } from '../problem/standardize.js';
import type { Residual } from './residual.js';
import type { IndexList } from './cd-loop.js';
import type { CoordinatePenalty } from './engine.js';

/** Power-iteration steps for L_g, and the relative change that ends them. */
const POWER_STEPS = 300;
const POWER_RTOL = 1e-12;
/** L_g is raised by this factor against a power iteration that has not quite settled (it converges from below). */
const LIPSCHITZ_MARGIN = 1 + 1e-6;

/** The heap offsets and arrays a pass works on. */
export interface PassState {
  std: Standardized;
  beta: Float64Array;
  /** Curvatures Σ W x̃_j² (heap data). */
  xvW: Float64Array;
  W: { data: Float64Array; ptr: number };
  /** The working residual r (its gradients and moves). */
  residual: Residual;
  /** Block passes' scratch, allocated once per engine (blockScratch): groups seen, a block's z and prox. */
  scratch: BlockScratch;
}

export interface BlockScratch {
  seen: Uint8Array;
  z: Float64Array;
  out: Float64Array;
}

export function blockScratch(nFeatures: number, nGroups: number): BlockScratch {
  return { seen: new Uint8Array(nGroups), z: new Float64Array(nFeatures), out: new Float64Array(nFeatures) };
}

export function coordinatePass(s: PassState, list: IndexList, penalty: CoordinatePenalty): number {
  const { minimizer } = penalty.spec.coordinate!;
  const { gamma } = penalty.params;
  const { l1, l2, lower, upper } = penalty;
  const { residual, beta, xvW } = s;
  let dlx = 0;
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    const v = xvW[j];
    if (!(v > 0)) continue;
    const old = beta[j];
    const b = minimizer(residual.gradient(j) + v * old, v, l1[j], l2[j], gamma, lower[j], upper[j]);
    const d = b - old;
    if (d === 0) continue;
    beta[j] = b;
    residual.move(j, d);
    dlx = Math.max(dlx, v * d * d);
  }
  return dlx;
}

/** Block coordinate descent over the groups with a member in the list; L per group from `lipschitz`. */
export function blockPass(s: PassState, list: IndexList, penalty: CoordinatePenalty, lipschitz: Float64Array): number {
  const groups = penalty.groups!;
  const { usable } = s.std;
  const { seen, z, out } = s.scratch;
  seen.fill(0);
  let dlx = 0;
  for (let t = 0; t < list.count; t++) {
    const k = groups.of[list.data[t]];
    if (seen[k]) continue;
    seen[k] = 1;
    const L = lipschitz[k];
    if (!(L > 0)) continue;
    const members = groups.members[k];
    let m = 0;
    for (const j of members) {
      if (!usable[j]) continue;
      z[m++] = s.beta[j] + s.residual.gradient(j) / L;
    }
    const levels = penalty.spec.blockLevels!(penalty.lambda, penalty.params, groups.factor[k], members.length);
    penalty.spec.block!.prox(z.subarray(0, m), 1 / L, levels.l1, levels.l2, levels.w, out.subarray(0, m));
    let moved = 0;
    m = 0;
    for (const j of members) {
      if (!usable[j]) continue;
      const d = out[m++] - s.beta[j];
      if (d === 0) continue;
      s.beta[j] += d;
      s.residual.move(j, d);
      moved += d * d;
    }
    dlx = Math.max(dlx, L * moved);
  }
  return dlx;
}

/**
 * L_g = the largest eigenvalue of X̃_gᵀWX̃_g over the usable members of each group with a member
 * in the list (power iteration on the group's Gram matrix), into `out`.
 */
export function blockLipschitz(s: PassState, list: IndexList, penalty: CoordinatePenalty, out: Float64Array): void {
  const groups = penalty.groups!;
  const seen = new Uint8Array(groups.members.length);
  for (let t = 0; t < list.count; t++) {
    const k = groups.of[list.data[t]];
    if (seen[k]) continue;
    seen[k] = 1;
    const cols = Array.from(groups.members[k]).filter((j) => s.std.usable[j]);
    out[k] = largestEigenvalue(weightedGram(s, cols)) * LIPSCHITZ_MARGIN;
  }
}

function weightedGram(s: PassState, cols: number[]): Float64Array[] {
  const m = cols.length;
  const G = Array.from({ length: m }, () => new Float64Array(m));
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) G[a][b] = G[b][a] = s.std.design.cross(cols[a], cols[b], s.W.ptr, 1);
  }
  return G;
}

/** The largest eigenvalue of a symmetric positive semidefinite matrix, by power iteration. */
export function largestEigenvalue(G: Float64Array[]): number {
  const m = G.length;
  if (m === 1) return G[0][0];
  let v = new Float64Array(m).fill(1 / Math.sqrt(m));
  let value = 0;
  for (let it = 0; it < POWER_STEPS; it++) {
    const w = new Float64Array(m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) w[a] += G[a][b] * v[b];
    let norm = 0;
    for (let a = 0; a < m; a++) norm += w[a] * w[a];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const change = Math.abs(norm - value);
    value = norm;
    v = w.map((x) => x / norm);
    if (change <= POWER_RTOL * value) break;
  }
  // The Gershgorin bound caps an estimate that has not settled.
  let rowMax = 0;
  for (let a = 0; a < m; a++) rowMax = Math.max(rowMax, G[a].reduce((acc, x) => acc + Math.abs(x), 0));
  return Math.min(value, rowMax);
}

// What the multinomial solvers share: the standardized design, the softmax state, the penalty of
// the current λ per feature (in the heap, for the kernels' coordinate minimizer) and the scratch
// vectors of the IRLS steps.

import type { Standardized } from '../../problem/standardized.js';
import type { HeapArray, Kernels } from '../../wasm/kernels.js';
import { IndexList, indexListDoubles } from '../cd-loop.js';
import { SoftmaxState } from './softmax-state.js';

export interface MultinomialWorkspace {
  std: Standardized;
  kernels: Kernels;
  state: SoftmaxState;
  nSamples: number;
  nFeatures: number;
  nClasses: number;
  fitIntercept: boolean;
  /** The convergence threshold of the passes: glmnet's thresh times the null deviance. */
  thr: number;
  /** nSamples IRLS weights W and working residuals (one class's: the ungrouped passes). */
  W: HeapArray;
  r: HeapArray;
  /** nClasses × nSamples working residuals w_i/n·(y_ic − p_ic), class-major (grouped passes, gradients). */
  R: HeapArray;
  /** nClasses × nSamples IRLS weights per class, class-major (the grouped passes). */
  WC: HeapArray;
  /** nClasses × nFeatures coordinate curvatures Σ_i W_ic x̃_ij², class-major. */
  xvC: HeapArray;
  /** nFeatures coordinate curvatures Σ_i W_i x̃_ij². */
  xvW: HeapArray;
  /** nFeatures penalty levels of λ: l1_j = λαv_j, l2_j = λ(1−α)v_j. */
  l1: HeapArray;
  l2: HeapArray;
  /** nFeatures gradients x̃_jᵀv of one class (dot_many's output). */
  g: HeapArray;
  /** nSamples scratch (the centring's move of η). */
  scratch: Float64Array;
  /** nClasses × nSamples directions of a grouped step (class-major), and its η before it. */
  D: HeapArray;
  etaOldAll: Float64Array;
  /** nSamples ones (sums as products, in the kernels). */
  ones: HeapArray;
  /** nClasses + 4 scratch doubles (dot4's output). */
  u: HeapArray;
  /** nClasses × nFeatures β̃ before a step. */
  betaOld: Float64Array;
  /** Index lists: the strong set, the active subset of a pass, and every usable feature. */
  strong: IndexList;
  active: IndexList;
  usableList: IndexList;
}

/** Heap doubles a workspace takes (besides X̃ and the weights of the standardization). */
export function workspaceDoubles(n: number, p: number, C: number): number {
  return SoftmaxState.heapDoubles(n, p, C) + 3 * C * (n + 2) + C * (p + 2) + C + 6 + (n + 2) + 3 * (n + 2) + 4 * (p + 2) + 3 * indexListDoubles(p) + 16;
}

export function makeWorkspace(std: Standardized, classOf: Int32Array, nClasses: number, b0: Float64Array, fitIntercept: boolean, thr: number): MultinomialWorkspace {
  const { heap, usable } = std;
  const n = std.wn.length;
  const p = std.xv.length;
  const state = new SoftmaxState(heap, n, p, nClasses, classOf, std.wn, b0);
  const alloc = (length: number) => {
    const a = heap.alloc(length);
    a.data.fill(0);
    return a;
  };
  const usableList = new IndexList(heap, p);
  for (let j = 0; j < p; j++) if (usable[j]) usableList.add(j);
  return {
    std, kernels: heap.kernels, state, nSamples: n, nFeatures: p, nClasses, fitIntercept, thr,
    W: alloc(n), r: alloc(n), WC: alloc(nClasses * n), xvC: alloc(nClasses * p), R: alloc(nClasses * n), xvW: alloc(p), l1: alloc(p), l2: alloc(p), g: alloc(p),
    scratch: new Float64Array(n), D: alloc(nClasses * n), etaOldAll: new Float64Array(nClasses * n), u: alloc(nClasses + 4), ones: ones(heap, n), betaOld: new Float64Array(nClasses * p),
    strong: new IndexList(heap, p), active: new IndexList(heap, p), usableList,
  };
}

function ones(heap: Standardized['heap'], n: number): HeapArray {
  const a = heap.alloc(n);
  a.data.fill(1);
  return a;
}

/** Sets the penalty levels of λ (v: the rescaled penalty factors). */
export function setLevels(ws: MultinomialWorkspace, lambda: number, alpha: number, v: Float64Array): void {
  for (let j = 0; j < v.length; j++) {
    ws.l1.data[j] = lambda * alpha * v[j];
    ws.l2.data[j] = lambda * (1 - alpha) * v[j];
  }
}

/** R_c = w/n·(y_c − p_c) for every class, from the state's probabilities. */
export function workingResiduals(ws: MultinomialWorkspace): void {
  const { state, nSamples: n, nClasses: C } = ws;
  const R = ws.R.data;
  const { classOf, wn } = state;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) R[c * n + i] = wn[i] * ((classOf[i] === c ? 1 : 0) - state.prob(c, i));
  }
}

/**
 * The negative gradients x̃_jᵀR_c of every usable feature and class, into G (nClasses × nFeatures,
 * class-major), from the working residuals R (call workingResiduals first).
 */
export function allGradients(ws: MultinomialWorkspace, G: Float64Array): void {
  const { nSamples: n, nFeatures: p, nClasses: C, g, usableList } = ws;
  for (let c = 0; c < C; c++) {
    ws.std.design.gradients(usableList, ws.R.ptr + 8 * c * n, g.ptr, 1);
    for (let t = 0; t < usableList.count; t++) {
      const j = usableList.data[t];
      G[c * p + j] = g.data[j];
    }
  }
}

/** Σ_i W_i x̃_ij² for the listed features, into xvW. */
export function curvatures(ws: MultinomialWorkspace, list: IndexList): void {
  for (let t = 0; t < list.count; t++) {
    const j = list.data[t];
    ws.xvW.data[j] = ws.std.design.cross(j, j, ws.W.ptr, 1);
  }
}

// Screening and certificates of the multinomial path, from the negative gradients G (nClasses ×
// nFeatures, class-major: G_cj = x̃_jᵀ(w/n·(y_c − p_c))). A feature's score is max_c |G_cj|
// (ungrouped: each coefficient has its own lasso) or ‖G_·j‖₂ (grouped): its coefficients are all 0
// at λ exactly when score_j ≤ λαv_j, so λ_max is the largest score / v_j (glmnet's), the strong
// rule keeps the features whose score passes αv_j(2λ − λ_prev), and the KKT check adds those
// outside the strong set that violate. Both compare with a margin of 1e-12 relative, so that the
// feature that sets λ_max stays 0 at λ_max itself (rounding would otherwise move it by 1e-17).

import { subdifferentialDistance } from '../../penalties/elastic-net.js';
import { ALPHA_FLOOR } from '../../problem/lambda.js';
import type { MultinomialWorkspace } from './workspace.js';

/** The relative margin of the comparisons with a penalty level. */
const MARGIN = 1 + 1e-12;

/** A feature's score: max_c |G_cj| (ungrouped) or ‖G_·j‖₂ (grouped). */
function featureScore(G: Float64Array, j: number, p: number, nClasses: number, grouped: boolean): number {
  let s = 0;
  for (let c = 0; c < nClasses; c++) {
    const g = G[c * p + j];
    s = grouped ? s + g * g : Math.max(s, Math.abs(g));
  }
  return grouped ? Math.sqrt(s) : s;
}

/** The smallest λ at which every penalized coefficient is 0 (α floored at 0.001, as glmnet). */
export function multinomialLambdaMax(ws: MultinomialWorkspace, G: Float64Array, v: Float64Array, alpha: number, grouped: boolean): number {
  let m = 0;
  for (let t = 0; t < ws.usableList.count; t++) {
    const j = ws.usableList.data[t];
    if (v[j] > 0) m = Math.max(m, featureScore(G, j, ws.nFeatures, ws.nClasses, grouped) / v[j]);
  }
  return m / Math.max(alpha, ALPHA_FLOOR);
}

/** Adds to the strong set the features the sequential strong rule keeps at λ. */
export function applyStrongRule(ws: MultinomialWorkspace, G: Float64Array, v: Float64Array, alpha: number, grouped: boolean, lambda: number, lambdaPrev: number): void {
  const cut = alpha * (2 * lambda - lambdaPrev);
  const { strong, usableList } = ws;
  for (let t = 0; t < usableList.count; t++) {
    const j = usableList.data[t];
    if (!strong.flag[j] && featureScore(G, j, ws.nFeatures, ws.nClasses, grouped) > cut * v[j] * MARGIN) strong.add(j);
  }
}

/** Adds the features outside the strong set that violate the KKT conditions; returns how many. */
export function addViolators(ws: MultinomialWorkspace, G: Float64Array, grouped: boolean): number {
  const { strong, usableList, nFeatures: p, nClasses: C } = ws;
  const { lower, upper } = ws.std;
  const l1 = ws.l1.data;
  let count = 0;
  for (let t = 0; t < usableList.count; t++) {
    const j = usableList.data[t];
    if (strong.flag[j]) continue;
    let violates = grouped && featureScore(G, j, p, C, true) > l1[j] * MARGIN;
    for (let c = 0; c < C && !grouped && !violates; c++) {
      const g = G[c * p + j];
      violates = (g > l1[j] * MARGIN && upper[j] > 0) || (g < -l1[j] * MARGIN && lower[j] < 0);
    }
    if (violates) {
      strong.add(j);
      count++;
    }
  }
  return count;
}

/** Distance of G_·j to the group penalty's subdifferential at β̃_·j (with its ridge part). */
function groupDistance(ws: MultinomialWorkspace, G: Float64Array, j: number): number {
  const { nFeatures: p, nClasses: C } = ws;
  const beta = ws.state.beta.data;
  const l1 = ws.l1.data[j];
  const l2 = ws.l2.data[j];
  let norm = 0;
  for (let c = 0; c < C; c++) norm += beta[c * p + j] ** 2;
  norm = Math.sqrt(norm);
  let d = 0;
  for (let c = 0; c < C; c++) {
    const b = beta[c * p + j];
    const t = G[c * p + j] - l2 * b - (norm > 0 ? (l1 * b) / norm : 0);
    d += t * t;
  }
  return norm > 0 ? Math.sqrt(d) : Math.max(0, Math.sqrt(d) - l1);
}

/**
 * The largest violation of the optimality conditions over every usable coefficient and the
 * intercepts (absolute, standardized scale); G and the residuals R at the current state.
 */
export function kktViolation(ws: MultinomialWorkspace, G: Float64Array, grouped: boolean): number {
  const { usableList, nFeatures: p, nClasses: C, nSamples: n } = ws;
  const { lower, upper } = ws.std;
  const beta = ws.state.beta.data;
  let kkt = 0;
  for (let t = 0; t < usableList.count; t++) {
    const j = usableList.data[t];
    if (grouped) kkt = Math.max(kkt, groupDistance(ws, G, j));
    else {
      for (let c = 0; c < C; c++) {
        kkt = Math.max(kkt, subdifferentialDistance(G[c * p + j], beta[c * p + j], ws.l1.data[j], ws.l2.data[j], lower[j], upper[j]));
      }
    }
  }
  if (!ws.fitIntercept) return kkt;
  const R = ws.R.data;
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += R[c * n + i];
    kkt = Math.max(kkt, Math.abs(s));
  }
  return kkt;
}

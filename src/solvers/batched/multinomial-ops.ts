// A backend's ops seen as one multinomial problem per group of C adjacent columns (a λ's
// classes), so that FISTA (fista.ts) runs unchanged: the smooth terms are the softmax's, the
// step test's values and sums are the group's (summed over its C columns and written to each,
// so every column of a group takes the same step, momentum and decision), the prox is the
// elastic net per coefficient (ungrouped) or the group prox across classes (grouped), and the
// KKT violation is the group's largest. Everything else is the backend's own op.

import type { BatchBuffer, BatchOps, MultinomialOps, ProxReductions } from './backend.js';

export function multinomialOps(inner: BatchOps & MultinomialOps, nClasses: number, grouped: boolean): BatchOps {
  const C = nClasses;
  // Per-column scratch of the sums before they are summed over the group, per buffer width.
  const scratch = new Map<number, { reductions: ProxReductions; kkt: BatchBuffer }>();
  const scratchOf = (K: number) => {
    let s = scratch.get(K);
    if (!s) {
      const col = () => inner.alloc('columns', K);
      s = { reductions: { gradDot: col(), stepSquared: col(), restartDot: col() }, kkt: col() };
      scratch.set(K, s);
    }
    return s;
  };
  return {
    nSamples: inner.nSamples,
    nFeatures: inner.nFeatures,
    precision: inner.precision,
    alloc: (kind, n) => inner.alloc(kind, n),
    write: (b, v) => inner.write(b, v),
    read: (b) => inner.read(b),
    copy: (a, b) => inner.copy(a, b),
    setActive: (columns) => inner.setActive(columns),
    gramNorm: () => inner.gramNorm(),
    forward: (B, eta) => inner.forward(B, eta),
    smoothTerms: (eta, D, value) => inner.softmaxTerms(eta, D, value, C),
    forwardSmooth(B, eta, D, value) {
      inner.forward(B, eta);
      inner.softmaxTerms(eta, D, value, C);
    },
    backward: (D, G) => inner.backward(D, G),
    proxGradient(Z, G, step, lambda, out, X, reductions) {
      const own = reductions ? scratchOf(step.nColumns).reductions : undefined;
      if (grouped) inner.groupProx(Z, G, step, lambda, out, C, X, own);
      else inner.proxGradient(Z, G, step, lambda, out, X, own);
      if (!reductions || !own) return;
      inner.groupColumns(own.gradDot, reductions.gradDot, C, false);
      inner.groupColumns(own.stepSquared, reductions.stepSquared, C, false);
      inner.groupColumns(own.restartDot, reductions.restartDot, C, false);
    },
    fistaColumns: (state) => inner.fistaColumns(state),
    advance: (newer, older, point, accept, momentum) => inner.advance(newer, older, point, accept, momentum),
    squaredNorms: (A, out) => inner.squaredNorms(A, out),
    combine: (a, A, b, B, out) => inner.combine(a, A, b, B, out),
    weigh: () => { throw new Error('multinomial: no piecewise-linear steps'); },
    dualStep: () => { throw new Error('multinomial: no piecewise-linear steps'); },
    dualGap: () => { throw new Error('multinomial: no piecewise-linear steps'); },
    kkt(G, B, lambda, out) {
      if (grouped) {
        inner.groupKkt(G, B, lambda, out, C);
        return;
      }
      const own = scratchOf(out.nColumns).kkt;
      inner.kkt(G, B, lambda, own);
      inner.groupColumns(own, out, C, true);
    },
    ...(inner.deviceCounts ? { deviceCounts: () => inner.deviceCounts!() } : {}),
    release: () => inner.release(),
  };
}

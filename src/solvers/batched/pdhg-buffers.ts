// The buffers of a PDHG block (pdhg-block.ts) and of its restarts (pdhg-restarts.ts): the
// iterates, their running averages and anchors, and the per-column scalars.

import type { BatchBuffer, BatchOps } from './backend.js';
import { filled } from './fista.js';

/** A primal–dual point: coefficients (p + 1) × K and dual slopes n × K. */
export interface Iterate {
  X: BatchBuffer;
  U: BatchBuffer;
}

/** The block's buffers (the restarts' among them). */
export function allocate(ops: BatchOps, K: number) {
  const coefs = () => ops.alloc('coefs', K);
  const samples = () => ops.alloc('samples', K);
  const columns = () => ops.alloc('columns', K);
  return {
    curX: coefs(), avgX: coefs(), sumX: coefs(), anchorX: coefs(), Xnew: coefs(), Xbar: coefs(), Xdiff: coefs(),
    /** Minus the gradient on S (0 outside: only backwardFeatures writes it), and over every feature. */
    G: coefs(), Gfull: coefs(), v: coefs(),
    curU: samples(), avgU: samples(), sumU: samples(), anchorU: samples(), Udiff: samples(), Ucheck: samples(),
    eta: samples(), D: samples(),
    lambda: columns(), one: filled(ops, K, 1), two: filled(ops, K, 2), minusOne: filled(ops, K, -1), zero: filled(ops, K, 0),
    a: columns(), b: columns(), tau: columns(), sigma: columns(), kkt: columns(), gap: columns(), value: columns(),
    norm: columns(), inverseCount: columns(), factor: columns(),
  };
}

export type BlockBuffers = ReturnType<typeof allocate>;

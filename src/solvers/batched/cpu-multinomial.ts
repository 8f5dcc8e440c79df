// The float64 twin of the multinomial kernels (shaders/samples/softmax-terms.wgsl,
// columns/group-columns.wgsl, coefs/group-prox.wgsl, coefs/group-kkt.wgsl): the softmax terms of
// a group of C adjacent columns per sample, sums and maxima over a group's columns, and the
// grouped penalty's prox and KKT violation across the C classes of a feature. Plain loops over
// column-major float64 buffers (see backend.ts's MultinomialOps).

/** What the ops read of the problem. */
export interface MultinomialTwin {
  nSamples: number;
  nFeatures: number;
  /** Class indices 0 … C − 1 as float64 (Problem.y of a multinomial problem). */
  y: Float64Array;
  wn: Float64Array;
  intercept: boolean;
  usable: Uint8Array;
  l1Unit: Float64Array;
  l2Unit: Float64Array;
}

/** The first columns of the active groups (the active list holds whole groups). */
function groupStarts(active: Int32Array, C: number): number[] {
  const starts: number[] = [];
  for (const k of active) if (k % C === 0) starts.push(k);
  return starts;
}

export function softmaxTermsTwin(t: MultinomialTwin, active: Int32Array, e: Float64Array, d: Float64Array, v: Float64Array, C: number): void {
  const n = t.nSamples;
  const prob = new Float64Array(C);
  for (const first of groupStarts(active, C)) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, e[(first + c) * n + i]);
      let s = 0;
      for (let c = 0; c < C; c++) s += prob[c] = Math.exp(e[(first + c) * n + i] - m);
      const w = t.wn[i];
      const yi = t.y[i];
      for (let c = 0; c < C; c++) d[(first + c) * n + i] = w * ((yi === c ? 1 : 0) - prob[c] / s);
      if (w !== 0) total += w * (m + Math.log(s) - e[(first + yi) * n + i]);
    }
    for (let c = 0; c < C; c++) v[first + c] = total;
  }
}

export function groupColumnsTwin(active: Int32Array, from: Float64Array, to: Float64Array, C: number, max: boolean): void {
  for (const first of groupStarts(active, C)) {
    let r = max ? -Infinity : 0;
    for (let c = 0; c < C; c++) r = max ? Math.max(r, from[first + c]) : r + from[first + c];
    for (let c = 0; c < C; c++) to[first + c] = r;
  }
}

/** The buffers of groupProx (coefs: (p + 1) × K; columns: K). */
export interface GroupProxArrays {
  Z: Float64Array; G: Float64Array; X: Float64Array | null; out: Float64Array; step: Float64Array; lambda: Float64Array;
}

/** groupProx: returns per active column [gradDot, stepSquared, restartDot]. */
export function groupProxTwin(t: MultinomialTwin, active: Int32Array, a: GroupProxArrays, C: number): Map<number, number[]> {
  const p = t.nFeatures;
  const rows = p + 1;
  const sums = new Map<number, number[]>();
  const v = new Float64Array(C);
  for (const first of groupStarts(active, C)) {
    const step = a.step[first];
    const lambda = a.lambda[first];
    for (let c = 0; c < C; c++) sums.set(first + c, [0, 0, 0]);
    for (let j = 0; j <= p; j++) {
      let norm = 0;
      for (let c = 0; c < C; c++) {
        const at = (first + c) * rows + j;
        v[c] = a.Z[at] + step * a.G[at];
        norm += v[c] * v[c];
      }
      norm = Math.sqrt(norm);
      let shrink: number;
      if (j === p) shrink = t.intercept ? 1 : 0;
      else if (!t.usable[j]) shrink = 0;
      else {
        const l1 = lambda * t.l1Unit[j];
        const l2 = lambda * t.l2Unit[j];
        shrink = norm > step * l1 ? (1 - (step * l1) / norm) / (1 + step * l2) : 0;
      }
      for (let c = 0; c < C; c++) {
        const at = (first + c) * rows + j;
        const b = shrink * v[c];
        a.out[at] = b;
        const dz = b - a.Z[at];
        const s = sums.get(first + c)!;
        s[0] += a.G[at] * dz;
        s[1] += dz * dz;
        if (a.X) s[2] -= dz * (b - a.X[at]);
      }
    }
  }
  return sums;
}

/** The distance of g (minus the gradient) from l1·∂‖b‖₂ + l2·b over one feature's classes. */
export function groupDistance(g: Float64Array, b: Float64Array, l1: number, l2: number): number {
  let bn = 0;
  let gn = 0;
  for (let c = 0; c < g.length; c++) {
    bn += b[c] * b[c];
    gn += g[c] * g[c];
  }
  if (bn === 0) return Math.max(0, Math.sqrt(gn) - l1);
  bn = Math.sqrt(bn);
  let r = 0;
  for (let c = 0; c < g.length; c++) r += (g[c] - (l1 / bn) * b[c] - l2 * b[c]) ** 2;
  return Math.sqrt(r);
}

export function groupKktTwin(t: MultinomialTwin, active: Int32Array, G: Float64Array, B: Float64Array, lambda: Float64Array, out: Float64Array, C: number): void {
  const p = t.nFeatures;
  const rows = p + 1;
  const g = new Float64Array(C);
  const b = new Float64Array(C);
  for (const first of groupStarts(active, C)) {
    let worst = 0;
    if (t.intercept) for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs(G[(first + c) * rows + p]));
    for (let j = 0; j < p; j++) {
      if (!t.usable[j]) continue;
      for (let c = 0; c < C; c++) {
        g[c] = G[(first + c) * rows + j];
        b[c] = B[(first + c) * rows + j];
      }
      worst = Math.max(worst, groupDistance(g, b, lambda[first] * t.l1Unit[j], lambda[first] * t.l2Unit[j]));
    }
    for (let c = 0; c < C; c++) out[first + c] = worst;
  }
}

// An independent float64 evaluation of the objective of DESIGN §1 and of its optimality
// conditions, from the original data and original-scale coefficients. Written plainly, without
// the library's code, so that it checks the library rather than repeating it.

import { choleskySolve } from './linalg.js';

export interface CertProblem {
  X: number[][];
  y: number[];
  w?: number[];
  loss: 'squared' | 'logistic' | 'poisson' | 'huber' | 'absolute' | 'quantile';
  /** Huber threshold δ (huber only). */
  delta?: number;
  /** Quantile level τ (quantile only). */
  tau?: number;
  alpha: number;
  penaltyFactor?: number[];
  lower?: number[];
  upper?: number[];
  standardize: boolean;
  intercept: boolean;
}

function lossValue(P: CertProblem, y: number, eta: number): number {
  const r = y - eta;
  switch (P.loss) {
    case 'squared':
      return 0.5 * r * r;
    case 'logistic':
      return Math.log1p(Math.exp(eta)) - y * eta;
    case 'poisson':
      return Math.exp(eta) - y * eta;
    case 'huber':
      return Math.abs(r) <= P.delta! ? 0.5 * r * r : P.delta! * (Math.abs(r) - P.delta! / 2);
    case 'absolute':
      return Math.abs(r);
    case 'quantile':
      return Math.max(P.tau! * r, (P.tau! - 1) * r);
  }
}

/** The residual slopes [below, above] of a piecewise-linear loss. */
function slopes(P: CertProblem): [number, number] {
  return P.loss === 'absolute' ? [-1, 1] : [P.tau! - 1, P.tau!];
}

function lossDerivative(P: CertProblem, y: number, eta: number): number {
  switch (P.loss) {
    case 'squared':
      return eta - y;
    case 'logistic':
      return 1 / (1 + Math.exp(-eta)) - y;
    case 'poisson':
      return Math.exp(eta) - y;
    case 'huber':
      return -Math.max(-P.delta!, Math.min(P.delta!, y - eta));
    default:
      throw new Error('piecewise-linear losses have dual slopes, not a derivative');
  }
}

/**
 * The dual slopes u_i of a piecewise-linear loss at (b0, β): the slope of its side for a sample
 * off its kink, and for the samples on it (|r| ≤ 1e-9 × the scale of y) the values that make
 * the intercept and every coefficient strictly inside its bounds stationary (least squares, or
 * the least-norm solution when there are more such samples than conditions), clipped to
 * [below, above]. At an optimum these are a valid subgradient; elsewhere the stationarity test
 * below fails.
 */
function dualSlopes(P: CertProblem, eta: number[], w: number[], v: number[], s: number[], lambda: number, beta: number[]): number[] {
  const n = P.X.length;
  const p = beta.length;
  const [below, above] = slopes(P);
  const yScale = Math.max(1, ...P.y.map(Math.abs));
  const u = new Array<number>(n).fill(0);
  const kink: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = P.y[i] - eta[i];
    if (Math.abs(r) <= 1e-9 * yScale && w[i] > 0) kink.push(i);
    else u[i] = r > 0 ? above : below;
  }
  // One condition per row: Σ_{i ∈ kink} a_i u_i = target.
  const rows: { a: number[]; target: number }[] = [];
  const outside = (coef: (i: number) => number) => {
    let t = 0;
    for (let i = 0; i < n; i++) t += coef(i) * u[i];
    return t;
  };
  if (P.intercept) rows.push({ a: kink.map((i) => w[i] / n), target: -outside((i) => w[i] / n) });
  for (let j = 0; j < p; j++) {
    const lo = P.lower?.[j] ?? -Infinity;
    const hi = P.upper?.[j] ?? Infinity;
    if (beta[j] === 0 || beta[j] <= lo || beta[j] >= hi || v[j] === Infinity || s[j] === 0) continue;
    const b = beta[j] * s[j];
    const coef = (i: number) => (w[i] * P.X[i][j]) / n / s[j];
    const target = lambda * v[j] * (P.alpha * Math.sign(b) + (1 - P.alpha) * b) - outside(coef);
    rows.push({ a: kink.map(coef), target });
  }
  const e = kink.length;
  if (e === 0 || rows.length === 0) return u;
  const solution = new Array<number>(e).fill(0);
  if (e >= rows.length) {
    // Least norm: u_E = Aᵀ (A Aᵀ)⁻¹ target.
    const AAt = rows.map((r) => rows.map((q) => r.a.reduce((acc, x, t) => acc + x * q.a[t], 0)));
    const z = choleskySolve(AAt, rows.map((r) => r.target));
    rows.forEach((r, k) => r.a.forEach((x, t) => (solution[t] += x * z[k])));
  } else {
    const AtA = Array.from({ length: e }, (_, a) => Array.from({ length: e }, (_, b) => rows.reduce((acc, r) => acc + r.a[a] * r.a[b], 0)));
    const Atb = Array.from({ length: e }, (_, a) => rows.reduce((acc, r) => acc + r.a[a] * r.target, 0));
    choleskySolve(AtA, Atb).forEach((x, t) => (solution[t] = x));
  }
  kink.forEach((i, t) => (u[i] = Math.min(above, Math.max(below, solution[t]))));
  return u;
}

function setup(P: CertProblem) {
  const n = P.X.length;
  const p = P.X[0].length;
  const wsum = P.w ? P.w.reduce((a, b) => a + b, 0) : n;
  const w = P.w ? P.w.map((v) => (v * n) / wsum) : new Array<number>(n).fill(1);
  const raw = P.penaltyFactor ?? new Array<number>(p).fill(1);
  const sumV = raw.reduce((a, v) => a + (v === Infinity ? 1 : v), 0);
  const v = raw.map((x) => (x === Infinity ? Infinity : (x * p) / sumV));
  const s = new Array<number>(p).fill(1);
  if (P.standardize) {
    for (let j = 0; j < p; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += (w[i] * P.X[i][j]) / n;
      let q = 0;
      for (let i = 0; i < n; i++) q += (w[i] * (P.X[i][j] - m) ** 2) / n;
      s[j] = Math.sqrt(q);
    }
  }
  return { n, p, w, v, s };
}

export function objective(P: CertProblem, lambda: number, b0: number, beta: number[]): number {
  const { n, p, w, v, s } = setup(P);
  let f = 0;
  for (let i = 0; i < n; i++) {
    let eta = b0;
    for (let j = 0; j < p; j++) eta += P.X[i][j] * beta[j];
    f += (w[i] * lossValue(P, P.y[i], eta)) / n;
  }
  for (let j = 0; j < p; j++) {
    if (beta[j] === 0) continue;
    const b = s[j] * beta[j];
    f += lambda * v[j] * (P.alpha * Math.abs(b) + ((1 - P.alpha) / 2) * b * b);
  }
  return f;
}

/**
 * Largest violation of the optimality conditions, in standardized units relative to `scale`
 * (e.g. λ_max): for each feature the distance of −∂loss/∂β̃_j to λ v_j(α∂|β̃_j| + (1−α)β̃_j) plus
 * the normal cone of the bounds, and for the intercept |∂loss/∂b0|.
 */
export function kktViolation(P: CertProblem, lambda: number, b0: number, beta: number[], scale: number): number {
  const { n, p, w, v, s } = setup(P);
  const eta = P.X.map((row) => row.reduce((acc, x, j) => acc + x * beta[j], b0));
  const d = new Array<number>(n);
  if (P.loss === 'absolute' || P.loss === 'quantile') {
    const u = dualSlopes(P, eta, w, v, s, lambda, beta);
    for (let i = 0; i < n; i++) d[i] = (-w[i] * u[i]) / n;
  } else {
    for (let i = 0; i < n; i++) d[i] = (w[i] * lossDerivative(P, P.y[i], eta[i])) / n;
  }
  let worst = P.intercept ? Math.abs(d.reduce((a, b) => a + b, 0)) : 0;
  for (let j = 0; j < p; j++) {
    if (v[j] === Infinity || s[j] === 0) {
      if (beta[j] !== 0) return Infinity;
      continue;
    }
    let G = 0;
    for (let i = 0; i < n; i++) G += d[i] * P.X[i][j];
    const g = -G / s[j];
    const b = beta[j] * s[j];
    const lo = (P.lower?.[j] ?? -Infinity) * s[j];
    const hi = (P.upper?.[j] ?? Infinity) * s[j];
    const l1 = lambda * v[j] * P.alpha;
    const t = g - lambda * v[j] * (1 - P.alpha) * b;
    let tLo = b > 0 ? l1 : -l1;
    let tHi = b < 0 ? -l1 : l1;
    if (b >= hi - 1e-12 * Math.abs(hi)) tHi = Infinity;
    if (b <= lo + 1e-12 * Math.abs(lo)) tLo = -Infinity;
    if (b < lo - 1e-9 * Math.abs(lo) || b > hi + 1e-9 * Math.abs(hi)) return Infinity;
    worst = Math.max(worst, t < tLo ? tLo - t : t > tHi ? t - tHi : 0);
  }
  return worst / scale;
}

/**
 * A smooth loss's gradient in the solver's (standardized) coordinates at a fit: g̃_j =
 * −∂(mean loss)/∂β̃_j, β̃_j = s_j·β_j, the penalty factors v_j, and |∂(mean loss)/∂b0|. With an
 * intercept the columns are centred first (x_j − m_j): the same gradient where the intercept is
 * optimal (Σ d_i = 0), without the rounding of Σ d_i·x_ij on columns far from 0.
 */
export function standardizedGradient(P: CertProblem, b0: number, beta: number[]): { g: number[]; b: number[]; v: number[]; intercept: number } {
  const { n, p, w, v, s } = setup(P);
  const d = P.X.map((row, i) => (w[i] * lossDerivative(P, P.y[i], row.reduce((acc, x, j) => acc + x * beta[j], b0))) / n);
  const mean = (j: number) => (P.intercept ? P.X.reduce((acc, row, i) => acc + w[i] * row[j], 0) / n : 0);
  const g = Array.from({ length: p }, (_, j) => {
    const m = mean(j);
    return s[j] === 0 ? 0 : -d.reduce((acc, di, i) => acc + di * (P.X[i][j] - m), 0) / s[j];
  });
  return { g, b: beta.map((x, j) => x * s[j]), v, intercept: P.intercept ? Math.abs(d.reduce((a, x) => a + x, 0)) : 0 };
}

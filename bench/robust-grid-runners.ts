// The data and the other packages' runs of bench/robust-grid.ts: R conquer (conquer.reg, one call
// per λ, bench/conquer-runner.R) and scikit-learn's QuantileRegressor (bench/sklearn-quantile.py).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalGenerator } from '../src/random.js';
import { runnerPath, writeFloat64LE } from './glmnet.js';

/** Pairwise correlation of the features, nonzero true coefficients, noise degrees of freedom. */
export const RHO = 0.2;
const NONZEROS = 10;
const NOISE_DF = 2;

export interface GridData {
  /** n × p, row-major; every column has mean 0 and sd (n − 1 divisor) 1, as conquer standardizes. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
}

/**
 * X_j = Z_j + θ·Z_0 (pairwise correlation RHO), columns centred and scaled; β with NONZEROS
 * entries from 2 down to 0.5, alternating in sign; y = 1 + Xβ + Student-t(2) noise.
 */
export function generateGrid(n: number, p: number, seed: number): GridData {
  const normal = normalGenerator(seed);
  const X = standardizedCorrelated(n, p, RHO, normal);
  const count = Math.min(NONZEROS, p);
  const beta = new Float64Array(p);
  for (let k = 0; k < count; k++) beta[Math.floor((k * p) / count)] = (k % 2 === 0 ? 1 : -1) * (count === 1 ? 1 : 2 - (1.5 * k) / (count - 1));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let eta = 1;
    for (let j = 0; j < p; j++) eta += X[i * p + j] * beta[j];
    let chiSquare = 0;
    for (let d = 0; d < NOISE_DF; d++) chiSquare += normal() ** 2;
    y[i] = eta + normal() / Math.sqrt(chiSquare / NOISE_DF);
  }
  return { X, y, n, p };
}

/**
 * n × p row-major X_j = Z_j + θ·Z_0, θ = √(ρ/(1−ρ)) (pairwise correlation ρ), every column then
 * centred and scaled to sd 1 (n − 1 divisor), as conquer standardizes.
 */
export function standardizedCorrelated(n: number, p: number, rho: number, normal: () => number): Float64Array {
  const theta = Math.sqrt(rho / (1 - rho));
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const common = normal();
    for (let j = 0; j < p; j++) X[i * p + j] = normal() + theta * common;
  }
  for (let j = 0; j < p; j++) standardizeColumn(X, n, p, j);
  return X;
}

/** Centres column j of the row-major X and divides it by its sd (n − 1 divisor), as conquer does. */
export function standardizeColumn(X: Float64Array, n: number, p: number, j: number): void {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += X[i * p + j];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (X[i * p + j] - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  for (let i = 0; i < n; i++) X[i * p + j] = (X[i * p + j] - mean) / sd;
}

/** (1/n) Σ ρ_τ(y − b0 − Xβ), the exact check loss of row-major X, in float64, independent of src/. */
export function meanCheckLoss(data: Pick<GridData, 'X' | 'y' | 'n' | 'p'>, tau: number, b0: number, beta: ArrayLike<number>): number {
  const { X, y, n, p } = data;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let r = y[i] - b0;
    for (let j = 0; j < p; j++) r -= X[i * p + j] * beta[j];
    loss += Math.max(tau * r, (tau - 1) * r);
  }
  return loss / n;
}

/** (1/n) Σ ρ_τ(y − b0 − Xβ) + λ(α‖β‖₁ + (1−α)/2 ‖β‖²) in float64, independent of src/. */
export function gridObjective(data: GridData, tau: number, alpha: number, lambda: number, b0: number, beta: ArrayLike<number>): number {
  const { p } = data;
  let l1 = 0;
  let l2 = 0;
  for (let j = 0; j < p; j++) {
    l1 += Math.abs(beta[j]);
    l2 += beta[j] * beta[j];
  }
  return meanCheckLoss(data, tau, b0, beta) + lambda * (alpha * l1 + ((1 - alpha) / 2) * l2);
}

export interface OtherFit {
  lambda: number;
  seconds: number;
  intercept: number;
  coef: number[];
}

function withFiles<T>(data: GridData, layout: 'row' | 'column', run: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-grid-'));
  try {
    const { X, n, p } = data;
    const out = layout === 'row' ? X : new Float64Array(n * p);
    if (layout === 'column') for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[j * n + i] = X[i * p + j];
    writeFloat64LE(path.join(dir, 'X.bin'), out);
    writeFloat64LE(path.join(dir, 'y.bin'), data.y);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * conquer.reg at each λ (proxpath's scale): the lasso, or for α < 1 its elastic net
 * λc(a‖β‖₁ + (1 − a)‖β‖²), which is proxpath's λ(α‖β‖₁ + (1 − α)/2 ‖β‖²) at a = 2α/(1 + α),
 * λc = λ(1 + α)/2.
 */
export function runConquer(data: GridData, tau: number, alpha: number, lambdas: number[]): OtherFit[] {
  const elastic = alpha < 1;
  const a = (2 * alpha) / (1 + alpha);
  const scale = elastic ? (1 + alpha) / 2 : 1;
  return withFiles(data, 'column', (dir) => {
    const args = [runnerPath('conquer-runner.R'), dir, data.n, data.p, tau, elastic ? 'elastic' : 'lasso', lambdas.map((l) => l * scale).join(','), 3, a];
    const result = spawnSync('Rscript', args.map(String), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`conquer-runner.R exited with ${result.status}: ${result.stderr.trim()}`);
    const parsed = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')) as { fits: { ms: number; coef: number[] }[] };
    return parsed.fits.map((fit, k) => ({ lambda: lambdas[k], seconds: fit.ms / 1000, intercept: fit.coef[0], coef: fit.coef.slice(1) }));
  });
}

/** The first python that can import sklearn (Debian's has it; a pyenv python3 on PATH may not). */
export function findPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) return candidate;
  }
  return null;
}

/** QuantileRegressor (HiGHS) at each λ, one process per λ so that a budget can stop the row. */
export function runSklearn(python: string, data: GridData, tau: number, lambdas: number[], budgetSeconds: number): OtherFit[] {
  const script = runnerPath('sklearn-quantile.py');
  return withFiles(data, 'row', (dir) => {
    const fits: OtherFit[] = [];
    let spent = 0;
    for (const lambda of lambdas) {
      if (spent > budgetSeconds) break;
      const result = spawnSync(python, [script, dir, data.n, data.p, tau, lambda].map(String), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (result.error) throw result.error;
      if (result.status !== 0) throw new Error(`sklearn-quantile.py exited with ${result.status}: ${result.stderr.trim()}`);
      const fit = (JSON.parse(result.stdout) as { fits: OtherFit[] }).fits[0];
      fits.push(fit);
      spent += fit.seconds;
    }
    return fits;
  });
}

// The multinomial rows of bench/cpu-vs-glmnet.ts (`--multinomial`): proxpath's CPU multinomial
// path against R glmnet's family "multinomial" (ungrouped and grouped lasso), on glmnet's own λ,
// both judged by the same float64 objective.
//
// Data: X n × p standard Gaussian (independent columns); C classes with, per class c, 5 features
// of coefficient ±1.5 (features 5c … 5c + 4, modulo p) and intercept 0; labels drawn from the
// softmax of η = Xβ. Fits: α = 1, standardize, intercept, glmnet's default λ and thresh 1e-7 on
// both sides (proxpath's tol 1e-7).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fitPath } from '../src/api/fit-path.js';
import type { MultinomialType } from '../src/problem/types.js';
import { mulberry32, normalGenerator } from '../src/random.js';
import { median } from './common.js';
import { columnScales } from './objective.js';
import { readFloat64LE, runnerPath, writeFloat64LE } from './glmnet.js';

export interface MultinomialRow {
  nSamples: number;
  nFeatures: number;
  nClasses: number;
  type: MultinomialType;
}

export interface MultinomialResult {
  row: MultinomialRow;
  nLambda: number;
  glmnetMs: number | null;
  proxpathMs: number;
  /** max_k (F(proxpath) − F(glmnet)) / |F(glmnet)|: positive, proxpath worse. */
  maxRelObjectiveDiff: number | null;
  glmnetVersion: string | null;
  note?: string;
}

export const MULTINOMIAL_ROWS: MultinomialRow[] = [1000, 10000].flatMap((nSamples) =>
  [3, 10].flatMap((nClasses) => (['ungrouped', 'grouped'] as const).map((type) => ({ nSamples, nFeatures: 100, nClasses, type }))),
);

/** X (column-major) and labels 0 … C − 1. */
export function generateMultinomial(row: MultinomialRow, seed: number): { X: Float64Array; y: Float64Array } {
  const { nSamples: n, nFeatures: p, nClasses: C } = row;
  const normal = normalGenerator(seed);
  const uniform = mulberry32(seed + 1);
  const X = new Float64Array(n * p);
  for (let t = 0; t < n * p; t++) X[t] = normal();
  const y = new Float64Array(n);
  const eta = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      eta[c] = 0;
      for (let s = 0; s < 5; s++) eta[c] += (s % 2 ? -1.5 : 1.5) * X[((5 * c + s) % p) * n + i];
      max = Math.max(max, eta[c]);
    }
    let total = 0;
    for (let c = 0; c < C; c++) total += eta[c] = Math.exp(eta[c] - max);
    let u = uniform() * total;
    let c = 0;
    while (c < C - 1 && (u -= eta[c]) > 0) c++;
    y[i] = c;
  }
  return { X, y };
}

/** The objective: mean softmax loss + λ Σ_j s_j (Σ_c |β_jc|, or ‖β_j·‖ grouped). */
export function multinomialObjective(
  X: Float64Array, y: Float64Array, scales: Float64Array, row: MultinomialRow, lambda: number, a0: ArrayLike<number>, beta: ArrayLike<number>[],
): number {
  const { nSamples: n, nFeatures: p, nClasses: C } = row;
  const eta = new Float64Array(C * n);
  for (let c = 0; c < C; c++) {
    eta.fill(a0[c], c * n, (c + 1) * n);
    for (let j = 0; j < p; j++) {
      const b = beta[c][j];
      if (b !== 0) for (let i = 0; i < n; i++) eta[c * n + i] += b * X[j * n + i];
    }
  }
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < C; c++) m = Math.max(m, eta[c * n + i]);
    let s = 0;
    for (let c = 0; c < C; c++) s += Math.exp(eta[c * n + i] - m);
    loss += (m + Math.log(s) - eta[y[i] * n + i]) / n;
  }
  let pen = 0;
  for (let j = 0; j < p; j++) {
    let l1 = 0;
    let sq = 0;
    for (let c = 0; c < C; c++) {
      l1 += Math.abs(beta[c][j]);
      sq += beta[c][j] ** 2;
    }
    pen += scales[j] * (row.type === 'grouped' ? Math.sqrt(sq) : l1);
  }
  return loss + lambda * pen;
}

function runGlmnet(dir: string, row: MultinomialRow, repeats: number) {
  const warmups = row.nSamples > 5000 ? 0 : 1;
  const args = [runnerPath('glmnet-multinomial-runner.R'), dir, row.nSamples, row.nFeatures, row.type, warmups, repeats].map(String);
  const result = spawnSync('Rscript', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`glmnet runner exited with ${result.status}: ${result.stderr.trim()}`);
  const meta = new Map(readFileSync(path.join(dir, 'meta.txt'), 'utf8').split('\n').filter(Boolean).map((line) => {
    const space = line.indexOf(' ');
    return [line.slice(0, space), line.slice(space + 1)] as const;
  }));
  const lambda = readFloat64LE(path.join(dir, 'lambda.bin'));
  const a0 = readFloat64LE(path.join(dir, 'a0.bin'));
  const beta = readFloat64LE(path.join(dir, 'beta.bin'));
  return { medianMs: Number(meta.get('median_ms')), lambda, a0, beta, version: meta.get('glmnet_version') ?? '?' };
}

export async function runMultinomialRow(row: MultinomialRow, repeats: number, seed: number, withGlmnet: boolean): Promise<MultinomialResult> {
  const { X, y } = generateMultinomial(row, seed);
  const { nSamples: n, nFeatures: p, nClasses: C } = row;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxpath-multinomial-'));
  try {
    writeFloat64LE(path.join(dir, 'X.bin'), X);
    writeFloat64LE(path.join(dir, 'y.bin'), y);
    const glmnet = withGlmnet ? runGlmnet(dir, row, repeats) : null;
    const data = { X: { data: X, nRows: n, nCols: p, layout: 'column-major' as const }, y: Array.from(y) };
    const options = { loss: 'multinomial' as const, multinomial: row.type, alpha: 1, tol: 1e-7, backend: 'cpu' as const, ...(glmnet ? { lambda: glmnet.lambda } : {}) };
    // One untimed fit (a warm-up; the large rows' only warm-up is the smaller rows before them).
    let fit = row.nSamples > 5000 ? null : await fitPath(data, options);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      fit = await fitPath(data, options);
      times.push(performance.now() - t);
    }
    if (!fit) throw new Error('no timed repeat');
    let worst: number | null = null;
    if (glmnet) {
      const scales = columnScales(X, n, p);
      worst = -Infinity;
      for (let k = 0; k < glmnet.lambda.length; k++) {
        const betaK = Array.from({ length: C }, (_, c) => glmnet.beta.subarray((k * C + c) * p, (k * C + c + 1) * p));
        const theirs = multinomialObjective(X, y, scales, row, glmnet.lambda[k], glmnet.a0.subarray(k * C, (k + 1) * C), betaK);
        const ours = multinomialObjective(X, y, scales, row, fit.lambda[k], fit.intercept[k], fit.beta[k]);
        worst = Math.max(worst, (ours - theirs) / Math.abs(theirs));
      }
    }
    return {
      row, nLambda: fit.lambda.length, glmnetMs: glmnet?.medianMs ?? null, proxpathMs: median(times), maxRelObjectiveDiff: worst,
      glmnetVersion: glmnet?.version ?? null, ...(fit.converged.every(Boolean) ? {} : { note: 'some λ not converged' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table of the results. */
export function multinomialTable(results: MultinomialResult[]): string[] {
  const head = ['row', 'K', 'glmnet ms', 'proxpath ms', 'ratio', 'max rel obj diff'];
  const cell = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`,
    ...results.map(({ row, nLambda, glmnetMs, proxpathMs, maxRelObjectiveDiff }) => {
      const ratio = glmnetMs ? proxpathMs / glmnetMs : null;
      const diff = maxRelObjectiveDiff === null ? '—' : maxRelObjectiveDiff.toExponential(1);
      return `| multinomial ${row.type} n=${row.nSamples} p=${row.nFeatures} C=${row.nClasses} | ${nLambda} | ${cell(glmnetMs)} | ${cell(proxpathMs)} | ${cell(ratio, 2)} | ${diff} |`;
    }),
  ];
}

/** Runs the rows and writes bench/out/multinomial-vs-glmnet.md; returns the table's lines. */
export async function multinomialSection(outDir: string, repeats: number, withGlmnet: boolean, log: (line: string) => void): Promise<string[]> {
  const results: MultinomialResult[] = [];
  for (const row of MULTINOMIAL_ROWS) {
    log(`multinomial ${row.type} n=${row.nSamples} p=${row.nFeatures} C=${row.nClasses} …`);
    const result = await runMultinomialRow(row, row.nSamples > 5000 ? 1 : repeats, 7 + row.nClasses, withGlmnet);
    results.push(result);
    log(`  glmnet ${result.glmnetMs?.toFixed(1) ?? '—'} ms, proxpath ${result.proxpathMs.toFixed(1)} ms, max rel obj diff ${result.maxRelObjectiveDiff?.toExponential(1) ?? '—'}`);
  }
  const lines = multinomialTable(results);
  writeFileSync(path.join(outDir, 'multinomial-vs-glmnet.md'), ['# proxpath CPU vs R glmnet: multinomial', '', ...lines, ''].join('\n'));
  writeFileSync(path.join(outDir, 'multinomial-vs-glmnet.json'), JSON.stringify({ generated: new Date().toISOString(), results }, null, 2));
  return lines;
}

// Sparse synthetic data for bench/sparse.ts (issue 17, item 1), as CSC:
//
// - news20-like: a bag of words, n documents × p words, ~0.1 % density, word frequencies Zipf
//   (column j's expected count ∝ 1/(j + 10), capped at half the documents), values
//   log(1 + count)-like positive weights; a few dozen words of all frequencies carry the signal.
// - one-hot: n rows of 50 categorical columns of 100 levels each (p = 5000 indicator columns,
//   exactly 50 ones per row), levels Zipf-distributed within each column; ten columns carry
//   level effects.
//
// The response: squared, y = η + noise with sd(η)/sd(noise) = 3; logistic, y ~ Bernoulli(σ(c·η))
// with sd(c·η) = 2 (bench/gen.ts's conventions).

import { mulberry32, normalGenerator } from '../src/random.js';
import { sd } from '../src/bench/data.js';
import { LOGISTIC_ETA_SD, SIGNAL_TO_NOISE, type BenchLoss } from './gen.js';

export interface SparseData {
  nSamples: number;
  nFeatures: number;
  /** CSC: nFeatures + 1 offsets, rows ascending within each column, float64 values. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  y: Float64Array;
}

/** The response from the linear predictor (bench/gen.ts's signal-to-noise and logistic scale). */
function response(loss: BenchLoss, eta: Float64Array, seed: number): Float64Array {
  const normal = normalGenerator(seed);
  const u = mulberry32(seed + 1);
  const s = sd(eta);
  if (loss === 'squared') return eta.map((e) => e + (s / SIGNAL_TO_NOISE) * normal());
  const c = s > 0 ? LOGISTIC_ETA_SD / s : 1;
  return eta.map((e) => (u() < 1 / (1 + Math.exp(-c * e)) ? 1 : 0));
}

/** Columns from per-column row lists (rows sorted here) and a value per entry. */
function fromColumns(columns: number[][], value: (j: number, i: number) => number, nSamples: number) {
  const nnz = columns.reduce((s, c) => s + c.length, 0);
  const indptr = new Int32Array(columns.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  columns.forEach((rows, j) => {
    rows.sort((a, b) => a - b);
    for (const i of rows) {
      indices[k] = i;
      values[k++] = value(j, i);
    }
    indptr[j + 1] = k;
  });
  return { nSamples, nFeatures: columns.length, indptr, indices, values };
}

/** The news20-like bag of words (n × p, density ≈ `density`). */
export function newsLike(loss: BenchLoss, nSamples: number, nFeatures: number, density: number, seed: number): SparseData {
  const u = mulberry32(seed);
  let harmonic = 0;
  for (let j = 0; j < nFeatures; j++) harmonic += 1 / (j + 10);
  const scale = (density * nSamples * nFeatures) / harmonic;
  const columns: number[][] = [];
  for (let j = 0; j < nFeatures; j++) {
    const count = Math.max(1, Math.min(nSamples >> 1, Math.round(scale / (j + 10))));
    const rows = new Set<number>();
    while (rows.size < count) rows.add(Math.floor(u() * nSamples));
    columns.push([...rows]);
  }
  const data = fromColumns(columns, () => Math.log1p(1 + Math.floor(-Math.log(1 - u()) * 2)), nSamples);
  // Signal: 40 words spread over the frequency ranks, alternating signs.
  const eta = new Float64Array(nSamples);
  for (let t = 0; t < 40; t++) {
    const j = Math.floor(Math.exp((t / 40) * Math.log(nFeatures / 4)));
    const b = (t % 2 ? 1 : -1) * (0.5 + u());
    for (let k = data.indptr[j]; k < data.indptr[j + 1]; k++) eta[data.indices[k]] += b * data.values[k];
  }
  return { ...data, y: response(loss, eta, seed + 7) };
}

/** The one-hot design: nColumns categorical columns of nLevels levels each. */
export function oneHot(loss: BenchLoss, nSamples: number, nColumns: number, nLevels: number, seed: number): SparseData {
  const u = mulberry32(seed);
  const weights = Array.from({ length: nLevels }, (_, l) => 1 / (l + 1) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map(((s) => (w: number) => (s += w / total))(0));
  const columns: number[][] = Array.from({ length: nColumns * nLevels }, () => []);
  const effects = Array.from({ length: nColumns * nLevels }, (_, f) => (Math.floor(f / nLevels) < 10 ? (u() - 0.5) * 2 : 0));
  const eta = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    for (let c = 0; c < nColumns; c++) {
      const x = u();
      let level = cumulative.findIndex((edge) => x < edge);
      if (level < 0) level = nLevels - 1;
      const f = c * nLevels + level;
      columns[f].push(i);
      eta[i] += effects[f];
    }
  }
  const data = fromColumns(columns, () => 1, nSamples);
  return { ...data, y: response(loss, eta, seed + 7) };
}

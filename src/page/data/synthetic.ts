// Synthetic data: n samples of p features with equal pairwise correlation ρ (the glmnet paper's
// design), the first k true coefficients (−1)^j·exp(−j/10) and the rest 0, and a response that
// fits the loss: real with Gaussian noise at the given signal-to-noise ratio (5 % of the rows
// shifted by 10 noise SDs for the robust losses), 0/1 labels for a binary response (logistic),
// counts for a count response (Poisson): the loss spec's response kind says which.

import { lossSpec } from '../../losses/registry.js';
import type { LossName } from '../../problem/types.js';
import { mulberry32, normalGenerator } from '../../random.js';
import type { Table } from './table.js';

export interface SyntheticSpec {
  n: number;
  p: number;
  rho: number;
  nonzero: number;
  snr: number;
  loss: LossName;
  seed: number;
}

/** The largest n·p generated in the page (400 MB of float64; the fit's copy doubles it). */
export const MAX_CELLS = 50_000_000;

/** The large preset: big enough for the GPU to matter, small enough for a tab's memory. */
export const LARGE: Pick<SyntheticSpec, 'n' | 'p' | 'nonzero'> = { n: 100_000, p: 200, nonzero: 20 };

/** Rows generated between progress reports. */
const REPORT_ROWS = 4096;

export function checkSpec(s: SyntheticSpec): string | null {
  if (!Number.isInteger(s.n) || s.n < 10) return 'rows n: give an integer ≥ 10';
  if (!Number.isInteger(s.p) || s.p < 1) return 'features p: give an integer ≥ 1';
  if (s.n * s.p > MAX_CELLS) return `n × p = ${s.n * s.p} is more than the page generates (${MAX_CELLS}); load a CSV instead`;
  if (!(s.rho >= 0 && s.rho < 1)) return 'correlation ρ: give a number in [0, 1)';
  if (!Number.isInteger(s.nonzero) || s.nonzero < 0 || s.nonzero > s.p) return `nonzero coefficients: give an integer from 0 to p = ${s.p}`;
  if (!(s.snr > 0)) return 'signal-to-noise ratio: give a number > 0';
  if (!Number.isInteger(s.seed)) return 'seed: give an integer';
  return null;
}

/** The data of a spec; `onRows(i)` hears every REPORT_ROWS rows how many are done. */
export function generate(s: SyntheticSpec, onRows?: (done: number) => void): Table {
  const normal = normalGenerator(s.seed);
  const uniform = mulberry32(s.seed + 1);
  const { n, p } = s;
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const eta = new Float64Array(n);
  const a = Math.sqrt(s.rho);
  const b = Math.sqrt(1 - s.rho);
  for (let i = 0; i < n; i++) {
    const shared = normal();
    let e = 0;
    for (let j = 0; j < p; j++) {
      const x = a * shared + b * normal();
      columns[j][i] = x;
      if (j < s.nonzero) e += x * (j % 2 === 0 ? 1 : -1) * Math.exp(-j / 10);
    }
    eta[i] = e;
    if (onRows && i % REPORT_ROWS === REPORT_ROWS - 1) onRows(i + 1);
  }
  const sd = standardDeviation(eta);
  const y = new Float64Array(n);
  const spec = lossSpec(s.loss);
  // Outliers for the robust losses: those of a real response that are not squared error.
  const robust = spec.response === 'real' && !spec.make({}).quadratic;
  const sigma = sd > 0 ? sd / Math.sqrt(s.snr) : 1;
  for (let i = 0; i < n; i++) {
    const noise = sigma * normal();
    if (spec.response === 'binary') y[i] = eta[i] + noise > 0 ? 1 : 0;
    else if (spec.response === 'count') y[i] = poisson(Math.exp(1 + (sd > 0 ? (0.5 * eta[i]) / sd : 0)), uniform, normal);
    else y[i] = eta[i] + noise + (robust && uniform() < 0.05 ? 10 * sigma : 0);
  }
  return {
    source: `synthetic ${s.loss} data (n = ${n}, p = ${p}, ρ = ${s.rho}, ${s.nonzero} nonzero, SNR ${s.snr}, seed ${s.seed})`,
    names: [...columns.map((_, j) => `x${j + 1}`), 'y'],
    columns: [...columns, y],
    n,
  };
}

function standardDeviation(v: Float64Array): number {
  let mean = 0;
  for (const x of v) mean += x / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return Math.sqrt(ss / v.length);
}

/** A Poisson draw: Knuth's product of uniforms for small means, a rounded normal for large ones. */
function poisson(mean: number, uniform: () => number, normal: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let prod = uniform();
  while (prod > limit) {
    k++;
    prod *= uniform();
  }
  return k;
}

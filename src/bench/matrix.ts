// The benchmark matrix: presets and their expansion into cases. A star design (the default)
// takes the first value of each size list as the base case and varies one of n, p, K at a
// time, so that time-vs-n, time-vs-p and time-vs-K each have a line without the full product
// of the lists; a grid takes every combination. Losses, α and folds multiply either.

import type { BenchConfig, CaseSpec } from './types.js';

/** Small enough for a few minutes on a laptop's CPU (and on SwiftShader, a CPU emulation of a GPU). */
export const DEFAULT_CONFIG: BenchConfig = {
  nSamples: [500, 2000],
  nFeatures: [20, 80],
  nLambdas: [20, 50],
  losses: ['squared', 'logistic'],
  alphas: [1],
  folds: [0],
  design: 'star',
  runners: ['cpu', 'chromium', 'glmnet', 'sklearn'],
  repeats: 3,
  maxCaseSeconds: 20,
  seed: 1,
  dawnTimeoutSeconds: 300,
};

/** `--large`: sizes where a real GPU has work to do (minutes to hours on a CPU). */
export const LARGE_CONFIG: BenchConfig = {
  ...DEFAULT_CONFIG,
  nSamples: [10_000, 50_000, 200_000],
  nFeatures: [500, 2000, 5000],
  nLambdas: [100, 25],
  losses: ['squared', 'logistic', 'quantile'],
  repeats: 5,
  maxCaseSeconds: 120,
  dawnTimeoutSeconds: 600,
};

/** The smallest matrix that still has two values on each size axis (tests, `npm start`). */
export const TINY_CONFIG: BenchConfig = {
  ...DEFAULT_CONFIG,
  nSamples: [60, 120],
  nFeatures: [5, 10],
  nLambdas: [5, 8],
  losses: ['squared'],
  runners: ['cpu', 'chromium'],
  repeats: 2,
  maxCaseSeconds: 10,
};

const caseId = (c: Omit<CaseSpec, 'id' | 'seed'>): string =>
  `${c.loss} α=${c.alpha} n=${c.n} p=${c.p} K=${c.K}${c.folds > 0 ? ` folds=${c.folds}` : ''}`;

/** (n, p, K) triples of the design, without repeats, base first. */
export function sizeTriples(config: Pick<BenchConfig, 'nSamples' | 'nFeatures' | 'nLambdas' | 'design'>): [number, number, number][] {
  const { nSamples: ns, nFeatures: ps, nLambdas: ks } = config;
  const triples: [number, number, number][] = [];
  if (config.design === 'grid') {
    for (const n of ns) for (const p of ps) for (const K of ks) triples.push([n, p, K]);
  } else {
    const [n0, p0, K0] = [ns[0], ps[0], ks[0]];
    triples.push([n0, p0, K0]);
    for (const n of ns.slice(1)) triples.push([n, p0, K0]);
    for (const p of ps.slice(1)) triples.push([n0, p, K0]);
    for (const K of ks.slice(1)) triples.push([n0, p0, K]);
  }
  const seen = new Set<string>();
  return triples.filter((t) => !seen.has(t.join()) && seen.add(t.join()) !== undefined);
}

/** Every case of the matrix, losses outermost. Each case's data come from its own seed. */
export function expandMatrix(config: BenchConfig): CaseSpec[] {
  const cases: CaseSpec[] = [];
  for (const loss of config.losses) {
    for (const alpha of config.alphas) {
      for (const folds of config.folds) {
        for (const [n, p, K] of sizeTriples(config)) {
          const spec = { n, p, K, loss, alpha, folds };
          cases.push({ ...spec, id: caseId(spec), seed: config.seed + cases.length });
        }
      }
    }
  }
  return cases;
}

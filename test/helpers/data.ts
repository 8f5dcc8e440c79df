// Test data: fixture CSVs and references, and seeded random problems.

import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { mulberry32 } from '../../src/random.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export interface TableData {
  /** Rows of features (number[][]), the target y and the weights column w when present. */
  X: number[][];
  y: number[];
  w?: number[];
  featureNames: string[];
}

export function readFixtureCsv(file: string): TableData {
  const text = readFileSync(new URL(`data/${file}`, FIXTURES), 'utf8');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const yCol = header.indexOf('y');
  const wCol = header.indexOf('w');
  const featureCols = header.map((_, c) => c).filter((c) => c !== yCol && c !== wCol);
  return {
    X: rows.map((r) => featureCols.map((c) => Number(r[c]))),
    y: rows.map((r) => Number(r[yCol])),
    w: wCol >= 0 ? rows.map((r) => Number(r[wCol])) : undefined,
    featureNames: featureCols.map((c) => header[c]),
  };
}

export interface Reference {
  case: string;
  file: string;
  family?: 'gaussian' | 'binomial' | 'poisson';
  loss?: string;
  alpha: number;
  weights?: boolean;
  penaltyFactor?: number[];
  lower?: number[];
  upper?: number[];
  standardize: boolean;
  intercept: boolean;
  lambda: number[];
  a0: number[];
  beta: number[][];
  devRatio?: number[];
}

export function readReference(name: string): Reference {
  return JSON.parse(readFileSync(new URL(`refs/${name}.json`, FIXTURES), 'utf8')) as Reference;
}

/** 1e308 stands for infinity in the fixtures. */
export const inf = (v: number[] | undefined) => v?.map((x) => (x >= 1e308 ? Infinity : x <= -1e308 ? -Infinity : x));

/** Seeded uniform random numbers in [0, 1) (mulberry32). */
export const rng = mulberry32;

/** Seeded standard normals (Box–Muller). */
export function normal(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

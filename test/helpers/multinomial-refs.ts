// The multinomial references (test/fixtures/refs/multinomial.json, R glmnet 4.1 at thresh 1e-14)
// and their data sets, with the fit options of each case: shared by the batched and WebGPU tests.

import { readFileSync } from 'node:fs';
import type { MultinomialOptions } from '../../src/index.js';

export interface MultinomialRefCase {
  name: string; file: string; type: 'ungrouped' | 'grouped'; alpha: number; standardize: boolean; intercept: boolean; weights: boolean;
  penaltyFactor?: number[]; lower?: number; upper?: number;
  classes: string[]; lambda: number[]; df: number[]; devRatio: number[]; nulldev: number; a0: number[][]; objective: number[];
}

export const multinomialRefs = JSON.parse(readFileSync(new URL('../fixtures/refs/multinomial.json', import.meta.url), 'utf8')) as { cases: MultinomialRefCase[] };

export function readMultinomialSet(file: string): { X: number[][]; y: (string | number)[]; w: number[] | null } {
  const lines = readFileSync(new URL(`../fixtures/data/${file}`, import.meta.url), 'utf8').trim().split('\n');
  const header = lines[0].split(',').map((name) => name.replace(/"/g, ''));
  const rows = lines.slice(1).map((line) => line.split(',').map((v) => v.replace(/"/g, '')));
  const features = header.flatMap((name, j) => (name === 'y' || name === 'w' ? [] : [j]));
  const yAt = header.indexOf('y');
  const wAt = header.indexOf('w');
  return {
    X: rows.map((row) => features.map((j) => Number(row[j]))),
    y: rows.map((row) => (Number.isNaN(Number(row[yAt])) ? row[yAt] : Number(row[yAt]))),
    w: wAt >= 0 ? rows.map((row) => Number(row[wAt])) : null,
  };
}

/** A case's data and options at the given λ (the reference's, a subset of its grid). */
export function caseInput(c: MultinomialRefCase, lambda: number[]): { data: { X: number[][]; y: (string | number)[]; weights?: number[] }; options: MultinomialOptions } {
  const s = readMultinomialSet(c.file);
  return {
    data: { X: s.X, y: s.y, ...(c.weights && s.w ? { weights: s.w } : {}) },
    options: {
      loss: 'multinomial', multinomial: c.type, alpha: c.alpha, standardize: c.standardize, intercept: c.intercept, lambda,
      ...(c.penaltyFactor ? { penaltyFactor: c.penaltyFactor.map((v) => (v >= 1e308 ? Infinity : v)) } : {}),
      ...(c.lower !== undefined ? { lower: c.lower } : {}), ...(c.upper !== undefined ? { upper: c.upper } : {}),
    },
  };
}

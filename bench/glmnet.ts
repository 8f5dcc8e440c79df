// Runs R glmnet on one benchmark row in its own Rscript process (bench/glmnet-runner.R)
// and reads back its timing and path.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GlmnetResult {
  /** Median wall time of the glmnet() call, ms. */
  medianMs: number;
  timesMs: number[];
  /** K λ values, decreasing. */
  lambda: Float64Array;
  /** K intercepts. */
  a0: Float64Array;
  /** nFeatures × K float64, column-major: β at λ_k is beta[k·nFeatures … (k+1)·nFeatures). */
  beta: Float64Array;
  version: string;
}

/** null when glmnet can run, otherwise why not (for the log; the table says "glmnet not installed"). */
export function glmnetMissing(): string | null {
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(glmnet))'], {
    encoding: 'utf8',
  });
  if (probe.error) return 'glmnet not installed (Rscript not found)';
  if (probe.status !== 0) return 'glmnet not installed (R has no package glmnet)';
  return null;
}

/** An R runner sits in bench/ next to this file's source; dist/bench/ holds the compiled JS. */
export function runnerPath(name = 'glmnet-runner.R'): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, name), path.resolve(here, '..', '..', 'bench', name)];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Writes values as float64 little-endian (the layout R's readBin is told to expect). */
export function writeFloat64LE(file: string, values: Float64Array): void {
  if (endianness() === 'LE') {
    writeFileSync(file, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return;
  }
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((value, index) => bytes.writeDoubleLE(value, index * 8));
  writeFileSync(file, bytes);
}

export function readFloat64LE(file: string): Float64Array {
  const bytes = readFileSync(file);
  const values = new Float64Array(bytes.length / 8);
  for (let index = 0; index < values.length; index++) values[index] = bytes.readDoubleLE(index * 8);
  return values;
}

/**
 * Runs glmnet on <dir>/X.bin and <dir>/y.bin (already written) with `warmups` untimed and
 * `repeats` timed calls. Throws with R's stderr when the runner fails.
 */
export function runGlmnet(
  dir: string,
  nSamples: number,
  nFeatures: number,
  family: 'gaussian' | 'binomial',
  warmups: number,
  repeats: number,
): GlmnetResult {
  const args = [runnerPath(), dir, nSamples, nFeatures, family, warmups, repeats].map(String);
  const result = spawnSync('Rscript', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`glmnet runner exited with ${result.status}: ${result.stderr.trim()}`);
  }
  const meta = new Map<string, string>();
  for (const line of readFileSync(path.join(dir, 'meta.txt'), 'utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) meta.set(line.slice(0, space), line.slice(space + 1).trim());
  }
  const lambda = readFloat64LE(path.join(dir, 'lambda.bin'));
  const a0 = readFloat64LE(path.join(dir, 'a0.bin'));
  const beta = readFloat64LE(path.join(dir, 'beta.bin'));
  if (a0.length !== lambda.length || beta.length !== lambda.length * nFeatures) {
    throw new Error(
      `glmnet output sizes disagree: K = ${lambda.length}, a0 ${a0.length}, beta ${beta.length}`,
    );
  }
  return {
    medianMs: Number(meta.get('median_ms')),
    timesMs: (meta.get('times_ms') ?? '').split(',').map(Number),
    lambda,
    a0,
    beta,
    version: meta.get('glmnet_version') ?? '?',
  };
}

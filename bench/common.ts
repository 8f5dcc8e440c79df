// Small helpers the benchmark scripts share: where the package is, a median, an option parser.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from 'commander';

/** The directory holding package.json above this script (src/ or dist/ alike). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the benchmark');
    dir = parent;
  }
  return dir;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** commander's parser for options that take an integer ≥ 1. */
export function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`"${text}" must be an integer ≥ 1`);
  return value;
}

/** commander's parser for an n×p list (e.g. 1000x100,100x5000). */
export function parseSizes(text: string): [number, number][] {
  return text.split(',').map((item) => {
    const match = /^\s*(\d+)\s*[x×*]\s*(\d+)\s*$/i.exec(item);
    if (!match) throw new InvalidArgumentError(`"${item}" is not of the form n×p (e.g. 1000x100)`);
    return [Number(match[1]), Number(match[2])];
  });
}

/** commander's parser for a list of the benchmark losses. */
export function parseLosses(text: string): ('squared' | 'logistic')[] {
  return text.split(',').map((item) => {
    if (item !== 'squared' && item !== 'logistic') throw new InvalidArgumentError(`"${item}" must be squared or logistic`);
    return item;
  });
}

/** A Markdown table. */
export function markdownTable(head: string[], body: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)];
}

// How much memory a fit of a CSV file will need, said before the file is read: its rows are
// estimated from the first MiB (line breaks per byte × the file's size), and each kept row costs
// its numbers in the reader, the solver's standardized copy, and for the exact absolute and
// quantile solvers a row-major copy too. A fit that will not fit is refused with that figure
// (the squared loss instead streams the file: stream-fit.ts). A sparse file's plan counts its
// nonzeros instead: sparse-plan.ts.

import { open } from 'node:fs/promises';
import os from 'node:os';

/** Bytes read to estimate the rows and columns. */
const SAMPLE_BYTES = 1 << 20;
/** Share of the machine's memory a fit may plan to use. */
const USABLE_SHARE = 0.75;

export interface MemoryPlan {
  /** Estimated data rows and columns of the file. */
  rows: number;
  columns: number;
  /** Estimated bytes an in-memory fit needs, and the budget it is held to. */
  needed: number;
  budget: number;
}

/** The memory a fit may plan on: PROXPATH_MEMORY_BYTES when set (tests), else a share of the machine's. */
export function memoryBudget(): number {
  const given = Number(process.env.PROXPATH_MEMORY_BYTES);
  return given > 0 ? given : USABLE_SHARE * os.totalmem();
}

/** The first MiB of a file as text, and the file's size in bytes. */
export async function readSample(file: string): Promise<{ sample: string; size: number }> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { sample: buffer.subarray(0, bytesRead).toString('utf8'), size };
  } finally {
    await handle.close();
  }
}

/** The estimate for a CSV file (null when the sample has no complete data row to count by). */
export async function planCsvFit(file: string, exactLoss: boolean): Promise<MemoryPlan | null> {
  const { sample, size } = await readSample(file);
  const lines = sample.split('\n');
  if (lines.length < 3) return null;
  const columns = lines[0].split(',').length;
  const headerBytes = Buffer.byteLength(lines[0]) + 1;
  const rowBytes = (sample.length - headerBytes - lines[lines.length - 1].length) / (lines.length - 2);
  const rows = Math.max(1, Math.round((size - headerBytes) / Math.max(rowBytes, 1)));
  // Reader (all columns, and the row and line of each row), standardized copy, vectors.
  const perRow = 8 * (columns + 1) + 8 * columns + (exactLoss ? 8 * columns : 0) + 64;
  return { rows, columns, needed: rows * perRow, budget: memoryBudget() };
}

/** `3.21 GiB`, or `12.5 MiB` below a GiB, `1.82 TiB` from a TiB. */
export const formatBytes = (bytes: number): string =>
  bytes >= 2 ** 40 ? `${(bytes / 2 ** 40).toPrecision(3)} TiB` : bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toPrecision(3)} GiB` : `${(bytes / 2 ** 20).toPrecision(3)} MiB`;

// What the Node side of the headless Chromium host (chromium-host.ts) and its page
// (page/chromium-page.ts) say to each other: the job Node serves, the page's answer, and the functions
// each side puts on the page's window. Both sides import these; neither imports the other.

import type { CvFitJSON } from '../cv/cv-fit.js';
import type { PathFitJSON } from '../problem/result.js';
import type { FitOptions, ProgressEvent } from '../problem/types.js';

/**
 * What Node serves as job.json in the job's secret folder (/job/<token>/, chromium-server.ts),
 * beside the data X, y, weights and offset (float64), each once.
 */
export interface HostJob {
  /** A path fit (fitPath), or a cross-validation (cvPath, with its options). */
  kind: 'fit' | 'cv';
  nRows: number;
  nCols: number;
  featureNames: string[];
  hasWeights: boolean;
  /** Whether an offset is served (Dataset.offset). */
  hasOffset?: boolean;
  /**
   * A sparse X, served as its CSC arrays indptr and indices (int32) and values (float64) instead
   * of X, so that it stays sparse in the page (its kernels read the entries).
   */
  sparse?: boolean;
  /** The fit's options without the parts that cannot travel (signal, onProgress, device). */
  options: FitOptions;
}

export type HostAnswer =
  | { ok: true; fit?: PathFitJSON; cv?: CvFitJSON }
  | { ok: false; error: { name: string; message: string } };

/** What the page offers Node, and the progress callback Node exposes to it. */
export interface HostWindow {
  /** `run(jobPath)`: the job's folder, /job/<token>/, which only Node and this page know. */
  __proxpath?: { run(jobPath: string): Promise<string>; abort(): void };
  __proxpathProgress?: (event: ProgressEvent) => Promise<void>;
}

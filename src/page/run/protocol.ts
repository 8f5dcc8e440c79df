// Messages between the page and its fit worker (fit-worker.ts).

import type { CvFitJSON, MeasureName, PathFitJSON } from '../../index.js';
import type { FitOptions } from '../../problem/types.js';
import type { SelectedData } from '../data/table.js';

/** Fit options that can cross to a worker (no signal, callbacks or device). */
export type PlainOptions = Omit<FitOptions, 'signal' | 'onProgress' | 'device'>;

export interface CvSettings {
  nFolds: number;
  measure?: MeasureName;
  seed: number;
}

export interface RunRequest {
  data: SelectedData;
  options: PlainOptions;
  /** Cross-validation after the path, or none. */
  cv: CvSettings | null;
  /** Fit on WebGPU and on the CPU, and compare (the path only). */
  compare: boolean;
}

export type Stage = 'path' | 'cv' | 'webgpu' | 'cpu';

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; stage: Stage; solved: number; total: number; lambda: number; iterations?: number }
  /** The path fit (shown at once, before cross-validation finishes). */
  | { type: 'path'; fit: PathFitJSON; wallMs: number }
  | { type: 'cv'; cv: CvFitJSON; wallMs: number }
  | { type: 'compare'; webgpu: PathFitJSON; cpu: PathFitJSON; webgpuWallMs: number; cpuWallMs: number }
  | { type: 'done' }
  | { type: 'error'; name: string; message: string };

// The live times of a run, for its status line: seconds since the run started, and per stage
// (the path, the folds; in compare mode the WebGPU path, then the CPU path), a stage's time being
// from the end of the one before (or the run's start) to its last progress report.

import type { Stage } from './protocol.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class RunClock {
  private readonly start = performance.now();
  private readonly stages: { stage: Stage; from: number; last: number }[] = [];

  /** Notes progress of `stage` now; returns the status line's time part. */
  tick(stage: Stage): string {
    const now = performance.now();
    const current = this.stages.at(-1);
    if (current?.stage !== stage) this.stages.push({ stage, from: current?.last ?? this.start, last: now });
    else current.last = now;
    const done = this.stages.slice(0, -1).map((s) => `${NAMES[s.stage]} ${seconds(s.last - s.from)}`);
    const open = this.stages.at(-1)!;
    return [...done, `${NAMES[open.stage]} ${seconds(now - open.from)}`].join(' · ');
  }
}

const NAMES: Record<Stage, string> = { path: 'path', cv: 'folds', webgpu: 'WebGPU', cpu: 'CPU' };

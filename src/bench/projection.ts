// A projection of GPU time from counted work, for machines without a GPU: the fit's flops at a
// sustained rate, its bytes at a bandwidth, and a fixed cost per submit and per readback. It is
// a model, never a measurement: the report labels it so and states the four figures.

import type { WorkCount } from '../problem/types.js';

export interface GpuProjection {
  /** Sustained FLOP/s of the products. */
  flopsPerSecond: number;
  /** Sustained bytes/s of memory traffic. */
  bytesPerSecond: number;
  /** Host cost of one queue submit, seconds. */
  secondsPerSubmit: number;
  /** Round trip of one readback (map and wait), seconds. */
  secondsPerReadback: number;
  /**
   * One coordinate step of a Newton model solve on the device, seconds: a workgroup barrier and
   * a read of one Gram column (WorkCount.modelSteps), a latency the flops do not show.
   */
  secondsPerModelStep: number;
}

/** A recent data-centre GPU in WebGPU's hands, roughly (issue 13's defaults). */
export const DEFAULT_PROJECTION: GpuProjection = {
  flopsPerSecond: 20e12,
  bytesPerSecond: 2e12,
  secondsPerSubmit: 10e-6,
  secondsPerReadback: 200e-6,
  secondsPerModelStep: 0.5e-6,
};

/**
 * Milliseconds the counted work would take: compute and memory time added (no overlap, a
 * pessimistic bound for each), plus submits, readbacks and the model solves' sequential
 * coordinate steps. Submits are at least one per readback (a readback submits what is recorded).
 */
export function projectedMs(work: WorkCount, at: GpuProjection = DEFAULT_PROJECTION): number {
  const submits = Math.max(work.submits, work.readbacks);
  const seconds = work.flops / at.flopsPerSecond + work.bytes / at.bytesPerSecond +
    submits * at.secondsPerSubmit + work.readbacks * at.secondsPerReadback + (work.modelSteps ?? 0) * at.secondsPerModelStep;
  return seconds * 1000;
}

export const describeProjection = (at: GpuProjection): string =>
  `${at.flopsPerSecond / 1e12} TFLOP/s, ${at.bytesPerSecond / 1e12} TB/s, ${at.secondsPerSubmit * 1e6} µs per submit, ` +
  `${at.secondsPerReadback * 1e6} µs per readback, ${at.secondsPerModelStep * 1e6} µs per model coordinate step`;

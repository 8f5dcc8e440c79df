// Number and label formatting shared by the Markdown and HTML reports.

import { adapterName } from '../../gpu/device.js';
import type { BenchReport, RunnerDevice, RunnerName } from '../types.js';

export const RUNNER_LABELS: Record<RunnerName, string> = {
  cpu: 'proxpath CPU (cd)',
  'cpu-batched': 'proxpath CPU (batched)',
  chromium: 'proxpath WebGPU (Chrome)',
  dawn: 'proxpath WebGPU (Dawn)',
  glmnet: 'R glmnet',
  sklearn: 'scikit-learn',
};

/** The runner's label, with the software-fallback warning where its adapter is one. */
export function runnerLabel(name: RunnerName, device?: RunnerDevice | null): string {
  const base = RUNNER_LABELS[name];
  return device?.adapter?.software ? `${base} [software fallback]` : base;
}

export function adapterLine(device: RunnerDevice | null | undefined): string {
  if (!device?.adapter) return 'no adapter';
  const a = device.adapter;
  const name = adapterName(a);
  const details = [a.device, a.description].filter((s) => s).join(', ');
  const warning = a.software ? ' — SOFTWARE FALLBACK: a CPU emulation of a GPU; its times say nothing about GPU speed' : '';
  const timestamps = device.features ? `; timestamp-query ${device.features.includes('timestamp-query') ? 'available (GPU time = the compute passes\' timestamps, summed)' : 'not available'}` : '';
  return `${name}${details ? ` (${details})` : ''}, isFallbackAdapter ${a.isFallbackAdapter}${timestamps}${warning}`;
}

export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 1000) return `${(value / 1000).toPrecision(3)} s`;
  return `${value.toPrecision(3)} ms`;
}

export function sci(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return value.toExponential(digits - 1).replace('e+', 'e');
}

export const ratio = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '–' : `${value.toPrecision(3)}×`);

/** Three significant digits, for rates (GFLOP/s, GB/s) that span many decades. */
export const rate = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? '–' : value === 0 ? '0' : value.toPrecision(3));

/** The device of a runner across the report (the first run that has one). */
export function runnerDevice(report: BenchReport, name: RunnerName): RunnerDevice | null {
  return report.cases.flatMap((c) => c.runs).find((r) => r.runner === name && r.device)?.device ?? null;
}

/** The runners in the order asked for. */
export const runnersOf = (report: BenchReport): RunnerName[] => report.config.runners;

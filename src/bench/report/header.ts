// What the report says before its table: the machine, the browser and adapters (software
// fallback said loudly), how times and work are measured, and the flagged cases.

import type { BenchReport } from '../types.js';
import { adapterLine, ms } from './format.js';
import { DEFAULT_PROJECTION, describeProjection } from '../projection.js';

export interface HeaderLine {
  label: string;
  text: string;
  warning?: boolean;
}

export function headerLines(report: BenchReport): HeaderLine[] {
  const m = report.machine;
  const c = report.config;
  const lines: HeaderLine[] = [
    { label: 'Run', text: `${report.createdAt}, ${report.cases.length} cases in ${ms(report.totalMs)}, proxpath ${m.proxpath}` },
    { label: 'Machine', text: `${m.cpuModel} × ${m.cpuCount}, ${m.memoryGiB} GiB, ${m.platform} ${m.arch}, Node ${m.node}` },
  ];
  if (report.browser) {
    const b = report.browser;
    const where = b.url ? `connected at ${b.url}` : b.executable ?? '';
    lines.push({ label: 'Browser', text: `${b.version} (${where})${b.flags.length ? `, flags ${b.flags.join(' ')}` : ''}` });
    lines.push({ label: 'Browser adapter', text: adapterLine(b.device), warning: Boolean(b.device?.adapter?.software) });
  }
  if (report.dawn) lines.push({ label: 'Dawn adapter', text: adapterLine(report.dawn), warning: Boolean(report.dawn.adapter?.software) });
  if (report.softwareFallback) {
    lines.push({
      label: 'Warning',
      text: 'the GPU runs used a software fallback adapter (SwiftShader, a CPU emulation of a GPU): the WebGPU times and speedups here are not GPU speed.',
      warning: true,
    });
  }
  lines.push({
    label: 'Matrix',
    text: `${c.design} design over n ∈ {${c.nSamples}}, p ∈ {${c.nFeatures}}, K ∈ {${c.nLambdas}}; losses ${c.losses.join(', ')}; α ∈ {${c.alphas}}; folds ∈ {${c.folds}}; ` +
      `${c.repeats} timed runs per case after one warm-up (fewer once ${c.maxCaseSeconds} s are spent)`,
  });
  lines.push({
    label: 'Measures',
    text: 'median wall time of the whole path (or CV) call; GPU time = median of the fit\'s timing.gpuMs, its compute passes timed by timestamp queries (WebGPU path fits where the device has timestamp-query; – elsewhere); × vs CPU = CPU median ÷ this median; GFLOP/s and GB/s = the batched iteration\'s counted work ÷ the fit\'s solve time (wall time); ' +
      `objective rel. diff = max over λ of |f − f_ref| / |f_ref|, every objective evaluated in float64 by the benchmark; coef. diff = max |β − β_ref| / max(1, max |β_ref|); support diff = most features zero in one fit and not in the other at one λ, with the largest of their coefficients (relative, as coef. diff): near 0 when they are only entering or leaving there. ${referenceText(report)}`,
  });
  lines.push({
    label: 'Projection',
    text: 'projected GPU time = a model, not a measurement: the work the fit counted as it dispatched (flops, bytes, submits, readbacks; passes / λ = its products with X̃ or X̃ᵀ per λ column) ' +
      `at ${describeProjection(c.projection ?? DEFAULT_PROJECTION)}; set the figures with --project-flops, --project-bandwidth, --project-submit, --project-readback, --project-step.`,
  });
  const flagged = report.cases.flatMap((k) => k.agreement.filter((a) => a.flagged).map((a) => `${k.spec.id} · ${a.runner}`));
  lines.push(
    flagged.length > 0
      ? { label: 'Disagreements', text: `${flagged.length} beyond tolerance: ${flagged.join('; ')}`, warning: true }
      : { label: 'Agreement', text: `every backend within tolerance of the reference (${referenceLabels(report)})` },
  );
  for (const note of report.notes) lines.push({ label: 'Note', text: note });
  return lines;
}

/** The references the cases were measured against, in words. */
function referenceLabels(report: BenchReport): string {
  const labels = [...new Set(report.cases.flatMap((c) => c.agreement.map((a) => a.reference)))];
  return labels.length > 0 ? labels.join(', ') : 'none';
}

function referenceText(report: BenchReport): string {
  const tight = report.cases.filter((c) => c.reference).length;
  const all = report.cases.length;
  if (tight === 0) return 'The reference (ref) is the CPU path at its default tolerance.';
  return `The reference (ref) is a tight CPU fit (${report.cases.find((c) => c.reference)!.reference!.label}, untimed) on the same λ${tight < all ? ` for ${tight} of ${all} cases (the others, too large for it: the CPU run)` : ''}: every run, the CPU's at its default tolerance too, is measured against the optimum.`;
}

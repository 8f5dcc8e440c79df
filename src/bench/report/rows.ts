// The report's table, one row per case and runner, formatted once for Markdown and HTML alike.

import type { Agreement, BackendRun, BenchReport } from '../types.js';
import { ms, rate, ratio, runnerLabel, sci } from './format.js';

export const COLUMNS = [
  'case', 'backend', 'median', 'min – max', 'runs', 'GPU time', '× vs CPU', 'iterations', 'GFLOP/s', 'GB/s',
  'passes / λ', 'projected GPU time',
  'objective rel. diff', 'coef. diff', 'support diff', 'note',
] as const;

/** The objective difference (bold or flagged when beyond tolerance) and the note (the only text column after the numbers). */
export const AGREEMENT_COLUMN = COLUMNS.indexOf('objective rel. diff');
export const NOTE_COLUMN = COLUMNS.indexOf('note');

export interface Row {
  cells: string[];
  /** The run disagrees with the reference beyond its tolerance. */
  flagged: boolean;
  failed: boolean;
}

/** Products with X̃ or X̃ᵀ per column, over the λ solved: passes over the data per λ. */
function passesPerLambda(run: BackendRun): string {
  const passes = run.work?.columnPasses;
  const lambdas = run.objective?.length ?? 0;
  return passes === undefined || lambdas === 0 ? '–' : (passes / lambdas).toPrecision(3);
}

/** Features in one support and not the other, and the largest of their coefficients (relative). */
function supportCell(agreement: Agreement | undefined): string {
  if (!agreement || agreement.supportDiffMax === null) return '';
  const largest = agreement.supportDiffLargest;
  return largest === null || largest === undefined ? String(agreement.supportDiffMax) : `${agreement.supportDiffMax} (|β| ≤ ${sci(largest, 1)})`;
}

export function reportRows(report: BenchReport): Row[] {
  const rows: Row[] = [];
  for (const c of report.cases) {
    for (const run of c.runs) {
      const agreement = c.agreement.find((a) => a.runner === run.runner);
      const label = runnerLabel(run.runner, run.device);
      if (!run.ok) {
        const cells: string[] = COLUMNS.map(() => '–');
        [cells[0], cells[1], cells[4]] = [c.spec.id, label, '0'];
        cells[NOTE_COLUMN] = run.error ?? 'failed';
        rows.push({ cells, flagged: false, failed: true });
        continue;
      }
      const t = run.time!;
      const iterations = run.iterations ? String(run.iterations.reduce((a, b) => a + b, 0)) : '–';
      const flagged = agreement?.flagged ?? false;
      const reference = agreement ? '' : 'reference';
      rows.push({
        cells: [
          c.spec.id, label, ms(t.medianMs), `${ms(t.minMs)} – ${ms(t.maxMs)}`, String(t.runsMs.length), ms(run.gpuMs ?? undefined),
          ratio(c.speedupVsCpu[run.runner]), iterations, rate(run.work?.gflops), rate(run.work?.gbytes),
          passesPerLambda(run), run.work?.projectedMs === undefined ? '–' : `${ms(run.work.projectedMs)} (projected)`,
          agreement ? `${sci(agreement.objectiveMaxRelDiff)}${flagged ? ' ⚠ beyond ' + sci(agreement.tolerance, 1) : ''}` : reference,
          agreement ? sci(agreement.coefMaxDiff) : '', supportCell(agreement),
          [run.version, run.note].filter(Boolean).join('; '),
        ],
        flagged,
        failed: false,
      });
    }
  }
  return rows;
}

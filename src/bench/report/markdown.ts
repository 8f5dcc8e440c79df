// The Markdown summary of a benchmark report.

import type { BenchReport } from '../types.js';
import { headerLines } from './header.js';
import { AGREEMENT_COLUMN, COLUMNS, NOTE_COLUMN, reportRows } from './rows.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderMarkdown(report: BenchReport): string {
  const title = `# proxpath benchmark${report.softwareFallback ? ' (GPU: SwiftShader software fallback)' : ''}`;
  const header = headerLines(report).map((l) => `- ${l.warning ? '**' : ''}${l.label}:${l.warning ? '**' : ''} ${l.text}`);
  const rows = reportRows(report).map((r) => `| ${r.cells.map((c, i) => cell(i === AGREEMENT_COLUMN && r.flagged ? `**${c}**` : c)).join(' | ')} |`);
  return [
    title, '', ...header, '',
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((_, i) => (i >= 2 && i < NOTE_COLUMN ? '---:' : '---')).join(' | ')} |`,
    ...rows, '',
  ].join('\n');
}

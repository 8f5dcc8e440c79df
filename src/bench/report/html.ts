// The self-contained HTML report: the header, the charts as inline SVG (rendered in Node by
// charts.ts) and the table, with disagreements in red. No scripts, no external resources.

import type { BenchReport } from '../types.js';
import { reportCharts } from './charts.js';
import { headerLines } from './header.js';
import { AGREEMENT_COLUMN, COLUMNS, NOTE_COLUMN, reportRows } from './rows.js';

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1300px; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
.warning { color: #b00; font-weight: 600; }
.banner { background: #fee; border: 2px solid #d62728; padding: .6em 1em; margin: 1em 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; } dt { font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; } figure { margin: 0; border: 1px solid #ddd; width: 600px; } figcaption { font-size: 12px; padding: 0 .8em .5em; color: #555; }
table { border-collapse: collapse; font-size: 12px; } th, td { border: 1px solid #ddd; padding: 3px 6px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.flagged td { background: #fdd; } tr.flagged td.agree { color: #b00; font-weight: 700; }
tr.failed td { color: #888; }
`;

export function renderHtml(report: BenchReport): string {
  const title = `proxpath benchmark${report.softwareFallback ? ' (GPU: SwiftShader software fallback)' : ''}`;
  const header = headerLines(report)
    .map((l) => `<dt${l.warning ? ' class="warning"' : ''}>${escape(l.label)}</dt><dd${l.warning ? ' class="warning"' : ''}>${escape(l.text)}</dd>`)
    .join('\n');
  const banner = report.softwareFallback
    ? `<p class="banner">Software fallback: the WebGPU adapter was SwiftShader, a CPU emulation of a GPU. Its times and speedups are not GPU speed; its answers are still checked.</p>`
    : '';
  const charts = reportCharts(report)
    .map((c) => `<figure id="${escape(c.id)}" data-chart="${escape(c.id)}">${c.svg}<figcaption>${escape(c.caption)}</figcaption></figure>`)
    .join('\n');
  const rows = reportRows(report)
    .map((r) => {
      const cls = r.flagged ? ' class="flagged"' : r.failed ? ' class="failed"' : '';
      const cells = r.cells.map((c, i) => `<td class="${i >= 2 && i < NOTE_COLUMN ? 'num' : ''}${i === AGREEMENT_COLUMN ? ' agree' : ''}">${escape(c)}</td>`).join('');
      return `<tr${cls}>${cells}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(title)}</h1>
${banner}
<dl>
${header}
</dl>
<h2>Charts</h2>
<div class="charts">
${charts}
</div>
<h2>All runs</h2>
<table>
<thead><tr>${COLUMNS.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>
`;
}

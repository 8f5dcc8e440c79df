// `proxpath report results.json`: re-renders a saved benchmark run as Markdown and HTML (next to
// it, or in --out) and prints the Markdown.

import path from 'node:path';
import { renderMarkdown } from '../bench/report/markdown.js';
import { readReport, writeReport } from '../bench/report/write.js';

export async function reportCommand(file: string, flags: { out?: string }): Promise<void> {
  const report = await readReport(file);
  const dir = flags.out ?? path.dirname(file);
  const written = await writeReport(report, dir, { json: false, name: path.basename(file, '.json') });
  process.stdout.write(renderMarkdown(report));
  process.stderr.write(`wrote ${written.markdown} and ${written.html}\n`);
}

// Writing and reading saved benchmark reports: results.json (every raw number), results.md and
// results.html next to it.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, show } from '../../errors.js';
import type { BenchReport } from '../types.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export interface WrittenReport {
  json?: string;
  markdown: string;
  html: string;
}

/** Infinity and NaN (a λ one side did not solve) survive JSON as strings. */
const replacer = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const reviver = (_key: string, value: unknown) => (value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value === 'NaN' ? NaN : value);

export async function writeReport(report: BenchReport, dir: string, options: { json?: boolean; name?: string } = {}): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, options.name ?? 'results');
  const written: WrittenReport = { markdown: `${base}.md`, html: `${base}.html` };
  if (options.json !== false) {
    written.json = `${base}.json`;
    await writeFile(written.json, JSON.stringify(report, replacer, 1) + '\n');
  }
  await writeFile(written.markdown, renderMarkdown(report));
  await writeFile(written.html, renderHtml(report));
  return written;
}

export async function readReport(file: string): Promise<BenchReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`report ${show(file)}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let report: BenchReport;
  try {
    report = JSON.parse(text, reviver) as BenchReport;
  } catch (error) {
    throw new InputError(`report ${show(file)}: not JSON (${(error as Error).message})`);
  }
  if (report?.format !== 'proxpath-bench') throw new InputError(`report ${show(file)}: not a proxpath bench result (format ${show(report?.format)})`);
  if (report.formatVersion !== 1) throw new InputError(`report ${show(file)}: format version ${show(report.formatVersion)}, this proxpath reads 1`);
  return report;
}

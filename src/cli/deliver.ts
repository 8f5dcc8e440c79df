// Where the result of `fit` and `cv` goes (--format, --out): JSON for machines, glmnet's
// print() table for people. Default: the table when stdout is a terminal, the JSON otherwise;
// --out always receives the JSON. The lines about the run (the features, what ran where, where
// the JSON went) go to stderr, after the output, so that stdout holds only the table or the JSON.

import { writeOutput, writeStdout } from './output.js';

export const OUTPUT_FORMATS = ['json', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** --format if given, else the table on a terminal and the JSON elsewhere (a pipe, a file). */
export function chooseFormat(flag: string | undefined, stdoutIsTTY: boolean): OutputFormat {
  if (flag === 'json' || flag === 'table') return flag;
  return stdoutIsTTY ? 'table' : 'json';
}

/** The command as typed, for the table's `Call:` line (arguments with spaces or quotes quoted as a shell would). */
export function callLine(command: string, argv: readonly string[]): string {
  const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
  return [command, ...argv.map(quote)].join(' ');
}

export interface Delivery {
  format: OutputFormat;
  /** --out: the file that receives the JSON. */
  out?: string;
  /** The command's input files (never overwritten: output.ts). */
  inputs: readonly string[];
  json: string;
  /** The table, made only when shown. */
  table: () => string;
  /** Lines for stderr about the run (the features, the backend, a summary). */
  notes: readonly string[];
}

/** Writes the JSON and the table where they go, then the notes and where the JSON went on stderr. */
export async function deliver({ format, out, inputs, json, table, notes }: Delivery): Promise<void> {
  if (out !== undefined) await writeOutput(out, json, inputs);
  if (format === 'table') await writeStdout(table());
  else if (out === undefined) await writeStdout(json);
  const lines = [...notes];
  if (out !== undefined) lines.push(`result JSON written to ${out}`);
  else if (format === 'table') lines.push('result JSON not written: --out FILE writes it, --format json prints it');
  process.stderr.write(lines.map((line) => `${line}\n`).join(''));
}

// A fit's message in the file's terms, as the command line says it (src/cli/fit-command.ts):
// the library's "row 5" (of the rows it was given, which are the table's, in order) becomes
// "row 5 (line 7)" with the file's name in front.

import type { Table } from './table.js';

export function inFileTerms(message: string, table: Table): string {
  const { lines } = table;
  if (!lines) return message;
  let mentionsRow = false;
  const said = message.replace(/\brow (\d+)\b/g, (all, index: string) => {
    const i = Number(index) - 1;
    if (!(i >= 0 && i < lines.length)) return all;
    mentionsRow = true;
    return `row ${i + 1} (line ${lines[i]})`;
  });
  return mentionsRow ? `${table.source}: ${said}` : said;
}

// The page's CSV reading (src/page/data/csv-columns.ts) as its worker streams it: papaparse in
// small chunks (rows cut across chunk boundaries), numbers into columns, errors that name the row
// and column.

import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../src/cli/csv-reader.js';
import { ColumnBuilder, parseCell } from '../src/page/data/csv-columns.js';
import { inFileTerms } from '../src/page/data/row-origin.js';

/** The command line's message for a CSV text (its reader's InputError), or '' when it reads. */
function cliMessage(text: string, source: string): string {
  const reader = new CsvReader(source);
  try {
    reader.push(text);
    reader.end();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The page's message for the same text, as loadCsv words it (`source: message`). */
function pageMessage(text: string, source: string, chunkSize = 1000): string {
  try {
    readChunked(text, chunkSize);
    return '';
  } catch (error) {
    return `${source}: ${(error as Error).message}`;
  }
}

function readChunked(text: string, chunkSize: number) {
  const builder = new ColumnBuilder();
  // papaparse streams a string in chunks as it streams the worker's File (its typings allow
  // chunk only for files and URLs).
  const config = { chunkSize, skipEmptyLines: false, chunk: (results: Papa.ParseResult<string[]>) => results.data.forEach((row) => builder.addRow(row)) };
  Papa.parse<string[]>(text, config as Papa.ParseConfig<string[]>);
  return builder.finish();
}

describe('page CSV columns', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => [i, Math.sin(i) * 1e-3, -i / 7, i % 2]);
  const text = `a,"b, quoted",c,y\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n\r\n`;

  it('gives the same columns whatever the chunk size', () => {
    for (const chunkSize of [64, 1000, 1 << 20]) {
      const table = readChunked(text, chunkSize);
      expect(table.names).toEqual(['a', 'b, quoted', 'c', 'y']);
      expect(table.n).toBe(3000);
      table.columns.forEach((col, c) => {
        expect(col.length).toBe(3000);
        rows.forEach((r, i) => expect(col[i]).toBe(Number(String(r[c]))));
      });
    }
  });

  it('names the columns V1… when the first row is numbers', () => {
    const table = readChunked('1,2\n3,4\n', 1000);
    expect(table.names).toEqual(['V1', 'V2']);
    expect(Array.from(table.columns[1])).toEqual([2, 4]);
  });

  it('reads numbers strictly (inf allowed, no partial numbers)', () => {
    expect(parseCell(' 1.5e-3 ')).toBe(1.5e-3);
    expect(parseCell('-inf')).toBe(-Infinity);
    expect(parseCell('Infinity')).toBe(Infinity);
    expect(parseCell('.5')).toBe(0.5);
    for (const bad of ['', '12abc', '0x10', '1,5', 'NA', '--1']) expect(parseCell(bad)).toBeNaN();
  });

  it('says which row and column is wrong', () => {
    expect(() => readChunked('a,b\n1,2\n3,x\n', 4)).toThrow('row 2 (line 3), column "b": value "x" is not a number');
    expect(() => readChunked('a,b\n1,2\n3,NA\n', 1000)).toThrow('row 2 (line 3), column "b": value "NA" is missing');
    expect(() => readChunked('a,b\n1,2\n3\n', 1000)).toThrow('row 2 (line 3) has 1 fields, expected 2 as in the header');
    expect(() => readChunked('a,a\n1,2\n', 1000)).toThrow('the column name "a" appears twice');
    expect(() => readChunked('a,b\n', 1000)).toThrow('a header but no data rows');
    expect(() => readChunked('', 1000)).toThrow('the file is empty');
    expect(() => readChunked('y\n1\n2\n', 1000)).toThrow('one column');
  });

  it('drops an unnamed first column as row names, as the command line does (R write.csv, pandas to_csv)', () => {
    for (const file of ['r-write-csv.csv', 'r-write-csv-labels.csv']) {
      const text = readFileSync(new URL(`fixtures/data/${file}`, import.meta.url), 'utf8');
      const table = readChunked(text, 64);
      const header = text.split(/\r?\n/)[0].split(',').slice(1).map((c) => c.replace(/"/g, ''));
      expect(table.rowNames, file).toBe(true);
      expect(table.names).toEqual(header);
      expect(table.n).toBe(text.trim().split(/\r?\n/).length - 1);
    }
    const plain = readChunked('a,b\n1,2\n', 1000);
    expect(plain.rowNames).toBe(false);
    // An empty name elsewhere is no row names; a numeric first row is data.
    expect(readChunked('a,,c\n1,2,3\n', 1000)).toMatchObject({ rowNames: false, names: ['a', 'V2', 'c'] });
    expect(readChunked('1,2\n3,4\n', 1000).rowNames).toBe(false);
  });

  it('numbers rows and lines as the command line does: data rows from 1, blank lines counted as lines only', () => {
    const cases = [
      'a,b,y\n1,2,3\n4,oops,6\n',
      'a,b,y\n1,2,3\n\n\n4,oops,6\n',
      'a,b,y\r\n1,2,3\r\n\r\n4,5\r\n',
      '"a\nwith a break",b,y\n1,2,3\n4,5,\n',
      'a,b,y\n1,2,3\n5,6,7\n8,9,NA\n',
    ];
    for (const text of cases) {
      const cli = cliMessage(text, 'bad.csv');
      expect(cli).toMatch(/^bad\.csv: row \d+ \(line \d+\)/);
      for (const chunkSize of [7, 1000]) {
        const page = pageMessage(text, 'bad.csv', chunkSize);
        // The same place, worded the same up to the advice (the command line's --drop-incomplete).
        expect(page.split(/; /)[0], text).toBe(cli.split(/; /)[0]);
      }
    }
  });

  it('keeps each row’s line, and words a fit’s "row N" as the file’s row and line', () => {
    const table = readChunked('a,y\n\n1,0\n2,1\n\n3,2\n', 2);
    expect(Array.from(table.lines)).toEqual([3, 4, 6]);
    const message = 'logistic loss needs y in {0, 1}: row 3 has y = 2';
    expect(inFileTerms(message, { source: 'f.csv', ...table })).toBe('f.csv: logistic loss needs y in {0, 1}: row 3 (line 6) has y = 2');
    expect(inFileTerms('no rows here', { source: 'f.csv', ...table })).toBe('no rows here');
    expect(inFileTerms(message, { source: 'synthetic', names: [], columns: [], n: 3 })).toBe(message);
  });
});

// The data formats' shared readers (src/formats/, used by the command line and the page) and the
// page's use of them (src/page/data/: the format of a chosen file, a Matrix Market pair, the
// table's columns), in Node: lines cut as node's readline cuts them whatever the chunks, the
// same rows and messages from any chunking, the page's tables and messages.

import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { arrowColumns } from '../src/formats/arrow.js';
import { looksLikeLibsvm, extensionOf } from '../src/formats/input-formats.js';
import { readLibsvmLines } from '../src/formats/libsvm.js';
import { readMtxLines } from '../src/formats/mtx.js';
import { readNumberLines } from '../src/formats/number-lines.js';
import { blobBuffer, parquetColumns } from '../src/formats/parquet.js';
import { splitLines } from '../src/formats/split-lines.js';
import { formatOfFile, pairFiles } from '../src/page/data/choose-format.js';
import { columnParts, libsvmParts, mtxParts } from '../src/page/data/format-table.js';

/** `text` in chunks of `size` characters. */
const chunks = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, k) => text.slice(k * size, (k + 1) * size));

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) all.push(line);
  return all;
}

/** The lines node's readline gives (as src/cli/text-lines.ts reads a file), the BOM dropped. */
async function readlineLines(text: string): Promise<string[]> {
  const lines = await collect(createInterface({ input: Readable.from([text]), crlfDelay: Infinity }));
  if (lines.length > 0 && lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  return lines;
}

async function message(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('splitLines', () => {
  it('cuts lines as readline does, whatever the chunks: \\n, \\r\\n and \\r breaks, blank lines, a last line without a break, a BOM', async () => {
    const texts = ['\uFEFFa b\r\nc\n\nd\re\r\n', 'one\ntwo', 'x\r', '\r\n\r\n', '', 'only'];
    for (const text of texts) {
      const want = await readlineLines(text);
      for (const size of [1, 2, 3, 5, 64]) expect(await collect(splitLines(chunks(text, size))), `${JSON.stringify(text)} by ${size}`).toEqual(want);
    }
  });
});

describe('libsvm and Matrix Market lines', () => {
  const libsvm = '# a comment\n1 1:0.5 3:2\n\n-1 qid:4 2:1e-3 # trailing\n0.5\n';

  it('reads the same rows from any chunking', async () => {
    const whole = await readLibsvmLines(libsvm.split('\n'), 'd.libsvm', true);
    const chunked = await readLibsvmLines(splitLines(chunks(libsvm, 3)), 'd.libsvm', true);
    expect(chunked.nRows).toBe(3);
    expect(chunked.nCols).toBe(3);
    expect(Array.from(chunked.labels)).toEqual([1, -1, 0.5]);
    expect(Array.from(chunked.lines!)).toEqual([2, 4, 5]);
    expect(Array.from(chunked.entries.values.subarray(0, chunked.entries.length))).toEqual([0.5, 2, 1e-3]);
    expect(Array.from(whole.labels)).toEqual(Array.from(chunked.labels));
  });

  it('names the file, line and column in its messages', async () => {
    expect(await message(readLibsvmLines(['1 1:2', '0 2:x'], 'd.libsvm', true))).toBe('d.libsvm: line 2, column "x2": value "x" is not a number');
    expect(await message(readLibsvmLines(['1 2:1 1:3'], 'd.libsvm', true))).toBe('d.libsvm: line 1, column "x1": indices must ascend within a line (1 after 2)');
    const mtx = ['%%MatrixMarket matrix coordinate real general', '2 2 2', '1 1 1', '2 2 oops'];
    expect(await message(readMtxLines(mtx, 'x.mtx', true))).toBe('x.mtx: line 4, row 2, column "x2": value "oops" is not a number');
  });

  it('reads a number file: plain, with a name, or a Matrix Market vector; a bad line named', async () => {
    expect(await readNumberLines(['y', '1', '', '2.5'], 'y.txt')).toEqual({ values: Float64Array.from([1, 2.5]), name: 'y' });
    const vector = ['%%MatrixMarket matrix array real general', '3 1', '1', '0', '-2'];
    expect(Array.from((await readNumberLines(vector, 'y.mtx')).values)).toEqual([1, 0, -2]);
    expect(await message(readNumberLines(['1', 'two'], 'y.txt', 'option --y: '))).toBe('option --y: y.txt: line 2: value "two" is not a number');
    expect(await message(readNumberLines(['1', 'two'], 'y.txt'))).toBe('y.txt: line 2: value "two" is not a number');
  });
});

describe('the page: which reader, which files', () => {
  it('takes the format from the extension, else libsvm for a libsvm-looking first line, else CSV', async () => {
    expect(extensionOf('a/b.tar.MTX')).toBe('.MTX');
    expect(extensionOf('.hidden')).toBe('');
    expect(looksLikeLibsvm('# header\n\n+1 qid:3 1:0.5 10:-2e3\n')).toBe(true);
    for (const text of ['a,b,y\n1,2,3\n', '1 2 3\n', '1\n', 'label 1:2\n', '1 a:2\n', '1,2:3\n', '']) expect(looksLikeLibsvm(text), text).toBe(false);
    const file = (text: string, name: string) => formatOfFile(new Blob([text]), name);
    expect(await file('1 1:2\n', 'data.txt')).toBe('libsvm');
    expect(await file('a,y\n1,2\n', 'data.txt')).toBe('csv');
    expect(await file('1 1:2\n', 'data.csv')).toBe('csv');
    expect(await file('', 'm.feather')).toBe('arrow');
    // A first line longer than the bytes looked at: its cut last token does not decide.
    expect(await file(`1 ${Array.from({ length: 20000 }, (_, j) => `${j + 1}:0.25`).join(' ')}\n`, 'wide.txt')).toBe('libsvm');
  });

  it('pairs a Matrix Market X with its target; refuses other pairs', () => {
    const x = new File(['%%MatrixMarket matrix coordinate real general\n'.repeat(4)], 'x.mtx');
    const y = new File(['1\n'], 'y.txt');
    const yMtx = new File(['%%MatrixMarket\n'], 'y.mtx');
    expect(pairFiles([x])).toEqual({ data: x });
    expect(pairFiles([y, x])).toEqual({ data: x, target: y });
    expect(pairFiles([yMtx, x])).toEqual({ data: x, target: yMtx });
    expect(pairFiles([y, new File(['a'], 'z.csv')])).toMatch(/^choose one data file, or two for a Matrix Market X \(\.mtx\) and its target file/);
  });
});

describe('the page: tables of the formats', () => {
  it('libsvm: label first (the target), x1…xp, each row’s line; Matrix Market: x1…xp and y', async () => {
    const parts = libsvmParts(await readLibsvmLines(['1 2:3', '', '0 1:1'], 'd.libsvm', true), 'd.libsvm');
    expect(parts.names).toEqual(['label', 'x1', 'x2']);
    expect(parts.columns.map((c) => Array.from(c))).toEqual([[1, 0], [0, 1], [3, 0]]);
    expect(Array.from(parts.lines!)).toEqual([1, 3]);
    expect(parts.target).toBe('label');
    const rows = await readMtxLines(['%%MatrixMarket matrix coordinate real general', '2 2 1', '2 1 4'], 'x.mtx', true);
    const named = mtxParts(rows, { values: Float64Array.from([5, 6]), name: 'price' }, 'x.mtx');
    expect(named.names).toEqual(['x1', 'x2', 'price']);
    expect(named.columns.map((c) => Array.from(c))).toEqual([[0, 4], [0, 0], [5, 6]]);
    expect(mtxParts(rows, { values: Float64Array.from([5, 6]) }, 'x.mtx').target).toBe('y');
  });

  it('Parquet and Arrow: every column as numbers; a text column, a null cell, a name twice refused by name', async () => {
    const ipc = tableToIPC(tableFromArrays({ a: Float64Array.from([1, 2]), y: Int32Array.from([3, 4]) }));
    expect(await columnParts(arrowColumns(ipc, 'd.arrow'), 'd.arrow')).toMatchObject({ names: ['a', 'y'], n: 2 });
    const text = tableToIPC(tableFromArrays({ a: Float64Array.from([1, 2]), s: ['u', 'v'] }));
    expect(await message(columnParts(arrowColumns(text, 'd.arrow'), 'd.arrow'))).toMatch(/^d\.arrow: column "s" is not numeric \(its type is /);
    const parquet = (columnData: object[]) => blobBuffer(new Blob([parquetWriteBuffer({ columnData: columnData as never })]));
    const good = await columnParts(await parquetColumns(parquet([{ name: 'a', data: [1, 2], type: 'DOUBLE' }, { name: 'y', data: [3, 4], type: 'DOUBLE' }]), 'd.parquet'), 'd.parquet');
    expect(good.columns.map((c) => Array.from(c))).toEqual([[1, 2], [3, 4]]);
    const nulls = parquet([{ name: 'a', data: [1, null], type: 'DOUBLE', nullable: true }, { name: 'y', data: [3, 4], type: 'DOUBLE' }]);
    expect(await message(columnParts(await parquetColumns(nulls, 'd.parquet'), 'd.parquet'))).toBe(
      'd.parquet: row 2, column "a": value is null; the page does not drop rows: remove the row or the column',
    );
    const twice = parquet([{ name: 'a', data: [1], type: 'DOUBLE' }, { name: 'a ', data: [2], type: 'DOUBLE' }]);
    expect(await message(columnParts(await parquetColumns(twice, 'd.parquet'), 'd.parquet'))).toBe('d.parquet: header: column name "a" appears twice (columns 1 and 2)');
  });
});

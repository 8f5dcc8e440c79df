// The CLI's CSV reader parses a file in chunks (issue 12): the result must not depend on where
// the chunks are cut. Checked against a plain whole-text parse (papaparse on the entire string,
// as the reader did before it streamed) on the fixtures and on crafted files whose rows, quoted
// fields, CRLF line breaks and multi-byte characters straddle tiny chunk boundaries.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CsvData, type CsvOptions, type CsvTuning, parseCsv, readCsv } from '../src/cli/csv.js';
import { shortDecimal } from '../src/formats/csv-number.js';
import { FloatColumns, IndexColumn } from '../src/formats/csv-store.js';
import { InputError } from '../src/errors.js';
import { rng } from './helpers/data.js';
import { csv, regressionRows, requireBuild, runCli } from './helpers/cli.js';

/** What a parse gives, as plain values (or the error's message), for toEqual. */
function outcome(parse: () => CsvData): unknown {
  try {
    const d = parse();
    return {
      X: Array.from(d.X.data), n: d.X.nRows, p: d.X.nCols, layout: d.X.layout, y: Array.from(d.y), labels: d.labels,
      weights: d.weights && Array.from(d.weights), featureNames: d.featureNames, targetName: d.targetName,
      nDropped: d.nDropped, row: Array.from(d.origin.row), line: Array.from(d.origin.line),
    };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return `InputError: ${err.message}`;
  }
}

async function outcomeAsync(parse: () => Promise<CsvData>): Promise<unknown> {
  try {
    const d = await parse();
    return outcome(() => d);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return `InputError: ${err.message}`;
  }
}

/**
 * The reference: the whole text parsed at once by papaparse, then the plain rules (header
 * trimmed, target `y` or last, blank lines skipped, numbers as typed, incomplete rows dropped).
 * For well-formed files only; lines are counted from papaparse's cursors in the whole text.
 */
function wholeText(text: string, options: CsvOptions = {}): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const rows: { cells: string[]; line: number }[] = [];
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    step: (result) => {
      rows.push({ cells: result.data, line });
      const end = result.meta.cursor;
      line += body.slice(cursor, end).split(result.meta.linebreak).length - 1;
      cursor = end;
    },
  });
  const header = rows[0].cells.map((name) => name.trim());
  // A line break at the very end of the text ends the last row; it does not start another.
  const last = rows[rows.length - 1];
  if (rows.length > 1 && last.cells.length === 1 && last.cells[0] === '' && /[\r\n]$/.test(body)) rows.pop();
  // An unnamed first column is row names (R's write.csv), not read.
  const rowNames = header.length > 1 && header[0] === '';
  const features = options.features ?? header.filter((name, j) => name !== 'y' && name !== options.weights && !(rowNames && j === 0));
  const target = options.features ? -1 : header.indexOf('y');
  const weights = options.weights ? header.indexOf(options.weights) : -1;
  const columns = features.map(() => [] as number[]);
  const y: number[] = [];
  const labels: string[] = [];
  const w: number[] = [];
  const origin = { row: [] as number[], line: [] as number[] };
  let dataRow = 0;
  let nDropped = 0;
  for (const { cells, line: at } of rows.slice(1)) {
    if (cells.length === 1 && cells[0].trim() === '' && header.length > 1) continue;
    dataRow++;
    const value = (name: string) => {
      const cell = cells[header.indexOf(name)].trim();
      return /^(na|nan|)$/i.test(cell) ? NaN : Number(cell);
    };
    const xs = features.map(value);
    // With the labels option the target is text as written (trimmed), missing as a number is.
    const label = options.labels && target >= 0 ? cells[target].trim() : undefined;
    const t = target < 0 ? 0 : label === undefined ? value('y') : /^(na|nan|n\/a|null|)$/i.test(label) ? NaN : 0;
    const wt = weights >= 0 ? value(options.weights!) : 0;
    if ([...xs, t, wt].some(Number.isNaN)) {
      nDropped++;
      continue;
    }
    xs.forEach((v, k) => columns[k].push(v));
    if (label !== undefined) labels.push(label);
    else if (target >= 0) y.push(t);
    if (weights >= 0) w.push(wt);
    origin.row.push(dataRow);
    origin.line.push(at);
  }
  return {
    X: columns.flat(), n: origin.row.length, p: features.length, layout: 'column-major', y, labels: options.labels ? labels : undefined,
    weights: weights >= 0 ? w : undefined, featureNames: features, targetName: target >= 0 ? 'y' : '',
    nDropped, row: origin.row, line: origin.line,
  };
}

const TUNINGS: CsvTuning[] = [
  {}, { chunkSize: 1 }, { chunkSize: 2 }, { chunkSize: 3 }, { chunkSize: 5 }, { chunkSize: 13 },
  { chunkSize: 64 }, { firstCapacity: 1 }, { chunkSize: 7, firstCapacity: 1 },
];

/** Every tuning gives the same outcome as the default; returns it. */
function sameForEveryChunking(text: string, options: CsvOptions = {}): unknown {
  const expected = outcome(() => parseCsv(text, 'data.csv', options));
  for (const tuning of TUNINGS) {
    expect(outcome(() => parseCsv(text, 'data.csv', options, tuning)), JSON.stringify(tuning)).toEqual(expected);
  }
  return expected;
}

/** A random well-formed numeric CSV with the hard parts: quotes, spaces, blank lines, mixed widths. */
function craftedCsv(seed: number): { text: string; options: CsvOptions } {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const linebreak = pick(['\n', '\r\n', '\r']);
  const p = 1 + Math.floor(random() * 4);
  const names = [...Array.from({ length: p }, (_, j) => pick([`x${j}`, `"a, ""b"" ${j}"`, ` "s${j}" `, `"é${j}\nline"`, `${j + 10}`])), 'y'];
  if (names.some((name) => name.includes('\n')) && linebreak !== '\n') names[0] = `n${seed}`;
  const number = () => {
    const v = (random() - 0.5) * 10 ** Math.floor(random() * 8 - 3);
    return pick([v.toFixed(6), String(v), v.toExponential(3), `"${v.toFixed(2)}"`, ` ${v.toFixed(1)} `, '1e-400', '-0', '.5', '5.']);
  };
  const lines = [names.join(',')];
  const dropIncomplete = random() < 0.3;
  for (let i = 0, n = 5 + Math.floor(random() * 60); i < n; i++) {
    if (random() < 0.1) lines.push('');
    const cells = Array.from({ length: p + 1 }, number);
    if (dropIncomplete && random() < 0.2) cells[Math.floor(random() * cells.length)] = pick(['NA', '', 'nan']);
    lines.push(cells.join(','));
  }
  const bom = random() < 0.2 ? '\uFEFF' : '';
  const text = bom + lines.join(linebreak) + (random() < 0.7 ? linebreak : '');
  return { text, options: { dropIncomplete } };
}

describe('streaming CSV parse: the same result wherever the chunks are cut', () => {
  const fixtures = join(process.cwd(), 'test', 'fixtures', 'data');
  for (const file of readdirSync(fixtures).filter((name) => name.endsWith('.csv'))) {
    it(`fixture ${file} equals the whole-text parse`, () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const weights = text.split(/\r?\n/)[0].replace(/"/g, '').split(',').includes('w') ? { weights: 'w' } : {};
      // The multinomial fixture's target is class labels (the option labels, as --loss multinomial reads it).
      const options = { ...weights, ...(file === 'multinomial.csv' ? { labels: true } : {}) };
      const got = sameForEveryChunking(text, options);
      expect(got).toEqual(wholeText(text, options));
    });
  }

  it('crafted files (quoted names, CRLF, CR, BOM, blank lines, spaces, dropped rows) equal the whole-text parse', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { text, options } = craftedCsv(seed);
      const got = sameForEveryChunking(text, options);
      expect(got, `seed ${seed}: ${JSON.stringify(text.slice(0, 200))}`).toEqual(wholeText(text, options));
    }
  });

  it('keeps quoted names with commas, quotes and line breaks, and counts the lines they span', () => {
    const text = 'x1,"a, ""quoted""\r\nname",y\r\n1,2,3\r\n"4",5,6\r\n';
    const got = sameForEveryChunking(text) as { featureNames: string[]; line: number[]; X: number[] };
    expect(got.featureNames).toEqual(['x1', 'a, "quoted"\r\nname']);
    expect(got.X).toEqual([1, 4, 2, 5]);
    expect(got.line).toEqual([3, 4]);
  });

  it('a byte-order mark is not part of the first name, and line numbers stay right after it', () => {
    for (const linebreak of ['\n', '\r\n']) {
      const text = `\uFEFFx,y${linebreak}1,2${linebreak}bad,3${linebreak}`;
      expect(sameForEveryChunking(text)).toBe(
        'InputError: data.csv: row 2 (line 3), column "x": value "bad" is not a number',
      );
      expect(sameForEveryChunking(`\uFEFFx,y${linebreak}1,2${linebreak}`)).toMatchObject({ featureNames: ['x'], line: [2] });
    }
  });

  it('feature columns by name (predict), other columns unread', () => {
    const text = 'a,b,c,d\n1,junk,3,4\n5,junk,7,8\n';
    expect(sameForEveryChunking(text, { features: ['c', 'a'] })).toMatchObject({
      X: [3, 7, 1, 5], p: 2, y: [], targetName: '', featureNames: ['c', 'a'], row: [1, 2], line: [2, 3],
    });
    // One column and a final line break: the break ends the last row (no empty row after it).
    expect(sameForEveryChunking('x1\n1\n2\n', { features: ['x1'] })).toMatchObject({ X: [1, 2], row: [1, 2] });
    expect(sameForEveryChunking(text, { features: ['c', 'zz'] })).toMatch(/model feature column "zz" not found/);
    expect(sameForEveryChunking(text, { features: ['c', 'c'] })).toMatch(/model feature "c" is listed twice/);
  });

  it('target, weights and dropped rows keep their file rows and lines', () => {
    const text = 'w,x1,resp\n1,2,3\n\n2,NA,4\n3,5,6\n';
    const got = sameForEveryChunking(text, { target: 'resp', weights: 'w', dropIncomplete: true });
    expect(got).toMatchObject({ X: [2, 5], y: [3, 6], weights: [1, 3], nDropped: 1, row: [1, 3], line: [2, 5] });
  });

  it('a long row, longer than many chunks, costs no more than a linear re-parse', () => {
    const wide = Array.from({ length: 3000 }, (_, j) => `c${j}`);
    const row = wide.map((_, j) => (j * 0.25).toFixed(2));
    const text = csv(wide, [row, row]);
    const got = sameForEveryChunking(text) as { p: number; y: number[] };
    expect(got.p).toBe(2999);
    expect(got.y).toEqual([749.75, 749.75]);
  });
});

describe('streaming CSV parse: the same messages wherever the chunks are cut', () => {
  const cases: [string, string, CsvOptions?][] = [
    ['', 'data.csv: the file is empty'],
    [' \n\r\n \t', 'data.csv: the file is empty'],
    ['\uFEFF', 'data.csv: the file is empty'],
    ['x1,x2,y\n', 'data.csv: the file has a header but no data rows'],
    ['x1,x2,y\n\n\n', 'data.csv: the file has a header but no data rows'],
    ['x1,x2,y\n1,2,3\n4,5\n6,7,8\n', 'data.csv: row 2 (line 3) has 2 fields, expected 3 as in the header'],
    ['x1,x2,y\r\n1,2,3\r\n\r\n4,5,6,7\r\n', 'data.csv: row 2 (line 4) has 4 fields, expected 3 as in the header'],
    ['x1,x1,y\n1,2,3\n', 'data.csv: header: column name "x1" appears twice (columns 1 and 2)'],
    ['x1,,y\n1,2,3\n', 'data.csv: header: column 2 has no name'],
    ['y\n1\n', 'data.csv: no feature columns: the header has only "y" (target "y")'],
    ['x1,y\n1,abc\n', 'data.csv: row 1 (line 2), column "y": value "abc" is not a number'],
    ['x1,y\n1,0x10\n', 'data.csv: row 1 (line 2), column "y": value "0x10" is not a number'],
    ['x1,y\n1,2\n-inf,3\n', 'data.csv: row 2 (line 3), column "x1": value "-inf" is not finite'],
    ['x1,y\n1,\n', 'data.csv: row 1 (line 2), column "y": value is empty; use --drop-incomplete to drop such rows'],
    ['x1,y\n1,NA\n', 'data.csv: row 1 (line 2), column "y": value "NA" is missing; use --drop-incomplete to drop such rows'],
    ['x1,y\nNA,1\n2,NA\n', 'data.csv: all 2 data rows have missing values (--drop-incomplete)', { dropIncomplete: true }],
    ['x1,y\n1,2\n"3,4\n5,6\n', 'data.csv: row 2 (line 3): Quoted field unterminated'],
    ['x1,y\n1,"2"x\n', 'data.csv: row 1 (line 2): Trailing quote on quoted field is malformed'],
    ['"x1,y\n1,2\n', 'data.csv: header (line 1): Quoted field unterminated'],
    ['x1,y\n1,2\n', 'data.csv: --target column "z" not found; the columns are "x1", "y"', { target: 'z' }],
    ['x1,y\n1,2\n', 'data.csv: --weights column "w" not found; the columns are "x1", "y"', { weights: 'w' }],
    ['x1,y\n1,2\n', 'data.csv: column "y" cannot be both the target and the weights', { weights: 'y' }],
    // Too large for float64: named by column and shown as typed, not as Infinity.
    ['x1,x2,y\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1, 1e400 ,3\n', 'data.csv: row 5 (line 6), column "x2": value " 1e400 " is beyond float64\'s range'],
    ['x1,y\n1,-1e999\n', 'data.csv: row 1 (line 2), column "y": value "-1e999" is beyond float64\'s range'],
    [`x1,y\n1,1${'0'.repeat(400)}\n`, `data.csv: row 1 (line 2), column "y": value "1${'0'.repeat(400)}" is beyond float64's range`],
  ];
  for (const [text, message, options] of cases) {
    it(`${JSON.stringify(text.slice(0, 40))} → ${message.slice(10, 70)}`, () => {
      expect(sameForEveryChunking(text, options)).toBe(`InputError: ${message}`);
    });
  }

  it('underflow is not overflow: 1e-400 reads as 0', () => {
    expect(sameForEveryChunking('x1,y\n1e-400,-1e-400\n')).toMatchObject({ X: [0], y: [-0] });
  });
});

describe('readCsv: a file read in chunks of bytes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proxpath-csv-stream-'));
  });

  it('multi-byte characters cut between two reads arrive whole', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i, `"${i * 2}"`, i % 3]);
    const text = `\uFEFFé,"中 😀\nname",y\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const file = join(dir, 'utf8.csv');
    writeFileSync(file, text);
    const expected = outcome(() => parseCsv(text, file));
    expect(expected).toMatchObject({ featureNames: ['é', '中 😀\nname'], n: 40 });
    for (const chunkSize of [1, 2, 3, 5, 64, undefined]) {
      expect(await outcomeAsync(() => readCsv(file, {}, { chunkSize })), `chunkSize ${chunkSize}`).toEqual(expected);
    }
  });

  it('stops at the first bad row and reports it as the whole-text parse does', async () => {
    const { header, rows } = regressionRows(200, 3, 5);
    const cells: (string | number)[][] = rows.map((r) => [...r]);
    cells[150][1] = '1e400';
    const file = join(dir, 'bad.csv');
    writeFileSync(file, csv(header, cells));
    for (const chunkSize of [7, undefined]) {
      expect(await outcomeAsync(() => readCsv(file, {}, { chunkSize }))).toBe(
        `InputError: ${file}: row 151 (line 152), column "x2": value "1e400" is beyond float64's range`,
      );
    }
  });

  it('files that cannot be read', async () => {
    expect(await outcomeAsync(() => readCsv(join(dir, 'nope.csv')))).toMatch(/^InputError: cannot read data file ".*nope\.csv": no such file$/);
    expect(await outcomeAsync(() => readCsv(dir))).toMatch(/^InputError: cannot read data file ".*": it is a directory$/);
  });

  it('stores the numbers once: X is (a view of) one buffer hardly larger than X', async () => {
    const { header, rows } = regressionRows(5000, 20, 3);
    const file = join(dir, 'wide.csv');
    writeFileSync(file, csv(header, rows));
    const data = await readCsv(file);
    expect(data.X.nRows).toBe(5000);
    expect(data.X.data.buffer.byteLength).toBeLessThanOrEqual(1.125 * data.X.data.byteLength);
    expect(data.origin.row).toBeInstanceOf(Uint32Array);
    expect(data.origin.line).toBeInstanceOf(Uint32Array);
    expect(outcome(() => data)).toEqual(outcome(() => parseCsv(readFileSync(file, 'utf8'), file, {}, { firstCapacity: 1 })));
  });
});

describe('storage and number reading helpers', () => {
  it('shortDecimal equals Number() on short decimals and declines everything else', () => {
    const random = rng(11);
    for (let t = 0; t < 20000; t++) {
      const digits = 1 + Math.floor(random() * 15);
      let text = '';
      for (let d = 0; d < digits; d++) text += Math.floor(random() * 10);
      const point = Math.floor(random() * (digits + 2)) - 1; // −1: none
      if (point >= 0) text = `${text.slice(0, point)}.${text.slice(point)}`;
      text = ['', '-', '+'][Math.floor(random() * 3)] + text;
      expect(Object.is(shortDecimal(text), Number(text)), text).toBe(true);
    }
    for (const text of ['-0', '0.00000000000001', '999999999999999', '.5', '5.', '+.0', '123456789.012345']) {
      expect(Object.is(shortDecimal(text), Number(text)), text).toBe(true);
    }
    for (const text of ['', '-', '.', '+.', '1e5', ' 1', '1 ', '0x10', '1.2.3', '--1', 'inf', 'NaN', '1234567890123456', '0.000000000000001', '1,5']) {
      expect(shortDecimal(text), text).toBeNaN();
    }
  });

  it('FloatColumns grows and compacts in place, column-major', () => {
    const store = new FloatColumns(3, 2);
    const put = (i: number) => {
      if (i === store.capacity) store.resize(store.capacity * 2, i);
      for (let k = 0; k < 3; k++) store.values[k * store.capacity + i] = 10 * k + i;
    };
    for (let i = 0; i < 5; i++) put(i);
    expect(store.capacity).toBe(8);
    const { matrix, others } = store.finish(5, 2);
    expect(Array.from(matrix)).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    expect(others.map((c) => Array.from(c))).toEqual([[20, 21, 22, 23, 24]]);
    // 24 doubles of room for 10: copied exactly rather than viewed.
    expect(matrix.buffer.byteLength).toBe(10 * 8);
  });

  it('FloatColumns hands out views of its buffer when it is hardly larger than the matrix', () => {
    const store = new FloatColumns(9, 4);
    store.values.forEach((_, t) => (store.values[t] = t));
    const { matrix, others } = store.finish(4, 8);
    expect(matrix.buffer.byteLength).toBe(9 * 4 * 8);
    expect(others[0].buffer).toBe(matrix.buffer);
    expect(Array.from(others[0])).toEqual([32, 33, 34, 35]);
  });

  it('IndexColumn is uint32 until a value passes 2³² − 1', () => {
    const column = new IndexColumn(2);
    column.set(0, 7);
    column.resize(4, 1);
    column.set(1, 2 ** 32 - 1);
    expect(column.values).toBeInstanceOf(Uint32Array);
    column.set(2, 2 ** 32 + 5);
    expect(column.values).toBeInstanceOf(Float64Array);
    expect(Array.from(column.finish(3))).toEqual([7, 2 ** 32 - 1, 2 ** 32 + 5]);
  });
});

describe('proxpath fit: an overflowing cell (built CLI)', () => {
  beforeAll(requireBuild);

  it('exits 2 with one error line naming the row, line, column and the value as typed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxpath-csv-overflow-'));
    const { header, rows } = regressionRows(30, 3, 7);
    const cells: (string | number)[][] = rows.map((r) => [...r]);
    cells[4][1] = '1e400';
    writeFileSync(join(dir, 'data.csv'), csv(header, cells));
    const result = runCli(['fit', 'data.csv', '--out', 'fit.json'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: data.csv: row 5 (line 6), column "x2": value "1e400" is beyond float64's range\n`);
    expect(readdirSync(dir)).toEqual(['data.csv']);
  });
});

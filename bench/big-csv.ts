// Benchmark: `proxpath fit` on a CSV of gigabytes (issue 12). The CSV is read streaming, so its
// peak memory should follow the numeric matrix (n × p float64), not the text.
//
//   npm run bench:big-csv -- [--gb 2] [--features 20] [--nlambda 100] [--backend cpu] [--seed 1]
//                            [--dir <folder>]        (--gb takes a list: --gb 0.25,0.5,2)
//
// Per size: writes a CSV of about that many gigabytes (10^9 bytes) in a temporary folder
// (os.tmpdir(), or --dir), streamed: x_ij ~ N(0, 1) with 6 decimals, y = Xβ + N(0, 1) noise.
// Then, each in a child process:
//   1. parse only: readCsv (the CLI's reader) and nothing else: its time and peak RSS;
//   2. the whole command, `node dist/src/cli/main.js fit <file> --out <tmp>/fit.json`: wall
//      time and peak RSS (GNU time's maximum resident set size when /usr/bin/time exists, else
//      VmHWM polled from /proc/<pid>/status), and the result's timing (parseMs, setupMs, solveMs);
//   3. `fit --stream` (the squared loss from one pass's weighted sums, no row held): the same
//      measures, and the largest difference between its path and the in-memory fit's.
// The temporary files are deleted afterwards. Prints a table and writes bench/out/big-csv.json.

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import { Command, InvalidArgumentError } from 'commander';
import { mulberry32, normalGenerator } from '../src/random.js';
import { packageRoot, parsePositiveInteger } from './common.js';

const GNU_TIME = '/usr/bin/time';
/** Distinct values per feature: cells are drawn from a pool of formatted normals (fast to write). */
const POOL = 1 << 16;
/** Characters written at a time. */
const WRITE_CHUNK = 4 << 20;
const MIB = 1 << 20;

interface Options {
  gb: number[];
  features: number;
  nlambda: number;
  backend: string;
  seed: number;
  dir?: string;
}

interface Generated {
  bytes: number;
  rows: number;
  ms: number;
}

/** Writes the CSV; a pool of N(0, 1) values with their text makes each cell a lookup. */
async function writeCsv(file: string, targetBytes: number, p: number, seed: number): Promise<Generated> {
  const t0 = performance.now();
  const normal = normalGenerator(seed);
  const values = Float64Array.from({ length: POOL }, () => normal());
  const texts = Array.from(values, (v) => v.toFixed(6));
  const pick = mulberry32(seed + 1);
  const beta = Float64Array.from({ length: p }, (_, j) => (j < 10 ? (j % 2 === 0 ? 1 : -1) * (1 - j / 20) : 0));
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(text, (err) => (err ? reject(err) : resolve()));
    });
  let text = `${Array.from({ length: p }, (_, j) => `x${j + 1}`).join(',')},y\n`;
  let bytes = 0;
  let rows = 0;
  while (bytes + text.length < targetBytes) {
    let eta = 0;
    for (let j = 0; j < p; j++) {
      const k = (pick() * POOL) | 0;
      eta += beta[j] * values[k];
      text += `${texts[k]},`;
    }
    text += `${(eta + values[(pick() * POOL) | 0]).toFixed(6)}\n`;
    rows++;
    if (text.length >= WRITE_CHUNK) {
      bytes += text.length; // ASCII: one byte a character
      await write(text);
      text = '';
    }
  }
  bytes += text.length;
  await write(text);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { bytes, rows, ms: performance.now() - t0 };
}

interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak resident set size in bytes, and how it was measured. */
  peakRss: number | null;
  peakRssFrom: string;
}

/** Runs node with `args`, measuring wall time and peak RSS. */
function runNode(args: string[], cwd: string): Promise<ChildRun> {
  const timed = existsSync(GNU_TIME);
  const [command, argv] = timed ? [GNU_TIME, ['-v', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Without GNU time: the kernel's high-water mark of the child's RSS, sampled until it exits.
    let polled = 0;
    const poll = timed ? undefined : setInterval(() => (polled = Math.max(polled, vmHwm(child.pid) ?? 0)), 20);
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      let peakRss: number | null = polled > 0 ? polled : null;
      let peakRssFrom = 'VmHWM polled every 20 ms';
      if (timed) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakRss = match ? Number(match[1]) * 1024 : null;
        peakRssFrom = 'GNU time (getrusage maxrss)';
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '');
      }
      resolve({ status, stdout, stderr, wallMs, peakRss, peakRssFrom });
    });
  });
}

function vmHwm(pid: number | undefined): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** A child that only reads the CSV with the CLI's reader and reports its time and shape. */
function parseOnlyScript(root: string, file: string): string {
  const csvModule = pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'csv.js')).href;
  return [
    `const { readCsv } = await import(${JSON.stringify(csvModule)});`,
    'const t0 = performance.now();',
    `const data = await readCsv(${JSON.stringify(file)});`,
    'const ms = performance.now() - t0;',
    'console.log(JSON.stringify({ ms, n: data.X.nRows, p: data.X.nCols, bufferBytes: data.X.data.buffer.byteLength }));',
  ].join('\n');
}

interface Row {
  gb: number;
  fileBytes: number;
  rows: number;
  features: number;
  /** n × p × 8: the float64 matrix X. */
  matrixBytes: number;
  generateMs: number;
  parseOnly: { ms: number; peakRss: number | null; xBufferBytes: number } | { error: string };
  fit: FitRun;
  stream: FitRun;
  /** max |β_stream − β_memory| over the path, relative to the largest |β|; null when one failed. */
  streamVsMemory: number | null;
  peakRssFrom: string;
}

type FitRun =
  | { wallMs: number; peakRss: number | null; parseMs: number; setupMs: number; solveMs: number; totalMs: number; backend: string; nLambda: number; beta: number[][] }
  | { error: string };

/** `proxpath fit` (with `extra` flags) on the file in a child: its measures and its path. */
async function runFit(cli: string, file: string, dir: string, options: Options, rows: number, extra: string[]): Promise<{ run: FitRun; peakRssFrom: string }> {
  const out = path.join(dir, 'fit.json');
  const args = [cli, 'fit', file, '--out', out, '--nlambda', String(options.nlambda), '--backend', options.backend, ...extra];
  const fitted = await runNode(args, dir);
  if (fitted.status !== 0) return { run: { error: `exit ${fitted.status}: ${fitted.stderr.trim().slice(-500)}` }, peakRssFrom: fitted.peakRssFrom };
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    timing: { parseMs: number; setupMs: number; solveMs: number; totalMs: number };
    backend: string;
    lambda: number[];
    beta: number[][];
    problem: { n: number; p: number };
  };
  if (result.problem.n !== rows) throw new Error(`the fit saw ${result.problem.n} rows, ${rows} were written`);
  const { parseMs, setupMs, solveMs, totalMs } = result.timing;
  const run = { wallMs: fitted.wallMs, peakRss: fitted.peakRss, parseMs, setupMs, solveMs, totalMs, backend: result.backend, nLambda: result.lambda.length, beta: result.beta };
  return { run, peakRssFrom: fitted.peakRssFrom };
}

function pathDistance(a: FitRun, b: FitRun): number | null {
  if ('error' in a || 'error' in b || a.beta.length !== b.beta.length) return null;
  let scale = 0;
  let diff = 0;
  a.beta.forEach((row, k) =>
    row.forEach((v, j) => {
      scale = Math.max(scale, Math.abs(v));
      diff = Math.max(diff, Math.abs(v - b.beta[k][j]));
    }),
  );
  return scale > 0 ? diff / scale : diff;
}

async function runSize(gb: number, options: Options, root: string, cli: string): Promise<Row> {
  const dir = mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'proxpath-big-csv-'));
  try {
    const file = path.join(dir, 'big.csv');
    process.stderr.write(`${gb} GB: writing ${file} …\n`);
    const generated = await writeCsv(file, gb * 1e9, options.features, options.seed);
    const fileBytes = statSync(file).size;
    const matrixBytes = generated.rows * options.features * 8;
    process.stderr.write(`  ${generated.rows} rows × ${options.features + 1} columns, ${(fileBytes / MIB).toFixed(0)} MiB; parsing only …\n`);

    const parsed = await runNode(['--input-type=module', '-e', parseOnlyScript(root, file)], dir);
    let parseOnly: Row['parseOnly'];
    if (parsed.status === 0) {
      const report = JSON.parse(parsed.stdout) as { ms: number; n: number; bufferBytes: number };
      if (report.n !== generated.rows) throw new Error(`parse read ${report.n} rows, ${generated.rows} were written`);
      parseOnly = { ms: report.ms, peakRss: parsed.peakRss, xBufferBytes: report.bufferBytes };
    } else {
      parseOnly = { error: `exit ${parsed.status}: ${parsed.stderr.trim().slice(-500)}` };
    }

    process.stderr.write('  proxpath fit …\n');
    const { run: fit, peakRssFrom } = await runFit(cli, file, dir, options, generated.rows, []);
    process.stderr.write('  proxpath fit --stream …\n');
    const { run: stream } = await runFit(cli, file, dir, options, generated.rows, ['--stream']);
    return {
      gb, fileBytes, rows: generated.rows, features: options.features, matrixBytes, generateMs: generated.ms,
      parseOnly, fit, stream, streamVsMemory: pathDistance(fit, stream), peakRssFrom,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (bytes: number | null | undefined) => (bytes == null ? '–' : (bytes / MIB).toFixed(0));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const ratio = (a: number | null, b: number) => (a === null ? '–' : (a / b).toFixed(2));

function table(rows: Row[]): string {
  const head = [
    'file MiB', 'rows × cols', 'X MiB', 'parse-only s', 'parse-only peak MiB', 'peak / X',
    'fit wall s', 'parseMs', 'setup+solve s', 'fit peak MiB', 'peak / X', '--stream wall s', '--stream peak MiB', 'stream vs memory Δβ',
  ];
  const out = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) {
    const { parseOnly: po, fit } = row;
    out.push([
      mib(row.fileBytes),
      `${row.rows} × ${row.features + 1}`,
      mib(row.matrixBytes),
      'error' in po ? 'failed' : seconds(po.ms),
      'error' in po ? '–' : mib(po.peakRss),
      'error' in po ? '–' : ratio(po.peakRss, row.matrixBytes),
      'error' in fit ? 'failed' : seconds(fit.wallMs),
      'error' in fit ? '–' : fit.parseMs.toFixed(0),
      'error' in fit ? '–' : seconds(fit.setupMs + fit.solveMs),
      'error' in fit ? '–' : mib(fit.peakRss),
      'error' in fit ? '–' : ratio(fit.peakRss, row.matrixBytes),
      'error' in row.stream ? 'failed' : seconds(row.stream.wallMs),
      'error' in row.stream ? '–' : mib(row.stream.peakRss),
      row.streamVsMemory === null ? '–' : row.streamVsMemory.toExponential(1),
    ]);
  }
  return out.toString();
}

function withoutPath(run: FitRun): Omit<FitRun & { beta?: unknown }, 'beta'> {
  if ('error' in run) return run;
  const { beta: _beta, ...rest } = run;
  return rest;
}

function parseSizesGb(text: string): number[] {
  return text.split(',').map((item) => {
    const value = Number(item);
    if (!(value > 0 && value <= 64)) throw new InvalidArgumentError(`"${item}" must be a size in GB, > 0 and ≤ 64`);
    return value;
  });
}

async function main(): Promise<void> {
  const options = new Command()
    .name('big-csv')
    .description('`proxpath fit` on a CSV of gigabytes: time and peak memory, parse alone and the whole command')
    .option('--gb <list>', 'CSV sizes in GB (10^9 bytes), comma-separated', parseSizesGb, [2])
    .option('--features <p>', 'feature columns (plus y)', parsePositiveInteger, 20)
    .option('--nlambda <k>', 'λ values of the path', parsePositiveInteger, 100)
    .option('--backend <name>', 'auto | webgpu | cpu', 'cpu')
    .option('--seed <s>', 'seed of the data', parsePositiveInteger, 1)
    .option('--dir <folder>', 'where the temporary folder goes (default: the system temp folder)')
    .parse()
    .opts<Options>();
  const root = packageRoot();
  const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);

  const cpus = os.cpus();
  console.log(
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  // What a process holds before any data: Node and the CSV reader's modules.
  const csvModule = pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'csv.js')).href;
  const bare = await runNode(['--input-type=module', '-e', `await import(${JSON.stringify(csvModule)});`], os.tmpdir());
  const rows: Row[] = [];
  for (const gb of options.gb) rows.push(await runSize(gb, options, root, cli));
  console.log(table(rows));
  console.log(`Node with the CLI's CSV reader loaded, no data: peak RSS ${mib(bare.peakRss)} MiB.`);
  console.log(
    `X MiB: n × p × 8 bytes, the float64 feature matrix. Peak: ${rows[0]?.peakRssFrom}. parse-only: a child that runs the ` +
      "CLI's readCsv and nothing else; fit: the whole `proxpath fit` command (parseMs: its CSV read).",
  );
  for (const row of rows) {
    for (const [what, run] of [['parse-only', row.parseOnly], ['fit', row.fit], ['fit --stream', row.stream]] as const) {
      if ('error' in run) console.log(`${row.gb} GB ${what} failed: ${run.error}`);
    }
  }
  const outFile = path.join(root, 'bench', 'out', 'big-csv.json');
  mkdirSync(path.dirname(outFile), { recursive: true });
  // The paths themselves are left out of the report (they are what the distance column checks).
  const report = rows.map((row) => ({ ...row, fit: withoutPath(row.fit), stream: withoutPath(row.stream) }));
  writeFileSync(outFile, `${JSON.stringify({ machine: { cpu: cpus[0]?.model, cpus: cpus.length, memory: os.totalmem(), node: process.version }, options, bareNodePeakRss: bare.peakRss, rows: report }, null, 2)}\n`);
  console.log(`Written: ${path.relative(process.cwd(), outFile)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

// GFLOP/s and GB/s of the two product kernels, η = X̃₁B and G = X̃₁ᵀD, in headless Chromium's
// WebGPU: the shipped tiled kernels next to the naive one-invocation-per-output baseline, for a
// grid of n, p, K. Flops 2·n·p·K per product; bytes the least traffic (X̃ once, the small operand
// and the result once). Writes bench/out/kernels.json and kernels.md.
//   npm run bench:kernels [-- --quick | --sizes 2048x64x8,…] [--repeats R] [--out dir]

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { Command } from 'commander';
import { openGpuHarness } from '../test/helpers/gpu-harness.js';
import { packageRoot, parsePositiveInteger } from './common.js';

interface Row {
  n: number;
  p: number;
  K: number;
  kernel: string;
  ms: number;
  gflops: number;
  gbytes: number;
}

const GRID = { n: [2048, 8192], p: [64, 256], K: [8, 32] };
const QUICK = { n: [1024], p: [64], K: [16] };

async function main(): Promise<void> {
  const program = new Command('bench:kernels')
    .option('--quick', 'one small size (a smoke run)')
    .option('--sizes <list>', 'n×p×K sizes instead of the grid, e.g. 2048x64x8,8192x256x32')
    .option('--repeats <r>', 'timed repetitions per kernel', parsePositiveInteger, 5)
    .option('--out <dir>', 'where to write kernels.md and .json', path.join(packageRoot(), 'bench', 'out'))
    .parse();
  const opts = program.opts<{ quick?: boolean; sizes?: string; repeats: number; out: string }>();
  const sizes = opts.sizes
    ? opts.sizes.split(',').map((s) => s.split('x').map(Number))
    : (() => {
        const grid = opts.quick ? QUICK : GRID;
        return grid.n.flatMap((n) => grid.p.flatMap((p) => grid.K.map((K) => [n, p, K])));
      })();
  if (sizes.some((s) => s.length !== 3 || s.some((v) => !Number.isInteger(v) || v < 1))) {
    throw new Error(`--sizes wants n×p×K triples of positive integers such as 2048x64x8, not ${opts.sizes}`);
  }
  const harness = await openGpuHarness();
  const rows: Row[] = [];
  try {
    const adapter = await harness.call('adapter');
    const software = adapter.isFallbackAdapter || /swiftshader/i.test(`${adapter.architecture} ${adapter.description}`);
    const device = `${adapter.vendor} ${adapter.architecture} ${adapter.description}`.trim() + (adapter.isFallbackAdapter ? ' (fallback adapter)' : '');
    console.log(`adapter: ${device}`);
    if (software) {
      console.log('NOTE: this adapter is SwiftShader, a CPU emulation of a GPU: these figures say nothing about GPU speed,');
      console.log('only that the tiled kernels are not slower than the naive ones on the same device.');
    }
    for (const [n, p, K] of sizes) {
      const { result, uncaptured } = await harness.call('benchProducts', { nSamples: n, nFeatures: p, nColumns: K, repeats: opts.repeats });
      if (uncaptured.length > 0) throw new Error(`WebGPU errors: ${uncaptured.join('; ')}`);
      if (!(result.agreement < 1e-4)) throw new Error(`tiled and naive products disagree (${result.agreement}) at n=${n}, p=${p}, K=${K}`);
      for (const t of result.timings) rows.push({ n, p, K, ...t });
      console.log(`n=${n} p=${p} K=${K}: ${result.timings.map((t) => `${t.kernel} ${t.gflops.toFixed(2)} GFLOP/s`).join(', ')}`);
    }
    const table = new Table({ head: ['n', 'p', 'K', 'kernel', 'ms', 'GFLOP/s', 'GB/s'] });
    for (const r of rows) table.push([r.n, r.p, r.K, r.kernel, r.ms.toFixed(2), r.gflops.toFixed(3), r.gbytes.toFixed(3)]);
    console.log(table.toString());
    mkdirSync(opts.out, { recursive: true });
    const note = software ? 'SwiftShader is a CPU emulation of a GPU: these figures are not GPU speed.' : '';
    writeFileSync(path.join(opts.out, 'kernels.json'), JSON.stringify({ adapter, software, note, rows }, null, 2) + '\n');
    const md = [
      `# WebGPU product kernels`, '', `Adapter: ${device}. ${note}`, '',
      'Flops 2·n·p·K per product; bytes the least traffic, 4·(n·p + (n + p)·K). Mean over the timed repeats, after one warm-up.', '',
      '| n | p | K | kernel | ms | GFLOP/s | GB/s |', '| ---: | ---: | ---: | --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.n} | ${r.p} | ${r.K} | ${r.kernel} | ${r.ms.toFixed(2)} | ${r.gflops.toFixed(3)} | ${r.gbytes.toFixed(3)} |`), '',
    ].join('\n');
    writeFileSync(path.join(opts.out, 'kernels.md'), md);
  } finally {
    await harness.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});

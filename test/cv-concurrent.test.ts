// Cross-validation runs at the same time in one process share Node's pool of fold threads: each
// run gives the same bits as alone, an abort of one leaves the others whole, and none hangs.
// The `workers` count is lowered to the machine and the fold fits, with a warning. The worker's
// side (job-pool.ts) keeps the data of every run in flight and drops a run's at its end.

import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CvOptions, Dataset } from '../src/index.js';
import { foldServer, type FoldReply } from '../src/hosts/job-pool.js';
import type { FoldData, FoldJob } from '../src/cv/fold-runner.js';
import { requireBuild } from './helpers/cli.js';
import { normal, rng } from './helpers/data.js';

// The built library: worker threads load the compiled fold-worker.js (a computed URL keeps the
// typecheck from needing dist/).
type Lib = typeof import('../src/index.js');
let lib: Lib;
beforeAll(async () => {
  requireBuild();
  lib = (await import(new URL('../dist/src/index.js', import.meta.url).href)) as Lib;
});

/** Seeded data: y from the first three features; logistic 0/1 labels when `binary`. */
function dataset(nSamples: number, nFeatures: number, seed: number, binary = false): Dataset {
  const z = normal(seed);
  const u = rng(seed + 1);
  const X = Array.from({ length: nSamples }, () => Array.from({ length: nFeatures }, () => z()));
  const y = X.map((row) => {
    const eta = row[0] - row[1] + 0.5 * row[2];
    return binary ? (u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0) : eta + 0.5 * z();
  });
  return { X, y };
}

/** A result's JSON without its timings (the one part that differs from run to run). */
function bits(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'timing' ? undefined : v)));
}

type Case = { data: Dataset; options: CvOptions };
const cases: Case[] = [
  { data: dataset(200, 8, 1), options: { folds: 5, alphas: [0.5, 1], nLambda: 20, seed: 3 } },
  { data: dataset(240, 6, 2, true), options: { loss: 'logistic', folds: 4, nLambda: 20 } },
  { data: dataset(150, 5, 3), options: { loss: 'huber', folds: 6, nLambda: 15, seed: 9 } },
];

const run = (c: Case, extra: CvOptions) => lib.cvPath(c.data, { ...c.options, backend: 'cpu', ...extra });

/** Each case alone, one after another: the reference bits. */
async function oneAtATime(list: Case[], extra: CvOptions): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const c of list) out.push(bits(await run(c, extra)));
  return out;
}

describe('concurrent cvPath calls with explicit workers', () => {
  const workers = 2;
  // On a one-core machine the count is lowered to 1 (serial folds); the bits are the same.
  const expectedThreads = Math.min(workers, availableParallelism()) > 1 ? workers : undefined;

  it('two and three at once give the same bits as one at a time', async () => {
    const alone = await oneAtATime(cases, { workers });
    const two = await Promise.all(cases.slice(0, 2).map((c) => run(c, { workers })));
    expect(two.map(bits)).toEqual(alone.slice(0, 2));
    const three = await Promise.all(cases.map((c) => run(c, { workers })));
    expect(three.map(bits)).toEqual(alone);
    for (const cv of three) expect(cv.folds?.threads).toBe(expectedThreads);
  }, 60_000);

  it('an abort of one run midway rejects it alone; the others and later runs are whole', async () => {
    const alone = await oneAtATime(cases, { workers });
    for (const [count, victim] of [[2, 0], [3, 1]] as const) {
      const stop = new AbortController();
      const progress: number[] = [];
      const runs = cases.slice(0, count).map((c, i) =>
        i === victim
          ? run(c, {
              workers,
              signal: stop.signal,
              onProgress: (e) => {
                progress.push(e.solved);
                if (e.solved === 1) stop.abort(); // one fold fitted, the rest to come
              },
            })
          : run(c, { workers }),
      );
      const settled = await Promise.allSettled(runs);
      settled.forEach((s, i) => {
        if (i === victim) {
          expect(s.status).toBe('rejected');
          expect((s as PromiseRejectedResult).reason).toBeInstanceOf(lib.AbortError);
        } else {
          expect(s.status).toBe('fulfilled');
          expect(bits((s as PromiseFulfilledResult<unknown>).value)).toEqual(alone[i]);
        }
      });
      expect(progress).toEqual([1]); // no fold reported after the abort
    }
    // The pool is still good for the next runs.
    const after = await Promise.all(cases.map((c) => run(c, { workers })));
    expect(after.map(bits)).toEqual(alone);
  }, 60_000);

  it('a run aborted before it starts rejects at once, beside a run that completes', async () => {
    const [first] = await oneAtATime(cases.slice(0, 1), { workers });
    const stop = new AbortController();
    stop.abort();
    const [aborted, whole] = await Promise.allSettled([run(cases[1], { workers, signal: stop.signal }), run(cases[0], { workers })]);
    expect(aborted.status).toBe('rejected');
    expect((aborted as PromiseRejectedResult).reason).toBeInstanceOf(lib.AbortError);
    expect(bits((whole as PromiseFulfilledResult<unknown>).value)).toEqual(first);
  }, 60_000);
});

describe("concurrent cvPath calls with workers 'auto'", () => {
  // Large enough that the full fit times the folds passes 'auto's threshold (300 ms) on the
  // machines the suite runs on, so the folds go to the threads; the bits are the same either way.
  const big: Case[] = [
    { data: dataset(1000, 40, 4, true), options: { loss: 'logistic', folds: 10, seed: 5 } },
    { data: dataset(1000, 40, 6, true), options: { loss: 'logistic', folds: 10, seed: 7 } },
    { data: dataset(800, 40, 8), options: { folds: 10, alphas: [0.5, 1], seed: 2 } },
  ];

  it('two and three at once, one of three aborted, give the same bits as one at a time', async () => {
    const alone = await oneAtATime(big, {});
    const bitsOf = (cv: unknown) => {
      const { folds: _folds, ...rest } = bits(cv) as Record<string, unknown>; // auto's thread count may differ under load
      return rest;
    };
    const strip = (list: unknown[]) => list.map(bitsOf);
    const two = await Promise.all(big.slice(0, 2).map((c) => run(c, {})));
    expect(strip(two)).toEqual(strip(alone.slice(0, 2)));
    const three = await Promise.all(big.map((c) => run(c, {})));
    expect(strip(three)).toEqual(strip(alone));

    const stop = new AbortController();
    const settled = await Promise.allSettled(
      big.map((c, i) => run(c, i === 0 ? { signal: stop.signal, onProgress: (e) => e.solved === 2 && stop.abort() } : {})),
    );
    expect(settled[0].status).toBe('rejected');
    expect((settled[0] as PromiseRejectedResult).reason).toBeInstanceOf(lib.AbortError);
    expect(strip(settled.slice(1).map((s) => (s as PromiseFulfilledResult<unknown>).value))).toEqual(strip(alone.slice(1)));
  }, 120_000);
});

describe('the workers count', () => {
  const machine = availableParallelism();

  it('above the fold fits: lowered to them, with a warning, and the same bits', async () => {
    const c: Case = { data: dataset(120, 5, 11), options: { folds: 3, nLambda: 10 } };
    const serial = await run(c, { workers: 1 });
    const many = await run(c, { workers: 100 });
    const threads = Math.min(3, machine);
    expect(many.warnings).toContain(
      threads === 3 ? 'workers: 100 lowered to 3, the number of fold fits (folds × α = 3)' : `workers: 100 lowered to ${machine}, the machine's available parallelism (${machine})`,
    );
    expect(many.folds?.threads).toBe(threads > 1 ? threads : undefined);
    const { warnings: _w, folds: _f, ...rest } = bits(many) as Record<string, unknown>;
    const { warnings: _ws, folds: _fs, ...restSerial } = bits(serial) as Record<string, unknown>;
    expect(rest).toEqual(restSerial);
    expect(serial.warnings).toEqual([]);
  }, 60_000);

  it('above the machine: lowered to its available parallelism, with a warning', async () => {
    const folds = machine + 2;
    const c: Case = { data: dataset(10 * folds, 4, 12), options: { folds, nLambda: 8 } };
    const cv = await run(c, { workers: machine + 1 });
    expect(cv.warnings).toContain(`workers: ${machine + 1} lowered to ${machine}, the machine's available parallelism (${machine})`);
    expect(cv.folds?.threads).toBe(machine > 1 ? machine : undefined);
  }, 60_000);

  it('within both: no warning', async () => {
    const c: Case = { data: dataset(90, 4, 13), options: { folds: 3, nLambda: 8 } };
    const cv = await run(c, { workers: Math.min(2, machine) });
    expect(cv.warnings).toEqual([]);
  }, 60_000);
});

describe('the fold worker’s side', () => {
  const data = (shift: number): FoldData => {
    const { X, y } = dataset(30, 3, 20 + shift) as { X: number[][]; y: number[] };
    const Xc = new Float64Array(90);
    X.forEach((row, i) => row.forEach((v, j) => (Xc[j * 30 + i] = v)));
    return { X: Xc, y: Float64Array.from(y), weights: new Float64Array(30).fill(1), featureNames: ['a', 'b', 'c'], nRows: 30, nCols: 3, hasWeights: false };
  };
  const job: FoldJob = { alpha: 0, fold: 1, trainRows: Int32Array.from({ length: 20 }, (_, i) => i), options: { lambda: [0.5, 0.1], backend: 'cpu' } };

  it('keeps the data of every run in flight, by id, and drops a run’s at its end', async () => {
    const replies: FoldReply[] = [];
    const serve = foldServer((reply) => replies.push(reply));
    await serve({ run: 1, data: data(0) });
    await serve({ run: 2, data: data(1) });
    await Promise.all([serve({ run: 1, index: 0, job }), serve({ run: 2, index: 0, job })]);
    expect(replies.map((r) => [r.run, 'fit' in r])).toEqual([[1, true], [2, true]]);
    const fits = replies.map((r) => ('fit' in r ? r.fit.beta : undefined));
    expect(fits[0]).not.toEqual(fits[1]); // each run's own data

    await serve({ run: 1, end: true });
    await serve({ run: 1, index: 1, job }); // an ended run's job: skipped, nobody waits for it
    await serve({ run: 2, index: 1, job });
    expect(replies.slice(2).map((r) => [r.run, r.index, 'fit' in r])).toEqual([[2, 1, true]]);
  });

  it('an end while a run’s job is queued or fitting: no answer for it, the other run goes on', async () => {
    const replies: FoldReply[] = [];
    const serve = foldServer((reply) => replies.push(reply));
    await serve({ run: 1, data: data(0) });
    await serve({ run: 2, data: data(1) });
    const pending = [serve({ run: 1, index: 0, job }), serve({ run: 1, index: 1, job }), serve({ run: 2, index: 0, job })];
    await serve({ run: 1, end: true });
    await Promise.all(pending);
    expect(replies.map((r) => [r.run, r.index, 'fit' in r])).toEqual([[2, 0, true]]);
  });
});

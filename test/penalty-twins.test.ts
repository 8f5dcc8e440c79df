// Every penalty spec's WGSL twin (shaders/<spec.wgsl>) against its TypeScript functions, in
// headless Chromium's WebGPU (SwiftShader where there is no GPU). The loop runs over
// PENALTY_NAMES, so that a new penalty is tested as soon as it is registered.
//   separable: penalty_value, penalty_prox at several t (against the spec's minimizer at
//     u/t, 1/t, the prox's definition), coordinate_minimizer at several xv (below 1/γ, and
//     below 1/(γ−1) for SCAD, where the 1-D problem is nonconvex), subdifferential_distance at
//     the grid's points, at bounds, at 0 and at the minimizers; finite and infinite bounds; γ at
//     its default, half-way to its bound and twice the default.
//   grouped: the block functions as a kernel striding over a group would call them, against
//     the spec's block prox, value and distance, on random groups of 1, 3 and 7 coordinates,
//     at random points, at 0 and at the prox's optimum.
// Both sides see the same float32 inputs; the TypeScript side computes in float64.
// Tolerance (float32): |wgsl − ts| ≤ 1e-5·max(scale, 0.1), i.e. 1e-5 relative to the size of
// the terms that make the result (given per function below) and 1e-6 absolute; the largest
// errors measured on SwiftShader are printed per function (at most ~5e-7). The minimizer
// and the prox of the nonconvex penalties jump where two candidates (a stationary point, a
// breakpoint, a bound) have the same objective: at such a point float32 may pick the other
// one, which is as good a minimizer. There a result off the float64 one is accepted only when
// it lies in the box and its float64 objective agrees with the float64 minimum to the same
// 1e-5 relative (of the objective's terms): it is then a minimizer to float32 precision; such
// ties are counted and must stay rare.
// Also the TypeScript closed forms on scalars: MCP's firm thresholding, SCAD's three-piece
// thresholding (Fan and Li 2001), group and sparse-group soft-thresholding.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../src/hosts/wire.js';
import { PENALTIES, PENALTY_NAMES } from '../src/penalties/registry.js';
import type { PenaltySpec } from '../src/penalties/types.js';
import { normal, rng } from './helpers/data.js';
import { gpuSuite } from './helpers/gpu-suite.js';
import type { BlockTwinSpec, CoordinateTwinSpec, TwinResults } from './gpu/penalty-twins.js';

const TOLERANCE = 1e-5;
/** Below this scale the tolerance is absolute: 1e-5 · 0.1 = 1e-6. */
const FLOOR = 0.1;
/** Ties accepted on the objective: at most this share of a function's points. */
const MAX_TIE_SHARE = 0.01;
const F32_MAX = 3.4028234663852886e38;
const f = Math.fround;

const { call: callHarness, clean } = gpuSuite();

/** γ at its default, half-way to the bound it must exceed, and twice the default (float32). */
function gammasOf(spec: PenaltySpec): number[] {
  if (!spec.gamma) return [3]; // prepended all the same, and unused
  const { default: d, above } = spec.gamma;
  return [d, (d + above) / 2, 2 * d].map(f);
}

/** Largest error so far, normalized: |wgsl − ts| / max(scale, FLOOR) must stay ≤ TOLERANCE. */
class Errors {
  max: Record<string, number> = {};
  points: Record<string, number> = {};
  ties: Record<string, number> = {};
  tieObjective: Record<string, number> = {};
  failures: string[] = [];

  add(fn: string, got: number, want: number, scale: number, where: () => string): boolean {
    const e = Number.isFinite(got) ? Math.abs(got - want) / Math.max(scale, FLOOR) : Infinity;
    this.points[fn] = (this.points[fn] ?? 0) + 1;
    this.max[fn] = Math.max(this.max[fn] ?? 0, e);
    const ok = e <= TOLERANCE;
    if (!ok && this.failures.length < 20) this.failures.push(`${fn}: wgsl ${got}, ts ${want} (error ${e.toExponential(2)}) at ${where()}`);
    return ok;
  }

  /** A tie: the result's objective against the minimum's, relative to the objective's terms. */
  tie(fn: string, objectiveError: number): void {
    this.ties[fn] = (this.ties[fn] ?? 0) + 1;
    this.tieObjective[fn] = Math.max(this.tieObjective[fn] ?? 0, objectiveError);
  }

  check(): void {
    expect(this.failures, 'points off tolerance').toEqual([]);
    for (const fn of Object.keys(this.points)) {
      expect(this.max[fn], fn).toBeLessThanOrEqual(TOLERANCE);
      expect(this.ties[fn] ?? 0, `${fn}: ties`).toBeLessThanOrEqual(MAX_TIE_SHARE * this.points[fn]);
    }
  }

  report(name: string): string {
    return Object.keys(this.points)
      .map((fn) => `${name} ${fn}: ${this.points[fn]} points, max error ${this.max[fn].toExponential(2)}` +
        (this.ties[fn] ? `, ${this.ties[fn]} ties (objective within ${this.tieObjective[fn].toExponential(2)})` : ''))
      .join('\n');
  }
}

const OP = { value: 0, prox: 1, minimizer: 2, distance: 3 } as const;

interface Point {
  op: number;
  x: number;
  y: number;
  l1: number;
  l2: number;
  lower: number;
  upper: number;
}

const wireBound = (v: number) => (v === Infinity ? F32_MAX : v === -Infinity ? -F32_MAX : v);
const BOXES: [number, number][] = [[-Infinity, Infinity], [-0.8, 2.5], [0, Infinity], [-Infinity, 0], [0, 0], [-3, 0.5]];
const L1S = [0, 0.7, 1.3];
const L2S = [0, 0.4];
/** xv: 0.1 and 0.3 below 1/γ (MCP) and 1/(γ−1) (SCAD) at the default γ: nonconvex steps. */
const XVS = [0.1, 0.3, 0.5, 1, 2.5];
const TS = [0.05, 0.5, 1, 2, 5, 12];
const GRID = [0, 0.05, 0.3, 0.69, 1, 1.31, 2, 2.6, 3.5, 4.81, 7, 15];

function symmetric(values: number[]): number[] {
  return [...new Set(values.flatMap((v) => [v, -v]).map(f))].sort((a, b) => a - b);
}

/** The grid's points for one γ: every function, every level and box. */
function coordinatePoints(gamma: number): Point[] {
  const points: Point[] = [];
  const random = rng(7);
  for (const l1 of L1S.map(f)) {
    for (const l2 of L2S.map(f)) {
      // Breakpoints of the pieces in b (|b| = l1, γ·l1, between) and random points.
      const bs = symmetric([...GRID, l1, gamma * l1, (l1 + gamma * l1) / 2, 5 * random(), 5 * random()]);
      for (const [lower, upper] of BOXES) {
        const box = { l1, l2, lower, upper };
        if (lower === -Infinity && upper === Infinity) for (const b of bs) points.push({ op: OP.value, x: b, y: 0, ...box });
        for (const xv of XVS.map(f)) {
          // Where the candidates switch: |u| = l1, the ends of the pieces times the curvature.
          const us = symmetric([...GRID, l1, gamma * l1 * xv, gamma * l1 * (xv + l2), l1 * (1 + xv), 8 * random()]);
          for (const u of us) points.push({ op: OP.minimizer, x: u, y: xv, ...box });
        }
        for (const t of TS.map(f)) {
          const us = symmetric([...GRID, t * l1, gamma * l1, gamma * l1 * (1 + t * l2), l1 * (1 + t), 8 * random()]);
          for (const u of us) points.push({ op: OP.prox, x: u, y: t, ...box });
        }
        // The distance at b in the box (its bounds included) and g on a grid.
        const inBox = [...new Set([...bs.filter((b) => b >= lower && b <= upper), ...[lower, upper].filter(Number.isFinite)])];
        const gs = symmetric([0, 0.1, 0.5, l1, l1 / 2, 1.5, 3, 4 * random()]);
        for (const b of inBox) for (const g of gs) points.push({ op: OP.distance, x: g, y: b, ...box });
      }
    }
  }
  return points;
}

/** The minimizers of the grid as distance points (b*, g = u − xv·b*): 0 up to rounding. */
function optimumPoints(spec: PenaltySpec, gamma: number, minimizers: Point[]): Point[] {
  const c = spec.coordinate!;
  return minimizers.map((p) => {
    const b = f(c.minimizer(p.x, p.y, p.l1, p.l2, gamma, p.lower, p.upper));
    return { ...p, op: OP.distance, x: f(p.x - p.y * b), y: b };
  });
}

async function device<T>(spec: CoordinateTwinSpec | BlockTwinSpec): Promise<T> {
  return fromWire<T>(clean(await callHarness('penaltyTwins', toWire(spec))));
}

async function compareCoordinate(spec: PenaltySpec, errors: Errors): Promise<void> {
  const c = spec.coordinate!;
  for (const gamma of gammasOf(spec)) {
    const grid = coordinatePoints(gamma);
    const points = [...grid, ...optimumPoints(spec, gamma, grid.filter((p) => p.op === OP.minimizer))];
    const flat = points.flatMap((p) => [p.op, p.x, p.y, 0, p.l1, p.l2, wireBound(p.lower), wireBound(p.upper)]);
    const { values } = await device<TwinResults>({ kind: 'coordinate', wgsl: [...spec.wgsl], gamma, points: flat });
    expect(values.length).toBe(points.length);
    points.forEach((p, i) => {
      const got = values[i];
      const { l1, l2, lower, upper } = p;
      const where = () => `γ ${gamma}, ${JSON.stringify(p)}`;
      const value = (b: number) => c.value(b, l1, l2, gamma);
      if (p.op === OP.value) {
        const want = value(p.x);
        errors.add('value', got, want, Math.max(Math.abs(want), l1 * Math.abs(p.x) + 0.5 * l2 * p.x * p.x), where);
      } else if (p.op === OP.distance) {
        const want = c.distance(p.x, p.y, l1, l2, gamma, lower, upper);
        errors.add('distance', got, want, Math.max(Math.abs(want), Math.abs(p.x), Math.abs(l2 * p.y), l1), where);
      } else {
        // ½·xv·b² − u·b + s·P(b): the minimizer (s = 1), or t times the prox's objective (xv = 1, s = t).
        const prox = p.op === OP.prox;
        const [u, xv, s] = prox ? [p.x, 1, p.y] : [p.x, p.y, 1];
        const want = prox ? c.minimizer(u / s, 1 / s, l1, l2, gamma, lower, upper) : c.minimizer(u, xv, l1, l2, gamma, lower, upper);
        const fn = prox ? 'prox' : 'minimizer';
        // The prox's result is a difference of terms of the size of u (|u| − t·l1, …): scaled by |u| too.
        const scale = Math.max(Math.abs(want), Math.abs(got), prox ? Math.abs(u) : 0);
        const e = Math.abs(got - want) / Math.max(scale, FLOOR);
        if (e > TOLERANCE && Number.isFinite(got) && got >= lower && got <= upper) {
          const objective = (b: number) => 0.5 * xv * b * b - u * b + s * value(b);
          const terms = (b: number) => 0.5 * xv * b * b + Math.abs(u * b) + s * Math.abs(value(b));
          const objectiveError = (objective(got) - objective(want)) / Math.max(terms(got), terms(want), FLOOR);
          if (objectiveError <= TOLERANCE) {
            errors.tie(fn, objectiveError);
            errors.add(fn, want, want, scale, where); // counted as a point within tolerance
            return;
          }
        }
        errors.add(fn, got, want, scale, where);
      }
    });
  }
}

/** Random groups of 1, 3 and 7 at random points, at 0 and at the prox's optimum. */
function blockCases(spec: PenaltySpec): { groups: number[]; z: number[]; g: number[]; b: number[] } {
  const block = spec.block!;
  const gaussian = normal(11);
  const random = rng(13);
  const groups: number[] = [];
  const z: number[] = [];
  const g: number[] = [];
  const b: number[] = [];
  const levelSets = [
    ...[[0.5, spec.defaultAlpha], [0.5, 0.5], [1.2, 1], [0.8, 0.2]].map(([lambda, alpha]) => (size: number) =>
      spec.blockLevels!(lambda, { alpha, gamma: spec.gamma?.default ?? 3 }, 0.5 + random(), size)),
    // Every level set at once: each twin must ignore the level its penalty does not have.
    () => ({ l1: 0.4, l2: 0.3, w: 0.8 }),
  ];
  for (const size of [1, 3, 7]) {
    for (const levelsOf of levelSets) {
      for (const t of [0.3, 1, 4].map(f)) {
        for (let repeat = 0; repeat < 3; repeat++) {
          const levels = levelsOf(size);
          const [l1, l2, w] = [levels.l1, levels.l2, levels.w].map(f);
          const zs = Array.from({ length: size }, (_, i) => f(i === 1 ? 0 : (0.3 + 1.5 * repeat) * gaussian()));
          const out = new Float64Array(size);
          block.prox(zs, t, l1, l2, w, out);
          const optimum = Array.from(out, f);
          const cases = [
            // a random point, with a zero coordinate where there are several
            { b: zs.map((v, i) => (i === 2 ? 0 : f(gaussian()))), g: zs.map(() => f(2 * gaussian())) },
            // the block at 0
            { b: zs.map(() => 0), g: zs.map(() => f(gaussian())) },
            // the prox's optimum: (z − out)/t ∈ ∂P(out), distance 0 up to rounding
            { b: optimum, g: zs.map((v, i) => f((v - optimum[i]) / t)) },
          ];
          for (const c of cases) {
            groups.push(z.length, size, t, l1, l2, w, 0, 0);
            z.push(...zs);
            g.push(...c.g);
            b.push(...c.b);
          }
        }
      }
    }
  }
  return { groups, z, g, b };
}

async function compareBlock(spec: PenaltySpec, errors: Errors): Promise<void> {
  const block = spec.block!;
  const gamma = gammasOf(spec)[0];
  const cases = blockCases(spec);
  const { values: prox, blocks } = await device<TwinResults>({ kind: 'block', wgsl: [...spec.wgsl], gamma, ...cases });
  const nGroups = cases.groups.length / 8;
  expect(blocks.length).toBe(2 * nGroups);
  const norm = (v: number[]) => Math.hypot(...v);
  for (let k = 0; k < nGroups; k++) {
    const [offset, size, t, l1, l2, w] = cases.groups.slice(8 * k, 8 * k + 6);
    const z = cases.z.slice(offset, offset + size);
    const g = cases.g.slice(offset, offset + size);
    const b = cases.b.slice(offset, offset + size);
    const where = () => `group ${k}: size ${size}, t ${t}, l1 ${l1}, l2 ${l2}, w ${w}, z ${z}, g ${g}, b ${b}`;
    const out = new Float64Array(size);
    block.prox(z, t, l1, l2, w, out);
    const zMax = Math.max(...z.map(Math.abs));
    for (let i = 0; i < size; i++) errors.add('block prox', prox[offset + i], out[i], zMax, where);
    const value = block.value(b, l1, l2, w);
    errors.add('block value', blocks[2 * k], value, Math.abs(value), where);
    const distance = block.distance(g, b, l1, l2, w);
    const scale = norm(g) + w + l1 * Math.sqrt(size) + l2 * norm(b);
    errors.add('block distance', blocks[2 * k + 1], distance, Math.max(scale, Math.abs(distance)), where);
  }
}

describe('each penalty\'s WGSL twin matches its TypeScript spec (float32)', () => {
  for (const name of PENALTY_NAMES) {
    it(name, async () => {
      const spec = PENALTIES[name];
      expect(spec.coordinate ?? spec.block, `${name} has neither coordinate nor block functions`).toBeDefined();
      const errors = new Errors();
      if (spec.coordinate) await compareCoordinate(spec, errors);
      if (spec.block) await compareBlock(spec, errors);
      console.log(errors.report(name));
      errors.check();
      for (const fn of spec.coordinate ? ['value', 'prox', 'minimizer', 'distance'] : ['block prox', 'block value', 'block distance']) {
        expect(errors.points[fn], fn).toBeGreaterThan(100);
      }
    }, 300_000);
  }
});

describe('the TypeScript closed forms on scalars', () => {
  const us = Array.from({ length: 161 }, (_, i) => -8 + i / 10);
  const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

  it('MCP at xv = 1 is firm thresholding', () => {
    const c = PENALTIES.mcp.coordinate!;
    for (const gamma of [1.5, 3, 5]) {
      for (const l1 of [0.5, 1.2]) {
        for (const u of us) {
          const a = Math.abs(u);
          const want = a <= l1 ? 0 : a <= gamma * l1 ? (Math.sign(u) * (a - l1)) / (1 - 1 / gamma) : u;
          close(c.minimizer(u, 1, l1, 0, gamma, -Infinity, Infinity), want);
        }
      }
    }
  });

  it('SCAD at xv = 1 is Fan and Li\'s three-piece thresholding', () => {
    const c = PENALTIES.scad.coordinate!;
    for (const gamma of [2.5, 3.7, 6]) {
      for (const l1 of [0.5, 1.2]) {
        for (const u of us) {
          const a = Math.abs(u);
          const want = a <= 2 * l1
            ? Math.sign(u) * Math.max(a - l1, 0)
            : a <= gamma * l1 ? ((gamma - 1) * u - Math.sign(u) * gamma * l1) / (gamma - 2) : u;
          close(c.minimizer(u, 1, l1, 0, gamma, -Infinity, Infinity), want);
        }
      }
    }
  });

  it('the elastic net at xv = 1 is soft-thresholding and shrinking', () => {
    const c = PENALTIES.enet.coordinate!;
    for (const u of us) close(c.minimizer(u, 1, 0.7, 0.4, 0, -Infinity, Infinity), (Math.sign(u) * Math.max(Math.abs(u) - 0.7, 0)) / 1.4);
  });

  it('the group lasso\'s prox is group soft-thresholding; the sparse group\'s soft-thresholds first', () => {
    const gaussian = normal(3);
    for (const size of [1, 3, 7]) {
      for (let repeat = 0; repeat < 20; repeat++) {
        const z = Array.from({ length: size }, () => (1 + repeat / 4) * gaussian());
        const [t, l1, l2, w] = [0.5 + repeat / 10, 0.3, 0.2, 0.9];
        const out = new Float64Array(size);
        PENALTIES.group.block!.prox(z, t, l1, l2, w, out);
        const r = Math.hypot(...z);
        z.forEach((v, i) => close(out[i], (Math.max(1 - (t * w) / r, 0) * v) / (1 + t * l2)));
        // … and a prox: (z − out)/t is a subgradient at out.
        expect(PENALTIES.group.block!.distance(z.map((v, i) => (v - out[i]) / t), out, l1, l2, w)).toBeLessThan(1e-12 * Math.max(1, r));
        PENALTIES['sparse-group'].block!.prox(z, t, l1, l2, w, out);
        const s = z.map((v) => Math.sign(v) * Math.max(Math.abs(v) - t * l1, 0));
        const rs = Math.hypot(...s);
        s.forEach((v, i) => close(out[i], rs > 0 ? Math.max(1 - (t * w) / rs, 0) * v : 0));
        expect(PENALTIES['sparse-group'].block!.distance(z.map((v, i) => (v - out[i]) / t), out, l1, l2, w)).toBeLessThan(1e-12 * Math.max(1, r));
      }
    }
  });
});

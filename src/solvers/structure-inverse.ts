// The inverse of the active-set method's structure system (active-set.ts), updated at each change
// of structure instead of refactorized. With the kink samples' weighted slopes v_i = wn_i u_i as
// unknowns the system is symmetric:
//   [ 0     M_E ] [ v_E ]   [ r_E ]
//   [ M_Eᵀ  −L  ] [ δ   ] = [ ρ   ]
// M_E: the kink samples' rows [1, x̃_iA]; L = diag(0 for the intercept, l2_A); δ: the step of
// (b̃0, β̃_A) to the structure's optimum; r_E: the kink samples' residuals; ρ_j = l1_j s_j − h_j +
// l2_j β̃_j and ρ_0 = −h_0 (h: the gradients of the samples off their kink).
// Every member of the structure (a kink sample, the intercept, an active feature) owns one row
// and the column of the same index, so each change of structure borders the matrix with one row
// and column or removes one pair: an O(size²) update of the explicit inverse (symmetric-inverse.ts).
// Members sit in the order they joined; maps give each sample's and feature's position.
// Along the path only L and ρ change with λ, and L = λ(1−α)·diag(v): the matrix holds L/σ with
// the unknowns v/σ, so a new λ only rescales σ (no refactorization) while l2 keeps its
// proportions. Each solve is refined once against the structured product, which absorbs the
// rounding of the updates; the inverse is refactorized when that refinement corrects much, every
// few hundred updates, and when an update's pivot is tiny. A singular structure (redundant kink
// rows, or a direction along which the structure's objective is linear) has no inverse: its
// solves are dense, with a kernel vector, until a change of structure makes it nonsingular again.

import { SymmetricInverse } from './symmetric-inverse.js';
import { solveOrKernel } from './dense-solve.js';

/** Member codes: sample i is i (≥ 0), the intercept INTERCEPT, feature j is −2 − j. */
export const INTERCEPT = -1;
export const featureCode = (j: number): number => -2 - j;
export const featureOf = (code: number): number => -2 - code;

/**
 * Updates of the inverse between refactorizations, at least (at most this many times the
 * system's size: a refactorization costs O(size³), an update O(size²)); sooner when a solve's
 * refinement corrects it by more than DRIFT (relative).
 */
const REFACTOR_EVERY = 100;
const REFACTOR_SIZES = 4;
const DRIFT = 1e-8;
/** Relative spread of l2_new / l2_old over the active features within which a new λ only rescales. */
const PROPORTIONAL = 1e-12;

/** In position order: the samples' v_i and the other members' δ; or a kernel vector of a singular system. */
export type StructureSolution = { solved: true; x: Float64Array } | { solved: false; kernel: Float64Array };

export class StructureInverse {
  /** Position → member code. */
  readonly members: number[] = [];
  /** nSamples positions (−1: not a member). */
  readonly samplePos: Int32Array;
  /** nFeatures positions (−1: not a member). */
  readonly featurePos: Int32Array;
  interceptPos = -1;
  private readonly basis = new SymmetricInverse();
  /** Whether `basis` holds the inverse of the whole system (else the next solve refactorizes). */
  private valid = false;
  /** The scale of the ridge block: the matrix holds −l2_j/σ and the samples' unknowns v_i/σ. */
  private sigma = 1;
  /** nFeatures: the matrix's l2_j/σ of each member feature (its diagonal, negated). */
  private readonly scaledL2: Float64Array;
  /** Updates of the inverse since it was last factorized. */
  private updates = 0;
  /** Scratch of the solves (right-hand side, residual, correction). */
  private work = new Float64Array(0);

  /** Xr: nSamples × nFeatures row-major features. */
  constructor(
    nSamples: number,
    private readonly nFeatures: number,
    private readonly Xr: Float64Array,
  ) {
    this.samplePos = new Int32Array(nSamples).fill(-1);
    this.featurePos = new Int32Array(nFeatures).fill(-1);
    this.scaledL2 = new Float64Array(nFeatures);
  }

  get size(): number {
    return this.members.length;
  }

  /** The entry between members a and b, the ridge block as the matrix holds it (scaled by 1/σ). */
  private entry(a: number, b: number): number {
    if (a >= 0 && b >= 0) return 0;
    if (a < 0 && b < 0) return a === b && a !== INTERCEPT ? -this.scaledL2[featureOf(a)] : 0;
    const sample = a >= 0 ? a : b;
    const other = a >= 0 ? b : a;
    return other === INTERCEPT ? 1 : this.Xr[sample * this.nFeatures + featureOf(other)];
  }

  /** Joins member `code` (l2: the features' current ridge terms): the inverse bordered, or marked for refactorization. */
  add(code: number, l2: ArrayLike<number>): void {
    if (code < INTERCEPT) this.scaledL2[featureOf(code)] = l2[featureOf(code)] / this.sigma;
    const size = this.size;
    if (this.valid) {
      const row = new Float64Array(size);
      for (let a = 0; a < size; a++) row[a] = this.entry(code, this.members[a]);
      this.valid = this.basis.append(row, this.entry(code, code));
      this.updates++;
    }
    this.setPosition(code, size);
    this.members.push(code);
  }

  /** Drops member `code`: its row and column removed from the inverse, or marked for refactorization. */
  drop(code: number): void {
    const pos = this.positionOf(code);
    if (this.valid) {
      this.valid = this.basis.remove(pos);
      this.updates++;
    }
    this.setPosition(code, -1);
    this.members.splice(pos, 1);
    for (let a = pos; a < this.members.length; a++) this.setPosition(this.members[a], a);
  }

  positionOf(code: number): number {
    return code >= 0 ? this.samplePos[code] : code === INTERCEPT ? this.interceptPos : this.featurePos[featureOf(code)];
  }

  private setPosition(code: number, pos: number): void {
    if (code >= 0) this.samplePos[code] = pos;
    else if (code === INTERCEPT) this.interceptPos = pos;
    else this.featurePos[featureOf(code)] = pos;
  }

  /**
   * A new λ's ridge terms: when they are those of the matrix times one factor (up to rounding), σ
   * takes the factor and the inverse stays; otherwise the next solve refactorizes.
   */
  retarget(l2: ArrayLike<number>): void {
    let sigma = NaN;
    for (const code of this.members) {
      if (code >= INTERCEPT) continue;
      const j = featureOf(code);
      const held = this.scaledL2[j];
      if (held === 0 || l2[j] === 0) {
        if (held !== l2[j]) this.valid = false;
        continue;
      }
      const next = l2[j] / held;
      if (Number.isNaN(sigma)) sigma = next;
      else if (!(Math.abs(next - sigma) <= PROPORTIONAL * sigma)) this.valid = false;
    }
    if (!this.valid || Number.isNaN(sigma)) return;
    // The refinement's product takes the new terms exactly; the inverse differs by rounding.
    this.sigma = sigma;
    for (const code of this.members) if (code < INTERCEPT) this.scaledL2[featureOf(code)] = l2[featureOf(code)] / sigma;
  }

  /** The whole matrix for the current ridge terms with σ = 1 (size × size, row-major). */
  private matrix(l2: ArrayLike<number>): Float64Array {
    this.sigma = 1;
    const size = this.size;
    for (const code of this.members) if (code < INTERCEPT) this.scaledL2[featureOf(code)] = l2[featureOf(code)];
    const K = new Float64Array(size * size);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b <= a; b++) K[a * size + b] = K[b * size + a] = this.entry(this.members[a], this.members[b]);
    }
    return K;
  }

  /**
   * Solves the system for `rhs` (position order: r_i for the samples, ρ for the others; l2: the
   * features' current ridge terms). Returns the samples' v_i and the others' δ in position order,
   * or a kernel vector when the system is singular.
   */
  solve(rhs: Float64Array, l2: ArrayLike<number>): StructureSolution {
    const size = this.size;
    if (this.valid && this.updates >= Math.max(REFACTOR_EVERY, REFACTOR_SIZES * size)) this.valid = false;
    if (!this.valid) {
      const K = this.matrix(l2);
      this.valid = this.basis.factor(K, size);
      this.updates = 0;
      if (!this.valid) {
        const x = rhs.slice(0, size);
        const outcome = solveOrKernel(K, x, size);
        return outcome.solved ? { solved: true, x } : outcome;
      }
    }
    // The σ-scaled system: the others' right-hand sides over σ, the samples' unknowns times σ.
    if (this.work.length < 3 * size) this.work = new Float64Array(6 * size);
    const b = this.work.subarray(0, size);
    const residual = this.work.subarray(size, 2 * size);
    const correction = this.work.subarray(2 * size, 3 * size);
    for (let a = 0; a < size; a++) b[a] = this.members[a] >= 0 ? rhs[a] : rhs[a] / this.sigma;
    const x = this.basis.solve(b, new Float64Array(size));
    // One step of refinement: x += B (b − K x), K x by its structure.
    this.product(x, residual);
    for (let a = 0; a < size; a++) residual[a] = b[a] - residual[a];
    this.basis.solve(residual, correction);
    let moved = 0;
    let scale = 0;
    for (let a = 0; a < size; a++) {
      moved = Math.max(moved, Math.abs(correction[a]));
      x[a] += correction[a];
      scale = Math.max(scale, Math.abs(x[a]));
      if (this.members[a] >= 0) x[a] *= this.sigma;
    }
    // The updates have drifted: the next solve refactorizes.
    if (moved > DRIFT * scale) this.valid = false;
    return { solved: true, x };
  }

  /** out = K x with the matrix the current ridge terms make (O(|E|·|A|)), in position order. */
  private product(x: Float64Array, out: Float64Array): void {
    const { members, Xr, nFeatures: p } = this;
    const features: number[] = [];
    const positions: number[] = [];
    for (let a = 0; a < members.length; a++) {
      const code = members[a];
      if (code >= 0) continue;
      if (code !== INTERCEPT) {
        features.push(featureOf(code));
        positions.push(a);
      }
      out[a] = code === INTERCEPT ? 0 : -this.scaledL2[featureOf(code)] * x[a];
    }
    const ip = this.interceptPos;
    for (let a = 0; a < members.length; a++) {
      const i = members[a];
      if (i < 0) continue;
      const base = i * p;
      const xa = x[a];
      let s = ip >= 0 ? x[ip] : 0;
      if (ip >= 0) out[ip] += xa;
      for (let k = 0; k < features.length; k++) {
        const value = Xr[base + features[k]];
        s += value * x[positions[k]];
        out[positions[k]] += value * xa;
      }
      out[a] = s;
    }
  }
}

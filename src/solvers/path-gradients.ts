// The gradient g_j of every usable feature along the path, refreshed in two sweeps: the
// features outside the strong set (the KKT check) and those inside (the certificate and the
// next strong rule). The outside list is rebuilt only when the strong set has grown.

import type { IndexList } from './cd-loop.js';
import type { CoordinateEngine } from './engine.js';

export class PathGradients {
  /** nFeatures gradients −∂(mean loss)/∂β̃_j (0 for unusable features). */
  readonly g: Float64Array;
  private readonly outside: Int32Array;
  private nOutside = 0;
  private builtFor = -1;
  private readonly values: Float64Array;

  constructor(
    nFeatures: number,
    private readonly usable: Uint8Array,
  ) {
    this.g = new Float64Array(nFeatures);
    this.outside = new Int32Array(nFeatures);
    this.values = new Float64Array(nFeatures);
  }

  /** Refreshes g outside the strong set (call engine.prepareGradients() first). */
  refreshOutside(engine: CoordinateEngine, strong: IndexList): void {
    if (this.builtFor !== strong.count) {
      let count = 0;
      for (let j = 0; j < this.g.length; j++) if (this.usable[j] && !strong.flag[j]) this.outside[count++] = j;
      this.nOutside = count;
      this.builtFor = strong.count;
    }
    this.sweep(engine, this.outside, this.nOutside);
  }

  /** Refreshes g inside the strong set (call engine.prepareGradients() first). */
  refreshStrong(engine: CoordinateEngine, strong: IndexList): void {
    this.sweep(engine, strong.data, strong.count);
  }

  private sweep(engine: CoordinateEngine, features: Int32Array, count: number): void {
    engine.gradients(features, count, this.values);
    for (let t = 0; t < count; t++) this.g[features[t]] = this.values[t];
  }
}

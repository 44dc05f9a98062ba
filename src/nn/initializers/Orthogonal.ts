import { checkSpec, defined, intRange, optional, range } from '../../optim/checks.js';
import type { TypedArray } from '../../tensor/dtype.js';
import type { Random } from '../../util/random.js';
import { Initializer } from './Initializer.js';

/**
 * A random orthogonal matrix times `gain` (Saxe et al., 2014); Keras' default for recurrent kernels. The weight
 * is viewed as a matrix [prod(shape[:-1]), shape[-1]]; the rows (or columns, whichever are fewer) are orthonormal.
 * Made by QR-decomposing a normal matrix (modified Gram–Schmidt) with the sign of R's diagonal folded into Q, so the
 * result is uniformly distributed over orthogonal matrices.
 */
export class Orthogonal extends Initializer {
  readonly gain: number;

  /** @param config.gain default 1. */
  constructor(config: { gain?: number; seed?: number | null } = {}) {
    super(config.seed);
    const c = { gain: 1, ...defined(config) };
    checkSpec('Orthogonal', c, { gain: range(0, Infinity, '()'), seed: optional(intRange(0, 2 ** 32 - 1)) });
    this.gain = c.gain;
  }

  get className(): string {
    return 'Orthogonal';
  }

  protected fill(out: TypedArray, shape: readonly number[], rng: Random): void {
    if (shape.length < 2) {
      for (let i = 0; i < out.length; i++) out[i] = this.gain * rng.normal();
      return;
    }
    const cols = shape[shape.length - 1] as number;
    const rows = out.length / cols;
    // Q has `tall` rows and `wide` orthonormal columns; the weight is Q or Qᵀ.
    const tall = Math.max(rows, cols);
    const wide = Math.min(rows, cols);
    const q: Float64Array[] = [];
    for (let j = 0; j < wide; j++) {
      const v = new Float64Array(tall);
      for (let i = 0; i < tall; i++) v[i] = rng.normal();
      q.push(v);
    }
    for (let j = 0; j < wide; j++) {
      const v = q[j] as Float64Array;
      for (let k = 0; k < j; k++) {
        const u = q[k] as Float64Array;
        let dot = 0;
        for (let i = 0; i < tall; i++) dot += (u[i] as number) * (v[i] as number);
        for (let i = 0; i < tall; i++) v[i] = (v[i] as number) - dot * (u[i] as number);
      }
      let norm = 0;
      for (let i = 0; i < tall; i++) norm += (v[i] as number) ** 2;
      norm = Math.sqrt(norm);
      // Gram–Schmidt makes R's diagonal positive, which is the sign correction; guard a degenerate draw.
      const inv = norm > 1e-12 ? 1 / norm : 0;
      for (let i = 0; i < tall; i++) v[i] = (v[i] as number) * inv;
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const value = rows >= cols ? (q[c] as Float64Array)[r] : (q[r] as Float64Array)[c];
        out[r * cols + c] = this.gain * (value as number);
      }
    }
  }

  getConfig(): Record<string, unknown> {
    return { gain: this.gain, seed: this.seed };
  }
}

import type { Design } from './Design.js';
import { matTVec } from './matTVec.js';
import { matVec } from './matVec.js';

/**
 * The weighted, centred Gram operator v ↦ X꜀ᵀ·W·X꜀·v with X꜀ = X − 1·mᵀ, applied without forming X꜀ (so CSR
 * input stays sparse): X꜀·v = X·v − (m·v)·1 and X꜀ᵀ·u = Xᵀ·u − (Σu)·m.
 */
export class CenteredOperator {
  private readonly xv: Float64Array;

  /**
   * @param X the design
   * @param weights per-row weights
   * @param means column centres m (zeros for no centring)
   */
  constructor(
    readonly X: Design,
    readonly weights: Float64Array,
    readonly means: Float64Array,
  ) {
    this.xv = new Float64Array(X.rows);
  }

  /** X꜀·v into `out`. */
  forward(v: Float64Array, out: Float64Array): Float64Array {
    let mv = 0;
    for (let j = 0; j < v.length; j++) mv += (this.means[j] as number) * (v[j] as number);
    return matVec(this.X, v, out, -mv);
  }

  /** X꜀ᵀ·u into `out`. */
  transpose(u: Float64Array, out: Float64Array): Float64Array {
    matTVec(this.X, u, out);
    let su = 0;
    for (let i = 0; i < u.length; i++) su += u[i] as number;
    if (su !== 0) for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) - su * (this.means[j] as number);
    return out;
  }

  /** X꜀ᵀ·W·X꜀·v into `out`. */
  gram(v: Float64Array, out: Float64Array): Float64Array {
    const xv = this.forward(v, this.xv);
    for (let i = 0; i < xv.length; i++) xv[i] = (xv[i] as number) * (this.weights[i] as number);
    return this.transpose(xv, out);
  }
}

import type { Design } from '../linalg/Design.js';
import { linearScores } from '../linalg/linearScores.js';
import { scoresTransposeProduct } from '../linalg/scoresTransposeProduct.js';

/**
 * The smooth logistic objective over parameters x = [W (k × d row-major), b (k, when fitting an intercept)]:
 * F(x) = (1/Σw)·Σᵢ wᵢ·ℓᵢ + (l2/2)·‖W‖², scikit-learn's scaling (`LinearModelLoss` with l2 = 1/(C·Σw)).
 * k = 1 is the binary model (ℓ = log(1 + e^{−y·z}), y = ±1, class 1 positive); k ≥ 3 the multinomial one
 * (ℓ = logΣ e^{z_c} − z_y). Each evaluation reads X twice (scores, then gradient), whatever k, in float64.
 */
export class LogisticObjective {
  /** Length of the parameter vector. */
  readonly size: number;
  private readonly d: number;
  /** n × k scores and per-row loss derivatives. */
  private readonly z: Float64Array;
  private readonly r: Float64Array;
  private readonly zeroIntercept: Float64Array;
  private readonly swSum: number;

  /**
   * @param X the design
   * @param labels class index per row (0/1 when k = 1)
   * @param k 1 (binary) or the number of classes
   * @param sw weight per row (sample × class weight)
   * @param fitIntercept add an unpenalised intercept per class
   * @param l2 strength of the L2 term
   */
  constructor(
    readonly X: Design,
    readonly labels: Int32Array,
    readonly k: number,
    readonly sw: Float64Array,
    readonly fitIntercept: boolean,
    readonly l2: number,
  ) {
    this.d = X.cols;
    this.size = k * X.cols + (fitIntercept ? k : 0);
    this.z = new Float64Array(X.rows * k);
    this.r = new Float64Array(X.rows * k);
    this.zeroIntercept = new Float64Array(k);
    let s = 0;
    for (let i = 0; i < sw.length; i++) s += sw[i] as number;
    this.swSum = s;
  }

  /** Which parameters the penalty acts on: 1 for coefficients, 0 for intercepts. */
  penalized(): Uint8Array {
    const mask = new Uint8Array(this.size);
    mask.fill(1, 0, this.k * this.d);
    return mask;
  }

  /** F(x); writes ∇F(x) into `grad`. */
  valueAndGradient(x: Float64Array, grad: Float64Array): number {
    const { X, k, d, z, r, sw, labels } = this;
    const n = X.rows;
    const coef = x.subarray(0, k * d);
    const b = this.fitIntercept ? x.subarray(k * d, k * d + k) : this.zeroIntercept;
    // one pass over X for all k scores (X is usually the largest thing in memory)
    linearScores(X, coef, b, z);
    let loss = 0;
    if (k === 1) {
      for (let i = 0; i < n; i++) {
        const zi = z[i] as number;
        const yPos = labels[i] === 1;
        const m = yPos ? zi : -zi;
        const wi = sw[i] as number;
        // log(1 + e^{−m}) and σ(z) without overflow
        loss += wi * (Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m))));
        const p = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
        r[i] = wi * (p - (yPos ? 1 : 0));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const off = i * k;
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, z[off + c] as number);
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const e = Math.exp((z[off + c] as number) - max);
          r[off + c] = e;
          sum += e;
        }
        const y = labels[i] as number;
        const wi = sw[i] as number;
        loss += wi * (max + Math.log(sum) - (z[off + y] as number));
        const inv = wi / sum;
        for (let c = 0; c < k; c++) r[off + c] = (r[off + c] as number) * inv - (c === y ? wi : 0);
      }
    }
    scoresTransposeProduct(X, r, k, grad);
    const inv = 1 / this.swSum;
    let penalty = 0;
    for (let j = 0; j < k * d; j++) {
      const w = x[j] as number;
      penalty += w * w;
      grad[j] = (grad[j] as number) * inv + this.l2 * w;
    }
    if (this.fitIntercept) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += r[i * k + c] as number;
        grad[k * d + c] = s * inv;
      }
    }
    return loss * inv + 0.5 * this.l2 * penalty;
  }
}

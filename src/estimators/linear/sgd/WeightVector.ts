/** Below this scale the raw weights are rescaled, so they neither overflow nor lose precision. */
const MIN_SCALE = 1e-9;

/**
 * The weight vector of SGD kept as `scale · raw`, so the L2 shrink w ← (1 − ηαλ)·w of every step costs O(1)
 * instead of O(features) and a sparse sample touches only its non-zeros (Bottou, "Stochastic Gradient Descent
 * Tricks", 2012, §5.1; scikit-learn's `WeightVector`).
 *
 * With averaging on, the running average of the weights is kept lazily too (Xu, "Towards Optimal One Pass Large
 * Scale Learning with Averaged Stochastic Gradient Descent", 2011): average = (u + a·raw) / b, where a sparse step
 * raw += δ is matched by u −= a·δ (average unchanged), and closing a step folds the new weights in with weight
 * 1/n by b ← b / (1 − 1/n), a ← a + scale·b/n. Every step stays O(non-zeros).
 */
export class WeightVector {
  /** Raw weights; the true weights are `scale * raw`. */
  readonly raw: Float64Array;
  /** Multiplier of `raw`. */
  scale = 1;
  /** Lazy average accumulator u (null when not averaging). */
  readonly avgU: Float64Array | null;
  /** Coefficient a of `raw` in the average. */
  avgA = 0;
  /** Divisor b of the average. */
  avgB = 1;

  /**
   * @param initial starting weights (copied)
   * @param averaged keep a running average too
   * @param initialAverage starting average (copied), when resuming an averaged run; default the zero vector
   */
  constructor(initial: Float64Array, averaged: boolean, initialAverage?: Float64Array) {
    this.raw = Float64Array.from(initial);
    this.avgU = averaged
      ? initialAverage
        ? Float64Array.from(initialAverage)
        : new Float64Array(initial.length)
      : null;
  }

  /** w·x for the dense row `data[offset … offset + d)`. */
  dotDense(data: Float32Array | Float64Array, offset: number, d: number): number {
    const w = this.raw;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    // four accumulators break the floating-point dependency chain of the sum
    for (; j + 3 < d; j += 4) {
      s0 += (w[j] as number) * (data[offset + j] as number);
      s1 += (w[j + 1] as number) * (data[offset + j + 1] as number);
      s2 += (w[j + 2] as number) * (data[offset + j + 2] as number);
      s3 += (w[j + 3] as number) * (data[offset + j + 3] as number);
    }
    for (; j < d; j++) s0 += (w[j] as number) * (data[offset + j] as number);
    return (s0 + s1 + (s2 + s3)) * this.scale;
  }

  /** w·x for the sparse row whose entries are `indices/values[start … end)`. */
  dotSparse(indices: Int32Array, values: Float32Array | Float64Array, start: number, end: number): number {
    const w = this.raw;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = start;
    // independent partial sums: the gathered loads overlap instead of waiting on one chain of additions
    for (; k + 3 < end; k += 4) {
      s0 += (w[indices[k] as number] as number) * (values[k] as number);
      s1 += (w[indices[k + 1] as number] as number) * (values[k + 1] as number);
      s2 += (w[indices[k + 2] as number] as number) * (values[k + 2] as number);
      s3 += (w[indices[k + 3] as number] as number) * (values[k + 3] as number);
    }
    for (; k < end; k++) s0 += (w[indices[k] as number] as number) * (values[k] as number);
    return (s0 + s1 + (s2 + s3)) * this.scale;
  }

  /** w += c·x for a dense row. */
  addDense(data: Float32Array | Float64Array, offset: number, d: number, c: number): void {
    const w = this.raw;
    const f = c / this.scale;
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) + f * (data[offset + j] as number);
    const u = this.avgU;
    if (u !== null && this.avgA !== 0) {
      const g = f * this.avgA;
      for (let j = 0; j < d; j++) u[j] = (u[j] as number) - g * (data[offset + j] as number);
    }
  }

  /** w += c·x for a sparse row. */
  addSparse(indices: Int32Array, values: Float32Array | Float64Array, start: number, end: number, c: number): void {
    const w = this.raw;
    const f = c / this.scale;
    let k = start;
    for (; k + 3 < end; k += 4) {
      const j0 = indices[k] as number;
      const j1 = indices[k + 1] as number;
      const j2 = indices[k + 2] as number;
      const j3 = indices[k + 3] as number;
      w[j0] = (w[j0] as number) + f * (values[k] as number);
      w[j1] = (w[j1] as number) + f * (values[k + 1] as number);
      w[j2] = (w[j2] as number) + f * (values[k + 2] as number);
      w[j3] = (w[j3] as number) + f * (values[k + 3] as number);
    }
    for (; k < end; k++) {
      const j = indices[k] as number;
      w[j] = (w[j] as number) + f * (values[k] as number);
    }
    const u = this.avgU;
    if (u !== null && this.avgA !== 0) {
      const g = f * this.avgA;
      for (let k = start; k < end; k++) {
        const j = indices[k] as number;
        u[j] = (u[j] as number) - g * (values[k] as number);
      }
    }
  }

  /** w ← factor·w in O(1). */
  scaleBy(factor: number): void {
    this.scale *= factor;
    if (this.scale < MIN_SCALE) this.normalize();
  }

  /** Folds `scale` into `raw` (and the average's `a` into `u`), leaving scale = 1. O(features). */
  normalize(): void {
    const w = this.raw;
    const u = this.avgU;
    if (u !== null && this.avgA !== 0) {
      const a = this.avgA;
      for (let j = 0; j < w.length; j++) u[j] = (u[j] as number) + a * (w[j] as number);
      this.avgA = 0;
    }
    const s = this.scale;
    if (s !== 1) for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) * s;
    this.scale = 1;
  }

  /**
   * Closes an averaged step: the average becomes (1 − 1/n)·average + (1/n)·w.
   * @param n how many steps the average covers now, this one included (1 for the first)
   */
  stepAverage(n: number): void {
    const mu = 1 / n;
    if (n === 1 && this.avgU !== null) {
      // a fresh average is the current weights alone, whatever was accumulated before
      this.avgU.fill(0);
      this.avgA = 0;
      this.avgB = 1;
    }
    if (n > 1) this.avgB /= 1 - mu;
    this.avgA += mu * this.avgB * this.scale;
  }

  /** The true weights, scale·raw, into `out` (default a new array). */
  weights(out: Float64Array = new Float64Array(this.raw.length)): Float64Array {
    const w = this.raw;
    const s = this.scale;
    for (let j = 0; j < w.length; j++) out[j] = s * (w[j] as number);
    return out;
  }

  /** The averaged weights, (u + a·raw) / b, into `out` (default a new array); the plain weights when not averaging. */
  average(out: Float64Array = new Float64Array(this.raw.length)): Float64Array {
    const u = this.avgU;
    if (u === null) return this.weights(out);
    const w = this.raw;
    const a = this.avgA;
    const b = this.avgB;
    for (let j = 0; j < w.length; j++) out[j] = ((u[j] as number) + a * (w[j] as number)) / b;
    return out;
  }
}

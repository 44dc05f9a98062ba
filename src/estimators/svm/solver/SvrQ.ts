import { KernelCache } from '../kernel/KernelCache.js';
import type { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import type { QMatrix } from './QMatrix.js';

/**
 * Q of the regression duals (ε-SVR, nu-SVR): 2l variables (α then α*) over l samples, Q = [K −K; −K K].
 * Kernel rows of the l samples are cached in full; columns of Q are assembled into one of two buffers.
 */
export class SvrQ implements QMatrix {
  readonly QD: Float64Array;
  private readonly kernel: KernelEvaluator;
  private readonly rows: Int32Array;
  private readonly compact: boolean;
  private readonly sign: Int8Array;
  /** Sample of each variable. */
  private readonly index: Int32Array;
  private readonly cache: KernelCache;
  private readonly buffers: [Float32Array, Float32Array];
  private nextBuffer = 0;

  /**
   * @param kernel kernel over the stored samples
   * @param rows stored row of each of the l samples
   * @param cacheBytes memory bound of the kernel cache
   */
  constructor(kernel: KernelEvaluator, rows: Int32Array, cacheBytes: number) {
    const l = rows.length;
    // dense data: a compact copy in sample order (SIMD dot products, streaming reads)
    this.compact = kernel.store.kind === 'dense';
    this.kernel = this.compact ? kernel.compactCopy(rows) : kernel;
    this.rows = this.compact ? Int32Array.from({ length: l }, (_, t) => t) : rows.slice();
    this.cache = new KernelCache(l, cacheBytes);
    this.sign = new Int8Array(2 * l);
    this.index = new Int32Array(2 * l);
    this.QD = new Float64Array(2 * l);
    for (let k = 0; k < l; k++) {
      this.sign[k] = 1;
      this.sign[k + l] = -1;
      this.index[k] = k;
      this.index[k + l] = k;
      const d = this.kernel.diagonal(this.rows[k] as number);
      this.QD[k] = d;
      this.QD[k + l] = d;
    }
    this.buffers = [new Float32Array(2 * l), new Float32Array(2 * l)];
  }

  getQ(i: number, len: number): Float32Array {
    const real = this.index[i] as number;
    const l = this.rows.length;
    const start = this.cache.request(real, l);
    const row = this.cache.row(real);
    if (start < l) this.kernel.rowQ(this.rows[real] as number, this.compact ? null : this.rows, start, l, row, null, 1);
    const buf = this.buffers[this.nextBuffer] as Float32Array;
    this.nextBuffer = 1 - this.nextBuffer;
    const { sign, index } = this;
    if (sign[i] === 1) for (let j = 0; j < len; j++) buf[j] = sign[j] === 1 ? row[index[j]] : -row[index[j]];
    else for (let j = 0; j < len; j++) buf[j] = sign[j] === 1 ? -row[index[j]] : row[index[j]];
    return buf;
  }

  swapIndex(i: number, j: number): void {
    swap(this.sign, i, j);
    swap(this.index, i, j);
    swap(this.QD, i, j);
  }
}

function swap(a: Int32Array | Int8Array | Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

import { KernelCache } from '../kernel/KernelCache.js';
import type { KernelEvaluator } from '../kernel/KernelEvaluator.js';
import type { QMatrix } from './QMatrix.js';

/** Q of the classification duals (C-SVC, nu-SVC): Q_ij = y_i y_j K(x_i, x_j), columns cached. */
export class SvcQ implements QMatrix {
  readonly QD: Float64Array;
  private readonly kernel: KernelEvaluator;
  /** Stored row of every variable position. */
  private readonly idx: Int32Array;
  /** The kernel reads a compact copy whose rows follow the variable order. */
  private readonly compact: boolean;
  private readonly y: Int8Array;
  private readonly cache: KernelCache;

  /**
   * @param kernel kernel over the stored samples
   * @param rows stored row of each variable (copied)
   * @param y ±1 of each variable (copied)
   * @param cacheBytes memory bound of the kernel cache
   */
  constructor(kernel: KernelEvaluator, rows: Int32Array, y: Int8Array, cacheBytes: number) {
    const l = rows.length;
    // dense data: work on a compact copy kept in variable order (rows swapped with the variables)
    this.compact = kernel.store.kind === 'dense';
    this.kernel = this.compact ? kernel.compactCopy(rows, y) : kernel;
    this.idx = this.compact ? Int32Array.from({ length: l }, (_, t) => t) : rows.slice();
    this.y = y.slice();
    this.cache = new KernelCache(l, cacheBytes);
    this.QD = new Float64Array(l);
    for (let i = 0; i < l; i++) this.QD[i] = this.kernel.diagonal(this.idx[i] as number);
  }

  getQ(i: number, len: number): Float32Array {
    const start = this.cache.request(i, len);
    const row = this.cache.row(i);
    if (start < len) {
      if (this.compact) this.kernel.rowQ(i, null, start, len, row, this.y, this.y[i] as number);
      else this.kernel.rowQ(this.idx[i] as number, this.idx, start, len, row, this.y, this.y[i] as number);
    }
    return row;
  }

  swapIndex(i: number, j: number): void {
    this.cache.swapIndex(i, j);
    if (this.compact) this.kernel.swapRows(i, j);
    else swap(this.idx, i, j);
    swap(this.y, i, j);
    swap(this.QD, i, j);
  }
}

function swap(a: Int32Array | Int8Array | Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

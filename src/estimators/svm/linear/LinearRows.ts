import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';

/**
 * Row access for the linear solvers over dense or CSR data, with LIBLINEAR's bias feature: when `bias > 0` every
 * row gets an extra feature of value `bias`, whose weight `w[d]` is the intercept / bias (regularised, as in
 * LIBLINEAR and scikit-learn's `intercept_scaling`).
 */
export interface LinearRows {
  /** Samples. */
  readonly n: number;
  /** Features, without the bias feature. */
  readonly d: number;
  /** Value of the bias feature (0: none). */
  readonly bias: number;
  /** Length of w: d, plus 1 with a bias. */
  readonly width: number;
  /** x_i · w. */
  dot(i: number, w: Float64Array): number;
  /** w += a x_i. */
  addTo(i: number, a: number, w: Float64Array): void;
  /** ‖x_i‖² (bias feature included). */
  sqNorm(i: number): number;
  /** out[m] = x_i · w_m for the k weight vectors stored feature-major, w[j·k + m]. */
  dotMulti(i: number, w: Float64Array, k: number, out: Float64Array): void;
  /** w_m += delta[m] x_i for every m with delta[m] ≠ 0 (feature-major layout). */
  addMulti(i: number, delta: Float64Array, k: number, w: Float64Array): void;
  /** Column-compressed copy (bias column last when present), for coordinate descent over features. */
  columns(): Columns;
  /** The CSR arrays when the rows are sparse (solvers inline their loops over them), else null. */
  readonly csr: { indptr: Int32Array; indices: Int32Array; values: Float64Array | Float32Array } | null;
}

/** Compressed sparse columns. */
export interface Columns {
  readonly colptr: Int32Array;
  readonly rowidx: Int32Array;
  readonly values: Float64Array;
}

class DenseRows implements LinearRows {
  readonly csr = null;
  readonly n: number;
  readonly d: number;
  readonly width: number;
  private readonly data: Float64Array | Float32Array;

  constructor(
    X: DenseMatrix,
    readonly bias: number,
  ) {
    this.n = X.rows;
    this.d = X.cols;
    this.width = bias > 0 ? X.cols + 1 : X.cols;
    this.data = X.data;
  }

  dot(i: number, w: Float64Array): number {
    const { data, d } = this;
    const o = i * d;
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < d; k += 2) {
      s0 += (data[o + k] as number) * (w[k] as number);
      s1 += (data[o + k + 1] as number) * (w[k + 1] as number);
    }
    if (k < d) s0 += (data[o + k] as number) * (w[k] as number);
    return this.bias > 0 ? s0 + s1 + this.bias * (w[d] as number) : s0 + s1;
  }

  addTo(i: number, a: number, w: Float64Array): void {
    const { data, d } = this;
    const o = i * d;
    for (let k = 0; k < d; k++) w[k] = (w[k] as number) + a * (data[o + k] as number);
    if (this.bias > 0) w[d] = (w[d] as number) + a * this.bias;
  }

  sqNorm(i: number): number {
    const { data, d } = this;
    let s = this.bias * this.bias;
    for (let k = i * d; k < (i + 1) * d; k++) s += (data[k] as number) * (data[k] as number);
    return s;
  }

  dotMulti(i: number, w: Float64Array, k: number, out: Float64Array): void {
    const { data, d } = this;
    out.fill(0, 0, k);
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] as number;
      if (v === 0) continue;
      for (let m = 0; m < k; m++) out[m] = (out[m] as number) + v * (w[j * k + m] as number);
    }
    if (this.bias > 0) for (let m = 0; m < k; m++) out[m] = (out[m] as number) + this.bias * (w[d * k + m] as number);
  }

  addMulti(i: number, delta: Float64Array, k: number, w: Float64Array): void {
    const { data, d } = this;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] as number;
      if (v === 0) continue;
      for (let m = 0; m < k; m++) w[j * k + m] = (w[j * k + m] as number) + v * (delta[m] as number);
    }
    if (this.bias > 0)
      for (let m = 0; m < k; m++) w[d * k + m] = (w[d * k + m] as number) + this.bias * (delta[m] as number);
  }

  columns(): Columns {
    const { data, d, n } = this;
    const width = this.width;
    const colptr = new Int32Array(width + 1);
    for (let k = 0; k < data.length; k++) if (data[k] !== 0) colptr[(k % d) + 1]++;
    if (this.bias > 0) colptr[d + 1] = n;
    for (let j = 0; j < width; j++) colptr[j + 1] = (colptr[j + 1] as number) + (colptr[j] as number);
    const rowidx = new Int32Array(colptr[width] as number);
    const values = new Float64Array(colptr[width] as number);
    const fill = colptr.slice(0, width);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = data[i * d + j] as number;
        if (v === 0) continue;
        const p = fill[j]++;
        rowidx[p] = i;
        values[p] = v;
      }
      if (this.bias > 0) {
        const p = fill[d]++;
        rowidx[p] = i;
        values[p] = this.bias;
      }
    }
    return { colptr, rowidx, values };
  }
}

class SparseRows implements LinearRows {
  readonly csr: { indptr: Int32Array; indices: Int32Array; values: Float64Array | Float32Array };
  readonly n: number;
  readonly d: number;
  readonly width: number;
  private readonly indptr: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float64Array | Float32Array;

  constructor(
    X: CsrMatrix,
    readonly bias: number,
  ) {
    this.n = X.rows;
    this.d = X.cols;
    this.width = bias > 0 ? X.cols + 1 : X.cols;
    this.indptr = X.indptr;
    this.indices = X.indices;
    this.values = X.values;
    this.csr = { indptr: X.indptr, indices: X.indices, values: X.values };
  }

  dot(i: number, w: Float64Array): number {
    const { indptr, indices, values } = this;
    let s = 0;
    const e = indptr[i + 1] as number;
    for (let k = indptr[i] as number; k < e; k++) s += (values[k] as number) * (w[indices[k] as number] as number);
    return this.bias > 0 ? s + this.bias * (w[this.d] as number) : s;
  }

  addTo(i: number, a: number, w: Float64Array): void {
    const { indptr, indices, values } = this;
    const e = indptr[i + 1] as number;
    for (let k = indptr[i] as number; k < e; k++) {
      const j = indices[k] as number;
      w[j] = (w[j] as number) + a * (values[k] as number);
    }
    if (this.bias > 0) w[this.d] = (w[this.d] as number) + a * this.bias;
  }

  sqNorm(i: number): number {
    const { indptr, values } = this;
    let s = this.bias * this.bias;
    for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++)
      s += (values[k] as number) * (values[k] as number);
    return s;
  }

  dotMulti(i: number, w: Float64Array, k: number, out: Float64Array): void {
    const { indptr, indices, values } = this;
    out.fill(0, 0, k);
    for (let q = indptr[i] as number; q < (indptr[i + 1] as number); q++) {
      const v = values[q] as number;
      const o = (indices[q] as number) * k;
      for (let m = 0; m < k; m++) out[m] = (out[m] as number) + v * (w[o + m] as number);
    }
    if (this.bias > 0)
      for (let m = 0; m < k; m++) out[m] = (out[m] as number) + this.bias * (w[this.d * k + m] as number);
  }

  addMulti(i: number, delta: Float64Array, k: number, w: Float64Array): void {
    const { indptr, indices, values } = this;
    for (let q = indptr[i] as number; q < (indptr[i + 1] as number); q++) {
      const v = values[q] as number;
      const o = (indices[q] as number) * k;
      for (let m = 0; m < k; m++) w[o + m] = (w[o + m] as number) + v * (delta[m] as number);
    }
    if (this.bias > 0) {
      const o = this.d * k;
      for (let m = 0; m < k; m++) w[o + m] = (w[o + m] as number) + this.bias * (delta[m] as number);
    }
  }

  columns(): Columns {
    const { indptr, indices, values, n, d } = this;
    const width = this.width;
    const colptr = new Int32Array(width + 1);
    for (let q = 0; q < (indptr[n] as number); q++) if (values[q] !== 0) colptr[(indices[q] as number) + 1]++;
    if (this.bias > 0) colptr[d + 1] = n;
    for (let j = 0; j < width; j++) colptr[j + 1] = (colptr[j + 1] as number) + (colptr[j] as number);
    const rowidx = new Int32Array(colptr[width] as number);
    const vals = new Float64Array(colptr[width] as number);
    const fill = colptr.slice(0, width);
    for (let i = 0; i < n; i++) {
      for (let q = indptr[i] as number; q < (indptr[i + 1] as number); q++) {
        const v = values[q] as number;
        if (v === 0) continue;
        const p = fill[indices[q] as number]++;
        rowidx[p] = i;
        vals[p] = v;
      }
      if (this.bias > 0) {
        const p = fill[d]++;
        rowidx[p] = i;
        vals[p] = this.bias;
      }
    }
    return { colptr, rowidx, values: vals };
  }
}

/** Row access over X (dense or CSR) with a bias feature of value `bias` (0 for none). */
export function linearRows(X: DenseMatrix | CsrMatrix, bias: number): LinearRows {
  return X instanceof CsrMatrix ? new SparseRows(X, bias) : new DenseRows(X, bias);
}

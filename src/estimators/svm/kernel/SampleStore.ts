import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';

/** Rows kept dense, row-major float64: row i is `data[i*d .. i*d+d)`. */
export interface DenseStore {
  readonly kind: 'dense';
  readonly n: number;
  readonly d: number;
  readonly data: Float64Array;
  /** ‖row i‖². */
  readonly sq: Float64Array;
}

/** Rows kept sparse (CSR, float64 values). */
export interface SparseStore {
  readonly kind: 'sparse';
  readonly n: number;
  readonly d: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** ‖row i‖². */
  readonly sq: Float64Array;
}

/** A precomputed kernel: K(i, j) = `data[i*m + j]`, with j a column of the training kernel matrix. */
export interface PrecomputedStore {
  readonly kind: 'precomputed';
  readonly n: number;
  /** Columns (training samples) of the kernel matrix. */
  readonly m: number;
  readonly data: Float64Array;
}

/** Samples as the kernel code reads them. */
export type SampleStore = DenseStore | SparseStore | PrecomputedStore;

/**
 * Dense input with at most this fraction of non-zeros (and at least 32 columns) is stored sparse for kernel
 * evaluation: a sparse dot product then touches fewer values (MNIST digits are about 19 % non-zero).
 */
export const SPARSE_STORE_DENSITY = 0.3;

function rowNorms(n: number, indptr: Int32Array, values: Float64Array): Float64Array {
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++)
      s += (values[k] as number) * (values[k] as number);
    sq[i] = s;
  }
  return sq;
}

/** A sparse store over the rows of a CSR matrix (values copied to float64 when they are float32). */
export function sparseStore(X: CsrMatrix): SparseStore {
  const values = X.values instanceof Float64Array ? X.values : Float64Array.from(X.values);
  return {
    kind: 'sparse',
    n: X.rows,
    d: X.cols,
    indptr: X.indptr,
    indices: X.indices,
    values,
    sq: rowNorms(X.rows, X.indptr, values),
  };
}

/** A dense store over the rows of a dense matrix (float32 data copied to float64). */
export function denseStore(X: DenseMatrix): DenseStore {
  const data = X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
  const { rows: n, cols: d } = X;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i * d; k < (i + 1) * d; k++) s += (data[k] as number) * (data[k] as number);
    sq[i] = s;
  }
  return { kind: 'dense', n, d, data, sq };
}

/** Compressed copy of a dense matrix (exact zeros dropped). */
export function denseToCsr(X: DenseMatrix): CsrMatrix {
  const { rows, cols, data } = X;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] as number;
      if (v !== 0) {
        indices[p] = j;
        values[p++] = v;
      }
    }
    indptr[i + 1] = p;
  }
  return new CsrMatrix(rows, cols, indptr, indices, values);
}

/** Largest matrix (in values) a CSR input is densified to. */
const MAX_DENSIFY = 2 ** 26;

/**
 * The store the kernel code should use for X, by density rather than by input form: mostly-zero data (at most
 * SPARSE_STORE_DENSITY non-zero, at least 32 columns) is stored sparse, the rest dense — so a dense data set read
 * from a LIBSVM file (CSR) still gets the dense SIMD kernels, and MNIST-like pixels the sparse ones.
 */
export function storeFor(X: DenseMatrix | CsrMatrix): DenseStore | SparseStore {
  if (X instanceof CsrMatrix) {
    const total = X.rows * X.cols;
    if (X.cols >= 32 && X.nnz <= SPARSE_STORE_DENSITY * total) return sparseStore(X);
    if (total > MAX_DENSIFY) return sparseStore(X);
    const data = new Float64Array(total);
    for (let i = 0; i < X.rows; i++) {
      for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++) {
        data[i * X.cols + (X.indices[k] as number)] = X.values[k] as number;
      }
    }
    return denseStore({ rows: X.rows, cols: X.cols, data } as DenseMatrix);
  }
  if (X.cols >= 32) {
    let nnz = 0;
    for (let k = 0; k < X.data.length; k++) if (X.data[k] !== 0) nnz++;
    if (nnz <= SPARSE_STORE_DENSITY * X.data.length) return sparseStore(denseToCsr(X));
  }
  return denseStore(X);
}

/** A precomputed-kernel store over a square (training) or rectangular (test × train) kernel matrix. */
export function precomputedStore(K: DenseMatrix): PrecomputedStore {
  const data = K.data instanceof Float64Array ? K.data : Float64Array.from(K.data);
  return { kind: 'precomputed', n: K.rows, m: K.cols, data };
}

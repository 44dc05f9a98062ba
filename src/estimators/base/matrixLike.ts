import { DataError, ShapeError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { Tensor } from '../../tensor/Tensor.js';
import { DenseMatrix, type DenseMatrixLike } from './DenseMatrix.js';

/** One cell of a table-like input: a number, a string (categorical data) or null (missing). */
export type Cell = number | string | null;

/** One column of a `Table`. */
export type Column = readonly Cell[] | Float64Array | Float32Array | Int32Array;

/** A column-oriented table: column name → values, every column of the same length (a plain-object data frame). */
export interface Table {
  readonly [column: string]: Column;
}

/** One row of nested-array input. */
export type Row = readonly Cell[] | Float64Array | Float32Array | Int32Array;

/**
 * Every input an estimator or transformer accepts as X: nested rows (`number[][]`, or mixed cells for encoders), a
 * dense row-major matrix, a sparse CSR matrix, a rank-2 Tensor, or a column table.
 */
export type MatrixLike = readonly Row[] | DenseMatrixLike | CsrMatrix | Tensor | Table;

/** Which of the `MatrixLike` forms a value is. */
export type MatrixKind = 'rows' | 'dense' | 'csr' | 'tensor' | 'table';

function isTypedColumn(v: unknown): v is Float64Array | Float32Array | Int32Array {
  return v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array;
}

/** True for `{ rows, cols, data }` objects with a float typed array (a `DenseMatrix` or a plain look-alike). */
export function isDenseMatrixLike(x: unknown): x is DenseMatrixLike {
  if (x instanceof DenseMatrix) return true;
  if (x === null || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.rows === 'number' &&
    typeof o.cols === 'number' &&
    (o.data instanceof Float64Array || o.data instanceof Float32Array)
  );
}

/** True for a plain object whose values are all arrays (a column table). */
export function isTable(x: unknown): x is Table {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(x).every((v) => Array.isArray(v) || isTypedColumn(v));
}

/**
 * The form of `X`.
 * @throws DataError when X is none of the accepted forms
 */
export function matrixKind(X: unknown, where: string, name = 'X'): MatrixKind {
  if (X instanceof CsrMatrix) return 'csr';
  if (X instanceof Tensor) return 'tensor';
  if (Array.isArray(X)) return 'rows';
  if (isDenseMatrixLike(X)) return 'dense';
  if (isTable(X)) return 'table';
  throw new DataError(
    `${where}: ${name} must be an array of rows, a DenseMatrix, a CsrMatrix, a rank-2 Tensor or a column table; received ${describeInput(X)}.`,
    { where, name },
  );
}

function describeInput(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return `an instance of ${(x as object).constructor?.name ?? 'Object'}`;
}

/** Number of rows (samples) of `X`. */
export function numRows(X: MatrixLike): number {
  if (X instanceof CsrMatrix) return X.rows;
  if (X instanceof Tensor) return X.shape[0] ?? 0;
  if (Array.isArray(X)) return X.length;
  if (isDenseMatrixLike(X)) return X.rows;
  const first = Object.values(X as Table)[0];
  return first === undefined ? 0 : first.length;
}

/** Column names of a table input, or null for the other forms. */
export function columnNames(X: MatrixLike): string[] | null {
  if (X instanceof CsrMatrix || X instanceof Tensor || Array.isArray(X) || isDenseMatrixLike(X)) return null;
  return Object.keys(X as Table);
}

function takeColumn(col: Column, indices: ArrayLike<number>): Column {
  if (isTypedColumn(col)) {
    const Ctor = col.constructor as new (n: number) => Float64Array | Float32Array | Int32Array;
    const out = new Ctor(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = col[indices[k] as number] as number;
    return out;
  }
  return Array.from(indices, (i) => (col as readonly Cell[])[i] as Cell);
}

/**
 * The rows of `X` at `indices`, in that order, in the same form as `X` (rows of nested arrays are shared, not copied).
 * @throws ShapeError when an index is outside [0, numRows(X))
 */
export function takeRows<X extends MatrixLike>(X: X, indices: ArrayLike<number>): X {
  const n = numRows(X);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ShapeError(`takeRows: index ${i} at position ${k} is outside [0, ${n}).`, { index: i, rows: n });
    }
  }
  if (X instanceof CsrMatrix) {
    const indptr = new Int32Array(indices.length + 1);
    let nnz = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      nnz += (X.indptr[i + 1] as number) - (X.indptr[i] as number);
      indptr[k + 1] = nnz;
    }
    const idx = new Int32Array(nnz);
    const val = new (X.values.constructor as new (n: number) => Float32Array | Float64Array)(nnz);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      const start = X.indptr[i] as number;
      const end = X.indptr[i + 1] as number;
      idx.set(X.indices.subarray(start, end), indptr[k] as number);
      val.set(X.values.subarray(start, end), indptr[k] as number);
    }
    return new CsrMatrix(indices.length, X.cols, indptr, idx, val) as X;
  }
  if (X instanceof Tensor) {
    const t: Tensor = X;
    const width = t.shape.slice(1).reduce((p, d) => p * d, 1);
    const data = new (t.data.constructor as new (n: number) => Float32Array | Float64Array | Int32Array)(
      indices.length * width,
    );
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      data.set(t.data.subarray(i * width, (i + 1) * width), k * width);
    }
    return new Tensor(data, [indices.length, ...t.shape.slice(1)]) as unknown as X;
  }
  if (Array.isArray(X)) return Array.from(indices, (i) => (X as readonly Row[])[i] as Row) as unknown as X;
  if (isDenseMatrixLike(X)) {
    const data = new (X.data.constructor as new (n: number) => Float32Array | Float64Array)(indices.length * X.cols);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), k * X.cols);
    }
    return new DenseMatrix(indices.length, X.cols, data) as unknown as X;
  }
  const out: Record<string, Column> = {};
  for (const [name, col] of Object.entries(X as Table)) out[name] = takeColumn(col, indices);
  return out as unknown as X;
}

/** A one-dimensional sequence of labels, targets, groups or weights. */
export type Vector<T = number | string> = readonly T[] | Float64Array | Float32Array | Int32Array;

/** The items of `y` at `indices`, in the same form as `y` (typed arrays stay typed). */
export function takeItems<V extends Vector<unknown>>(y: V, indices: ArrayLike<number>): V {
  if (isTypedColumn(y)) {
    const out = new (y.constructor as new (n: number) => Float64Array | Float32Array | Int32Array)(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = y[indices[k] as number] as number;
    return out as unknown as V;
  }
  return Array.from(indices, (i) => (y as readonly unknown[])[i]) as unknown as V;
}

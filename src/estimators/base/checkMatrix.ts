import { DataError, ShapeError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';
import { DenseMatrix, type DenseMatrixLike } from './DenseMatrix.js';
import { type Cell, type Column, type MatrixLike, type Row, type Table, matrixKind } from './matrixLike.js';

/** Options of `checkMatrix`. */
export interface CheckMatrixOptions {
  /** Where the check happens, for messages, e.g. `'StandardScaler.fit'`. */
  where: string;
  /** The argument's name in messages; default `'X'`. */
  name?: string;
  /** Accept a CsrMatrix (returned as is); default false. */
  acceptSparse?: boolean;
  /** Let NaN through (missing values for imputers); default false. `null` cells become NaN. */
  allowNaN?: boolean;
  /** Column count the matrix must have (the one seen in `fit`). */
  nFeatures?: number;
}

function cellMessage(where: string, name: string, what: string, row: number, col: number, hint: string): DataError {
  return new DataError(`${where}: ${name} contains ${what} at row ${row}, column ${col}; ${hint}`, {
    where,
    name,
    row,
    column: col,
  });
}

const NAN_HINT = 'remove or impute missing values first (see SimpleImputer).';
const INF_HINT = 'remove or clip infinite values first.';

function checkFinite(
  data: ArrayLike<number>,
  cols: number,
  where: string,
  name: string,
  allowNaN: boolean,
  rowOf: (k: number) => number = (k) => Math.floor(k / cols),
  colOf: (k: number) => number = (k) => k % cols,
): void {
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number;
    if (v - v !== 0) {
      // v - v is NaN exactly when v is NaN or ±Infinity: one test on the fast path
      if (Number.isNaN(v)) {
        if (!allowNaN) throw cellMessage(where, name, 'NaN', rowOf(k), colOf(k), NAN_HINT);
      } else {
        throw cellMessage(where, name, String(v), rowOf(k), colOf(k), INF_HINT);
      }
    }
  }
}

function numericCell(v: Cell | undefined, where: string, name: string, i: number, j: number): number {
  if (typeof v === 'number') return v;
  if (v === null) return NaN;
  throw new DataError(
    `${where}: ${name} contains a non-numeric value ${JSON.stringify(v) ?? String(v)} at row ${i}, column ${j}; encode categorical columns first (see OneHotEncoder, OrdinalEncoder).`,
    { where, name, row: i, column: j },
  );
}

function fromRows(X: readonly Row[], where: string, name: string): DenseMatrix {
  const first = X[0];
  if (first === undefined || typeof first !== 'object') {
    if (first !== undefined) {
      throw new DataError(`${where}: ${name} must be 2-D (an array of rows); row 0 is ${typeof first}.`, {
        where,
        name,
      });
    }
    return new DenseMatrix(0, 0);
  }
  const cols = first.length;
  const out = new DenseMatrix(X.length, cols);
  const data = out.data;
  for (let i = 0; i < X.length; i++) {
    const row = X[i] as Row;
    if (row === null || typeof row !== 'object') {
      throw new DataError(
        `${where}: ${name} must be 2-D (an array of rows); row ${i} is ${row === null ? 'null' : typeof row}.`,
        {
          where,
          name,
          row: i,
        },
      );
    }
    if (row.length !== cols) {
      throw new DataError(
        `${where}: ${name} row ${i} has ${row.length} values; expected ${cols} like row 0 (ragged rows are not allowed).`,
        { where, name, row: i, length: row.length, expected: cols },
      );
    }
    const base = i * cols;
    for (let j = 0; j < cols; j++) data[base + j] = numericCell(row[j] as Cell, where, name, i, j);
  }
  return out;
}

function fromTable(X: Table, where: string, name: string): DenseMatrix {
  const names = Object.keys(X);
  const rows = names.length === 0 ? 0 : (X[names[0] as string] as Column).length;
  const out = new DenseMatrix(rows, names.length);
  names.forEach((col, j) => {
    const values = X[col] as Column;
    if (values.length !== rows) {
      throw new DataError(
        `${where}: ${name} column "${col}" has ${values.length} values; expected ${rows} like column "${names[0]}".`,
        { where, name, column: col },
      );
    }
    for (let i = 0; i < rows; i++) {
      out.data[i * names.length + j] = numericCell(values[i] as Cell, where, name, i, j);
    }
  });
  return out;
}

/**
 * Validates a numeric input and returns it as a DenseMatrix (nested rows, tables and int tensors are copied to
 * float64; float DenseMatrix-like inputs and float tensors are viewed without copying) or, when `acceptSparse`,
 * a CsrMatrix as is.
 * @throws DataError on ragged rows, non-numeric cells, NaN (unless `allowNaN`), ±Infinity, empty input, or a
 *   sparse matrix where dense data is required
 * @throws ShapeError when the column count differs from `nFeatures`, or a tensor is not rank 2
 */
export function checkMatrix(X: MatrixLike, options: CheckMatrixOptions): DenseMatrix | CsrMatrix {
  const { where, name = 'X', acceptSparse = false, allowNaN = false, nFeatures } = options;
  const kind = matrixKind(X, where, name);
  let out: DenseMatrix | CsrMatrix;
  if (kind === 'csr') {
    const m = X as CsrMatrix;
    if (!acceptSparse) {
      throw new DataError(
        `${where}: ${name} is a sparse CsrMatrix, but this estimator needs dense data; convert it with new DenseMatrix(X.rows, X.cols, X.toDense()).`,
        { where, name },
      );
    }
    checkFinite(
      m.values,
      m.cols,
      where,
      name,
      allowNaN,
      (k) => {
        // binary search for the row holding stored entry k
        let lo = 0;
        let hi = m.rows;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if ((m.indptr[mid] as number) <= k) lo = mid;
          else hi = mid;
        }
        return lo;
      },
      (k) => m.indices[k] as number,
    );
    out = m;
  } else if (kind === 'tensor') {
    const t = X as Tensor;
    if (t.rank !== 2) {
      throw new ShapeError(`${where}: ${name} must be a rank-2 tensor; received shape ${formatShape(t.shape)}.`, {
        where,
        name,
        shape: [...t.shape],
      });
    }
    const [rows, cols] = t.shape as [number, number];
    const data = t.data instanceof Int32Array ? Float64Array.from(t.data) : t.data;
    checkFinite(data, cols, where, name, allowNaN);
    out = new DenseMatrix(rows, cols, data);
  } else if (kind === 'dense') {
    const d = X as DenseMatrixLike;
    const m = d instanceof DenseMatrix ? d : new DenseMatrix(d.rows, d.cols, d.data);
    checkFinite(m.data, m.cols, where, name, allowNaN);
    out = m;
  } else if (kind === 'rows') {
    out = fromRows(X as readonly Row[], where, name);
    checkFinite(out.data, out.cols, where, name, allowNaN);
  } else {
    out = fromTable(X as Table, where, name);
    checkFinite(out.data, out.cols, where, name, allowNaN);
  }
  if (out.rows === 0) {
    throw new DataError(`${where}: ${name} has 0 rows; at least 1 is required.`, { where, name });
  }
  if (out.cols === 0) {
    throw new DataError(`${where}: ${name} has 0 columns; at least 1 feature is required.`, { where, name });
  }
  if (nFeatures !== undefined && out.cols !== nFeatures) {
    throw new ShapeError(
      `${where}: ${name} has ${out.cols} features, but the estimator was fitted with ${nFeatures} features.`,
      { where, name, received: out.cols, expected: nFeatures },
    );
  }
  return out;
}

/** True when `X` is (or would validate to) a sparse matrix. */
export function isSparse(X: unknown): X is CsrMatrix {
  return X instanceof CsrMatrix;
}

/** Dense row-major copy of a CSR matrix. */
export function csrToDense(X: CsrMatrix): DenseMatrix {
  return new DenseMatrix(X.rows, X.cols, X.toDense());
}

/** The matrix as dense float64 (a view when it is already a float64 DenseMatrix). */
export function toDense64(X: DenseMatrix | CsrMatrix): DenseMatrix {
  if (X instanceof CsrMatrix) return csrToDense(X);
  if (X.data instanceof Float64Array) return X;
  return new DenseMatrix(X.rows, X.cols, Float64Array.from(X.data));
}

/**
 * `checkMatrix` for estimators that need dense data: a sparse matrix is rejected with a DataError.
 * @returns a DenseMatrix (a view when X already is one)
 */
export function checkDense(X: MatrixLike, options: Omit<CheckMatrixOptions, 'acceptSparse'>): DenseMatrix {
  return checkMatrix(X, { ...options, acceptSparse: false }) as DenseMatrix;
}

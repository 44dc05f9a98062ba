import { ShapeError } from '../../errors/errors.js';

/** The shape of a dense row-major matrix; plain objects of this shape are accepted wherever a matrix is. */
export interface DenseMatrixLike {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values: entry (i, j) is `data[i * cols + j]`. */
  readonly data: Float32Array | Float64Array;
}

/**
 * A dense row-major matrix of float32 or float64 values: what transformers return and what estimators read
 * without copying. Entry (i, j) is `data[i * cols + j]`.
 */
export class DenseMatrix implements DenseMatrixLike {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array | Float64Array;

  /**
   * @param rows number of rows
   * @param cols number of columns
   * @param data row-major values, `rows * cols` of them; default a zero-filled Float64Array
   * @throws ShapeError when `data` has the wrong length or a dimension is negative or fractional
   */
  constructor(rows: number, cols: number, data?: Float32Array | Float64Array) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new ShapeError(`DenseMatrix: rows and cols must be integers >= 0; received ${rows} × ${cols}.`);
    }
    const values = data ?? new Float64Array(rows * cols);
    if (values.length !== rows * cols) {
      throw new ShapeError(
        `DenseMatrix: data must hold rows × cols = ${rows * cols} values; received ${values.length}.`,
        { rows, cols, length: values.length },
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = values;
  }

  /** A float64 matrix copied from nested rows (all rows must have the same length). */
  static fromRows(rows: readonly (readonly number[])[]): DenseMatrix {
    const cols = rows[0]?.length ?? 0;
    const out = new DenseMatrix(rows.length, cols);
    rows.forEach((row, i) => {
      if (row.length !== cols) {
        throw new ShapeError(`DenseMatrix.fromRows: row ${i} has ${row.length} values; expected ${cols}.`);
      }
      out.data.set(row, i * cols);
    });
    return out;
  }

  /** Entry (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j] as number;
  }

  /** Row `i` as a view into `data` (no copy). */
  row(i: number): Float32Array | Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Column `j` as a new Float64Array. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j] as number;
    return out;
  }

  /** The values as nested arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}

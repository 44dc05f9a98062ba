import { ShapeError, ValueError } from '../errors/errors.js';

/**
 * A sparse matrix in compressed sparse row form: row `i` holds the entries `indptr[i]` to `indptr[i+1]-1` of
 * `indices` (column numbers, ascending within a row) and `values`. The estimators and the data readers share it.
 */
export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array | Float64Array;

  constructor(
    rows: number,
    cols: number,
    indptr: Int32Array,
    indices: Int32Array,
    values: Float32Array | Float64Array,
  ) {
    if (indptr.length !== rows + 1) {
      throw new ShapeError(`CsrMatrix: indptr must have rows + 1 = ${rows + 1} entries; received ${indptr.length}.`);
    }
    const nnz = indptr[rows] as number;
    if (indices.length !== nnz || values.length !== nnz) {
      throw new ShapeError(
        `CsrMatrix: indptr says ${nnz} non-zeros but indices has ${indices.length} and values ${values.length}.`,
      );
    }
    for (let k = 0; k < nnz; k++) {
      const c = indices[k] as number;
      if (c < 0 || c >= cols) {
        throw new ValueError(`CsrMatrix: column index ${c} at position ${k} is outside [0, ${cols}).`);
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.indptr[this.rows] as number;
  }

  /** Builds a CSR matrix from dense rows, keeping the non-zero entries. */
  static fromDense(rows: readonly (readonly number[])[], cols?: number): CsrMatrix {
    const nCols = cols ?? rows[0]?.length ?? 0;
    const indptr = new Int32Array(rows.length + 1);
    const idx: number[] = [];
    const val: number[] = [];
    rows.forEach((row, i) => {
      if (row.length !== nCols) {
        throw new ShapeError(`CsrMatrix.fromDense: row ${i} has ${row.length} values; expected ${nCols}.`);
      }
      row.forEach((v, j) => {
        if (v !== 0) {
          idx.push(j);
          val.push(v);
        }
      });
      indptr[i + 1] = idx.length;
    });
    return new CsrMatrix(rows.length, nCols, indptr, Int32Array.from(idx), Float64Array.from(val));
  }

  /** The matrix as dense row-major Float64Array of rows × cols. */
  toDense(): Float64Array {
    const out = new Float64Array(this.rows * this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.indptr[i] as number; k < (this.indptr[i + 1] as number); k++) {
        out[i * this.cols + (this.indices[k] as number)] = this.values[k] as number;
      }
    }
    return out;
  }
}

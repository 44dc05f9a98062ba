import type { CsrMatrix } from '../../../tensor/CsrMatrix.js';

/** A sparse matrix by columns: column j holds rows `rowIndex[colPtr[j] … colPtr[j+1])` with `values` there. */
export interface CscMatrix {
  rows: number;
  cols: number;
  colPtr: Int32Array;
  rowIndex: Int32Array;
  values: Float64Array;
}

/** Transposes the storage of a CSR matrix to CSC (rows ascending within a column), in O(nnz). */
export function csrToCsc(X: CsrMatrix): CscMatrix {
  const { rows, cols, indptr, indices, values } = X;
  const nnz = indptr[rows] as number;
  const colPtr = new Int32Array(cols + 1);
  for (let k = 0; k < nnz; k++) colPtr[(indices[k] as number) + 1] = (colPtr[(indices[k] as number) + 1] as number) + 1;
  for (let j = 0; j < cols; j++) colPtr[j + 1] = (colPtr[j + 1] as number) + (colPtr[j] as number);
  const next = colPtr.slice(0, cols);
  const rowIndex = new Int32Array(nnz);
  const out = new Float64Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++) {
      const j = indices[k] as number;
      const pos = next[j] as number;
      rowIndex[pos] = i;
      out[pos] = values[k] as number;
      next[j] = pos + 1;
    }
  }
  return { rows, cols, colPtr, rowIndex, values: out };
}

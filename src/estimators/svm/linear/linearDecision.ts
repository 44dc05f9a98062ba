import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { DenseMatrix } from '../../base/DenseMatrix.js';

/**
 * Scores X·Wᵀ + b, rows × outputs row-major.
 * @param coef outputs × d row-major
 * @param intercept one per output
 */
export function linearScores(X: DenseMatrix | CsrMatrix, coef: Float64Array, intercept: Float64Array): Float64Array {
  const k = intercept.length;
  const d = X.cols;
  const out = new Float64Array(X.rows * k);
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      for (let m = 0; m < k; m++) {
        let s = intercept[m] as number;
        const o = m * d;
        for (let q = indptr[i] as number; q < (indptr[i + 1] as number); q++) {
          s += (values[q] as number) * (coef[o + (indices[q] as number)] as number);
        }
        out[i * k + m] = s;
      }
    }
    return out;
  }
  const data = X.data;
  for (let i = 0; i < X.rows; i++) {
    for (let m = 0; m < k; m++) {
      let s = intercept[m] as number;
      const o = m * d;
      for (let j = 0; j < d; j++) s += (data[i * d + j] as number) * (coef[o + j] as number);
      out[i * k + m] = s;
    }
  }
  return out;
}

import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/**
 * Decision values of k linear models: out[i·k + c] = coef[c]·xᵢ + intercept[c].
 * @param X rows × cols design
 * @param coef k × cols row-major coefficients
 * @param intercept k intercepts
 * @param out rows × k destination; default a new array
 * @returns rows × k row-major float64 scores
 */
export function linearScores(
  X: Design,
  coef: Float64Array,
  intercept: Float64Array,
  out: Float64Array = new Float64Array(X.rows * intercept.length),
): Float64Array {
  const k = intercept.length;
  const d = X.cols;
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      const start = indptr[i] as number;
      const end = indptr[i + 1] as number;
      for (let c = 0; c < k; c++) {
        const off = c * d;
        let s = intercept[c] as number;
        for (let a = start; a < end; a++) s += (values[a] as number) * (coef[off + (indices[a] as number)] as number);
        out[i * k + c] = s;
      }
    }
    return out;
  }
  const { data } = X;
  for (let i = 0; i < X.rows; i++) {
    const base = i * d;
    for (let c = 0; c < k; c++) {
      const off = c * d;
      let s0 = 0;
      let s1 = 0;
      let j = 0;
      for (; j + 1 < d; j += 2) {
        s0 += (data[base + j] as number) * (coef[off + j] as number);
        s1 += (data[base + j + 1] as number) * (coef[off + j + 1] as number);
      }
      if (j < d) s0 += (data[base + j] as number) * (coef[off + j] as number);
      out[i * k + c] = s0 + s1 + (intercept[c] as number);
    }
  }
  return out;
}

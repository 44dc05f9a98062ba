import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/**
 * out = Xᵀ · r in float64, for a dense or CSR design.
 * @param X rows × cols design
 * @param r rows values
 * @param out cols values, overwritten; default a new Float64Array
 * @param offset where to write in `out`; default 0 (lets a k × cols gradient block be filled row by row)
 * @returns out
 */
export function matTVec(X: Design, r: Float64Array, out?: Float64Array, offset = 0): Float64Array {
  const res = out ?? new Float64Array(X.cols);
  res.fill(0, offset, offset + X.cols);
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      const ri = r[i] as number;
      if (ri === 0) continue;
      const end = indptr[i + 1] as number;
      for (let k = indptr[i] as number; k < end; k++) {
        const j = offset + (indices[k] as number);
        res[j] = (res[j] as number) + ri * (values[k] as number);
      }
    }
    return res;
  }
  const { data, cols } = X;
  for (let i = 0; i < X.rows; i++) {
    const ri = r[i] as number;
    if (ri === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) res[offset + j] = (res[offset + j] as number) + ri * (data[base + j] as number);
  }
  return res;
}

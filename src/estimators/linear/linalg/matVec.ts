import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/**
 * out = X · w (+ bias), in float64, for a dense or CSR design.
 * @param X rows × cols design
 * @param w cols weights, read from `w[offset]` on
 * @param out rows values; default a new Float64Array
 * @param bias added to every entry; default 0
 * @param offset where the weights start in `w`; default 0 (lets a k × cols coefficient block be read row by row)
 * @returns out
 */
export function matVec(X: Design, w: Float64Array, out?: Float64Array, bias = 0, offset = 0): Float64Array {
  const res = out ?? new Float64Array(X.rows);
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      const end = indptr[i + 1] as number;
      for (let k = indptr[i] as number; k < end; k++)
        s += (values[k] as number) * (w[offset + (indices[k] as number)] as number);
      res[i] = s + bias;
    }
    return res;
  }
  const { data, cols } = X;
  for (let i = 0; i < X.rows; i++) {
    const base = i * cols;
    let s0 = 0;
    let s1 = 0;
    let j = 0;
    // two accumulators break the floating-point dependency chain
    for (; j + 1 < cols; j += 2) {
      s0 += (data[base + j] as number) * (w[offset + j] as number);
      s1 += (data[base + j + 1] as number) * (w[offset + j + 1] as number);
    }
    if (j < cols) s0 += (data[base + j] as number) * (w[offset + j] as number);
    res[i] = s0 + s1 + bias;
  }
  return res;
}

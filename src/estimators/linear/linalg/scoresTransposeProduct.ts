import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/**
 * out = Rᵀ·X for an n × k row-major R: the gradient of k linear models in one pass over X (k passes of `matTVec`
 * would read X k times, and large X is memory-bound).
 * @param X n × d design
 * @param r n × k row-major per-row, per-model coefficients
 * @param k number of models
 * @param out k × d row-major, overwritten
 */
export function scoresTransposeProduct(X: Design, r: Float64Array, k: number, out: Float64Array): Float64Array {
  const d = X.cols;
  out.fill(0, 0, k * d);
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      const start = indptr[i] as number;
      const end = indptr[i + 1] as number;
      for (let c = 0; c < k; c++) {
        const ric = r[i * k + c] as number;
        if (ric === 0) continue;
        const off = c * d;
        for (let a = start; a < end; a++) {
          const j = off + (indices[a] as number);
          out[j] = (out[j] as number) + ric * (values[a] as number);
        }
      }
    }
    return out;
  }
  const { data } = X;
  for (let i = 0; i < X.rows; i++) {
    const base = i * d;
    for (let c = 0; c < k; c++) {
      const ric = r[i * k + c] as number;
      if (ric === 0) continue;
      const off = c * d;
      for (let j = 0; j < d; j++) out[off + j] = (out[off + j] as number) + ric * (data[base + j] as number);
    }
  }
  return out;
}

import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/**
 * Weighted column means Σᵢ wᵢ·xᵢⱼ / Σᵢ wᵢ of a dense or CSR design (zeros of a sparse row count).
 * @param X rows × cols design
 * @param weights per-row weights (>= 0, not all zero)
 * @returns cols means in float64
 */
export function columnMeans(X: Design, weights: Float64Array): Float64Array {
  const out = new Float64Array(X.cols);
  let total = 0;
  for (let i = 0; i < X.rows; i++) total += weights[i] as number;
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      const wi = weights[i] as number;
      for (let k = indptr[i] as number; k < (indptr[i + 1] as number); k++) {
        const j = indices[k] as number;
        out[j] = (out[j] as number) + wi * (values[k] as number);
      }
    }
  } else {
    const { data, cols } = X;
    for (let i = 0; i < X.rows; i++) {
      const wi = weights[i] as number;
      const base = i * cols;
      for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + wi * (data[base + j] as number);
    }
  }
  for (let j = 0; j < X.cols; j++) out[j] = (out[j] as number) / total;
  return out;
}

/** Weighted mean Σ wᵢ·yᵢ / Σ wᵢ. */
export function weightedMean(y: Float64Array, weights: Float64Array): number {
  let s = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    s += (weights[i] as number) * (y[i] as number);
    total += weights[i] as number;
  }
  return s / total;
}

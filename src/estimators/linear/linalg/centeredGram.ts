import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Design } from './Design.js';

/** The normal-equation pieces of a weighted least-squares problem. */
export interface NormalEquations {
  /** cols × cols row-major Σᵢ wᵢ (xᵢ − m)(xᵢ − m)ᵀ. */
  gram: Float64Array;
  /** cols values Σᵢ wᵢ (xᵢ − m)(yᵢ − ȳ). */
  rhs: Float64Array;
}

/**
 * Builds Gram matrix and right-hand side of weighted least squares around the given centres (pass zeros and 0 for
 * no intercept). Dense rows are centred explicitly (stable); CSR uses XᵀWX − (Σw)·m·mᵀ so the rows stay sparse.
 * @param X rows × cols design
 * @param y rows targets
 * @param weights rows weights
 * @param means cols column centres m
 * @param yMean target centre ȳ
 */
export function centeredGram(
  X: Design,
  y: Float64Array,
  weights: Float64Array,
  means: Float64Array,
  yMean: number,
): NormalEquations {
  const d = X.cols;
  const gram = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  if (X instanceof CsrMatrix) {
    const { indptr, indices, values } = X;
    let sw = 0;
    for (let i = 0; i < X.rows; i++) {
      const wi = weights[i] as number;
      sw += wi;
      const ri = wi * ((y[i] as number) - yMean);
      const end = indptr[i + 1] as number;
      for (let a = indptr[i] as number; a < end; a++) {
        const ja = indices[a] as number;
        const va = wi * (values[a] as number);
        rhs[ja] = (rhs[ja] as number) + ri * (values[a] as number);
        const row = ja * d;
        for (let b = indptr[i] as number; b < end; b++) {
          const jb = indices[b] as number;
          gram[row + jb] = (gram[row + jb] as number) + va * (values[b] as number);
        }
      }
    }
    // Σ w (x − m)(y − ȳ) = Σ w x (y − ȳ) − m Σ w (y − ȳ); the last sum is 0 when ȳ is the weighted mean
    let swr = 0;
    for (let i = 0; i < X.rows; i++) swr += (weights[i] as number) * ((y[i] as number) - yMean);
    for (let a = 0; a < d; a++) {
      rhs[a] = (rhs[a] as number) - (means[a] as number) * swr;
      const ma = means[a] as number;
      for (let b = 0; b < d; b++) gram[a * d + b] = (gram[a * d + b] as number) - sw * ma * (means[b] as number);
    }
    return { gram, rhs };
  }
  const { data, cols } = X;
  const xc = new Float64Array(cols);
  for (let i = 0; i < X.rows; i++) {
    const wi = weights[i] as number;
    if (wi === 0) continue;
    const base = i * cols;
    for (let j = 0; j < cols; j++) xc[j] = (data[base + j] as number) - (means[j] as number);
    const ri = wi * ((y[i] as number) - yMean);
    for (let a = 0; a < d; a++) {
      const va = wi * (xc[a] as number);
      rhs[a] = (rhs[a] as number) + ri * (xc[a] as number);
      if (va === 0) continue;
      const row = a * d;
      // upper triangle only; mirrored below
      for (let b = a; b < d; b++) gram[row + b] = (gram[row + b] as number) + va * (xc[b] as number);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a] as number;
  return { gram, rhs };
}

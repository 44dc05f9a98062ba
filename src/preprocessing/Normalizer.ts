import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { pairwiseSum } from '../util/pairwiseSum.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { oneOf } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { defaultNames } from './featureNames.js';
import { handleZerosInScale } from './scaleUtils.js';

/** Hyper-parameters of Normalizer. */
export interface NormalizerOptions {
  /** Row norm: `'l2'` (default, Euclidean), `'l1'` (sum of |x|) or `'max'` (largest |x|). */
  norm?: 'l1' | 'l2' | 'max';
}

/**
 * Scales every row (sample) to unit norm (scikit-learn's `Normalizer` / `normalize`); all-zero rows are left as
 * they are. Stateless: `fit` only records the width. Sparse CSR input stays sparse.
 */
export class Normalizer extends BaseTransformer<NormalizerOptions, TransformerState> {
  static override readonly className: string = 'Normalizer';
  static override readonly spec = { norm: oneOf('l1', 'l2', 'max') };
  static override readonly defaults = { norm: 'l2' };

  /** Records the number of columns (there is nothing to learn). */
  fit(X: MatrixLike): this {
    const m = checkMatrix(X, { where: 'Normalizer.fit', acceptSparse: true });
    this.state = { nFeaturesIn: m.cols };
    return this;
  }

  /**
   * Divides each row by its norm.
   * @throws DataError on NaN/±Infinity (a norm would be undefined); ShapeError on another column count
   */
  transform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('transform');
    const m = checkMatrix(X, { where: 'Normalizer.transform', acceptSparse: true, nFeatures: s.nFeaturesIn });
    const norm = this.params.norm;
    if (m instanceof CsrMatrix) {
      const values = Float64Array.from(m.values);
      for (let i = 0; i < m.rows; i++) {
        const a = m.indptr[i] as number;
        const b = m.indptr[i + 1] as number;
        let n = 0;
        for (let k = a; k < b; k++) {
          const v = values[k] as number;
          if (norm === 'l1') n += Math.abs(v);
          else if (norm === 'l2') n += v * v;
          else n = Math.max(n, Math.abs(v));
        }
        if (norm === 'l2') n = Math.sqrt(n);
        if (n === 0) continue; // scikit-learn's sparse routines skip exactly-zero rows
        for (let k = a; k < b; k++) values[k] = (values[k] as number) / n;
      }
      return new CsrMatrix(m.rows, m.cols, m.indptr.slice(), m.indices.slice(), values);
    }
    const { rows, cols, data } = m;
    const norms = new Float64Array(rows);
    const row = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j] as number;
        row[j] = norm === 'l1' ? Math.abs(v) : norm === 'l2' ? v * v : Math.abs(v);
      }
      norms[i] = norm === 'max' ? Math.max(...row) : norm === 'l1' ? pairwiseSum(row) : Math.sqrt(pairwiseSum(row));
    }
    const safe = handleZerosInScale(norms);
    const out = new DenseMatrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out.data[i * cols + j] = (data[i * cols + j] as number) / (safe[i] as number);
    }
    return out;
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
  }
}

registerEstimator(Normalizer);

import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { defaultNames } from './featureNames.js';
import { handleZerosInScale, mapDense, mapSparse } from './scaleUtils.js';

interface MaxAbsScalerState extends TransformerState {
  maxAbs: Float64Array;
  scale: Float64Array;
  nSamplesSeen: number;
}

/**
 * Divides each feature by its largest absolute value, so values land in [−1, 1] (scikit-learn's `MaxAbsScaler`).
 * It neither shifts nor centres, so sparse CSR input stays sparse (CsrMatrix in, CsrMatrix out). NaN is ignored
 * in fit and kept in transform; `partialFit` keeps the running maximum.
 */
export class MaxAbsScaler extends BaseTransformer<Record<string, never>, MaxAbsScalerState> {
  static override readonly className: string = 'MaxAbsScaler';
  static override readonly spec = {};
  static override readonly defaults = {};

  /** Per-column largest |x| seen. */
  get maxAbs(): Float64Array {
    return this.fitted('maxAbs').maxAbs.slice();
  }
  /** Per-column divisor (1 for all-zero columns). */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice();
  }
  /** Rows seen. */
  get nSamplesSeen(): number {
    return this.fitted('nSamplesSeen').nSamplesSeen;
  }

  /** Learns the per-column maxima from scratch. */
  fit(X: MatrixLike): this {
    this.state = undefined;
    return this.partialFit(X);
  }

  /**
   * Updates the running maxima with one more batch (dense or CSR).
   * @throws DataError on bad input; ShapeError on another column count
   */
  partialFit(X: MatrixLike): this {
    const where = `MaxAbsScaler.${this.state ? 'partialFit' : 'fit'}`;
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: this.state?.nFeaturesIn });
    const batch = new Float64Array(m.cols);
    const take = (j: number, v: number): void => {
      const a = Math.abs(v);
      if (a > (batch[j] as number)) batch[j] = a; // NaN never wins
    };
    if (m instanceof CsrMatrix) {
      for (let k = 0; k < m.nnz; k++) take(m.indices[k] as number, m.values[k] as number);
    } else {
      for (let k = 0; k < m.data.length; k++) take(k % m.cols, m.data[k] as number);
    }
    const prev = this.state;
    const maxAbs = prev ? batch.map((v, j) => Math.max(v, prev.maxAbs[j] as number)) : batch;
    this.state = {
      nFeaturesIn: m.cols,
      maxAbs,
      scale: handleZerosInScale(maxAbs),
      nSamplesSeen: (prev?.nSamplesSeen ?? 0) + m.rows,
    };
    return this;
  }

  /** x / scale (sparse: x · (1 / scale), as scikit-learn), in the input's form. */
  transform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('transform');
    const m = checkMatrix(X, {
      where: 'MaxAbsScaler.transform',
      acceptSparse: true,
      allowNaN: true,
      nFeatures: s.nFeaturesIn,
    });
    if (m instanceof CsrMatrix) {
      const inv = s.scale.map((v) => 1 / v);
      return mapSparse(m, (v, j) => v * (inv[j] as number));
    }
    return mapDense(m, (v, j) => v / (s.scale[j] as number));
  }

  /** x · scale. */
  override inverseTransform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('inverseTransform');
    const m = checkMatrix(X, {
      where: 'MaxAbsScaler.inverseTransform',
      acceptSparse: true,
      allowNaN: true,
      nFeatures: s.nFeaturesIn,
    });
    const f = (v: number, j: number): number => v * (s.scale[j] as number);
    return m instanceof CsrMatrix ? mapSparse(m, f) : mapDense(m, f);
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
  }
}

registerEstimator(MaxAbsScaler);

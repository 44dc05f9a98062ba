import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkDense } from '../estimators/base/checkMatrix.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { bool } from '../estimators/base/validators.js';
import { defaultNames } from './featureNames.js';
import { handleZerosInScale, mapDense, orderedPair } from './scaleUtils.js';

/** Hyper-parameters of MinMaxScaler. */
export interface MinMaxScalerOptions {
  /** Target range [min, max] with min < max; default [0, 1]. */
  featureRange?: readonly [number, number] | number[];
  /** Clip transformed values of unseen data into featureRange; default false. */
  clip?: boolean;
}

interface MinMaxScalerState extends TransformerState {
  dataMin: Float64Array;
  dataMax: Float64Array;
  scale: Float64Array;
  min: Float64Array;
  nSamplesSeen: number;
}

/**
 * Scales each feature linearly so the training minimum and maximum map to featureRange (scikit-learn's
 * `MinMaxScaler`: x · scale + min with scale = (hi − lo) / (max − min), constant columns get scale (hi − lo)).
 * NaN is ignored in fit and kept in transform. `partialFit` tracks running minima and maxima. Dense input only.
 */
export class MinMaxScaler extends BaseTransformer<MinMaxScalerOptions, MinMaxScalerState> {
  static override readonly className: string = 'MinMaxScaler';
  static override readonly spec = {
    featureRange: orderedPair(),
    clip: bool,
  };
  static override readonly defaults = { featureRange: [0, 1], clip: false };

  /** Per-column minimum seen. */
  get dataMin(): Float64Array {
    return this.fitted('dataMin').dataMin.slice();
  }
  /** Per-column maximum seen. */
  get dataMax(): Float64Array {
    return this.fitted('dataMax').dataMax.slice();
  }
  /** Per-column max − min. */
  get dataRange(): Float64Array {
    const s = this.fitted('dataRange');
    return s.dataMax.map((v, j) => v - (s.dataMin[j] as number));
  }
  /** Per-column factor of transform. */
  get scale(): Float64Array {
    return this.fitted('scale').scale.slice();
  }
  /** Per-column offset of transform. */
  get min(): Float64Array {
    return this.fitted('min').min.slice();
  }
  /** Rows seen. */
  get nSamplesSeen(): number {
    return this.fitted('nSamplesSeen').nSamplesSeen;
  }

  /** Learns per-column minima and maxima from scratch. */
  fit(X: MatrixLike): this {
    this.state = undefined;
    return this.partialFit(X);
  }

  /**
   * Updates the running minima and maxima with one more batch.
   * @throws DataError on sparse or bad input; ShapeError on another column count
   */
  partialFit(X: MatrixLike): this {
    const where = `MinMaxScaler.${this.state ? 'partialFit' : 'fit'}`;
    const m = checkDense(X, { where, allowNaN: true, nFeatures: this.state?.nFeaturesIn });
    const cols = m.cols;
    const lo = new Float64Array(cols).fill(NaN);
    const hi = new Float64Array(cols).fill(NaN);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = m.data[i * cols + j] as number;
        if (Number.isNaN(v)) continue;
        if (!(v >= (lo[j] as number))) lo[j] = v; // NaN start: the first value wins
        if (!(v <= (hi[j] as number))) hi[j] = v;
      }
    }
    const prev = this.state;
    const dataMin = prev ? lo.map((v, j) => Math.min(prev.dataMin[j] as number, v)) : lo;
    const dataMax = prev ? hi.map((v, j) => Math.max(prev.dataMax[j] as number, v)) : hi;
    const [a, b] = this.params.featureRange as [number, number];
    const range = handleZerosInScale(dataMax.map((v, j) => v - (dataMin[j] as number)));
    const scale = range.map((r) => (b - a) / r);
    const min = scale.map((s, j) => a - (dataMin[j] as number) * s);
    this.state = { nFeaturesIn: cols, dataMin, dataMax, scale, min, nSamplesSeen: (prev?.nSamplesSeen ?? 0) + m.rows };
    return this;
  }

  /** x · scale + min, clipped into featureRange when `clip`. */
  transform(X: MatrixLike): DenseMatrix {
    const s = this.fitted('transform');
    const m = checkDense(X, { where: 'MinMaxScaler.transform', allowNaN: true, nFeatures: s.nFeaturesIn });
    const [a, b] = this.params.featureRange as [number, number];
    const clip = this.params.clip;
    return mapDense(m, (v, j) => {
      const t = v * (s.scale[j] as number) + (s.min[j] as number);
      return clip ? Math.min(b, Math.max(a, t)) : t;
    });
  }

  /** (x − min) / scale. */
  override inverseTransform(X: MatrixLike): DenseMatrix {
    const s = this.fitted('inverseTransform');
    const m = checkDense(X, { where: 'MinMaxScaler.inverseTransform', allowNaN: true, nFeatures: s.nFeaturesIn });
    return mapDense(m, (v, j) => (v - (s.min[j] as number)) / (s.scale[j] as number));
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
  }
}

registerEstimator(MinMaxScaler);

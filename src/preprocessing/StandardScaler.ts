import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import { checkSampleWeight } from '../estimators/base/labels.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { bool } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { type RunningMoments, denseMoments, mergeMoments, sparseMoments } from './columnMoments.js';
import { defaultNames } from './featureNames.js';
import { cannotCenterSparse, constantFeatureMask, handleZerosInScale, mapDense, mapSparse } from './scaleUtils.js';

/** Hyper-parameters of StandardScaler. */
export interface StandardScalerOptions {
  /** Subtract the mean; default true (must be false for sparse input). */
  withMean?: boolean;
  /** Divide by the standard deviation; default true. */
  withStd?: boolean;
}

/** Options of `fit` / `partialFit`. */
export interface ScalerFitOptions {
  /** Per-sample weights of the statistics; default all ones. */
  sampleWeight?: ArrayLike<number> | undefined;
}

interface StandardScalerState extends TransformerState {
  /** Running moments (count, mean, variance) per column; null when neither centring nor scaling. */
  moments: RunningMoments | null;
  /** Non-NaN samples (weighted) seen per column. */
  nSamplesSeen: Float64Array;
  scale: Float64Array | null;
}

/**
 * Standardises features to zero mean and unit variance: z = (x − mean) / std (scikit-learn's `StandardScaler`,
 * same statistics: population variance, constant features scaled by 1, NaN ignored in fit and kept in transform).
 * `partialFit` merges batches with Chan et al.'s update, so streams give the same result as one fit.
 * Sparse CSR input is scaled without centring (`withMean: false`).
 *
 * @example
 * const z = new StandardScaler().fitTransform([[0, 1], [2, 3]]); // [[-1, -1], [1, 1]]
 */
export class StandardScaler extends BaseTransformer<StandardScalerOptions, StandardScalerState> {
  static override readonly className: string = 'StandardScaler';
  static override readonly spec = { withMean: bool, withStd: bool };
  static override readonly defaults = { withMean: true, withStd: true };

  /** Per-column mean (null when neither withMean nor withStd). */
  get mean(): Float64Array | null {
    return this.fitted('mean').moments?.mean.slice() ?? null;
  }

  /** Per-column population variance (null without withStd). */
  get var(): Float64Array | null {
    const s = this.fitted('var');
    return this.params.withStd ? (s.moments?.variance.slice() ?? null) : null;
  }

  /** Per-column divisor: √var, or 1 for constant columns (null without withStd). */
  get scale(): Float64Array | null {
    return this.fitted('scale').scale?.slice() ?? null;
  }

  /** Samples seen: a number, or one per column when NaN made them differ. */
  get nSamplesSeen(): number | Float64Array {
    const n = this.fitted('nSamplesSeen').nSamplesSeen;
    return n.every((v) => v === n[0]) ? (n[0] as number) : n.slice();
  }

  /**
   * Computes mean and standard deviation from scratch.
   * @throws DataError on bad X (±Infinity, ragged, non-numeric) or centring sparse input; ShapeError/ValueError on
   *   bad sampleWeight
   */
  fit(X: MatrixLike, _y?: unknown, options: ScalerFitOptions = {}): this {
    this.state = undefined;
    return this.partialFit(X, undefined, options);
  }

  /**
   * Updates the statistics with one more batch (the first call acts as fit).
   * @throws ShapeError when the batch has another number of columns than earlier ones
   */
  partialFit(X: MatrixLike, _y?: unknown, options: ScalerFitOptions = {}): this {
    const where = `StandardScaler.${this.state ? 'partialFit' : 'fit'}`;
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: this.state?.nFeaturesIn });
    const { withMean, withStd } = this.params;
    if (m instanceof CsrMatrix && withMean) throw cannotCenterSparse(where, 'withMean');
    const weights =
      options.sampleWeight === undefined ? undefined : checkSampleWeight(options.sampleWeight, m.rows, where);
    const batch = m instanceof CsrMatrix ? sparseMoments(m, weights) : denseMoments(m, weights);
    const previous = this.state;
    const nSamplesSeen = batch.count.map((c, j) => c + (previous ? (previous.nSamplesSeen[j] as number) : 0));
    let moments: RunningMoments | null = null;
    let scale: Float64Array | null = null;
    if (withMean || withStd) {
      moments = mergeMoments(previous?.moments ?? null, batch);
      if (withStd) {
        const mask = constantFeatureMask(moments.variance, moments.mean, moments.count);
        scale = handleZerosInScale(moments.variance.map(Math.sqrt), mask);
      }
    }
    this.state = { nFeaturesIn: m.cols, moments, nSamplesSeen, scale };
    return this;
  }

  /**
   * Standardises X: (x − mean) / scale (sparse: x · (1 / scale)). NaN stays NaN.
   * @throws NotFittedError before fit; ShapeError on another column count; DataError on sparse input with withMean
   */
  transform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('transform');
    const where = 'StandardScaler.transform';
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: s.nFeaturesIn });
    const scale = s.scale;
    if (m instanceof CsrMatrix) {
      if (this.params.withMean) throw cannotCenterSparse(where, 'withMean');
      if (scale === null) return mapSparse(m, (v) => v);
      const inv = scale.map((v) => 1 / v); // scikit-learn's inplace_column_scale multiplies by 1 / scale
      return mapSparse(m, (v, j) => v * (inv[j] as number));
    }
    const mean = this.params.withMean && s.moments ? s.moments.mean : null;
    return mapDense(m, (v, j) => {
      const centred = mean ? v - (mean[j] as number) : v;
      return scale ? centred / (scale[j] as number) : centred;
    });
  }

  /** Undoes `transform`: x · scale + mean. */
  override inverseTransform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('inverseTransform');
    const where = 'StandardScaler.inverseTransform';
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: s.nFeaturesIn });
    const scale = s.scale;
    if (m instanceof CsrMatrix) {
      if (this.params.withMean) throw cannotCenterSparse(where, 'withMean');
      return mapSparse(m, (v, j) => (scale ? v * (scale[j] as number) : v));
    }
    const mean = this.params.withMean && s.moments ? s.moments.mean : null;
    return mapDense(m, (v, j) => {
      const scaled = scale ? v * (scale[j] as number) : v;
      return mean ? scaled + (mean[j] as number) : scaled;
    });
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
  }
}

registerEstimator(StandardScaler);

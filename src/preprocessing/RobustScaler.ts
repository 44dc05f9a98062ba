import { BaseTransformer, type TransformerState } from '../estimators/base/BaseTransformer.js';
import { checkMatrix } from '../estimators/base/checkMatrix.js';
import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { percentileSorted } from '../estimators/base/quantile.js';
import { bool } from '../estimators/base/validators.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { defaultNames } from './featureNames.js';
import { normalPpf } from './normalPpf.js';
import { cannotCenterSparse, handleZerosInScale, mapDense, mapSparse, orderedPair } from './scaleUtils.js';

/** Hyper-parameters of RobustScaler. */
export interface RobustScalerOptions {
  /** Subtract the median; default true (must be false for sparse input). */
  withCentering?: boolean;
  /** Divide by the interquantile range; default true. */
  withScaling?: boolean;
  /** Percentiles [qMin, qMax] in [0, 100] of the range; default [25, 75] (the IQR). */
  quantileRange?: readonly [number, number] | number[];
  /** Also divide by the range's width under a standard normal, so normal data gets unit variance; default false. */
  unitVariance?: boolean;
}

interface RobustScalerState extends TransformerState {
  center: Float64Array | null;
  scale: Float64Array | null;
}

/**
 * Scales with statistics robust to outliers: (x − median) / (q_max − q_min) per feature (scikit-learn's
 * `RobustScaler`; percentiles by numpy's linear interpolation, NaN ignored in fit and kept in transform).
 * Sparse CSR input is scaled without centring (`withCentering: false`); its implicit zeros count in the percentiles.
 */
export class RobustScaler extends BaseTransformer<RobustScalerOptions, RobustScalerState> {
  static override readonly className: string = 'RobustScaler';
  static override readonly spec = {
    withCentering: bool,
    withScaling: bool,
    quantileRange: orderedPair(0, 100, true),
    unitVariance: bool,
  };
  static override readonly defaults = {
    withCentering: true,
    withScaling: true,
    quantileRange: [25, 75],
    unitVariance: false,
  };

  /** Per-column median (null without centring). */
  get center(): Float64Array | null {
    return this.fitted('center').center?.slice() ?? null;
  }
  /** Per-column divisor (null without scaling). */
  get scale(): Float64Array | null {
    return this.fitted('scale').scale?.slice() ?? null;
  }

  /**
   * Computes medians and quantile ranges.
   * @throws DataError on bad input or centring sparse input
   */
  fit(X: MatrixLike): this {
    const where = 'RobustScaler.fit';
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true });
    const { withCentering, withScaling, unitVariance } = this.params;
    const [qMin, qMax] = this.params.quantileRange as [number, number];
    if (m instanceof CsrMatrix && withCentering) throw cannotCenterSparse(where, 'withCentering');
    const columns = sortedColumns(m);
    const center = withCentering ? Float64Array.from(columns, (c) => (c.length ? percentileSorted(c, 50) : NaN)) : null;
    let scale: Float64Array | null = null;
    if (withScaling) {
      const iqr = Float64Array.from(columns, (c) =>
        c.length ? percentileSorted(c, qMax) - percentileSorted(c, qMin) : NaN,
      );
      scale = handleZerosInScale(iqr);
      if (unitVariance) {
        const adjust = normalPpf(qMax / 100) - normalPpf(qMin / 100);
        scale = scale.map((s) => s / adjust);
      }
    }
    this.state = { nFeaturesIn: m.cols, center, scale };
    return this;
  }

  /** (x − center) / scale (sparse: x · (1 / scale)). */
  transform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('transform');
    const where = 'RobustScaler.transform';
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: s.nFeaturesIn });
    if (m instanceof CsrMatrix) {
      if (this.params.withCentering) throw cannotCenterSparse(where, 'withCentering');
      const inv = s.scale?.map((v) => 1 / v) ?? null;
      return mapSparse(m, (v, j) => (inv ? v * (inv[j] as number) : v));
    }
    return mapDense(m, (v, j) => {
      const c = s.center ? v - (s.center[j] as number) : v;
      return s.scale ? c / (s.scale[j] as number) : c;
    });
  }

  /** x · scale + center. */
  override inverseTransform(X: MatrixLike): DenseMatrix | CsrMatrix {
    const s = this.fitted('inverseTransform');
    const where = 'RobustScaler.inverseTransform';
    const m = checkMatrix(X, { where, acceptSparse: true, allowNaN: true, nFeatures: s.nFeaturesIn });
    if (m instanceof CsrMatrix) {
      if (this.params.withCentering) throw cannotCenterSparse(where, 'withCentering');
      return mapSparse(m, (v, j) => (s.scale ? v * (s.scale[j] as number) : v));
    }
    return mapDense(m, (v, j) => {
      const c = s.scale ? v * (s.scale[j] as number) : v;
      return s.center ? c + (s.center[j] as number) : c;
    });
  }

  /** The input names (a one-to-one transformer). */
  override getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return defaultNames(this.fitted('getFeatureNamesOut').nFeaturesIn, inputFeatures);
  }
}

/** Each column's non-NaN values, ascending (implicit zeros of a sparse matrix included). */
function sortedColumns(m: DenseMatrix | CsrMatrix): Float64Array[] {
  const cols: number[][] = Array.from({ length: m.cols }, () => []);
  if (m instanceof CsrMatrix) {
    const stored = new Array<number>(m.cols).fill(0);
    for (let k = 0; k < m.nnz; k++) {
      const j = m.indices[k] as number;
      stored[j] = (stored[j] as number) + 1;
      const v = m.values[k] as number;
      if (!Number.isNaN(v)) (cols[j] as number[]).push(v);
    }
    cols.forEach((c, j) => {
      for (let z = stored[j] as number; z < m.rows; z++) c.push(0);
    });
  } else {
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j] as number;
        if (!Number.isNaN(v)) (cols[j] as number[]).push(v);
      }
    }
  }
  return cols.map((c) => Float64Array.from(c).sort());
}

registerEstimator(RobustScaler);

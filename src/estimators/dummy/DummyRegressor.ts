import { ConfigError } from '../../errors/errors.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseRegressor, type RegressorState } from '../base/BaseRegressor.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import { type MatrixLike, matrixKind, numRows } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { medianSorted, percentileSorted, sortedCopy, weightedPercentile } from '../base/quantile.js';
import { nullable, oneOf, range } from '../base/validators.js';
import { inputWidth } from './inputWidth.js';

/** How a DummyRegressor predicts (scikit-learn's strategies). */
export type DummyRegressorStrategy = 'mean' | 'median' | 'quantile' | 'constant';

/** Hyper-parameters of DummyRegressor. */
export interface DummyRegressorOptions {
  /**
   * - `'mean'` (default): the (weighted) mean of the training targets;
   * - `'median'`: their median (with weights: scikit-learn's lower weighted percentile 50);
   * - `'quantile'`: their `quantile` (numpy's linear interpolation; with weights the lower weighted percentile);
   * - `'constant'`: always `constant`.
   */
  strategy?: DummyRegressorStrategy;
  /** The value predicted by `strategy: 'constant'`. */
  constant?: number | null;
  /** The quantile predicted by `strategy: 'quantile'`, in [0, 1]. */
  quantile?: number | null;
}

interface DummyRegressorState extends RegressorState {
  /** The value every prediction takes. */
  constant: number;
}

/**
 * A regressor that ignores the features and predicts one statistic of the training targets (scikit-learn's
 * `DummyRegressor`): the baseline every real model must beat. X is used only for its number of rows.
 *
 * @example
 * new DummyRegressor({ strategy: 'median' }).fit([[0], [0], [0]], [1, 2, 10]).predict([[0]]); // Float64Array [2]
 */
export class DummyRegressor extends BaseRegressor<DummyRegressorOptions, DummyRegressorState> {
  static override readonly className: string = 'DummyRegressor';
  static override readonly spec = {
    strategy: oneOf('mean', 'median', 'quantile', 'constant'),
    constant: nullable(range(-Infinity, Infinity, '()')),
    quantile: nullable(range(0, 1)),
  };
  static override readonly defaults = { strategy: 'mean', constant: null, quantile: null };

  /** The value every prediction takes (scikit-learn's `constant_`). */
  get constant(): number {
    return this.fitted('constant').constant;
  }

  protected override checkParams(): void {
    const { strategy, constant, quantile } = this.params;
    if (strategy === 'constant' && constant === null) {
      throw new ConfigError('DummyRegressor: "constant" must be set when strategy is "constant"; received null.', {
        option: 'constant',
      });
    }
    if (strategy === 'quantile' && quantile === null) {
      throw new ConfigError('DummyRegressor: "quantile" must be set when strategy is "quantile"; received null.', {
        option: 'quantile',
      });
    }
  }

  /**
   * Computes the statistic of `y`.
   * @throws ShapeError when X and y differ in length; DataError on a non-finite target
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.checkParams();
    const where = 'DummyRegressor.fit';
    matrixKind(X, where);
    const n = numRows(X);
    const target = checkTarget(y, where, n);
    const weighted = options.sampleWeight !== undefined;
    const w = checkSampleWeight(options.sampleWeight, n, where);
    let value: number;
    switch (this.params.strategy) {
      case 'mean': {
        // np.average: Σ w·y / Σ w
        let swy = 0;
        let sw = 0;
        for (let i = 0; i < n; i++) {
          swy += (w[i] as number) * (target[i] as number);
          sw += w[i] as number;
        }
        value = swy / sw;
        break;
      }
      case 'median':
        value = weighted ? weightedPercentile(target, w, 50) : medianSorted(sortedCopy(target));
        break;
      case 'quantile': {
        const q = (this.params.quantile as number) * 100;
        value = weighted ? weightedPercentile(target, w, q) : percentileSorted(sortedCopy(target), q);
        break;
      }
      default:
        value = this.params.constant as number;
    }
    this.state = { nFeaturesIn: inputWidth(X), constant: value };
    return this;
  }

  /**
   * The fitted constant for every row of X.
   * @throws NotFittedError before fit
   */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    matrixKind(X, 'DummyRegressor.predict');
    return new Float64Array(numRows(X)).fill(s.constant);
  }
}

registerEstimator(DummyRegressor);

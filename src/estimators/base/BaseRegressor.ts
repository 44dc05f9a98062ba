import type { FitOptions, ScoreOptions } from './BaseClassifier.js';
import { BaseEstimator } from './BaseEstimator.js';
import { checkLength, checkSampleWeight, checkTarget } from './labels.js';
import type { MatrixLike } from './matrixLike.js';
import { r2 } from './scoring.js';

/** Learned state every regressor has. */
export interface RegressorState {
  /** Number of features seen in `fit`. */
  nFeaturesIn: number;
}

/** Base of every regressor: numeric targets, `predict` returns a Float64Array, `score` is R². */
export abstract class BaseRegressor<O extends object, S extends RegressorState> extends BaseEstimator<O, S> {
  readonly estimatorType = 'regressor' as const;

  /** Number of features seen in `fit`. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeaturesIn;
  }

  abstract override fit(X: MatrixLike, y: ArrayLike<number>, options?: FitOptions): this;

  /** Predicted target of every row of X. */
  abstract predict(X: MatrixLike): Float64Array;

  /**
   * Coefficient of determination R² of `predict(X)` against `y` (weighted by `sampleWeight`).
   * @throws ShapeError when X and y differ in length
   */
  score(X: MatrixLike, y: ArrayLike<number>, options: ScoreOptions = {}): number {
    const where = `${this.className}.score`;
    const target = checkTarget(y, where);
    const predicted = this.predict(X);
    checkLength(target, predicted.length, where, 'y', 'values');
    return r2(target, predicted, checkSampleWeight(options.sampleWeight, target.length, where));
  }
}

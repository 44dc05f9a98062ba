import type { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { BaseEstimator } from './BaseEstimator.js';
import type { DenseMatrix } from './DenseMatrix.js';
import type { MatrixLike } from './matrixLike.js';

/** Learned state every transformer has. */
export interface TransformerState {
  /** Number of input columns seen in `fit`. */
  nFeaturesIn: number;
}

/**
 * Base of every transformer: `fit` learns statistics, `transform` applies them, `fitTransform` does both.
 * @typeParam Out what `transform` returns (a dense or sparse matrix for the numeric transformers)
 */
export abstract class BaseTransformer<
  O extends object,
  S extends TransformerState,
  Out = DenseMatrix | CsrMatrix,
> extends BaseEstimator<O, S> {
  readonly estimatorType = 'transformer' as const;

  /** Number of input columns seen in `fit`. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeaturesIn;
  }

  abstract override fit(X: MatrixLike, y?: unknown): this;

  /** Applies the learned transformation to every row of X. */
  abstract transform(X: MatrixLike): Out;

  /** `fit(X, y)` then `transform(X)`. */
  fitTransform(X: MatrixLike, y?: unknown): Out {
    return this.fit(X, y).transform(X);
  }

  /** Maps transformed rows back to the input space (where the transformation is invertible). */
  inverseTransform?(X: MatrixLike): unknown;

  /**
   * Names of the output columns.
   * @param inputFeatures names of the input columns; default those seen in `fit` or `x0, x1, …`
   */
  getFeatureNamesOut?(inputFeatures?: readonly string[]): string[];
}

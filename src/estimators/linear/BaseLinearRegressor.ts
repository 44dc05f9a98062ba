import { BaseRegressor, type RegressorState } from '../base/BaseRegressor.js';
import { checkMatrix } from '../base/checkMatrix.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { linearScores } from './linalg/linearScores.js';

/** Learned state shared by the single-target least-squares regressors. */
export interface LinearRegressorState extends RegressorState {
  /** One coefficient per feature. */
  coef: Float64Array;
  /** 0 when `fitIntercept` is false. */
  intercept: number;
  /** Solver iterations of the last fit (0 for direct solvers). */
  nIter: number;
}

/** Base of LinearRegression, Ridge, Lasso and ElasticNet: prediction X·coef + intercept and the learned attributes. */
export abstract class BaseLinearRegressor<O extends object, S extends LinearRegressorState> extends BaseRegressor<
  O,
  S
> {
  /** Predicted target of every row. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    const M = checkMatrix(X, { where: `${this.className}.predict`, acceptSparse: true, nFeatures: s.nFeaturesIn });
    return linearScores(M, s.coef, Float64Array.of(s.intercept));
  }

  /** Coefficients, one per feature. */
  get coef(): Float64Array {
    return Float64Array.from(this.fitted('coef').coef);
  }

  /** The intercept (0 when `fitIntercept` is false). */
  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  /** Solver iterations of the last fit (0 for the direct solvers: 'normal', 'cholesky'). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }
}

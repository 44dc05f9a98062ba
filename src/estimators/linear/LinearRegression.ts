import { ConfigError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import { warn } from '../../util/warnings.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseLinearRegressor, type LinearRegressorState } from './BaseLinearRegressor.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { anyOf, bool, integer, oneOf, range } from '../base/validators.js';
import { leastSquaresCentres, interceptFrom } from './leastSquaresCentres.js';
import { CenteredOperator } from './linalg/CenteredOperator.js';
import { centeredGram } from './linalg/centeredGram.js';
import { cholesky, choleskySolve } from './linalg/cholesky.js';
import { MAX_NORMAL_FEATURES } from './linalg/maxNormalFeatures.js';
import { pinvSolve } from './linalg/symmetricEigen.js';
import { leastSquaresGd } from './solvers/leastSquaresGd.js';

/** Hyper-parameters of LinearRegression. */
export interface LinearRegressionOptions {
  /** Learn an intercept. Default true. */
  fitIntercept?: boolean;
  /**
   * 'normal' (default): solve the normal equations XᵀWXθ = XᵀWy (Cholesky; minimum-norm solution when X is
   * rank-deficient, like numpy's lstsq). 'gd': batch gradient descent with a loss history.
   */
  solver?: 'normal' | 'gd';
  /** Step size of 'gd': a number > 0, or 'auto' = 1/L (L the largest Hessian eigenvalue). Default 'auto'. */
  learningRate?: number | 'auto';
  /** Most iterations of 'gd'. Default 10000. */
  maxIter?: number;
  /** 'gd' stops when every gradient component is at most `tol` in absolute value. Default 1e-8. */
  tol?: number;
}

/** Options of `fit`. */
export interface LinearRegressionFitOptions extends FitOptions {
  /** Called after every 'gd' iteration with the loss. */
  onProgress?: ProgressCallback;
}

/** Learned state of LinearRegression. */
export interface LinearRegressionState extends LinearRegressorState {
  /** Loss J(θ) = Σw(ŷ − y)²/(2Σw) before the first and after every 'gd' step (empty for 'normal'). */
  lossHistory: Float64Array;
  /** Rank of the centred design ('normal'; features for 'gd'). */
  rank: number;
}

/**
 * Ordinary least squares, scikit-learn's `LinearRegression`: minimises Σᵢ wᵢ (xᵢ·θ + b − yᵢ)². With
 * `solver: 'gd'` it runs the textbook batch gradient descent θ ← θ − α∇J(θ) until the gradient vanishes (within
 * `tol`), recording the loss of every iterate in `lossHistory`.
 *
 * @example
 * const lr = new LinearRegression().fit([[1], [2], [3]], [2, 4, 6]);
 * lr.coef; // Float64Array [2]
 */
export class LinearRegression extends BaseLinearRegressor<LinearRegressionOptions, LinearRegressionState> {
  static override readonly className = 'LinearRegression';
  static override readonly spec = {
    fitIntercept: bool,
    solver: oneOf('normal', 'gd'),
    learningRate: anyOf(oneOf('auto'), range(0, Infinity, '()')),
    maxIter: integer(1, Infinity),
    tol: range(0, Infinity, '[)'),
  };
  static override readonly defaults = {
    fitIntercept: true,
    solver: 'normal',
    learningRate: 'auto',
    maxIter: 10_000,
    tol: 1e-8,
  };

  /**
   * Fits the model.
   * @param X rows × features: nested arrays, a DenseMatrix (float32/float64) or a CsrMatrix
   * @param y one finite target per row
   * @returns this
   * @throws DataError on NaN/infinite/ragged input; ShapeError when lengths differ; ConfigError when 'normal' would
   *   need a Gram matrix of more than 10,000 features (use 'gd', or Ridge with solver 'cg')
   * @throws ValueError when 'gd' diverges
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: LinearRegressionFitOptions = {}): this {
    const where = `${this.className}.fit`;
    const { fitIntercept, solver, learningRate, maxIter, tol } = this.params as Required<LinearRegressionOptions>;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const target = checkTarget(y, where, M.rows);
    const sw = checkSampleWeight(options.sampleWeight, M.rows, where);
    const centres = leastSquaresCentres(M, target, sw, fitIntercept);
    let coef: Float64Array;
    let nIter = 0;
    let lossHistory: Float64Array = new Float64Array(0);
    let rank = M.cols;
    if (solver === 'normal') {
      if (M.cols > MAX_NORMAL_FEATURES) {
        throw new ConfigError(
          `${where}: solver "normal" would form a ${M.cols} × ${M.cols} Gram matrix (limit ${MAX_NORMAL_FEATURES} features); use solver "gd", or Ridge with solver "cg".`,
          { where, features: M.cols },
        );
      }
      const { gram, rhs } = centeredGram(M, target, sw, centres.xMean, centres.yMean);
      const l = cholesky(gram, M.cols);
      if (l !== null) coef = choleskySolve(l, M.cols, rhs);
      else {
        // rank-deficient: the minimum-norm solution, as numpy's lstsq gives
        const solved = pinvSolve(gram, M.cols, rhs, Math.max(M.rows, M.cols) * 2.220446049250313e-16);
        coef = solved.x;
        rank = solved.rank;
      }
    } else {
      const yc = new Float64Array(M.rows);
      for (let i = 0; i < M.rows; i++) yc[i] = (target[i] as number) - centres.yMean;
      const onProgress = options.onProgress;
      const result = leastSquaresGd(new CenteredOperator(M, sw, centres.xMean), yc, {
        learningRate,
        maxIter,
        tol,
        onIteration:
          onProgress === undefined
            ? undefined
            : (it, loss) => onProgress({ label: `iteration ${it}`, done: it, total: maxIter, metrics: { loss } }),
      });
      coef = result.coef;
      nIter = result.nIter;
      lossHistory = result.lossHistory;
      if (!result.converged) {
        warn(
          'ConvergenceWarning',
          `${this.className}: gradient descent reached maxIter=${maxIter} before the gradient fell below tol=${tol}; increase maxIter, or scale the features (see StandardScaler).`,
          { estimator: this.className, maxIter },
        );
      }
    }
    this.state = {
      nFeaturesIn: M.cols,
      coef,
      intercept: fitIntercept ? interceptFrom(centres, coef) : 0,
      nIter,
      lossHistory,
      rank,
    };
    return this;
  }

  /** Loss before the first and after every gradient-descent step (empty for 'normal'). */
  get lossHistory(): Float64Array {
    return Float64Array.from(this.fitted('lossHistory').lossHistory);
  }

  /** Numerical rank of the centred design. */
  get rank(): number {
    return this.fitted('rank').rank;
  }
}

registerEstimator(LinearRegression);

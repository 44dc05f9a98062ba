import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { warn } from '../../util/warnings.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseLinearRegressor, type LinearRegressorState } from './BaseLinearRegressor.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { bool, integer, nullable, oneOf, range } from '../base/validators.js';
import { interceptFrom, leastSquaresCentres } from './leastSquaresCentres.js';
import { CenteredOperator } from './linalg/CenteredOperator.js';
import { centeredGram } from './linalg/centeredGram.js';
import { cholesky, choleskySolve } from './linalg/cholesky.js';
import type { Design } from './linalg/Design.js';
import { MAX_NORMAL_FEATURES } from './linalg/maxNormalFeatures.js';
import { pinvSolve } from './linalg/symmetricEigen.js';
import { conjugateGradient } from './solvers/conjugateGradient.js';

/** Hyper-parameters of Ridge. */
export interface RidgeOptions {
  /** L2 strength α >= 0 of ‖y − Xθ‖² + α‖θ‖². Default 1. */
  alpha?: number;
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept?: boolean;
  /**
   * 'cholesky': exact, via the features × features system (or the samples × samples kernel system when there are
   * fewer samples than features); 'cg': conjugate gradients, matrix-free, for large or sparse data; 'auto'
   * (default): 'cholesky' for dense input with at most 10,000 features, else 'cg'.
   */
  solver?: 'auto' | 'cholesky' | 'cg';
  /** Most 'cg' iterations; null: 10 × features. */
  maxIter?: number | null;
  /** Relative residual tolerance of 'cg'. Default 1e-4. */
  tol?: number;
}

/** Ridge's learned state: coefficients, intercept and 'cg' iterations (0 for 'cholesky'). */
export type RidgeState = LinearRegressorState;

/**
 * Linear least squares with L2 regularisation, scikit-learn's `Ridge`: minimises
 * Σᵢ wᵢ (yᵢ − xᵢ·θ − b)² + α‖θ‖² (the intercept is not penalised).
 *
 * @example
 * const r = new Ridge({ alpha: 0.1 }).fit(X, y);
 */
export class Ridge extends BaseLinearRegressor<RidgeOptions, RidgeState> {
  static override readonly className = 'Ridge';
  static override readonly spec = {
    alpha: range(0, Infinity, '[)'),
    fitIntercept: bool,
    solver: oneOf('auto', 'cholesky', 'cg'),
    maxIter: nullable(integer(1, Infinity)),
    tol: range(0, Infinity, '()'),
  };
  static override readonly defaults = { alpha: 1, fitIntercept: true, solver: 'auto', maxIter: null, tol: 1e-4 };

  /**
   * Fits the model.
   * @param X rows × features: nested arrays, a DenseMatrix or a CsrMatrix
   * @param y one finite target per row
   * @returns this
   * @throws DataError on NaN/infinite/ragged input; ShapeError when lengths differ
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const where = `${this.className}.fit`;
    const { alpha, fitIntercept, solver, maxIter, tol } = this.params as Required<RidgeOptions>;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const target = checkTarget(y, where, M.rows);
    const sw = checkSampleWeight(options.sampleWeight, M.rows, where);
    const centres = leastSquaresCentres(M, target, sw, fitIntercept);
    const useCg = solver === 'cg' || (solver === 'auto' && (M instanceof CsrMatrix || M.cols > MAX_NORMAL_FEATURES));
    let coef: Float64Array;
    let nIter = 0;
    if (useCg) {
      const op = new CenteredOperator(M, sw, centres.xMean);
      const wy = new Float64Array(M.rows);
      for (let i = 0; i < M.rows; i++) wy[i] = (sw[i] as number) * ((target[i] as number) - centres.yMean);
      const rhs = op.transpose(wy, new Float64Array(M.cols));
      const result = conjugateGradient(
        (v, out) => {
          op.gram(v, out);
          for (let j = 0; j < out.length; j++) out[j] = (out[j] as number) + alpha * (v[j] as number);
        },
        rhs,
        tol,
        maxIter ?? 10 * M.cols,
      );
      coef = result.x;
      nIter = result.nIter;
      if (!result.converged) {
        warn(
          'ConvergenceWarning',
          `${this.className}: conjugate gradients stopped after ${nIter} iterations before reaching tol=${tol}; increase maxIter.`,
          { estimator: this.className, nIter },
        );
      }
    } else if (M.rows < M.cols) {
      coef = kernelRidge(M, target, sw, centres.xMean, centres.yMean, alpha);
    } else {
      const { gram, rhs } = centeredGram(M, target, sw, centres.xMean, centres.yMean);
      for (let j = 0; j < M.cols; j++) gram[j * M.cols + j] = (gram[j * M.cols + j] as number) + alpha;
      const l = cholesky(gram, M.cols);
      coef = l !== null ? choleskySolve(l, M.cols, rhs) : pinvSolve(gram, M.cols, rhs).x;
    }
    this.state = {
      nFeaturesIn: M.cols,
      coef,
      intercept: fitIntercept ? interceptFrom(centres, coef) : 0,
      nIter,
    };
    return this;
  }
}

registerEstimator(Ridge);

/**
 * The dual (kernel) form for fewer samples than features: with X̃ = W^½·X꜀ and ỹ = W^½·y꜀,
 * θ = X̃ᵀ(X̃X̃ᵀ + αI)⁻¹ỹ — an n × n system instead of d × d.
 */
function kernelRidge(
  M: Design,
  y: Float64Array,
  sw: Float64Array,
  xMean: Float64Array,
  yMean: number,
  alpha: number,
): Float64Array {
  const n = M.rows;
  const d = M.cols;
  const dense = M instanceof CsrMatrix ? M.toDense() : M.data;
  const xt = new Float64Array(n * d);
  const yt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = Math.sqrt(sw[i] as number);
    for (let j = 0; j < d; j++) xt[i * d + j] = s * ((dense[i * d + j] as number) - (xMean[j] as number));
    yt[i] = s * ((y[i] as number) - yMean);
  }
  const k = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += (xt[a * d + j] as number) * (xt[b * d + j] as number);
      k[a * n + b] = dot;
      k[b * n + a] = dot;
    }
    k[a * n + a] = (k[a * n + a] as number) + alpha;
  }
  const l = cholesky(k, n);
  const dual = l !== null ? choleskySolve(l, n, yt) : pinvSolve(k, n, yt).x;
  const coef = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = dual[i] as number;
    for (let j = 0; j < d; j++) coef[j] = (coef[j] as number) + c * (xt[i * d + j] as number);
  }
  return coef;
}

import { ConfigError } from '../../../errors/errors.js';
import { randomFor } from '../../../util/random.js';
import { warn } from '../../../util/warnings.js';
import type { FitOptions } from '../../base/BaseClassifier.js';
import { BaseRegressor, type RegressorState } from '../../base/BaseRegressor.js';
import { checkMatrix } from '../../base/checkMatrix.js';
import { DenseMatrix } from '../../base/DenseMatrix.js';
import { checkSampleWeight, checkTarget } from '../../base/labels.js';
import type { MatrixLike } from '../../base/matrixLike.js';
import { registerEstimator } from '../../base/persistence.js';
import { bool, integer, oneOf, range, seed } from '../../base/validators.js';
import { convergenceAdvice } from '../convergenceAdvice.js';
import { dualCdSvr } from './dualCdSvr.js';
import { linearRows } from './LinearRows.js';
import { linearScores } from './linearDecision.js';

/** Hyper-parameters of LinearSVR. */
export interface LinearSVROptions {
  /** Half-width of the insensitive tube, ≥ 0; default 0. */
  epsilon?: number;
  /** Stopping tolerance, > 0: stop when ‖∇ᴾ‖₁ ≤ tol · its initial value; default 1e-4. */
  tol?: number;
  /** Penalty parameter, > 0; default 1. */
  C?: number;
  /** `'epsilon_insensitive'` (L1 loss, default) or `'squared_epsilon_insensitive'` (L2 loss). */
  loss?: 'epsilon_insensitive' | 'squared_epsilon_insensitive';
  /** Learn an intercept (LIBLINEAR's bias feature); default true. */
  fitIntercept?: boolean;
  /** Value of the bias feature, > 0; default 1. */
  interceptScaling?: number;
  /** `'auto'` (default) or true: dual coordinate descent. `false` is solved in the dual too (same minimiser). */
  dual?: 'auto' | boolean;
  /** Iteration limit (passes over the data), ≥ 1; default 1000. */
  maxIter?: number;
  /** Seed of the random coordinate order. */
  seed?: number | null;
}

interface LinearSVRState extends RegressorState {
  coef: Float64Array;
  intercept: number;
  nIter: number;
}

/**
 * Linear support vector regression (LIBLINEAR; scikit-learn's `LinearSVR`): min ½‖w‖² + C Σ loss(y_i − wᵀx_i)
 * with the ε-insensitive loss (or its square), by dual coordinate descent (Ho & Lin 2012). Dense and CSR input.
 *
 * @example
 * const reg = new LinearSVR({ C: 1, epsilon: 0.1 }).fit(X, y);
 */
export class LinearSVR extends BaseRegressor<LinearSVROptions, LinearSVRState> {
  static override readonly className: string = 'LinearSVR';
  static override readonly spec = {
    epsilon: range(0, Infinity, '[)'),
    tol: range(0, Infinity, '()'),
    C: range(0, Infinity, '()'),
    loss: oneOf('epsilon_insensitive', 'squared_epsilon_insensitive'),
    fitIntercept: bool,
    interceptScaling: range(0, Infinity, '()'),
    dual: oneOf('auto', true, false),
    maxIter: integer(1, Infinity),
    seed,
  };
  static override readonly defaults = {
    epsilon: 0,
    tol: 1e-4,
    C: 1,
    loss: 'epsilon_insensitive',
    fitIntercept: true,
    interceptScaling: 1,
    dual: 'auto',
    maxIter: 1000,
    seed: null,
  };

  protected override checkParams(): void {
    if (this.params.loss === 'epsilon_insensitive' && this.params.dual === false) {
      throw new ConfigError(
        'LinearSVR: loss "epsilon_insensitive" is solved in the dual only; set dual to true or "auto".',
        {
          option: 'dual',
        },
      );
    }
  }

  /**
   * Trains the regressor.
   * @param X dense or CSR rows
   * @param y finite targets
   * @param options `sampleWeight` multiplies each sample's C
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.checkParams();
    const where = 'LinearSVR.fit';
    const p = this.params as Required<LinearSVROptions>;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const z = checkTarget(y, where, M.rows);
    const weights = checkSampleWeight(options.sampleWeight, M.rows, where);
    const C = Float64Array.from(weights, (w) => w * p.C);
    const bias = p.fitIntercept ? p.interceptScaling : 0;
    const rows = linearRows(M, bias);
    const r = dualCdSvr(
      rows,
      z,
      C,
      p.epsilon,
      p.loss === 'squared_epsilon_insensitive',
      { eps: p.tol, maxIter: p.maxIter },
      randomFor(p.seed ?? undefined),
    );
    if (!r.converged)
      warn('ConvergenceWarning', convergenceAdvice(where, p.maxIter, p.tol, 1, 1), { where, maxIter: p.maxIter });
    const d = M.cols;
    this.state = {
      nFeaturesIn: d,
      coef: r.w.slice(0, d),
      intercept: bias > 0 ? bias * (r.w[d] as number) : 0,
      nIter: r.iterations,
    };
    return this;
  }

  /**
   * Predicted targets X·coef + intercept.
   * @throws NotFittedError before fit
   */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    const M = checkMatrix(X, { where: 'LinearSVR.predict', acceptSparse: true, nFeatures: s.nFeaturesIn });
    return linearScores(M, s.coef, Float64Array.of(s.intercept));
  }

  /** Weights, 1 × features. */
  get coef(): DenseMatrix {
    const s = this.fitted('coef');
    return new DenseMatrix(1, s.nFeaturesIn, s.coef.slice());
  }

  /** The intercept. */
  get intercept(): number {
    return this.fitted('intercept').intercept;
  }

  /** Passes over the data made. */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }
}

registerEstimator(LinearSVR);

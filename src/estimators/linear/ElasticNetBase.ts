import { randomFor } from '../../util/random.js';
import { warn } from '../../util/warnings.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseLinearRegressor, type LinearRegressorState } from './BaseLinearRegressor.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { bool, integer, oneOf, range, seed } from '../base/validators.js';
import { interceptFrom, leastSquaresCentres } from './leastSquaresCentres.js';
import { cdDesign } from './solvers/CdDesign.js';
import { enetCoordinateDescent } from './solvers/coordinateDescent.js';

/** Hyper-parameters shared by Lasso and ElasticNet (scikit-learn's, camelCase). */
export interface LassoOptions {
  /** Regularisation strength α >= 0. Default 1. */
  alpha?: number;
  /** Learn an (unpenalised) intercept. Default true. */
  fitIntercept?: boolean;
  /** Most coordinate-descent sweeps. Default 1000. */
  maxIter?: number;
  /** Tolerance: sweeps stop when the duality gap is below tol·‖y − ȳ‖². Default 1e-4. */
  tol?: number;
  /** Start from the previous solution. Default false. */
  warmStart?: boolean;
  /** Constrain the coefficients to be >= 0. Default false. */
  positive?: boolean;
  /** 'cyclic' (default) visits features in order; 'random' picks one at random each step (seeded). */
  selection?: 'cyclic' | 'random';
  /** Seed of 'random' selection; null: the global generator. */
  seed?: number | null;
}

/** Learned state of Lasso and ElasticNet. */
export interface ElasticNetState extends LinearRegressorState {
  /** Duality gap at the end, of the objective as scikit-learn scales it (divided by the sample count). */
  dualGap: number;
}

/** The constraints shared by Lasso and ElasticNet. */
export const LASSO_SPEC = {
  alpha: range(0, Infinity, '[)'),
  fitIntercept: bool,
  maxIter: integer(1, Infinity),
  tol: range(0, Infinity, '[)'),
  warmStart: bool,
  positive: bool,
  selection: oneOf('cyclic', 'random'),
  seed,
};

/** Defaults shared by Lasso and ElasticNet. */
export const LASSO_DEFAULTS = {
  alpha: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-4,
  warmStart: false,
  positive: false,
  selection: 'cyclic',
  seed: null,
};

/**
 * Linear regression with combined L1 and L2 priors, fitted by coordinate descent with scikit-learn's objective
 * 1/(2·Σw) · Σᵢ wᵢ(yᵢ − xᵢ·θ − b)² + α·ρ‖θ‖₁ + ½α(1 − ρ)‖θ‖², ρ = l1Ratio, and its duality-gap stopping rule.
 * Dense and CSR inputs give the same model (sparse data is centred implicitly, never densified).
 */
export abstract class ElasticNetBase<O extends LassoOptions> extends BaseLinearRegressor<O, ElasticNetState> {
  /** The L1 share ρ of the penalty. */
  protected abstract l1Ratio(): number;

  /**
   * Fits the model.
   * @param X rows × features: nested arrays, a DenseMatrix or a CsrMatrix
   * @param y one finite target per row
   * @returns this
   * @throws DataError on NaN/infinite/ragged input; ShapeError when lengths differ
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const where = `${this.className}.fit`;
    const p = this.params as unknown as Required<LassoOptions>;
    const M = checkMatrix(X, { where, acceptSparse: true });
    const target = checkTarget(y, where, M.rows);
    const raw = checkSampleWeight(options.sampleWeight, M.rows, where);
    // scikit-learn rescales the weights to sum to n, so the loss is a weighted mean
    let total = 0;
    for (let i = 0; i < raw.length; i++) total += raw[i] as number;
    const sw = raw.map((w) => (w * M.rows) / total);
    const centres = leastSquaresCentres(M, target, sw, p.fitIntercept);
    const previous = this.state;
    const theta =
      p.warmStart && previous !== undefined && previous.nFeaturesIn === M.cols
        ? Float64Array.from(previous.coef)
        : new Float64Array(M.cols);
    const rho = this.l1Ratio();
    const n = M.rows;
    if (p.alpha === 0) {
      warn(
        'ConvergenceWarning',
        `${this.className}: with alpha = 0 coordinate descent converges slowly; use LinearRegression instead.`,
        { estimator: this.className },
      );
    }
    const design = cdDesign(M, target, sw, centres.xMean, centres.yMean, theta);
    const result = enetCoordinateDescent(design, theta, {
      l1: p.alpha * rho * n,
      l2: p.alpha * (1 - rho) * n,
      maxIter: p.maxIter,
      tol: p.tol,
      positive: p.positive,
      random: p.selection === 'random' ? randomFor(p.seed ?? undefined) : null,
    });
    if (!result.converged) {
      warn(
        'ConvergenceWarning',
        `${this.className}: objective did not converge in ${p.maxIter} sweeps (duality gap ${result.gap.toExponential(3)} > tolerance ${result.tolerance.toExponential(3)}); increase maxIter, scale the features, or raise alpha.`,
        { estimator: this.className, gap: result.gap, tolerance: result.tolerance },
      );
    }
    this.state = {
      nFeaturesIn: M.cols,
      coef: theta,
      intercept: p.fitIntercept ? interceptFrom(centres, theta) : 0,
      nIter: result.nIter,
      dualGap: result.gap / n,
    };
    return this;
  }

  /** Duality gap at the end of the last fit. */
  get dualGap(): number {
    return this.fitted('dualGap').dualGap;
  }
}

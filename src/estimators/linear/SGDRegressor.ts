import { randomFor } from '../../util/random.js';
import type { ProgressCallback } from '../../util/progress.js';
import { warn } from '../../util/warnings.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseRegressor, type RegressorState } from '../base/BaseRegressor.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { oneOf } from '../base/validators.js';
import { linearScores } from './linalg/linearScores.js';
import { allRows } from './sgd/allRows.js';
import { nonFiniteDecision, sgdDesign } from './sgd/sgdDesign.js';
import { initialCoefficients } from './sgd/initialCoefficients.js';
import { type SgdCoefState, emptySgdState, trainModel } from './sgd/sgdCoefState.js';
import { LOSS_CODE, REGRESSION_LOSSES, sgdLoss } from './sgd/sgdLoss.js';
import {
  type ResolvedSgdParams,
  SGD_COMMON_DEFAULTS,
  SGD_COMMON_SPEC,
  type SgdCommonOptions,
  checkSgdParams,
  sgdSettings,
} from './sgd/sgdOptions.js';
import type { LearningRateName } from './sgd/schedule.js';
import { validationSplit } from './sgd/validationSplit.js';

/** Hyper-parameters of SGDRegressor (scikit-learn's, camelCase). */
export interface SGDRegressorOptions extends SgdCommonOptions {
  /** 'squared_error' (default), 'huber', 'epsilon_insensitive' or 'squared_epsilon_insensitive'. */
  loss?: (typeof REGRESSION_LOSSES)[number];
  /** Schedule of the step size; default 'invscaling'. */
  learningRate?: LearningRateName;
  /** Initial step size; default 0.01. */
  eta0?: number;
  /** Exponent of 'invscaling'; default 0.25. */
  powerT?: number;
}

/** Options of `fit` and `partialFit`. */
export interface SGDRegressorFitOptions extends FitOptions {
  /** Starting coefficients (features values). */
  coefInit?: ArrayLike<number>;
  /** Starting intercept (one value). */
  interceptInit?: ArrayLike<number>;
  /** Called after every epoch with its mean training loss. */
  onProgress?: ProgressCallback;
}

/** Learned state of SGDRegressor. */
export interface SGDRegressorState extends RegressorState, SgdCoefState {}

/**
 * Linear regression (least squares, Huber, ε-insensitive) trained by stochastic gradient descent, scikit-learn's
 * `SGDRegressor`. Same training loop as SGDClassifier; `partialFit` trains one epoch on a chunk.
 *
 * @example
 * const reg = new SGDRegressor({ alpha: 1e-4, seed: 0 }).fit(X, y);
 * reg.predict(Xtest);
 */
export class SGDRegressor extends BaseRegressor<SGDRegressorOptions, SGDRegressorState> {
  static override readonly className = 'SGDRegressor';
  static override readonly spec = { ...SGD_COMMON_SPEC, loss: oneOf(...REGRESSION_LOSSES) };
  static override readonly defaults = {
    ...SGD_COMMON_DEFAULTS,
    loss: 'squared_error',
    learningRate: 'invscaling',
    eta0: 0.01,
    powerT: 0.25,
  };

  private get p(): ResolvedSgdParams {
    return this.params as unknown as ResolvedSgdParams;
  }

  protected override checkParams(): void {
    checkSgdParams(this.className, this.p);
  }

  /**
   * Trains from scratch (or from the last solution with `warmStart`) for up to `maxIter` epochs.
   * @param X rows × features: nested arrays, a DenseMatrix (float32/float64) or a CsrMatrix
   * @param y one finite target per row
   * @returns this
   * @throws DataError on NaN/infinite/ragged input; ShapeError when X and y lengths differ; ValueError on overflow
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: SGDRegressorFitOptions = {}): this {
    const where = `${this.className}.fit`;
    this.checkParams();
    const p = this.p;
    const { M, valuesChecked } = sgdDesign(X, where, undefined, p.earlyStopping);
    const target = checkTarget(y, where, M.rows);
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, M.rows, where);
    const previous = this.state;
    const state: SGDRegressorState = emptySgdState(
      1,
      M.cols,
      p.average !== false,
      p.penalty === 'l1' || p.penalty === 'elasticnet',
    );
    if (p.warmStart && previous !== undefined && previous.nFeaturesIn === M.cols) {
      state.standardCoef.set(previous.coef);
      state.standardIntercept.set(previous.intercept);
    }
    initialCoefficients(state, options.coefInit, options.interceptInit, where);
    const random = randomFor(p.seed ?? undefined);
    let train = allRows(M.rows);
    let validation: Int32Array | null = null;
    if (p.earlyStopping) {
      const s = validationSplit(M.rows, p.validationFraction, random, where);
      train = s.train;
      validation = s.validation;
    }
    const tol = p.tol === null ? -Infinity : p.tol;
    const settings = sgdSettings(
      p,
      M instanceof CsrMatrix,
      randomFor(random.nextUint32()),
      p.maxIter,
      tol,
      p.earlyStopping ? 'r2' : null,
    );
    settings.onEpoch = progressFor(options.onProgress, p.maxIter);
    if (!valuesChecked) settings.onNonFinite = (row) => nonFiniteDecision(X, where, row);
    const info = trainModel(
      { X: M, y: target, sampleWeight: sw, trainRows: train, validationRows: validation },
      settings,
      state,
      0,
      state.t,
    );
    if (!info.stopped && tol > -Infinity) {
      warn(
        'ConvergenceWarning',
        `${this.className}: reached maxIter=${p.maxIter} epochs before the loss stopped improving by tol=${p.tol}; increase maxIter or tol.`,
        { estimator: this.className, maxIter: p.maxIter },
      );
    }
    state.t = info.t;
    state.nIter = info.nIter;
    this.state = state;
    return this;
  }

  /**
   * One epoch over (X, y) continuing from the current model, for streams. No early stopping.
   * @returns this
   * @throws DataError on bad input; ShapeError when the feature count changes between calls
   */
  partialFit(X: MatrixLike, y: ArrayLike<number>, options: SGDRegressorFitOptions = {}): this {
    const where = `${this.className}.partialFit`;
    this.checkParams();
    const p = this.p;
    let state = this.state;
    // the model is updated in place: every value is checked before the first step, so a bad chunk changes nothing
    const { M, valuesChecked } = sgdDesign(X, where, state?.nFeaturesIn, true);
    const target = checkTarget(y, where, M.rows);
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, M.rows, where);
    if (state === undefined) {
      state = emptySgdState(1, M.cols, p.average !== false, p.penalty === 'l1' || p.penalty === 'elasticnet');
      initialCoefficients(state, options.coefInit, options.interceptInit, where);
    }
    const settings = sgdSettings(
      p,
      M instanceof CsrMatrix,
      randomFor(randomFor(p.seed ?? undefined).nextUint32()),
      1,
      -Infinity,
      null,
    );
    settings.onEpoch = progressFor(options.onProgress, 1);
    if (!valuesChecked) settings.onNonFinite = (row) => nonFiniteDecision(X, where, row);
    const info = trainModel(
      { X: M, y: target, sampleWeight: sw, trainRows: allRows(M.rows), validationRows: null },
      settings,
      state,
      0,
      state.t,
    );
    state.t = info.t;
    state.nIter = 1;
    this.state = state;
    return this;
  }

  /** Predicted target of every row. */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    const M = checkMatrix(X, { where: `${this.className}.predict`, acceptSparse: true, nFeatures: s.nFeaturesIn });
    return linearScores(M, s.coef, s.intercept);
  }

  /**
   * Mean training loss ℓ(prediction, y) of the rows under the model's loss — what progressive validation reports.
   * @throws DataError on bad targets; ShapeError when lengths differ
   */
  meanLoss(X: MatrixLike, y: ArrayLike<number>): number {
    const pred = this.predict(X);
    const target = checkTarget(y, `${this.className}.meanLoss`, pred.length);
    const code = LOSS_CODE[this.p.loss];
    let total = 0;
    for (let i = 0; i < pred.length; i++)
      total += sgdLoss(code, pred[i] as number, target[i] as number, this.p.epsilon);
    return total / pred.length;
  }

  /** Coefficients, one per feature. */
  get coef(): Float64Array {
    return Float64Array.from(this.fitted('coef').coef);
  }

  /** The intercept, as a one-element array (scikit-learn's `intercept_`). */
  get intercept(): Float64Array {
    return Float64Array.from(this.fitted('intercept').intercept);
  }

  /** Epochs run by the last `fit`. */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  /** Weight updates done so far plus one (scikit-learn's `t_`). */
  get t(): number {
    return this.fitted('t').t;
  }
}

registerEstimator(SGDRegressor);

function progressFor(
  onProgress: ProgressCallback | undefined,
  maxIter: number,
): ((epoch: number, loss: number) => void) | undefined {
  if (onProgress === undefined) return undefined;
  return (epoch, loss) => onProgress({ label: `epoch ${epoch}`, done: epoch, total: maxIter, metrics: { loss } });
}

import { ConfigError, DataError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { ProgressCallback } from '../../util/progress.js';
import { randomFor } from '../../util/random.js';
import { warn } from '../../util/warnings.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../base/BaseClassifier.js';
import { checkMatrix } from '../base/checkMatrix.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import {
  type Label,
  type LabelsLike,
  checkLabels,
  checkLength,
  checkSampleWeight,
  encodeLabels,
  uniqueLabels,
} from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { oneOf } from '../base/validators.js';
import { type ClassWeight, classCounts, classWeightSpec, expandClassWeight } from './classWeight.js';
import { labelsFromScores, logOf, modifiedHuberProba, ovrLogisticProba, scoresOutput } from './classifierOutput.js';
import type { Design } from './linalg/Design.js';
import { linearScores } from './linalg/linearScores.js';
import { allRows } from './sgd/allRows.js';
import { nonFiniteDecision, sgdDesign } from './sgd/sgdDesign.js';
import { initialCoefficients } from './sgd/initialCoefficients.js';
import type { SgdProblem } from './sgd/plainSgd.js';
import { type SgdCoefState, emptySgdState, trainModel } from './sgd/sgdCoefState.js';
import { CLASSIFICATION_LOSSES, LOSS_CODE, REGRESSION_LOSSES, type SgdLossName, sgdLoss } from './sgd/sgdLoss.js';
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

/** Hyper-parameters of SGDClassifier (scikit-learn's, camelCase). */
export interface SGDClassifierOptions extends SgdCommonOptions {
  /**
   * 'hinge' (linear SVM, default), 'log_loss' (logistic regression), 'modified_huber', 'squared_hinge',
   * 'perceptron', or a regression loss on ±1 targets.
   */
  loss?: SgdLossName;
  /** Schedule of the step size; default 'optimal'. */
  learningRate?: LearningRateName;
  /** Initial step size; default 0 (unused by 'optimal'). */
  eta0?: number;
  /** Exponent of 'invscaling'; default 0.5. */
  powerT?: number;
  /** Per-class weights multiplying the sample weights: an object label → weight, 'balanced', or null. */
  classWeight?: ClassWeight;
}

/** Options of `fit` and `partialFit`. */
export interface SGDClassifierFitOptions extends FitOptions {
  /** All class labels; required on the first `partialFit` (a chunk may miss some). */
  classes?: LabelsLike;
  /** Starting coefficients, k × features (k = 1 for binary) as rows or flat. */
  coefInit?: readonly (readonly number[])[] | ArrayLike<number>;
  /** Starting intercepts, k of them. */
  interceptInit?: ArrayLike<number>;
  /** Called after every epoch of every one-vs-rest model with its mean training loss. */
  onProgress?: ProgressCallback;
}

/** Learned state of SGDClassifier. */
export interface SGDClassifierState extends ClassifierState, SgdCoefState {}

type Params = ResolvedSgdParams & { classWeight: ClassWeight };

/**
 * Linear classifiers (SVM, logistic regression, …) trained by stochastic gradient descent, scikit-learn's
 * `SGDClassifier`: one pass over the rows per epoch, one weight update per sample (or per mini-batch of
 * `batchSize`), with the L2 shrink done lazily through a scale factor so sparse rows cost only their non-zeros.
 * Multi-class problems are solved one-vs-rest. `partialFit` trains one epoch on a chunk, for data that does not fit
 * in memory.
 *
 * @example
 * const clf = new SGDClassifier({ loss: 'log_loss', alpha: 1e-4, seed: 0 }).fit(X, y);
 * clf.predict(Xtest); clf.predictProba(Xtest);
 */
export class SGDClassifier extends BaseClassifier<SGDClassifierOptions, SGDClassifierState> {
  static override readonly className = 'SGDClassifier';
  static override readonly spec = {
    ...SGD_COMMON_SPEC,
    loss: oneOf(...CLASSIFICATION_LOSSES, ...REGRESSION_LOSSES),
    classWeight: classWeightSpec,
  };
  static override readonly defaults = {
    ...SGD_COMMON_DEFAULTS,
    loss: 'hinge',
    learningRate: 'optimal',
    eta0: 0,
    powerT: 0.5,
    classWeight: null,
  };

  /** @param options hyper-parameters (see SGDClassifierOptions); validated against `spec` */
  constructor(options: SGDClassifierOptions = {}) {
    super(options);
    this.syncMethods();
  }

  override setParams(params: Partial<SGDClassifierOptions> & Record<string, unknown>): this {
    super.setParams(params);
    this.syncMethods();
    return this;
  }

  /**
   * scikit-learn's `available_if`: `predictProba` and `predictLogProba` exist only for the losses with a
   * probability model, so `typeof clf.predictProba === 'function'` answers "can this model give probabilities?".
   * Other losses shadow them with an own `undefined` property.
   */
  private syncMethods(): void {
    const available = this.p.loss === 'log_loss' || this.p.loss === 'modified_huber';
    for (const name of ['predictProba', 'predictLogProba'] as const) {
      if (available) delete (this as Record<string, unknown>)[name];
      else
        Object.defineProperty(this, name, { value: undefined, configurable: true, writable: true, enumerable: false });
    }
  }

  private get p(): Params {
    return this.params as unknown as Params;
  }

  protected override checkParams(): void {
    checkSgdParams(this.className, this.p);
  }

  /**
   * Trains from scratch (or from the last solution with `warmStart`) for up to `maxIter` epochs.
   * @param X rows × features: nested arrays, a DenseMatrix (float32/float64) or a CsrMatrix
   * @param y one label per row (numbers or strings), at least two classes
   * @returns this
   * @throws DataError on NaN/infinite/ragged X or bad labels; ShapeError when X and y lengths differ
   * @throws ValueError on bad sample weights, an unknown classWeight label, or an overflow during training
   */
  fit(X: MatrixLike, y: LabelsLike, options: SGDClassifierFitOptions = {}): this {
    const where = `${this.className}.fit`;
    this.checkParams();
    const p = this.p;
    const { M, valuesChecked } = sgdDesign(X, where, undefined, p.earlyStopping);
    const { classes, indices } = encodeLabels(y, where, M.rows);
    if (classes.length < 2) {
      throw new DataError(
        `${where}: y holds only one class (${JSON.stringify(classes[0])}); a classifier needs at least 2.`,
        { where, classes },
      );
    }
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, M.rows, where);
    const classWeights = expandClassWeight(p.classWeight, classes, classCounts(indices, classes.length), where);
    const k = classes.length === 2 ? 1 : classes.length;
    const l1 = p.penalty === 'l1' || p.penalty === 'elasticnet';
    const averaged = p.average !== false;
    const previous = this.state;
    const reuse =
      p.warmStart &&
      previous !== undefined &&
      previous.nFeaturesIn === M.cols &&
      previous.classes.length === classes.length &&
      previous.classes.every((c, i) => c === classes[i]);
    const state: SGDClassifierState = {
      ...emptySgdState(k, M.cols, averaged, l1),
      classes,
    };
    if (reuse) {
      state.standardCoef.set(previous.coef);
      state.standardIntercept.set(previous.intercept);
    }
    initialCoefficients(state, options.coefInit, options.interceptInit, where);
    const random = randomFor(p.seed ?? undefined);
    let split = { train: allRows(M.rows), validation: null as Int32Array | null };
    if (p.earlyStopping) {
      const s = validationSplit(M.rows, p.validationFraction, random, where, indices);
      split = { train: s.train, validation: s.validation };
    }
    const tol = p.tol === null ? -Infinity : p.tol;
    const seeds = Array.from({ length: k }, () => random.nextUint32());
    let nIter = 0;
    let t = state.t;
    for (let c = 0; c < k; c++) {
      const settings = sgdSettings(
        p,
        isCsr(M),
        randomFor(seeds[c]),
        p.maxIter,
        tol,
        p.earlyStopping ? 'accuracy' : null,
      );
      const positive = k === 1 ? 1 : c;
      settings.weightPos = classWeights[positive] as number;
      settings.weightNeg = k === 1 ? (classWeights[0] as number) : 1;
      settings.onEpoch = progressFor(options.onProgress, k, c, p.maxIter);
      if (!valuesChecked) settings.onNonFinite = (row) => nonFiniteDecision(X, where, row);
      const problem: SgdProblem = {
        X: M,
        y: signedTargets(indices, positive),
        sampleWeight: sw,
        trainRows: split.train,
        validationRows: split.validation,
      };
      const info = trainModel(problem, settings, state, c, state.t);
      nIter = Math.max(nIter, info.nIter);
      t = Math.max(t, info.t);
      if (!info.stopped && tol > -Infinity) {
        warn(
          'ConvergenceWarning',
          `${this.className}: reached maxIter=${p.maxIter} epochs before the loss stopped improving by tol=${p.tol}; increase maxIter or tol.`,
          { estimator: this.className, maxIter: p.maxIter },
        );
      }
    }
    state.t = t;
    state.nIter = nIter;
    this.state = state;
    return this;
  }

  /**
   * One epoch over (X, y) continuing from the current model — for streams and data that does not fit in memory.
   * No early stopping; `classWeight: 'balanced'` is not allowed (the class counts of a stream are unknown).
   * @param options.classes every class label; required on the first call
   * @returns this
   * @throws ConfigError without `classes` on the first call, or with classWeight 'balanced'
   * @throws DataError when y holds a label outside `classes`; ShapeError when the feature count changes
   */
  partialFit(X: MatrixLike, y: LabelsLike, options: SGDClassifierFitOptions = {}): this {
    const where = `${this.className}.partialFit`;
    this.checkParams();
    const p = this.p;
    if (p.classWeight === 'balanced') {
      throw new ConfigError(
        `${where}: classWeight "balanced" needs the class counts of the whole data set; pass explicit weights, e.g. computed over a first pass.`,
        { estimator: this.className, option: 'classWeight' },
      );
    }
    let state = this.state;
    // the model is updated in place: every value is checked before the first step, so a bad chunk changes nothing
    const { M, valuesChecked } = sgdDesign(X, where, state?.nFeaturesIn, true);
    const labels = checkLabels(y, where);
    checkLength(labels, M.rows, where);
    if (state === undefined) {
      if (options.classes === undefined) {
        throw new ConfigError(
          `${where}: the first call needs options.classes, every class label of the stream (a chunk may miss some).`,
          { estimator: this.className },
        );
      }
      const classes = uniqueLabels(checkLabels(options.classes, where, 'classes'));
      if (classes.length < 2) {
        throw new DataError(`${where}: classes must hold at least 2 labels; received ${classes.length}.`, { where });
      }
      const k = classes.length === 2 ? 1 : classes.length;
      state = {
        ...emptySgdState(k, M.cols, p.average !== false, p.penalty === 'l1' || p.penalty === 'elasticnet'),
        classes,
      };
      initialCoefficients(state, options.coefInit, options.interceptInit, where);
    } else if (options.classes !== undefined) {
      const given = uniqueLabels(checkLabels(options.classes, where, 'classes'));
      if (given.length !== state.classes.length || given.some((c, i) => c !== state?.classes[i])) {
        throw new DataError(
          `${where}: classes ${JSON.stringify(given)} differ from the classes of the first call ${JSON.stringify(state.classes)}.`,
          { where },
        );
      }
    }
    const { classes } = state;
    const position = new Map<Label, number>(classes.map((c, i) => [c, i]));
    const indices = new Int32Array(labels.length);
    labels.forEach((l, i) => {
      const c = position.get(l);
      if (c === undefined) {
        throw new DataError(
          `${where}: y holds label ${JSON.stringify(l)} at index ${i}, which is not one of the classes ${JSON.stringify(classes)}.`,
          { where, index: i },
        );
      }
      indices[i] = c;
    });
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, M.rows, where);
    const classWeights = expandClassWeight(p.classWeight, classes, classCounts(indices, classes.length), where);
    const k = state.intercept.length;
    const random = randomFor(p.seed ?? undefined);
    const rows = allRows(M.rows);
    const t0 = state.t;
    let t = t0;
    for (let c = 0; c < k; c++) {
      const settings = sgdSettings(p, isCsr(M), randomFor(random.nextUint32()), 1, -Infinity, null);
      const positive = k === 1 ? 1 : c;
      settings.weightPos = classWeights[positive] as number;
      settings.weightNeg = k === 1 ? (classWeights[0] as number) : 1;
      settings.onEpoch = progressFor(options.onProgress, k, c, 1);
      if (!valuesChecked) settings.onNonFinite = (row) => nonFiniteDecision(X, where, row);
      const problem: SgdProblem = {
        X: M,
        y: signedTargets(indices, positive),
        sampleWeight: sw,
        trainRows: rows,
        validationRows: null,
      };
      t = Math.max(t, trainModel(problem, settings, state, c, t0).t);
    }
    state.t = t;
    state.nIter = 1;
    this.state = state;
    return this;
  }

  /**
   * Confidence scores: the signed distance to the hyperplane of each row (binary: a Float64Array, positive for
   * `classes[1]`), or one column per class (multi-class: an n × k DenseMatrix).
   */
  override decisionFunction(X: MatrixLike): Float64Array | DenseMatrix {
    const s = this.fitted('decisionFunction');
    return scoresOutput(this.scores(X, 'decisionFunction'), s.intercept.length);
  }

  /** Predicted label of every row. */
  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict');
    return labelsFromScores(this.scores(X, 'predict'), s.intercept.length, s.classes);
  }

  /**
   * Class probabilities (columns in `classes` order), for loss 'log_loss' (one-vs-rest logistic, normalised) and
   * 'modified_huber'.
   * @throws ConfigError for the other losses, which have no probability model
   */
  override predictProba(X: MatrixLike): DenseMatrix {
    const s = this.fitted('predictProba');
    const loss = this.p.loss;
    if (loss !== 'log_loss' && loss !== 'modified_huber') {
      throw new ConfigError(
        `${this.className}.predictProba: probability estimates are available only for loss "log_loss" or "modified_huber"; this model uses "${loss}".`,
        { estimator: this.className, loss },
      );
    }
    const scores = this.scores(X, 'predictProba');
    const k = s.intercept.length;
    return loss === 'log_loss' ? ovrLogisticProba(scores, k) : modifiedHuberProba(scores, k);
  }

  /** Natural log of `predictProba`. */
  predictLogProba(X: MatrixLike): DenseMatrix {
    return logOf(this.predictProba(X));
  }

  /** Coefficients, k × features (k = 1 for binary problems). */
  get coef(): DenseMatrix {
    const s = this.fitted('coef');
    return new DenseMatrix(s.intercept.length, s.nFeaturesIn, Float64Array.from(s.coef));
  }

  /** Intercepts, k of them. */
  get intercept(): Float64Array {
    return Float64Array.from(this.fitted('intercept').intercept);
  }

  /** Epochs run by the last `fit` (the largest over the one-vs-rest models). */
  get nIter(): number {
    return this.fitted('nIter').nIter;
  }

  /** Weight updates done so far plus one (scikit-learn's `t_`). */
  get t(): number {
    return this.fitted('t').t;
  }

  /**
   * Mean training loss of the rows: ℓ(decision, ±1) of the model's loss, summed over the one-vs-rest models and
   * averaged over rows — what progressive validation reports before a chunk is trained on.
   * @throws DataError when y holds a label that is not a class; ShapeError when lengths differ
   */
  meanLoss(X: MatrixLike, y: LabelsLike): number {
    const s = this.fitted('meanLoss');
    const where = `${this.className}.meanLoss`;
    const scores = this.scores(X, 'meanLoss');
    const labels = checkLabels(y, where);
    const k = s.intercept.length;
    checkLength(labels, scores.length / k, where);
    const code = LOSS_CODE[this.p.loss];
    let total = 0;
    labels.forEach((label, i) => {
      const c = s.classes.indexOf(label);
      if (c < 0) {
        throw new DataError(`${where}: y holds label ${JSON.stringify(label)} at index ${i}, which is not a class.`, {
          where,
          index: i,
        });
      }
      for (let m = 0; m < k; m++) {
        const target = (k === 1 ? c === 1 : c === m) ? 1 : -1;
        total += sgdLoss(code, scores[i * k + m] as number, target, this.p.epsilon);
      }
    });
    return total / labels.length;
  }

  private scores(X: MatrixLike, method: string): Float64Array {
    const s = this.fitted(method);
    const M = checkMatrix(X, { where: `${this.className}.${method}`, acceptSparse: true, nFeatures: s.nFeaturesIn });
    return linearScores(M, s.coef, s.intercept);
  }
}

registerEstimator(SGDClassifier);

function isCsr(M: Design): boolean {
  return M instanceof CsrMatrix;
}

/** +1 for samples of class `positive`, −1 for the others. */
function signedTargets(indices: Int32Array, positive: number): Float64Array {
  const y = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) y[i] = indices[i] === positive ? 1 : -1;
  return y;
}

function progressFor(
  onProgress: ProgressCallback | undefined,
  k: number,
  c: number,
  maxIter: number,
): ((epoch: number, loss: number) => void) | undefined {
  if (onProgress === undefined) return undefined;
  return (epoch, loss) =>
    onProgress({
      label: k === 1 ? `epoch ${epoch}` : `class ${c + 1}/${k}, epoch ${epoch}`,
      done: epoch,
      total: maxIter,
      metrics: { loss },
    });
}

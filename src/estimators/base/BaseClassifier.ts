import type { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { BaseEstimator } from './BaseEstimator.js';
import type { DenseMatrix } from './DenseMatrix.js';
import { type Label, type LabelsLike, checkLabels, checkLength, checkSampleWeight } from './labels.js';
import type { MatrixLike } from './matrixLike.js';
import { accuracy } from './scoring.js';

/** Options every `fit` accepts. */
export interface FitOptions {
  /** Per-sample weights (finite, >= 0); default all ones. */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** Options of `score`. */
export interface ScoreOptions {
  /** Per-sample weights; default all ones. */
  sampleWeight?: ArrayLike<number> | undefined;
}

/** Learned state every classifier has. */
export interface ClassifierState {
  /** Distinct training labels, sorted (scikit-learn's `classes_`). */
  classes: Label[];
  /** Number of features seen in `fit`. */
  nFeaturesIn: number;
}

/**
 * Base of every classifier: labels (numbers or strings) are encoded against the sorted `classes`, `predict`
 * returns labels, `score` is the (weighted) accuracy.
 */
export abstract class BaseClassifier<O extends object, S extends ClassifierState> extends BaseEstimator<O, S> {
  readonly estimatorType = 'classifier' as const;

  /** Distinct training labels, sorted; columns of `predictProba` follow this order. */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /** Number of features seen in `fit`. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeaturesIn;
  }

  abstract override fit(X: MatrixLike, y: LabelsLike, options?: FitOptions): this;

  /** Predicted label of every row of X. */
  abstract predict(X: MatrixLike): Label[];

  /** Class probabilities, one row per sample, one column per class in `classes` order (when the model has them). */
  predictProba?(X: MatrixLike): DenseMatrix;

  /** Confidence scores (binary: one column, positive class `classes[1]`; else one per class), when available. */
  decisionFunction?(X: MatrixLike): DenseMatrix | Float64Array;

  /**
   * Mean accuracy of `predict(X)` against `y` (weighted by `sampleWeight`).
   * @throws ShapeError when X and y differ in length
   */
  score(X: MatrixLike | CsrMatrix, y: LabelsLike, options: ScoreOptions = {}): number {
    const where = `${this.className}.score`;
    const labels = checkLabels(y, where);
    const predicted = this.predict(X);
    checkLength(labels, predicted.length, where);
    return accuracy(labels, predicted, checkSampleWeight(options.sampleWeight, labels.length, where));
  }
}

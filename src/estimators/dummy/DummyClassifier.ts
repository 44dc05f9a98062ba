import { ConfigError, ValueError } from '../../errors/errors.js';
import { randomFor } from '../../util/random.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../base/BaseClassifier.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import { type Label, type LabelsLike, checkSampleWeight, encodeLabels } from '../base/labels.js';
import { type MatrixLike, matrixKind, numRows } from '../base/matrixLike.js';
import { registerEstimator } from '../base/persistence.js';
import { anything, oneOf, seed } from '../base/validators.js';
import { inputWidth } from './inputWidth.js';

/** How a DummyClassifier predicts (scikit-learn's strategies). */
export type DummyClassifierStrategy = 'most_frequent' | 'prior' | 'stratified' | 'uniform' | 'constant';

/** Hyper-parameters of DummyClassifier. */
export interface DummyClassifierOptions {
  /**
   * - `'prior'` (default): predicts the most frequent class; `predictProba` returns the class prior.
   * - `'most_frequent'`: predicts the most frequent class; `predictProba` is one-hot on it.
   * - `'stratified'`: draws one-hot rows from the class prior (seeded).
   * - `'uniform'`: draws classes uniformly (seeded).
   * - `'constant'`: always predicts `constant`, which must be a training label.
   */
  strategy?: DummyClassifierStrategy;
  /** Seed of the random draws of `'stratified'` and `'uniform'`; each predict call restarts from it. */
  seed?: number | null;
  /** The label predicted by `strategy: 'constant'`. */
  constant?: Label | null;
}

interface DummyClassifierState extends ClassifierState {
  /** Weighted class frequencies, in `classes` order. */
  classPrior: number[];
}

/**
 * A classifier that ignores the features: the baseline every real model must beat (scikit-learn's
 * `DummyClassifier`, same strategies and same probabilities). X is used only for its number of rows.
 *
 * @example
 * const clf = new DummyClassifier({ strategy: 'most_frequent' }).fit([[0], [1], [2]], ['a', 'b', 'b']);
 * clf.predict([[5]]); // ['b']
 */
export class DummyClassifier extends BaseClassifier<DummyClassifierOptions, DummyClassifierState> {
  static override readonly className: string = 'DummyClassifier';
  static override readonly spec = {
    strategy: oneOf('most_frequent', 'prior', 'stratified', 'uniform', 'constant'),
    seed,
    constant: anything,
  };
  static override readonly defaults = { strategy: 'prior', seed: null, constant: null };

  /** Weighted class frequencies seen in `fit`, in `classes` order. */
  get classPrior(): number[] {
    return [...this.fitted('classPrior').classPrior];
  }

  protected override checkParams(): void {
    const { strategy, constant } = this.params;
    if (strategy === 'constant' && (constant === null || constant === undefined)) {
      throw new ConfigError('DummyClassifier: "constant" must be set when strategy is "constant"; received null.', {
        option: 'constant',
      });
    }
    if (constant !== null && constant !== undefined && typeof constant !== 'number' && typeof constant !== 'string') {
      throw new ConfigError(`DummyClassifier: "constant" must be a number or a string; received ${typeof constant}.`, {
        option: 'constant',
      });
    }
  }

  /**
   * Records the classes and their (weighted) frequencies.
   * @param X any input; only its row count is used
   * @param y one label per row
   * @throws ShapeError when X and y differ in length; DataError on bad labels; ValueError when `constant` is not
   *   among the labels
   */
  fit(X: MatrixLike, y: LabelsLike, options: FitOptions = {}): this {
    this.checkParams();
    const where = 'DummyClassifier.fit';
    matrixKind(X, where);
    const n = numRows(X);
    const { classes, indices } = encodeLabels(y, where, n);
    const weights = checkSampleWeight(options.sampleWeight, n, where);
    const counts = new Float64Array(classes.length);
    for (let i = 0; i < n; i++) counts[indices[i] as number] += weights[i] as number;
    let total = 0;
    for (const c of counts) total += c;
    const constant = this.params.constant;
    if (this.params.strategy === 'constant' && !classes.includes(constant as Label)) {
      throw new ValueError(
        `DummyClassifier.fit: the constant ${JSON.stringify(constant)} is not among the training labels [${classes.map((c) => JSON.stringify(c)).join(', ')}].`,
        { constant, classes },
      );
    }
    this.state = {
      classes,
      nFeaturesIn: inputWidth(X),
      classPrior: Array.from(counts, (c) => c / total),
    };
    return this;
  }

  /** Index of the largest prior (the first on ties: the smallest label, as numpy's argmax). */
  private modeIndex(prior: readonly number[]): number {
    let best = 0;
    for (let k = 1; k < prior.length; k++) if ((prior[k] as number) > (prior[best] as number)) best = k;
    return best;
  }

  /** Class index predicted for each of `n` rows. */
  private predictIndices(n: number, s: DummyClassifierState): Int32Array {
    const out = new Int32Array(n);
    const { strategy } = this.params;
    if (strategy === 'most_frequent' || strategy === 'prior') out.fill(this.modeIndex(s.classPrior));
    else if (strategy === 'constant') out.fill(s.classes.indexOf(this.params.constant as Label));
    else {
      const rng = randomFor(this.params.seed ?? undefined);
      const k = s.classes.length;
      for (let i = 0; i < n; i++) out[i] = strategy === 'uniform' ? rng.int(k) : draw(s.classPrior, rng.uniform());
    }
    return out;
  }

  /**
   * Predicted labels (X used only for its row count).
   * @throws NotFittedError before fit
   */
  predict(X: MatrixLike): Label[] {
    const s = this.fitted('predict');
    matrixKind(X, 'DummyClassifier.predict');
    return Array.from(this.predictIndices(numRows(X), s), (k) => s.classes[k] as Label);
  }

  /**
   * Class probabilities, one column per class in `classes` order: the prior (`'prior'`), 1/k (`'uniform'`), or
   * one-hot rows (the other strategies).
   * @throws NotFittedError before fit
   */
  override predictProba(X: MatrixLike): DenseMatrix {
    const s = this.fitted('predictProba');
    matrixKind(X, 'DummyClassifier.predictProba');
    const n = numRows(X);
    const k = s.classes.length;
    const out = new DenseMatrix(n, k);
    const { strategy } = this.params;
    if (strategy === 'prior') {
      for (let i = 0; i < n; i++) out.data.set(s.classPrior, i * k);
    } else if (strategy === 'uniform') {
      out.data.fill(1 / k);
    } else {
      const idx = this.predictIndices(n, s);
      for (let i = 0; i < n; i++) out.data[i * k + (idx[i] as number)] = 1;
    }
    return out;
  }
}

/** Index drawn from the discrete distribution `p` with a uniform number `u` in [0, 1). */
function draw(p: readonly number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < p.length; k++) {
    acc += p[k] as number;
    if (u < acc) return k;
  }
  // rounding can leave acc slightly below 1: fall back to the last class with positive probability
  for (let k = p.length - 1; k >= 0; k--) if ((p[k] as number) > 0) return k;
  return 0;
}

registerEstimator(DummyClassifier);

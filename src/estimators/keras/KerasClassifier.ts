import { argmaxAt } from '../../nn/metrics/Metric.js';
import { ConfigError, DataError } from '../../errors/errors.js';
import type { Model } from '../../nn/models/Model.js';
import { BaseClassifier, type ClassifierState, type FitOptions } from '../base/BaseClassifier.js';
import { checkDense } from '../base/checkMatrix.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import { type Label, type LabelsLike, checkSampleWeight, encodeLabels } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import type { Params } from '../base/params.js';
import { registerEstimator } from '../base/persistence.js';
import { type ClassWeight, classCounts, classWeightSpec, expandClassWeight } from '../linear/classWeight.js';
import {
  KERAS_DEFAULTS,
  KERAS_SPEC,
  type KerasWrapperOptions,
  type RoutedModelParams,
  type SavedModel,
  type Targets,
  buildModel,
  expectsOneHot,
  forward,
  inputTensor,
  loadModel,
  outputWidth,
  routeModelParams,
  routedEntries,
  saveModel,
  saveableParams,
  trainModel,
} from './kerasCommon.js';

/** Hyper-parameters of KerasClassifier: the shared Keras options plus `classWeight`. */
export interface KerasClassifierOptions extends KerasWrapperOptions {
  /**
   * Weight of each class in the loss: an object label → weight (labels as keys, e.g. `{ 0: 1, 1: 5 }` or
   * `{ spam: 3 }`; unlisted classes weigh 1), 'balanced' (n / (k · countᶜ), scikit-learn's), or null (all 1,
   * the default). Multiplies `sampleWeight`.
   */
  classWeight?: ClassWeight;
}

interface KerasClassifierState extends ClassifierState {
  /** The trained network. */
  model: Model;
  /** Units of its output: 1 (sigmoid, binary) or the number of classes (softmax). */
  outputWidth: number;
  /** Mean training loss per epoch. */
  loss: number[];
}

/** Class indices as targets: `[n]` for a softmax output, a `[n, 1]` column of 0/1 for one sigmoid unit. */
function classTargets(indices: ArrayLike<number>, width: number, dtype: string): Targets {
  const data = dtype === 'float64' ? Float64Array.from(indices) : Float32Array.from(indices);
  return { data, width: 1, rowShape: width === 1 ? [1] : [] };
}

/** One-hot rows `[n, k]`, for a model compiled with categorical cross-entropy. */
function oneHotTargets(indices: ArrayLike<number>, k: number, dtype: string): Targets {
  const data = dtype === 'float64' ? new Float64Array(indices.length * k) : new Float32Array(indices.length * k);
  for (let i = 0; i < indices.length; i++) data[i * k + (indices[i] as number)] = 1;
  return { data, width: k, rowShape: [k] };
}

/**
 * A Keras-style model as a scikit-learn-style classifier (scikeras' `KerasClassifier`), so cross-validation,
 * searches, learning curves and permutation importance work on it like on any lsml classifier.
 *
 * `fit` encodes the labels (numbers or strings) to class indices, builds a fresh model with the `model` builder
 * (compiling it with `optimizer`/`learningRate`/`loss` when the builder did not), and trains it synchronously for
 * `epochs` passes of shuffled mini-batches with `trainOnBatch`. The model must end in `nOutputs` softmax units
 * (one per class) or, for two classes, one sigmoid unit: it outputs probabilities. Targets are class indices
 * (compile a softmax model with sparseCategoricalCrossentropy, the default), one-hot rows when the model is
 * compiled with categoricalCrossentropy (by the builder or with `loss`), or 0/1 for one sigmoid unit.
 *
 * Saving (`toJSON`/`loadEstimator`) stores the network's topology and weights, so a loaded classifier predicts
 * identically. A builder *function* cannot be saved: it is saved as `model: null`, and the loaded classifier needs
 * `setParams({ model: builder })` before it can be refitted. A builder registered by name
 * (`registerKerasModel`) is saved by name and refits after loading.
 *
 * @example
 * const clf = new KerasClassifier({
 *   model: ({ nFeaturesIn, nOutputs, units = 16 }) => new Sequential({ layers: [
 *     new Dense({ units: units as number, activation: 'relu', inputShape: [nFeaturesIn] }),
 *     new Dense({ units: nOutputs, activation: 'softmax' }),
 *   ] }),
 *   model__units: 32, epochs: 20, learningRate: 0.01, seed: 0,
 * });
 * clf.fit(X, y).score(X, y);
 */
export class KerasClassifier extends BaseClassifier<KerasClassifierOptions, KerasClassifierState> {
  static override readonly className: string = 'KerasClassifier';
  static override readonly spec = { ...KERAS_SPEC, classWeight: classWeightSpec };
  static override readonly defaults = { ...KERAS_DEFAULTS, classWeight: null };

  /**
   * @param options hyper-parameters (see `KerasClassifierOptions`); `model__name` keys go into `modelParams`
   * @throws ConfigError on an unknown option or an invalid value
   */
  constructor(options: KerasClassifierOptions & RoutedModelParams = {}) {
    super(routeModelParams(options as Record<string, unknown>) as KerasClassifierOptions);
  }

  private get p(): Params<KerasClassifierOptions> {
    return this.params;
  }

  /** The hyper-parameters; with `deep` (default), each builder parameter also appears as `model__name`. */
  override getParams(deep = true): Params<KerasClassifierOptions> & Record<string, unknown> {
    const out = super.getParams(deep);
    out.modelParams = { ...this.p.modelParams };
    return deep ? Object.assign(out, routedEntries(this.p.modelParams)) : out;
  }

  /** Changes hyper-parameters; `model__name` sets one builder parameter. Returns this. */
  override setParams(params: Partial<KerasClassifierOptions> & Record<string, unknown>): this {
    return super.setParams(routeModelParams(params, this.p.modelParams) as Partial<KerasClassifierOptions>);
  }

  /**
   * Builds a fresh model and trains it.
   * @param X rows × features (dense; NaN and ±Infinity rejected)
   * @param y one label per row (numbers or strings), at least two classes
   * @param options `sampleWeight`: per-row weights of the loss (multiplied by `classWeight`)
   * @returns this
   * @throws DataError on bad X or labels (or a single class); ShapeError when lengths differ or the model does not
   *   take X's width; ConfigError on a missing builder or an output width that fits neither softmax nor sigmoid
   */
  fit(X: MatrixLike, y: LabelsLike, options: FitOptions = {}): this {
    const where = `${this.className}.fit`;
    const m = checkDense(X, { where });
    const { classes, indices } = encodeLabels(y, where, m.rows);
    if (classes.length < 2) {
      throw new DataError(
        `${where}: y holds only one class (${JSON.stringify(classes[0])}); a classifier needs at least 2.`,
        { where, classes },
      );
    }
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, m.rows, where);
    const k = classes.length;
    let weights = sw;
    if (this.p.classWeight !== null) {
      const cw = expandClassWeight(this.p.classWeight, classes, classCounts(indices, k), where);
      weights = new Float64Array(m.rows);
      for (let i = 0; i < m.rows; i++) weights[i] = (cw[indices[i] as number] as number) * (sw ? (sw[i] as number) : 1);
    }
    const model = buildModel(
      where,
      this.p,
      { nFeaturesIn: m.cols, nOutputs: k, nClasses: k, classes: [...classes] },
      (width) => (width === 1 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy'),
    );
    const width = outputWidth(model, where);
    if (width !== k && !(width === 1 && k === 2)) {
      throw new ConfigError(
        `${where}: the model outputs ${width} units per row, but y has ${k} classes; end the model in ${k} softmax units${k === 2 ? ' or 1 sigmoid unit' : ''}.`,
        { where, outputWidth: width, nClasses: k },
      );
    }
    const x = inputTensor(model, m);
    const targets =
      width > 1 && expectsOneHot(model)
        ? oneHotTargets(indices, k, model.dtype)
        : classTargets(indices, width, model.dtype);
    const loss = trainModel(where, model, x, targets, weights, this.p);
    this.state = { classes, nFeaturesIn: m.cols, model, outputWidth: width, loss };
    return this;
  }

  /**
   * Class probabilities, one column per class in `classes` order, each row summing to 1 (computed in float64
   * from the model's output).
   * @throws NotFittedError before fit; DataError/ShapeError on bad X
   */
  override predictProba(X: MatrixLike): DenseMatrix {
    return this.proba(X, 'predictProba');
  }

  /** The most probable class of every row (the first in `classes` order on ties). */
  predict(X: MatrixLike): Label[] {
    const p = this.proba(X, 'predict');
    const s = this.fitted('predict');
    const out: Label[] = new Array<Label>(p.rows);
    for (let i = 0; i < p.rows; i++) out[i] = s.classes[argmaxAt(p.data, i * p.cols, p.cols)] as Label;
    return out;
  }

  /** The trained Keras-style model (scikeras' `model_`). */
  get kerasModel(): Model {
    return this.fitted('kerasModel').model;
  }

  /** Mean training loss of every epoch (scikeras' `history_['loss']`). */
  get history(): { loss: number[] } {
    return { loss: [...this.fitted('history').loss] };
  }

  private proba(X: MatrixLike, method: string): DenseMatrix {
    const s = this.fitted(method);
    const m = checkDense(X, { where: `${this.className}.${method}`, nFeatures: s.nFeaturesIn });
    const k = s.classes.length;
    const out = new DenseMatrix(m.rows, k);
    const { data } = forward(s.model, m);
    for (let i = 0; i < m.rows; i++) {
      if (s.outputWidth === 1) {
        const q = Math.min(1, Math.max(0, data[i] as number));
        out.data[i * 2] = 1 - q;
        out.data[i * 2 + 1] = q;
        continue;
      }
      // Renormalise in float64: a float32 softmax sums to 1 only to about 1e-7.
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.max(0, data[i * k + c] as number);
      for (let c = 0; c < k; c++) out.data[i * k + c] = Math.max(0, data[i * k + c] as number) / sum;
    }
    return out;
  }

  /** The model is saved as its topology and weights. */
  protected override encodeState(state: KerasClassifierState): unknown {
    return super.encodeState({ ...state, model: saveModel(state.model) } as unknown as KerasClassifierState);
  }

  protected override decodeState(json: unknown): KerasClassifierState {
    const raw = super.decodeState(json) as unknown as Omit<KerasClassifierState, 'model'> & { model: SavedModel };
    return { ...raw, model: loadModel(raw.model, raw.nFeaturesIn, `${this.className}.fromJSON`) };
  }

  /** Saved params; a builder function is saved as `model: null` (see the class notes). */
  protected override encodeParams(params: Record<string, unknown>): unknown {
    return super.encodeParams(saveableParams(params));
  }
}

registerEstimator(KerasClassifier);

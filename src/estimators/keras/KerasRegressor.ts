import { ConfigError } from '../../errors/errors.js';
import type { Model } from '../../nn/models/Model.js';
import type { FitOptions } from '../base/BaseClassifier.js';
import { BaseRegressor, type RegressorState } from '../base/BaseRegressor.js';
import { checkDense } from '../base/checkMatrix.js';
import { checkSampleWeight, checkTarget } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';
import type { Params } from '../base/params.js';
import { registerEstimator } from '../base/persistence.js';
import {
  KERAS_DEFAULTS,
  KERAS_SPEC,
  type KerasWrapperOptions,
  type RoutedModelParams,
  type SavedModel,
  buildModel,
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

/** Hyper-parameters of KerasRegressor: the shared Keras options. */
export type KerasRegressorOptions = KerasWrapperOptions;

interface KerasRegressorState extends RegressorState {
  /** The trained network. */
  model: Model;
  /** Mean training loss per epoch. */
  loss: number[];
}

/**
 * A Keras-style model as a scikit-learn-style regressor (scikeras' `KerasRegressor`): `fit` builds a fresh model
 * with the `model` builder (compiling it with `optimizer`/`learningRate`/`loss`, mean squared error by default,
 * when the builder did not) and trains it synchronously on mini-batches; `predict` returns one float64 per row;
 * `score` is R². The model must end in one linear unit. Targets are used as given (scale them yourself when they
 * are large). Saving works as for `KerasClassifier`: topology and weights are saved, a builder function is not.
 *
 * @example
 * const reg = new KerasRegressor({
 *   model: ({ nFeaturesIn }) => new Sequential({ layers: [
 *     new Dense({ units: 16, activation: 'relu', inputShape: [nFeaturesIn] }), new Dense({ units: 1 }),
 *   ] }),
 *   epochs: 50, learningRate: 0.01, seed: 0,
 * });
 * reg.fit(X, y).score(X, y);
 */
export class KerasRegressor extends BaseRegressor<KerasRegressorOptions, KerasRegressorState> {
  static override readonly className: string = 'KerasRegressor';
  static override readonly spec = KERAS_SPEC;
  static override readonly defaults = KERAS_DEFAULTS;

  /**
   * @param options hyper-parameters (see `KerasWrapperOptions`); `model__name` keys go into `modelParams`
   * @throws ConfigError on an unknown option or an invalid value
   */
  constructor(options: KerasRegressorOptions & RoutedModelParams = {}) {
    super(routeModelParams(options as Record<string, unknown>) as KerasRegressorOptions);
  }

  private get p(): Params<KerasRegressorOptions> {
    return this.params;
  }

  /** The hyper-parameters; with `deep` (default), each builder parameter also appears as `model__name`. */
  override getParams(deep = true): Params<KerasRegressorOptions> & Record<string, unknown> {
    const out = super.getParams(deep);
    out.modelParams = { ...this.p.modelParams };
    return deep ? Object.assign(out, routedEntries(this.p.modelParams)) : out;
  }

  /** Changes hyper-parameters; `model__name` sets one builder parameter. Returns this. */
  override setParams(params: Partial<KerasRegressorOptions> & Record<string, unknown>): this {
    return super.setParams(routeModelParams(params, this.p.modelParams) as Partial<KerasRegressorOptions>);
  }

  /**
   * Builds a fresh model and trains it.
   * @param X rows × features (dense; NaN and ±Infinity rejected)
   * @param y one finite number per row
   * @param options `sampleWeight`: per-row weights of the loss
   * @returns this
   * @throws DataError on bad X or y; ShapeError when lengths differ or the model does not take X's width;
   *   ConfigError on a missing builder or a model whose output is not one unit
   */
  fit(X: MatrixLike, y: ArrayLike<number>, options: FitOptions = {}): this {
    const where = `${this.className}.fit`;
    const m = checkDense(X, { where });
    const target = checkTarget(y, where, m.rows);
    const sw = options.sampleWeight === undefined ? null : checkSampleWeight(options.sampleWeight, m.rows, where);
    const model = buildModel(
      where,
      this.p,
      { nFeaturesIn: m.cols, nOutputs: 1, nClasses: 0, classes: [] },
      () => 'meanSquaredError',
    );
    const width = outputWidth(model, where);
    if (width !== 1) {
      throw new ConfigError(`${where}: the model outputs ${width} units per row; a regressor needs 1 (linear).`, {
        where,
        outputWidth: width,
      });
    }
    const data = model.dtype === 'float64' ? Float64Array.from(target) : Float32Array.from(target);
    const loss = trainModel(where, model, inputTensor(model, m), { data, width: 1, rowShape: [1] }, sw, this.p);
    this.state = { nFeaturesIn: m.cols, model, loss };
    return this;
  }

  /**
   * The model's output for every row, as float64.
   * @throws NotFittedError before fit; DataError/ShapeError on bad X
   */
  predict(X: MatrixLike): Float64Array {
    const s = this.fitted('predict');
    const m = checkDense(X, { where: `${this.className}.predict`, nFeatures: s.nFeaturesIn });
    return Float64Array.from(forward(s.model, m).data);
  }

  /** The trained Keras-style model (scikeras' `model_`). */
  get kerasModel(): Model {
    return this.fitted('kerasModel').model;
  }

  /** Mean training loss of every epoch (scikeras' `history_['loss']`). */
  get history(): { loss: number[] } {
    return { loss: [...this.fitted('history').loss] };
  }

  /** The model is saved as its topology and weights. */
  protected override encodeState(state: KerasRegressorState): unknown {
    return super.encodeState({ ...state, model: saveModel(state.model) } as unknown as KerasRegressorState);
  }

  protected override decodeState(json: unknown): KerasRegressorState {
    const raw = super.decodeState(json) as unknown as Omit<KerasRegressorState, 'model'> & { model: SavedModel };
    return { ...raw, model: loadModel(raw.model, raw.nFeaturesIn, `${this.className}.fromJSON`) };
  }

  /** Saved params; a builder function is saved as `model: null` (see KerasClassifier's notes). */
  protected override encodeParams(params: Record<string, unknown>): unknown {
    return super.encodeParams(saveableParams(params));
  }
}

registerEstimator(KerasRegressor);

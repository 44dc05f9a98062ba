/**
 * What KerasClassifier and KerasRegressor share: their common hyper-parameters, `model__name` routing, building
 * a fresh seeded model, the synchronous mini-batch training loop, and saving a model inside estimator JSON.
 */
import { ConfigError, DataError, ShapeError } from '../../errors/errors.js';
import { deserializeLayer } from '../../nn/engine/registry.js';
import '../../nn/layers/all.js';
import { Model } from '../../nn/models/Model.js';
import { takeRows } from '../../nn/models/data.js';
import { Sequential } from '../../nn/models/Sequential.js';
import { getOptimizer } from '../../optim/getOptimizer.js';
import type { DType, TypedArray } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import { Random, randomFor, withGlobalSeed } from '../../util/random.js';
import { warn } from '../../util/warnings.js';
import type { DenseMatrix } from '../base/DenseMatrix.js';
import { anyOf, bool, func, integer, nullable, oneOf, range, satisfies, seed, string } from '../base/validators.js';
import {
  type KerasBuildMeta,
  type KerasBuildParams,
  type KerasModelBuilder,
  kerasModelBuilder,
} from './modelBuilders.js';

/** Hyper-parameters both wrappers take. */
export interface KerasWrapperOptions {
  /**
   * Builds the model: a function `(params) => Model` or the name of a builder registered with
   * `registerKerasModel`. Required before `fit`; default null. See `KerasBuildParams` for what it receives.
   */
  model?: KerasModelBuilder | string | null;
  /**
   * Parameters passed to the builder (e.g. `{ units: 16 }`); default `{}`. Each is also reachable as
   * `model__name` in the constructor, `setParams`, `getParams(true)` and search grids (scikeras' routing).
   */
  modelParams?: Record<string, unknown>;
  /**
   * Optimizer for a builder that returns an uncompiled model: 'adam', 'sgd', 'rmsprop', 'adamw' or 'adagrad';
   * default null (Adam). Must stay null when the builder compiles the model itself.
   */
  optimizer?: 'adam' | 'sgd' | 'rmsprop' | 'adamw' | 'adagrad' | null;
  /** Learning rate of that optimizer, > 0; default null (the optimizer's default). Null for compiled models. */
  learningRate?: number | null;
  /**
   * Loss for an uncompiled model (any name `compile` accepts); default null: binary cross-entropy for a 1-unit
   * classifier output, sparse categorical cross-entropy for a softmax output, mean squared error for a regressor.
   * Null for compiled models. With 'categoricalCrossentropy' (here or compiled by the builder) a classifier trains
   * on one-hot rows.
   */
  loss?: string | null;
  /** Passes over the training data, ≥ 1; default 1 (Keras). */
  epochs?: number;
  /** Rows per mini-batch, ≥ 1; default 32 (Keras). */
  batchSize?: number;
  /** Shuffle the rows every epoch; default true. */
  shuffle?: boolean;
  /**
   * Seed of the weight initialisation, dropout masks and shuffling; default null (drawn from the global
   * generator). With a seed, `fit` gives the same model every time.
   */
  seed?: number | null;
  /** 0 silent; 1 one line per epoch with the mean training loss (console.log). Default 0. */
  verbose?: 0 | 1;
}

/** `model__name` routed parameters (scikeras' spelling for builder arguments). */
export type RoutedModelParams = { [key: `model__${string}`]: unknown };

/** A plain object (not an array, class instance or null). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** Constraints of the shared hyper-parameters. */
export const KERAS_SPEC = {
  model: nullable(anyOf(func, string)),
  modelParams: satisfies('a plain object of builder parameters', isPlainObject),
  optimizer: nullable(oneOf('adam', 'sgd', 'rmsprop', 'adamw', 'adagrad')),
  learningRate: nullable(range(0, Infinity, '()')),
  loss: nullable(string),
  epochs: integer(1),
  batchSize: integer(1),
  shuffle: bool,
  seed,
  verbose: oneOf(0, 1),
};

/** Defaults of the shared hyper-parameters. */
export const KERAS_DEFAULTS = {
  model: null,
  modelParams: {},
  optimizer: null,
  learningRate: null,
  loss: null,
  epochs: 1,
  batchSize: 32,
  shuffle: true,
  seed: null,
  verbose: 0,
};

/** Resolved shared hyper-parameters. */
export type KerasParams = Required<KerasWrapperOptions>;

const PREFIX = 'model__';

/**
 * Folds `model__name` keys into `modelParams` (a fresh object; explicit `modelParams` entries come first, routed
 * keys override them). Other keys pass through unchanged.
 */
export function routeModelParams(
  options: Record<string, unknown>,
  current: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let routed: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(options)) {
    if (k.startsWith(PREFIX) && k.length > PREFIX.length) {
      routed ??= {};
      routed[k.slice(PREFIX.length)] = v;
    } else out[k] = v;
  }
  if (routed === null) return out;
  const base = out.modelParams === undefined ? current : out.modelParams;
  // A non-object modelParams is left for the spec check to reject with the standard message.
  out.modelParams = isPlainObject(base) ? { ...base, ...routed } : base;
  return out;
}

/** `getParams(true)` entries for the builder parameters: `model__name` → value. */
export function routedEntries(modelParams: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(modelParams)) out[`${PREFIX}${k}`] = v;
  return out;
}

/** The hyper-parameters as saved: a builder function cannot be saved, so it is written as null. */
export function saveableParams(params: Record<string, unknown>): Record<string, unknown> {
  return typeof params.model === 'function' ? { ...params, model: null } : params;
}

/** Models already handed out by a builder: a builder returning one of these would continue old training. */
const usedModels = new WeakSet<Model>();

/** Width of the single output of `model`. */
export function outputWidth(model: Model, where: string): number {
  if (model.outputs.length !== 1) {
    throw new ConfigError(`${where}: the model has ${model.outputs.length} outputs; the wrapper needs exactly 1.`, {
      where,
    });
  }
  const shape = (model.outputs[0] as { shape: readonly (number | null)[] }).shape;
  if (shape.length !== 2 || shape[1] === null) {
    throw new ConfigError(
      `${where}: the model's output has shape [${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]; the wrapper needs [null, units] (end in a Dense layer).`,
      { where },
    );
  }
  return shape[1] as number;
}

/**
 * A fresh model from the builder, built for `meta.nFeaturesIn` inputs and compiled (by the builder or here), all
 * inside the seeded scope.
 * @param defaultLoss the loss for an uncompiled model whose output has `width` units
 * @throws ConfigError when no builder is set, it returns no Model or a used one, or compile options conflict
 */
export function buildModel(
  where: string,
  params: KerasParams,
  meta: KerasBuildMeta,
  defaultLoss: (width: number) => string,
): Model {
  const spec = params.model;
  if (spec === null) {
    throw new ConfigError(
      `${where}: "model" is not set; pass a builder (params) => Model or the name of one registered with registerKerasModel. A wrapper loaded from JSON whose builder was a function needs setParams({ model: builder }) before fit.`,
      { where },
    );
  }
  const builder = typeof spec === 'string' ? kerasModelBuilder(spec, where) : spec;
  // Seeding the global generator makes layers without their own seed initialise reproducibly.
  const inScope = (fn: () => Model): Model => (params.seed === null ? fn() : withGlobalSeed(params.seed, fn));
  return inScope(() => {
    const model = builder({ ...params.modelParams, ...meta, seed: params.seed } as KerasBuildParams);
    if (!(model instanceof Model)) {
      throw new ConfigError(
        `${where}: the model builder must return a Model (Sequential or functional); received ${model === null ? 'null' : typeof model}.`,
        { where },
      );
    }
    if (usedModels.has(model)) {
      throw new ConfigError(
        `${where}: the model builder returned a model that was already trained; it must build a new model on every call.`,
        { where },
      );
    }
    usedModels.add(model);
    if (!model.graphReady) {
      if (!(model instanceof Sequential)) throw new ConfigError(`${where}: the model has no inputs.`, { where });
      model.build([null, meta.nFeaturesIn]);
    }
    const inShape = model.inputs.length === 1 ? (model.inputs[0] as { shape: readonly (number | null)[] }).shape : [];
    if (inShape.length !== 2 || (inShape[1] !== null && inShape[1] !== meta.nFeaturesIn)) {
      throw new ShapeError(
        `${where}: the model takes inputs of shape [${inShape.map((d) => (d === null ? 'null' : String(d))).join(', ')}], but X has ${meta.nFeaturesIn} features; build the model with inputShape: [params.nFeaturesIn].`,
        { where },
      );
    }
    const width = outputWidth(model, where);
    if (model.isCompiled) {
      const set = (['optimizer', 'learningRate', 'loss'] as const).filter((k) => params[k] !== null);
      if (set.length > 0) {
        throw new ConfigError(
          `${where}: the builder returned a compiled model, so ${set.map((k) => `"${k}"`).join(', ')} would be ignored; leave ${set.length > 1 ? 'them' : 'it'} null or return an uncompiled model.`,
          { where, options: set },
        );
      }
    } else {
      const optimizer = getOptimizer(params.optimizer ?? 'adam');
      if (params.learningRate !== null) optimizer.learningRate = params.learningRate;
      model.compile({ optimizer, loss: params.loss ?? defaultLoss(width) });
    }
    return model;
  });
}

/**
 * Whether the model was compiled (by its builder or with the `loss` option) with categorical cross-entropy, which
 * takes one-hot target rows rather than class indices.
 */
export function expectsOneHot(model: Model): boolean {
  const loss = model.compiledLosses[0];
  // A Loss object, or the plain function losses.categoricalCrossentropy wrapped by compile.
  return (
    loss?.className === 'CategoricalCrossentropy' ||
    (loss?.className === null && loss.name === 'categoricalCrossentropy')
  );
}

/** X as a tensor of the model's input dtype. */
export function inputTensor(model: Model, m: DenseMatrix): Tensor {
  const dtype: DType = model.dtype === 'float64' ? 'float64' : 'float32';
  const data = dtype === 'float64' ? Float64Array.from(m.data) : Float32Array.from(m.data);
  return new Tensor(data, [m.rows, m.cols]);
}

/** Training targets: a row-major array, `width` values per row, shaped `[n]` (width 1) or `[n, width]` by `shape`. */
export interface Targets {
  data: Float32Array | Float64Array;
  width: number;
  /** Trailing shape of one row's target (`[]` for a class index, `[1]` for a column). */
  rowShape: number[];
}

/**
 * Trains `model` synchronously: `epochs` passes of mini-batches of `batchSize` rows (shuffled every epoch with a
 * generator seeded from `seed`), one `trainOnBatch` each, with per-row weights when given.
 * @returns the mean training loss of every epoch (rows weighted equally); stops early with a ConvergenceWarning
 *   when the loss is not finite
 */
export function trainModel(
  where: string,
  model: Model,
  x: Tensor,
  y: Targets,
  weights: Float64Array | null,
  params: KerasParams,
): number[] {
  const n = x.shape[0] as number;
  const rng = new Random(params.seed === null ? randomFor(undefined).nextUint32() : (params.seed ^ 0x5bd1e995) >>> 0);
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const w = weights === null ? null : model.dtype === 'float64' ? weights : Float32Array.from(weights);
  const targets = new Tensor(y.data, [n, ...y.rowShape]);
  const rowWeights = w === null ? null : new Tensor(w, [n]);
  const curve: number[] = [];
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    const order = params.shuffle ? rng.permutation(n) : identity;
    let total = 0;
    for (let start = 0; start < n; start += params.batchSize) {
      const end = Math.min(n, start + params.batchSize);
      const bx = takeRows(x, order, start, end);
      const by = takeRows(targets, order, start, end);
      const bw = rowWeights === null ? null : takeRows(rowWeights, order, start, end);
      const logs = model.trainOnBatch(bx, by, { sampleWeight: bw });
      total += (logs.loss as number) * (end - start);
    }
    const loss = total / n;
    curve.push(loss);
    if (params.verbose === 1)
      console.log(`${where}: epoch ${epoch + 1}/${params.epochs} - loss: ${loss.toPrecision(5)}`);
    if (!Number.isFinite(loss)) {
      warn(
        'ConvergenceWarning',
        `${where}: the training loss is ${String(loss)} at epoch ${epoch + 1}; training stopped. Lower learningRate or scale X (e.g. StandardScaler).`,
        { where, epoch: epoch + 1 },
      );
      break;
    }
  }
  return curve;
}

/** The model's single output for every row of `m`, row-major, with its width. */
export function forward(model: Model, m: DenseMatrix): { data: TypedArray; width: number } {
  const out = model.predict(inputTensor(model, m), { batchSize: Math.max(1, Math.min(m.rows, 4096)) }) as Tensor;
  return { data: out.data, width: m.rows === 0 ? 0 : out.size / m.rows };
}

/** A model as plain data for estimator JSON: topology (`getConfig`) and every weight's values. */
export interface SavedModel {
  className: string;
  config: Record<string, unknown>;
  weights: { name: string; shape: number[]; values: Float32Array | Float64Array }[];
}

/** The topology and weights of a trained model (weights copied). */
export function saveModel(model: Model): SavedModel {
  return {
    className: model.className,
    config: model.getConfig() as Record<string, unknown>,
    weights: model.weights.map((w) => ({
      name: w.name,
      shape: [...w.value.shape],
      values: (w.value.data as Float32Array | Float64Array).slice(),
    })),
  };
}

/**
 * Rebuilds a model saved by `saveModel` with identical weights (uncompiled: it predicts; fitting rebuilds from the
 * builder anyway).
 * @throws DataError when the saved data is not a model or its weights do not fit the topology
 */
export function loadModel(saved: SavedModel, nFeaturesIn: number, where: string): Model {
  const model = deserializeLayer({ className: saved.className, config: saved.config });
  if (!(model instanceof Model)) {
    throw new DataError(`${where}: the saved state holds a ${saved.className}, not a model.`, { where });
  }
  if (!model.graphReady && model instanceof Sequential) model.build([null, nFeaturesIn]);
  const ws = model.weights;
  if (ws.length !== saved.weights.length) {
    throw new DataError(
      `${where}: the saved state has ${saved.weights.length} weights but the model has ${ws.length}.`,
      {
        where,
      },
    );
  }
  ws.forEach((w, i) => {
    const s = saved.weights[i] as SavedModel['weights'][number];
    if (s.shape.length !== w.value.shape.length || s.shape.some((d, k) => d !== w.value.shape[k])) {
      throw new DataError(
        `${where}: saved weight "${s.name}" has shape [${s.shape.join(', ')}] but the model's "${w.name}" has [${w.value.shape.join(', ')}].`,
        { where },
      );
    }
    const Ctor = w.value.dtype === 'float64' ? Float64Array : Float32Array;
    w.assign(Ctor.from(s.values));
  });
  usedModels.add(model);
  return model;
}

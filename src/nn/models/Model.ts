import { noGrad } from '../../autograd/tape.js';
import { ConfigError, DataError, NotFittedError } from '../../errors/errors.js';
import { getOptimizer } from '../../optim/getOptimizer.js';
import type { Optimizer } from '../../optim/Optimizer.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { Logs, TrainingModel } from '../callbacks/Callback.js';
import type { History } from '../callbacks/History.js';
import { registerLayer } from '../engine/registry.js';
import type { Loss } from '../losses/Loss.js';
import type { Metric } from '../metrics/Metric.js';
import { readModelFile, writeDirectoryAtomic } from '../saving/directory.js';
import { FORMAT_VERSION, MODEL_FORMAT, type TensorEntry } from '../saving/format.js';
import { CompileState } from './CompileState.js';
import { type BatchSource, type ModelData, countRows, isBatchSource, normalizeBatch, toTensorList } from './data.js';
import { exampleWeights } from './exampleWeights.js';
import { prepareFitData } from './fitData.js';
import { fitLoop } from './fitLoop.js';
import { resolveFitSettings } from './fitSettings.js';
import { Functional } from './Functional.js';
import { evaluateBatches, evaluateInBatches, predictInBatches } from './inferenceLoops.js';
import { assignWeights, encodeOptimizer, encodeWeights, readWeightManifest, restoreOptimizer } from './modelFiles.js';
import type {
  BatchOptions,
  CompileArgs,
  EvaluateOptions,
  FitOptions,
  PredictOptions,
  SaveOptions,
} from './modelOptions.js';
import type { ModelInternals } from './ModelInternals.js';
import { positiveInt } from './positiveInt.js';
import { runBatch } from './runBatch.js';
import { formatSummary } from './summary.js';
import { summaryRows } from './summaryRows.js';

export type { BatchOptions, CompileArgs, EvaluateOptions, FitOptions, PredictOptions, SaveOptions };

/**
 * A functional model that trains (Keras' `Model`): `compile` picks the optimizer, losses and metrics; `fit` trains
 * on tensors or on a dataset with callbacks and returns a History; `evaluate`, `predict`, `trainOnBatch`; `save`
 * writes a model directory that `loadModel` reads back with bit-identical predictions.
 *
 * @example
 * const image = input({ shape: [28, 28, 1] });
 * const hidden = new Dense({ units: 64, activation: 'relu' }).apply(new Flatten().apply(image));
 * const model = new Model({ inputs: image, outputs: new Dense({ units: 10, activation: 'softmax' }).apply(hidden) });
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * const history = await model.fit(x, y, { epochs: 5, validationSplit: 0.1 });
 */
export class Model extends Functional implements TrainingModel {
  static override readonly className: string = 'Model';
  /** Set by compile. */
  optimizer: Optimizer | null = null;
  /** Callbacks set this to end `fit` after the current batch. */
  stopTraining = false;
  private compileArgs: CompileArgs | null = null;
  private compiledState: CompileState | null = null;

  /** The loops' view of this model (see ModelInternals: it keeps them free of this class). */
  private readonly internals: ModelInternals = {
    inputs: (where, x) => {
      this.ensureGraphFor(x);
      return toTensorList(where, x, this.inputNames, 'input');
    },
    targets: (where, y) => {
      if (y === undefined) throw new DataError(`${where}: targets (y) are required.`);
      return toTensorList(where, y, this.outputNames, 'target');
    },
    batch: (where, raw) => {
      // The first input's shape is read before `inputs` may build a deferred graph from this very batch.
      const b = normalizeBatch(where, raw, this.graphReady ? (this.inputs[0]?.shape.slice(1) ?? null) : null);
      const xs = this.internals.inputs(where, b.x);
      return { xs, ys: this.internals.targets(where, b.y), sampleWeight: b.sampleWeight };
    },
    state: () => this.compiled(),
    forward: (xs, training) => this.applyMulti(xs, { training }),
    trainableParams: () => this.trainableWeights.map((w) => w.value),
    optimizer: () => this.optimizer,
    outputCount: () => this.outputs.length,
  };

  /**
   * Sets the optimizer, losses and metrics for training. Can be called again (e.g. to change the learning rate);
   * weights are kept.
   * @throws ConfigError for an unknown optimizer, loss or metric, or losses that do not match the outputs.
   */
  compile(args: CompileArgs): void {
    if (!args || args.loss === undefined) {
      throw new ConfigError(`${this.where}: compile needs a "loss", e.g. compile({ optimizer: 'adam', loss: 'mse' }).`);
    }
    this.optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
    this.compileArgs = args;
    this.compiledState = null;
    // Losses and metrics are resolved against the outputs, which a Sequential without an input shape lacks until
    // it sees data; resolve now when possible so mistakes surface at compile time.
    if (this.graphReady) this.compiled();
  }

  /** True after compile. */
  get isCompiled(): boolean {
    return this.compileArgs !== null;
  }

  /** Resolves losses and metrics against the outputs (once the graph exists). */
  protected compiled(): CompileState {
    if (this.compiledState) return this.compiledState;
    const args = this.compileArgs;
    if (!args) {
      throw new NotFittedError(
        `${this.where}: the model is not compiled; call compile({ optimizer, loss, metrics }) before training or evaluating.`,
      );
    }
    const widths = this.outputs.map((o) => o.shape[o.shape.length - 1] ?? null);
    this.compiledState = CompileState.resolve(this.where, args, this.outputNames, widths);
    return this.compiledState;
  }

  /** Builds a deferred graph from the first data seen (Sequential); a functional model is built already. */
  protected ensureGraphFor(_x: ModelData): void {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: the model has no inputs yet.`);
  }

  /**
   * Trains on one batch and returns that batch's loss and metrics (metrics are reset first, as Keras).
   * @throws NotFittedError before compile; DataError / ShapeError for data that does not fit the model.
   */
  trainOnBatch(x: ModelData, y: ModelData, options: BatchOptions = {}): Logs {
    const xs = this.internals.inputs('trainOnBatch', x);
    const ys = this.internals.targets('trainOnBatch', y);
    countRows('trainOnBatch', [...xs, ...ys]);
    this.compiled().resetMetrics();
    const weights = exampleWeights(
      'trainOnBatch',
      ys[0] as Tensor,
      options.classWeight,
      options.sampleWeight,
      this.outputs.length,
    );
    runBatch(this.internals, xs, ys, weights, true);
    return this.compiled().logs();
  }

  /** Loss and metrics of one batch, without training. */
  testOnBatch(x: ModelData, y: ModelData, options: BatchOptions = {}): Logs {
    const xs = this.internals.inputs('testOnBatch', x);
    const ys = this.internals.targets('testOnBatch', y);
    countRows('testOnBatch', [...xs, ...ys]);
    this.compiled().resetMetrics();
    runBatch(this.internals, xs, ys, options.sampleWeight ?? null, false);
    return this.compiled().logs();
  }

  /** Predictions for one batch (inference mode, no graph recorded). */
  predictOnBatch(x: ModelData): Tensor | Tensor[] {
    const xs = this.internals.inputs('predictOnBatch', x);
    const outs = noGrad(() => this.applyMulti(xs, { training: false }));
    return this.singleOutput ? (outs[0] as Tensor) : outs;
  }

  /**
   * Predictions in batches of `batchSize` (inference mode, no graph recorded): a Tensor for a single-output model,
   * else one per output.
   */
  predict(x: ModelData, { batchSize = 32 }: PredictOptions = {}): Tensor | Tensor[] {
    positiveInt('predict', 'batchSize', batchSize);
    const xs = this.internals.inputs('predict', x);
    const n = countRows('predict', xs);
    const outs = predictInBatches(this.internals, xs, n, batchSize);
    return this.singleOutput ? (outs[0] as Tensor) : outs;
  }

  /**
   * Loss and metrics over tensor data, in batches, in inference mode: `{ loss, accuracy, … }`.
   * @throws NotFittedError before compile.
   */
  evaluate(x: ModelData, y: ModelData, { batchSize = 32, sampleWeight = null }: EvaluateOptions = {}): Logs {
    positiveInt('evaluate', 'batchSize', batchSize);
    const xs = this.internals.inputs('evaluate', x);
    const ys = this.internals.targets('evaluate', y);
    const n = countRows('evaluate', [...xs, ...ys]);
    return evaluateInBatches(this.internals, xs, ys, n, batchSize, sampleWeight);
  }

  /** Loss and metrics over a dataset (an async or sync iterable of batches), in inference mode. */
  async evaluateDataset(dataset: BatchSource, { steps = null }: { steps?: number | null } = {}): Promise<Logs> {
    return evaluateBatches(this.internals, dataset, steps);
  }

  /**
   * Trains the model: on tensors `fit(x, y, options)` or on a dataset `fit(dataset, options)` (an async iterable of
   * `{ x, y }` batches, re-iterated each epoch). Returns the History of logged values per epoch.
   * @throws NotFittedError before compile; ConfigError for bad options; DataError / ShapeError for bad data.
   */
  async fit(x: ModelData | BatchSource, y?: ModelData | FitOptions, options?: FitOptions): Promise<History> {
    const dataset = isBatchSource(x) ? x : null;
    const opts: FitOptions = (dataset ? (y as FitOptions | undefined) : options) ?? {};
    // Order matters for reproducibility: the shuffling seed is drawn before a deferred graph is built from x.
    const settings = resolveFitSettings('fit', opts);
    const data = prepareFitData('fit', this.internals, x, y, opts, dataset);
    return fitLoop(this, this.internals, data, dataset, settings, opts);
  }

  /**
   * What `compile` was given as `loss` (Keras' `model.loss`): one identifier, a list or a record by output name.
   * Null before compile.
   */
  get loss(): CompileArgs['loss'] | null {
    return this.compileArgs?.loss ?? null;
  }

  /**
   * The loss of each output, resolved to Loss objects, in output order (null for an output trained without a
   * loss). E.g. `model.compiledLosses[0]?.className === 'CategoricalCrossentropy'`.
   * @throws NotFittedError before compile, or before a Sequential model knows its input shape.
   */
  get compiledLosses(): (Loss | null)[] {
    return this.resolvedCompile('compiledLosses').outputs.map((o) => o.loss);
  }

  /**
   * The metrics of each output, resolved to Metric objects, in output order (Keras' `compiled_metrics`). These
   * are the objects `fit` and `evaluate` update: read `result()` after a call, do not `reset()` during one.
   * @throws NotFittedError before compile, or before a Sequential model knows its input shape.
   */
  get compiledMetrics(): Metric[][] {
    return this.resolvedCompile('compiledMetrics').outputs.map((o) => [...o.metrics]);
  }

  /**
   * A copy of the arguments of the last `compile` call (Keras' `get_compile_config()`), e.g. to compile a clone
   * the same way; null before compile. The optimizer entry is what was passed (the live one is `optimizer`).
   */
  getCompileConfig(): CompileArgs | null {
    return this.compileArgs ? { ...this.compileArgs } : null;
  }

  private resolvedCompile(what: string): CompileState {
    if (this.compileArgs && !this.graphReady) {
      throw new NotFittedError(
        `${this.where}: ${what} are resolved per output once the model is built; give the first layer an inputShape, or call build() or fit() first.`,
      );
    }
    return this.compiled();
  }

  /**
   * A Keras-style table of the layers, their output shapes and parameter counts (and inbound layers for a
   * functional model); printed with `print` (default console.log) and returned.
   */
  summary(print: ((line: string) => void) | null = console.log, lineLength = 80): string {
    if (!this.graphReady) {
      throw new NotFittedError(
        `${this.where}: the model is not built yet; give the first layer an inputShape, or call build() or fit() first.`,
      );
    }
    const rows = summaryRows(this.graphLayers, (layer) => this.nodesOf(layer), this.className === 'Sequential');
    const size = (ws: { value: Tensor }[]): number => ws.reduce((s, w) => s + w.value.size, 0);
    const text = formatSummary(
      this.name,
      rows,
      {
        trainable: size(this.trainableWeights),
        nonTrainable: size(this.nonTrainableWeights),
        bytesPerParam: this.dtype === 'float64' ? 8 : 4,
      },
      lineLength,
    );
    if (print) for (const line of text.split('\n')) print(line);
    return text;
  }

  /**
   * Saves a model directory: model.json (topology and training configuration), weights.bin (every weight, raw
   * little-endian) and, unless `includeOptimizer` is false, optimizer.json/.bin (the optimizer's configuration,
   * step count and per-parameter state). The write is atomic (temporary directory + rename). `loadModel` reads it.
   */
  async save(path: string, { includeOptimizer = true }: SaveOptions = {}): Promise<void> {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: build the model before saving it.`);
    const { manifest, bytes } = encodeWeights(this.weights);
    const modelJson = {
      format: MODEL_FORMAT,
      formatVersion: FORMAT_VERSION,
      className: this.className,
      config: this.getConfig(),
      // What compile was given, serialised (null when not compiled or a part, e.g. a custom loss, cannot be saved).
      trainingConfig: this.compileArgs && this.optimizer ? this.compiled().trainingConfig(this.optimizer) : null,
      weights: manifest,
    };
    const files: Record<string, Uint8Array | string> = {
      'model.json': JSON.stringify(modelJson, null, 1),
      'weights.bin': bytes,
    };
    if (includeOptimizer && this.optimizer)
      Object.assign(files, encodeOptimizer(this.optimizer, this.trainableWeights));
    await writeDirectoryAtomic(path, files);
  }

  /** Saves the weights only: weights.json (names, shapes, dtypes) and weights.bin, atomically. */
  async saveWeights(path: string): Promise<void> {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: build the model before saving its weights.`);
    const { manifest, bytes } = encodeWeights(this.weights);
    await writeDirectoryAtomic(path, {
      'weights.json': JSON.stringify(
        { format: MODEL_FORMAT, formatVersion: FORMAT_VERSION, weights: manifest },
        null,
        1,
      ),
      'weights.bin': bytes,
    });
  }

  /**
   * Loads weights written by `saveWeights` (or the weights of a saved model directory) into this model.
   * @throws ShapeError when the count or a shape differs from this model's weights.
   */
  async loadWeights(path: string): Promise<void> {
    const manifest = await readWeightManifest(path);
    this.setWeightsFromFile(manifest, await readModelFile(path, 'weights.bin'), `${path}/weights.bin`);
  }

  /** Assigns decoded weights, checking count and shapes against this model. @internal */
  setWeightsFromFile(manifest: readonly TensorEntry[], bytes: Uint8Array, file: string): void {
    assignWeights(this.where, this.weights, manifest, bytes, file);
  }

  /** Restores optimizer state written by `save` (the same trainable weights in the same order). @internal */
  restoreOptimizerState(json: unknown, bytes: Uint8Array, file: string): void {
    if (!this.optimizer) return;
    restoreOptimizer(this.where, this.optimizer, this.trainableWeights, json, bytes, file);
  }
}

registerLayer(Model);
registerLayer(Functional);

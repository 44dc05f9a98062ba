import { backward } from '../../autograd/backward.js';
import { noGrad } from '../../autograd/tape.js';
import { ConfigError, DataError, NotFittedError, ShapeError } from '../../errors/errors.js';
import { add, mul } from '../../ops/binary.js';
import { getOptimizer } from '../../optim/getOptimizer.js';
import type { Optimizer } from '../../optim/Optimizer.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { ProgressCallback } from '../../util/progress.js';
import { Random, randomFor } from '../../util/random.js';
import { type Callback, CallbackList, type Logs, type TrainingModel } from '../callbacks/Callback.js';
import { History } from '../callbacks/History.js';
import { ProgressLogger } from '../callbacks/ProgressLogger.js';
import { ProgressReporter } from '../callbacks/ProgressReporter.js';
import type { Layer } from '../engine/Layer.js';
import { formatDims } from '../engine/shape.js';
import { type LossIdentifier, type Loss, getLoss } from '../losses/Loss.js';
import { type MetricIdentifier, getMetric } from '../metrics/getMetric.js';
import { Mean, type Metric } from '../metrics/Metric.js';
import { InputLayer } from '../layers/InputLayer.js';
import { readModelFile, writeDirectoryAtomic } from '../saving/directory.js';
import { FORMAT_VERSION, MODEL_FORMAT, type TensorEntry, decodeTensors, encodeTensors } from '../saving/format.js';
import {
  type BatchLike,
  type BatchSource,
  type ModelData,
  concatRows,
  countRows,
  isBatchSource,
  iterate,
  normalizeBatch,
  takeRows,
  toTensorList,
} from './data.js';
import { Functional } from './Functional.js';
import { type SummaryRow, formatSummary } from './summary.js';
import { registerLayer } from '../engine/registry.js';

/** Options of `compile`. */
export interface CompileArgs {
  /** An Optimizer, a name ('adam', 'sgd', 'rmsprop', …) or a serialised optimizer. Default 'rmsprop' (Keras). */
  optimizer?: Optimizer | string | SerializedObject;
  /** One loss for every output, one per output (in order), or a record by output name. */
  loss: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  /** Metrics for every output, or a record by output name. */
  metrics?: MetricIdentifier[] | Record<string, MetricIdentifier[]>;
  /** Weights of the output losses in the total; default 1 each. */
  lossWeights?: number[] | Record<string, number>;
}

/** Options of `fit`. */
export interface FitOptions {
  /** Examples per batch (tensor data); default 32. */
  batchSize?: number;
  /** Train until this epoch index (exclusive); default 1. */
  epochs?: number;
  /** 0 silent, 1 progress bar in a terminal (a line per epoch otherwise), 2 a line per epoch. Default 1. */
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: Callback[];
  /** Hold out this last fraction of the (unshuffled) tensor data for validation; in [0, 1). */
  validationSplit?: number;
  /** [x, y] or [x, y, sampleWeight] tensors, or a dataset, evaluated at the end of each epoch. */
  validationData?: [ModelData, ModelData] | [ModelData, ModelData, Tensor | null] | BatchSource;
  /** Shuffle tensor data every epoch (seeded). Default true. */
  shuffle?: boolean;
  /** Weight of each class in the loss, by integer class (single-output models). */
  classWeight?: Record<number, number>;
  /** Weight of each example in the loss, [examples]. */
  sampleWeight?: Tensor | null;
  /** Epoch to start at (to resume training). Default 0. */
  initialEpoch?: number;
  /** Batches per epoch when training on a dataset (default: until the dataset ends). */
  stepsPerEpoch?: number | null;
  /** Batch size for validation tensors; default batchSize. */
  validationBatchSize?: number;
  /** Validate every this many epochs; default 1. */
  validationFreq?: number;
  /** Seed of the shuffling; default drawn from the global generator (`setGlobalSeed`). */
  seed?: number;
  /** Receives one progress event per batch (lsml's progress interface). */
  onProgress?: ProgressCallback;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Default 32. */
  batchSize?: number;
  sampleWeight?: Tensor | null;
}

/** Options of `predict`. */
export interface PredictOptions {
  /** Default 32. */
  batchSize?: number;
}

/** Options of `trainOnBatch` and `testOnBatch`. */
export interface BatchOptions {
  sampleWeight?: Tensor | null;
  classWeight?: Record<number, number>;
}

/** Options of `save`. */
export interface SaveOptions {
  /** Also save the optimizer's state, so training can resume exactly. Default true. */
  includeOptimizer?: boolean;
}

interface CompiledOutput {
  name: string;
  loss: Loss | null;
  weight: number;
  metrics: Metric[];
  lossTracker: Mean;
}

interface Compiled {
  outputs: CompiledOutput[];
  lossTracker: Mean;
}

/** The optimizer.json of a model directory. */
interface OptimizerFile {
  optimizer: SerializedObject;
  iterations: number;
  params: string[];
  slots: (TensorEntry & { param: number; slot: string })[];
}

function positiveInt(where: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new ConfigError(`${where}: "${name}" must be a positive integer; received ${String(v)}.`);
  return v;
}

/** A plain object used as a record by output name (not a serialised `{ className, config }`). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === 'object' &&
    Object.getPrototypeOf(v) === Object.prototype &&
    !('className' in v && 'config' in v)
  );
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
  private compiledState: Compiled | null = null;

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
  protected compiled(): Compiled {
    if (this.compiledState) return this.compiledState;
    const args = this.compileArgs;
    if (!args) {
      throw new NotFittedError(
        `${this.where}: the model is not compiled; call compile({ optimizer, loss, metrics }) before training or evaluating.`,
      );
    }
    const names = this.outputNames;
    const perOutput = <T>(value: T | T[] | Record<string, T> | undefined, what: string, fallback: T): T[] => {
      if (value === undefined) return names.map(() => fallback);
      if (Array.isArray(value)) {
        if (value.length !== names.length) {
          throw new ConfigError(
            `${this.where}: ${value.length} ${what} given for ${names.length} outputs (${names.join(', ')}).`,
          );
        }
        return value;
      }
      if (isRecord(value)) {
        const record = value as Record<string, T>;
        const unknown = Object.keys(record).filter((k) => !names.includes(k));
        if (unknown.length > 0) {
          throw new ConfigError(
            `${this.where}: ${what} given for unknown outputs ${unknown.join(', ')}; outputs are ${names.join(', ')}.`,
          );
        }
        return names.map((n) => record[n] ?? fallback);
      }
      return names.map(() => value as T);
    };
    const losses = perOutput<LossIdentifier | null>(args.loss as LossIdentifier, 'losses', null).map((l) =>
      l === null ? null : getLoss(l),
    );
    const weights = perOutput<number>(args.lossWeights, 'loss weights', 1);
    const metricLists: MetricIdentifier[][] = Array.isArray(args.metrics)
      ? names.map(() => args.metrics as MetricIdentifier[])
      : perOutput<MetricIdentifier[]>(args.metrics, 'metric lists', []);
    const multi = names.length > 1;
    const outputs = names.map((name, k): CompiledOutput => {
      const shape = this.outputs[k]?.shape ?? [];
      const width = shape[shape.length - 1] ?? null;
      const loss = losses[k] ?? null;
      // Metric objects are shared when the same list serves several outputs; give each output its own.
      const metrics = (metricLists[k] ?? []).map((id) =>
        getMetric(multi && typeof id !== 'string' && 'update' in id ? id.serialize() : id, {
          loss,
          outputWidth: width,
        }),
      );
      return { name, loss, weight: weights[k] as number, metrics, lossTracker: new Mean(`${name}_loss`) };
    });
    if (outputs.every((o) => o.loss === null))
      throw new ConfigError(`${this.where}: compile needs a loss for at least one output.`);
    this.compiledState = { outputs, lossTracker: new Mean('loss') };
    return this.compiledState;
  }

  /** Builds a deferred graph from the first data seen (Sequential); a functional model is built already. */
  protected ensureGraphFor(_x: ModelData): void {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: the model has no inputs yet.`);
  }

  private inputsOf(where: string, x: ModelData): Tensor[] {
    this.ensureGraphFor(x);
    return toTensorList(where, x, this.inputNames, 'input');
  }

  private targetsOf(where: string, y: ModelData | undefined): Tensor[] {
    if (y === undefined) throw new DataError(`${where}: targets (y) are required.`);
    return toTensorList(where, y, this.outputNames, 'target');
  }

  private resetMetrics(): void {
    const c = this.compiled();
    c.lossTracker.reset();
    for (const o of c.outputs) {
      o.lossTracker.reset();
      for (const m of o.metrics) m.reset();
    }
  }

  private logs(prefix = ''): Logs {
    const c = this.compiled();
    const logs: Logs = { [`${prefix}loss`]: c.lossTracker.result() };
    const multi = c.outputs.length > 1;
    for (const o of c.outputs) {
      if (multi && o.loss) logs[`${prefix}${o.name}_loss`] = o.lossTracker.result();
      for (const m of o.metrics) logs[`${prefix}${multi ? `${o.name}_` : ''}${m.name}`] = m.result();
    }
    return logs;
  }

  /** The trainable parameter tensors, in `trainableWeights` order (the optimizer state's order). */
  private trainableParams(): Tensor[] {
    return this.trainableWeights.map((w) => w.value);
  }

  /** One forward (and, when training, backward + update) pass over a batch, accumulating losses and metrics. */
  private runBatch(xs: Tensor[], ys: Tensor[], sampleWeight: Tensor | null, train: boolean): void {
    const c = this.compiled();
    const n = xs[0]?.shape[0] ?? 0;
    const step = (): Tensor | null => {
      const preds = this.applyMulti(xs, { training: train });
      let total: Tensor | null = null;
      c.outputs.forEach((o, k) => {
        const pred = preds[k] as Tensor;
        const target = ys[k] as Tensor;
        if (o.loss) {
          const l = o.loss.compute(target, pred, sampleWeight);
          o.lossTracker.updateValue(l.item(), n);
          const weighted = o.weight === 1 ? l : mul(l, o.weight);
          total = total === null ? weighted : add(total, weighted);
        }
        for (const m of o.metrics) m.update(target, pred, sampleWeight);
      });
      return total;
    };
    const total = train ? step() : noGrad(step);
    if (total === null) return;
    c.lossTracker.updateValue((total as Tensor).item(), n);
    if (train && (total as Tensor).requiresGrad) {
      const params = this.trainableParams();
      backward(total);
      const optimizer = this.optimizer as Optimizer;
      optimizer.applyGradients(
        params,
        params.map((p) => p.grad),
      );
      for (const p of params) p.grad = null;
    }
  }

  /** Per-example weights from class weights (and optional sample weights) for targets `y` of one output. */
  private exampleWeights(
    where: string,
    y: Tensor,
    classWeight: Record<number, number> | undefined,
    sampleWeight: Tensor | null | undefined,
  ): Tensor | null {
    if (!classWeight) return sampleWeight ?? null;
    if (this.outputs.length !== 1)
      throw new ConfigError(`${where}: classWeight is supported for single-output models only.`);
    const n = y.shape[0] as number;
    const width = y.rank > 1 ? y.size / n : 1;
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let cls: number;
      if (width === 1) cls = Math.round(y.data[i] as number);
      else {
        cls = 0;
        for (let k = 1; k < width; k++)
          if ((y.data[i * width + k] as number) > (y.data[i * width + cls] as number)) cls = k;
      }
      const cw = classWeight[cls];
      w[i] = (cw ?? 1) * (sampleWeight ? (sampleWeight.data[i] as number) : 1);
    }
    return new Tensor(w, [n]);
  }

  /**
   * Trains on one batch and returns that batch's loss and metrics (metrics are reset first, as Keras).
   * @throws NotFittedError before compile; DataError / ShapeError for data that does not fit the model.
   */
  trainOnBatch(x: ModelData, y: ModelData, options: BatchOptions = {}): Logs {
    const xs = this.inputsOf('trainOnBatch', x);
    const ys = this.targetsOf('trainOnBatch', y);
    countRows('trainOnBatch', [...xs, ...ys]);
    this.resetMetrics();
    this.runBatch(
      xs,
      ys,
      this.exampleWeights('trainOnBatch', ys[0] as Tensor, options.classWeight, options.sampleWeight),
      true,
    );
    return this.logs();
  }

  /** Loss and metrics of one batch, without training. */
  testOnBatch(x: ModelData, y: ModelData, options: BatchOptions = {}): Logs {
    const xs = this.inputsOf('testOnBatch', x);
    const ys = this.targetsOf('testOnBatch', y);
    countRows('testOnBatch', [...xs, ...ys]);
    this.resetMetrics();
    this.runBatch(xs, ys, options.sampleWeight ?? null, false);
    return this.logs();
  }

  /** Predictions for one batch (inference mode, no graph recorded). */
  predictOnBatch(x: ModelData): Tensor | Tensor[] {
    const xs = this.inputsOf('predictOnBatch', x);
    const outs = noGrad(() => this.applyMulti(xs, { training: false }));
    return this.singleOutput ? (outs[0] as Tensor) : outs;
  }

  /**
   * Predictions in batches of `batchSize` (inference mode, no graph recorded): a Tensor for a single-output model,
   * else one per output.
   */
  predict(x: ModelData, { batchSize = 32 }: PredictOptions = {}): Tensor | Tensor[] {
    positiveInt('predict', 'batchSize', batchSize);
    const xs = this.inputsOf('predict', x);
    const n = countRows('predict', xs);
    const parts: Tensor[][] = this.outputs.map(() => []);
    noGrad(() => {
      for (let start = 0; start < n; start += batchSize) {
        const end = Math.min(n, start + batchSize);
        const outs = this.applyMulti(
          xs.map((t) => (start === 0 && end === n ? t : takeRows(t, null, start, end))),
          { training: false },
        );
        outs.forEach((o, k) => parts[k]?.push(o));
      }
    });
    const outs = parts.map((p) => (p.length === 1 ? (p[0] as Tensor).clone() : concatRows(p)));
    return this.singleOutput ? (outs[0] as Tensor) : outs;
  }

  /**
   * Loss and metrics over tensor data, in batches, in inference mode: `{ loss, accuracy, … }`.
   * @throws NotFittedError before compile.
   */
  evaluate(x: ModelData, y: ModelData, { batchSize = 32, sampleWeight = null }: EvaluateOptions = {}): Logs {
    positiveInt('evaluate', 'batchSize', batchSize);
    const xs = this.inputsOf('evaluate', x);
    const ys = this.targetsOf('evaluate', y);
    const n = countRows('evaluate', [...xs, ...ys]);
    this.resetMetrics();
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      const slice = (t: Tensor): Tensor => (start === 0 && end === n ? t : takeRows(t, null, start, end));
      this.runBatch(xs.map(slice), ys.map(slice), sampleWeight ? slice(sampleWeight) : null, false);
    }
    return this.logs();
  }

  /** Loss and metrics over a dataset (an async or sync iterable of batches), in inference mode. */
  async evaluateDataset(dataset: BatchSource, { steps = null }: { steps?: number | null } = {}): Promise<Logs> {
    this.resetMetrics();
    let i = 0;
    for await (const raw of iterate(dataset)) {
      if (steps !== null && i >= steps) break;
      const b = normalizeBatch('evaluateDataset', raw as BatchLike, this.firstInputShape());
      const xs = this.inputsOf('evaluateDataset', b.x);
      this.runBatch(xs, this.targetsOf('evaluateDataset', b.y), b.sampleWeight, false);
      i++;
    }
    return this.logs();
  }

  private firstInputShape(): readonly (number | null)[] | null {
    return this.graphReady ? (this.inputs[0]?.shape.slice(1) ?? null) : null;
  }

  /**
   * Trains the model: on tensors `fit(x, y, options)` or on a dataset `fit(dataset, options)` (an async iterable of
   * `{ x, y }` batches, re-iterated each epoch). Returns the History of logged values per epoch.
   * @throws NotFittedError before compile; ConfigError for bad options; DataError / ShapeError for bad data.
   */
  async fit(x: ModelData | BatchSource, y?: ModelData | FitOptions, options?: FitOptions): Promise<History> {
    const dataset = isBatchSource(x) ? x : null;
    const opts: FitOptions = (dataset ? (y as FitOptions | undefined) : options) ?? {};
    const where = 'fit';
    const epochs = opts.epochs ?? 1;
    const initialEpoch = opts.initialEpoch ?? 0;
    const batchSize = positiveInt(where, 'batchSize', opts.batchSize ?? 32);
    const verbose = opts.verbose === 'auto' || opts.verbose === undefined ? 1 : opts.verbose;
    const validationFreq = positiveInt(where, 'validationFreq', opts.validationFreq ?? 1);
    if (!Number.isInteger(epochs) || epochs < 0 || !Number.isInteger(initialEpoch) || initialEpoch < 0) {
      throw new ConfigError(
        `${where}: "epochs" and "initialEpoch" must be non-negative integers; received ${epochs} and ${initialEpoch}.`,
      );
    }
    const rng = new Random(opts.seed ?? randomFor(undefined).nextUint32());
    // Tensor data: split off validation, fold class weights into per-example weights.
    let xs: Tensor[] = [];
    let ys: Tensor[] = [];
    let weights: Tensor | null = null;
    let n = 0;
    let validation: { xs: Tensor[]; ys: Tensor[]; sw: Tensor | null } | BatchSource | null = null;
    if (!dataset) {
      xs = this.inputsOf(where, x as ModelData);
      ys = this.targetsOf(where, y as ModelData);
      n = countRows(where, [...xs, ...ys, ...(opts.sampleWeight ? [opts.sampleWeight] : [])]);
      weights = this.exampleWeights(where, ys[0] as Tensor, opts.classWeight, opts.sampleWeight);
      const split = opts.validationSplit ?? 0;
      if (!(split >= 0 && split < 1))
        throw new ConfigError(`${where}: "validationSplit" must be in [0, 1); received ${split}.`);
      if (split > 0 && opts.validationData === undefined) {
        const cut = Math.ceil(n * (1 - split));
        const head = (t: Tensor): Tensor => takeRows(t, null, 0, cut);
        const tail = (t: Tensor): Tensor => takeRows(t, null, cut, n);
        validation = { xs: xs.map(tail), ys: ys.map(tail), sw: weights ? tail(weights) : null };
        xs = xs.map(head);
        ys = ys.map(head);
        weights = weights ? head(weights) : null;
        n = cut;
      }
    } else if (opts.classWeight || opts.sampleWeight || opts.validationSplit) {
      throw new ConfigError(
        `${where}: classWeight, sampleWeight and validationSplit apply to tensor data; put weights in the dataset's batches.`,
      );
    }
    if (opts.validationData !== undefined) {
      const v = opts.validationData;
      if (isBatchSource(v)) validation = v;
      else {
        const vx = this.inputsOf(where, v[0]);
        const vy = this.targetsOf(where, v[1]);
        validation = { xs: vx, ys: vy, sw: (v as [ModelData, ModelData, Tensor | null])[2] ?? null };
      }
    }
    this.compiled();
    const steps = dataset ? (opts.stepsPerEpoch ?? null) : Math.ceil(n / batchSize);
    const history = new History();
    const callbacks = [
      ...(opts.callbacks ?? []),
      ...(verbose > 0 ? [new ProgressLogger(verbose)] : []),
      ...(opts.onProgress ? [new ProgressReporter(opts.onProgress)] : []),
      history,
    ];
    const list = new CallbackList(callbacks, this, { epochs, steps, verbose });
    this.stopTraining = false;
    await list.trainBegin({});
    let epochLogs: Logs = {};
    for (let epoch = initialEpoch; epoch < epochs && !this.stopTraining; epoch++) {
      this.resetMetrics();
      await list.epochBegin(epoch, {});
      let batch = 0;
      const runOne = async (bx: Tensor[], by: Tensor[], bw: Tensor | null): Promise<void> => {
        await list.batchBegin(batch, {});
        this.runBatch(bx, by, bw, true);
        await list.batchEnd(batch, this.logs());
        batch++;
      };
      if (dataset) {
        for await (const raw of iterate(dataset)) {
          if (steps !== null && batch >= steps) break;
          const b = normalizeBatch(where, raw as BatchLike, this.firstInputShape());
          const bx = this.inputsOf(where, b.x);
          await runOne(bx, this.targetsOf(where, b.y), b.sampleWeight);
          if (this.stopTraining) break;
        }
      } else {
        const order = (opts.shuffle ?? true) ? rng.permutation(n) : null;
        for (let start = 0; start < n && !this.stopTraining; start += batchSize) {
          const end = Math.min(n, start + batchSize);
          const take = (t: Tensor): Tensor => takeRows(t, order, start, end);
          await runOne(xs.map(take), ys.map(take), weights ? take(weights) : null);
        }
      }
      epochLogs = this.logs();
      if (validation !== null && (epoch + 1 - initialEpoch) % validationFreq === 0) {
        const v = validation;
        const valLogs = isBatchSource(v)
          ? await this.evaluateDataset(v)
          : this.evaluate(v.xs, v.ys, { batchSize: opts.validationBatchSize ?? batchSize, sampleWeight: v.sw });
        for (const [k, val] of Object.entries(valLogs)) epochLogs[`val_${k}`] = val;
      }
      await list.epochEnd(epoch, epochLogs);
      await yieldToEventLoop();
    }
    await list.trainEnd(epochLogs);
    return history;
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
    const sequential = this.className === 'Sequential';
    const rows: SummaryRow[] = [];
    for (const layer of this.graphLayers) {
      if (sequential && layer instanceof InputLayer) continue;
      const node = this.nodesOf(layer)[0];
      const shape = node ? node.outputs.map((o) => formatDims(o.shape)).join(', ') : '?';
      const row: SummaryRow = {
        name: layer.name,
        className: layer.className,
        outputShape: shape,
        params: layer.countParams(),
      };
      if (!sequential) {
        row.connectedTo = node
          ? node.inputs
              .map((t) => `${t.sourceLayer.name}[${this.nodesOf(t.sourceLayer as Layer).indexOf(t.node)}][${t.index}]`)
              .join(', ')
          : '';
      }
      rows.push(row);
    }
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

  /** What compile was given, serialised for model.json (null when not compiled or a part cannot be saved). */
  private trainingConfig(): Record<string, unknown> | null {
    if (!this.compileArgs || !this.optimizer) return null;
    const c = this.compiled();
    const losses = c.outputs.map((o) => (o.loss ? o.loss.serialize() : null));
    if (c.outputs.some((o, k) => o.loss !== null && losses[k] === null)) return null;
    return {
      optimizer: this.optimizer.serialize(),
      loss: losses,
      metrics: c.outputs.map((o) => o.metrics.map((m) => m.serialize())),
      lossWeights: c.outputs.map((o) => o.weight),
    };
  }

  /**
   * Saves a model directory: model.json (topology and training configuration), weights.bin (every weight, raw
   * little-endian) and, unless `includeOptimizer` is false, optimizer.json/.bin (the optimizer's configuration,
   * step count and per-parameter state). The write is atomic (temporary directory + rename). `loadModel` reads it.
   */
  async save(path: string, { includeOptimizer = true }: SaveOptions = {}): Promise<void> {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: build the model before saving it.`);
    const { manifest, bytes } = encodeTensors(this.weights.map((w) => ({ name: w.name, value: w.value })));
    const modelJson = {
      format: MODEL_FORMAT,
      formatVersion: FORMAT_VERSION,
      className: this.className,
      config: this.getConfig(),
      trainingConfig: this.trainingConfig(),
      weights: manifest,
    };
    const files: Record<string, Uint8Array | string> = {
      'model.json': JSON.stringify(modelJson, null, 1),
      'weights.bin': bytes,
    };
    if (includeOptimizer && this.optimizer) {
      const weights = this.trainableWeights;
      const slots = this.optimizer.getSlots(weights.map((w) => w.value));
      const packed = encodeTensors(slots.map((s) => ({ name: `${s.param}/${s.slot}`, value: s.value })));
      const optimizerJson: OptimizerFile = {
        optimizer: this.optimizer.serialize(),
        iterations: this.optimizer.iterations,
        params: weights.map((w) => w.name),
        slots: packed.manifest.map((e, i) => ({
          ...e,
          param: (slots[i] as { param: number }).param,
          slot: (slots[i] as { slot: string }).slot,
        })),
      };
      files['optimizer.json'] = JSON.stringify(optimizerJson, null, 1);
      files['optimizer.bin'] = packed.bytes;
    }
    await writeDirectoryAtomic(path, files);
  }

  /** Saves the weights only: weights.json (names, shapes, dtypes) and weights.bin, atomically. */
  async saveWeights(path: string): Promise<void> {
    if (!this.graphReady) throw new NotFittedError(`${this.where}: build the model before saving its weights.`);
    const { manifest, bytes } = encodeTensors(this.weights.map((w) => ({ name: w.name, value: w.value })));
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
    let manifest: TensorEntry[];
    try {
      manifest = (
        JSON.parse(new TextDecoder().decode(await readModelFile(path, 'weights.json'))) as { weights: TensorEntry[] }
      ).weights;
    } catch {
      manifest = (
        JSON.parse(new TextDecoder().decode(await readModelFile(path, 'model.json'))) as { weights: TensorEntry[] }
      ).weights;
    }
    this.setWeightsFromFile(manifest, await readModelFile(path, 'weights.bin'), `${path}/weights.bin`);
  }

  /** Assigns decoded weights, checking count and shapes against this model. @internal */
  setWeightsFromFile(manifest: readonly TensorEntry[], bytes: Uint8Array, file: string): void {
    const ws = this.weights;
    if (manifest.length !== ws.length) {
      throw new ShapeError(`${this.where}: ${file} holds ${manifest.length} weights but the model has ${ws.length}.`, {
        file,
      });
    }
    const values = decodeTensors(manifest, bytes, file);
    ws.forEach((w, i) => w.assign(values[i] as Tensor));
  }

  /** Restores optimizer state written by `save` (the same trainable weights in the same order). @internal */
  restoreOptimizerState(json: unknown, bytes: Uint8Array, file: string): void {
    const f = json as OptimizerFile;
    const optimizer = this.optimizer;
    if (!optimizer) return;
    const params = this.trainableWeights;
    if (f.params.length !== params.length) {
      throw new ShapeError(
        `${this.where}: ${file} holds state for ${f.params.length} parameters but the model has ${params.length} trainable weights.`,
        { file },
      );
    }
    const values = decodeTensors(f.slots, bytes, file);
    optimizer.setSlots(
      params.map((w) => w.value),
      f.slots.map((s, i) => ({ param: s.param, slot: s.slot, value: values[i] as Tensor })),
    );
    optimizer.iterations = f.iterations;
  }
}

registerLayer(Model);
registerLayer(Functional);

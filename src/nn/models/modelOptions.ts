/** The options objects of `Model`'s methods (compile, fit, evaluate, predict, the batch methods and save). */
import type { Optimizer } from '../../optim/Optimizer.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { ProgressCallback } from '../../util/progress.js';
import type { Callback } from '../callbacks/Callback.js';
import type { LossIdentifier } from '../losses/Loss.js';
import type { MetricIdentifier } from '../metrics/getMetric.js';
import type { BatchSource, ModelData } from './data.js';

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

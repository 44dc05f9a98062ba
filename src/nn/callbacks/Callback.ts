import type { Optimizer } from '../../optim/Optimizer.js';
import type { Tensor } from '../../tensor/Tensor.js';

/** Numbers logged during training: "loss", "accuracy", "val_loss", … */
export type Logs = Record<string, number>;

/** What callbacks may use of the model being trained. */
export interface TrainingModel {
  /** Set to true to end training after the current batch. */
  stopTraining: boolean;
  readonly optimizer: Optimizer | null;
  getWeights(): Tensor[];
  setWeights(values: readonly Tensor[]): void;
  /** Saves the model directory (topology, weights, optimizer state). */
  save(path: string, options?: { includeOptimizer?: boolean }): Promise<void>;
  /** Saves the weights only. */
  saveWeights(path: string): Promise<void>;
}

/** What `fit` tells callbacks before training. */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch, when known (unknown for a dataset without stepsPerEpoch). */
  steps: number | null;
  verbose: number;
}

/**
 * Hooks called by `fit` (Keras' `Callback`). Override the ones you need; each may return a promise, which fit
 * awaits. `this.model` and `this.params` are set before `onTrainBegin`.
 */
export class Callback {
  model: TrainingModel | null = null;
  params: TrainingParams = { epochs: 0, steps: null, verbose: 0 };

  setModel(model: TrainingModel): void {
    this.model = model;
  }

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  onTrainBegin(_logs: Logs): void | Promise<void> {}
  onTrainEnd(_logs: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs: Logs): void | Promise<void> {}
  /** `logs` holds the epoch's training and validation values; callbacks may add keys (e.g. learning_rate). */
  onEpochEnd(_epoch: number, _logs: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs: Logs): void | Promise<void> {}
  /** `logs` holds the running averages of the epoch so far. */
  onBatchEnd(_batch: number, _logs: Logs): void | Promise<void> {}

  /** The model, or an error when the callback is used outside fit. */
  protected requireModel(): TrainingModel {
    if (!this.model) throw new Error(`${this.constructor.name}: no model; callbacks run inside fit().`);
    return this.model;
  }
}

/** Calls each callback's hook in order, awaiting each. */
export class CallbackList {
  readonly callbacks: Callback[];

  constructor(callbacks: Callback[], model: TrainingModel, params: TrainingParams) {
    this.callbacks = callbacks;
    for (const c of callbacks) {
      c.setModel(model);
      c.setParams(params);
    }
  }

  async trainBegin(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin(logs);
  }
  async trainEnd(logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd(logs);
  }
  async epochBegin(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin(epoch, logs);
  }
  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd(epoch, logs);
  }
  async batchBegin(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin(batch, logs);
  }
  async batchEnd(batch: number, logs: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd(batch, logs);
  }
}

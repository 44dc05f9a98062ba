import { Callback, type Logs } from './Callback.js';

/** What `fit` returns: the epochs run and every logged value per epoch (Keras' History). */
export class History extends Callback {
  /** Epoch indices run (0-based; starts at initialEpoch). */
  readonly epoch: number[] = [];
  /** Values by log key, one per epoch: history.loss, history.val_accuracy, … */
  readonly history: Record<string, number[]> = {};

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}

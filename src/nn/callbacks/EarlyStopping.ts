import { bool, checkSpec, defined, intRange, oneOf, optional, range, str } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { Callback, type Logs } from './Callback.js';
import { type MonitorMode, improves, monitored, resolveMode } from './monitor.js';

/** Options of `EarlyStopping`. */
export interface EarlyStoppingConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Smallest change that counts as an improvement; default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping; default 0. */
  patience?: number;
  mode?: MonitorMode;
  /** Stop unless the monitored value beats this. */
  baseline?: number | null;
  /** At the end of training, put back the weights of the best epoch. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to wait before monitoring starts (warm-up). Default 0. */
  startFromEpoch?: number;
  verbose?: number;
}

/**
 * Stops training when the monitored value has not improved for `patience` epochs (Keras' EarlyStopping). With
 * `restoreBestWeights`, the weights of the best epoch are restored when training ends.
 * @example new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true })
 */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: number;
  /** Epoch at which training was stopped (−1 if it ran to the end). */
  stoppedEpoch = -1;
  /** Epoch with the best monitored value. */
  bestEpoch = -1;
  private wait = 0;
  private best = NaN;
  private bestWeights: Tensor[] | null = null;

  constructor(config: EarlyStoppingConfig = {}) {
    super();
    const c = {
      monitor: 'val_loss',
      minDelta: 0,
      patience: 0,
      mode: 'auto' as MonitorMode,
      baseline: null,
      restoreBestWeights: false,
      startFromEpoch: 0,
      verbose: 0,
      ...defined(config),
    };
    checkSpec('EarlyStopping', c, {
      monitor: str,
      minDelta: range(0, Infinity, '[)'),
      patience: intRange(0),
      mode: oneOf('auto', 'min', 'max'),
      baseline: optional(range(-Infinity, Infinity)),
      restoreBestWeights: bool,
      startFromEpoch: intRange(0),
      verbose: intRange(0, 2),
    });
    this.monitor = c.monitor;
    this.minDelta = c.minDelta;
    this.patience = c.patience;
    this.mode = resolveMode('EarlyStopping', c.mode, c.monitor);
    this.baseline = c.baseline;
    this.restoreBestWeights = c.restoreBestWeights;
    this.startFromEpoch = c.startFromEpoch;
    this.verbose = c.verbose;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = -1;
    this.bestEpoch = -1;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.bestWeights = null;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const current = monitored('EarlyStopping', logs, this.monitor);
    if (current === undefined || epoch < this.startFromEpoch) return;
    if (this.restoreBestWeights && this.bestWeights === null) this.bestWeights = this.requireModel().getWeights();
    this.wait++;
    if (improves(current, this.best, this.mode, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.requireModel().getWeights();
      // Only reset the wait once the baseline (if any) is beaten, as Keras.
      if (this.baseline === null || improves(current, this.baseline, this.mode, this.minDelta)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.requireModel().stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch >= 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.restoreBestWeights && this.bestWeights !== null) {
      if (this.verbose > 0)
        console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      this.requireModel().setWeights(this.bestWeights);
    }
  }
}

import { ConfigError } from '../../errors/errors.js';
import { checkSpec, defined, intRange, oneOf, range, str } from '../../optim/checks.js';
import { Callback, type Logs } from './Callback.js';
import { type MonitorMode, improves, monitored, resolveMode } from './monitor.js';

/** Options of `ReduceLROnPlateau`. */
export interface ReduceLROnPlateauConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate · factor; in (0, 1), default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing; default 10. */
  patience?: number;
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement; default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again; default 0. */
  cooldown?: number;
  /** Lower bound of the rate; default 0. */
  minLr?: number;
  verbose?: number;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored value has stopped improving for
 * `patience` epochs (Keras' ReduceLROnPlateau). Adds "learning_rate" to the epoch logs.
 * @throws ConfigError at the first reduction when the optimizer's rate is a schedule.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: number;
  private wait = 0;
  private cooldownLeft = 0;
  private best = NaN;

  constructor(config: ReduceLROnPlateauConfig = {}) {
    super();
    const c = {
      monitor: 'val_loss',
      factor: 0.1,
      patience: 10,
      mode: 'auto' as MonitorMode,
      minDelta: 1e-4,
      cooldown: 0,
      minLr: 0,
      verbose: 0,
      ...defined(config),
    };
    checkSpec('ReduceLROnPlateau', c, {
      monitor: str,
      factor: range(0, 1, '()'),
      patience: intRange(0),
      mode: oneOf('auto', 'min', 'max'),
      minDelta: range(0, Infinity, '[)'),
      cooldown: intRange(0),
      minLr: range(0, Infinity, '[)'),
      verbose: intRange(0, 2),
    });
    this.monitor = c.monitor;
    this.factor = c.factor;
    this.patience = c.patience;
    this.mode = resolveMode('ReduceLROnPlateau', c.mode, c.monitor);
    this.minDelta = c.minDelta;
    this.cooldown = c.cooldown;
    this.minLr = c.minLr;
    this.verbose = c.verbose;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.cooldownLeft = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (optimizer) logs['learning_rate'] = optimizer.currentLearningRate();
    const current = monitored('ReduceLROnPlateau', logs, this.monitor);
    if (current === undefined || !optimizer) return;
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    if (improves(current, this.best, this.mode, this.minDelta)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownLeft > 0) return;
    this.wait++;
    if (this.wait < this.patience) return;
    if (typeof optimizer.learningRate !== 'number') {
      throw new ConfigError(
        'ReduceLROnPlateau: the optimizer uses a learning-rate schedule; use a constant rate with this callback.',
      );
    }
    const old = optimizer.learningRate;
    if (old > this.minLr) {
      const next = Math.max(old * this.factor, this.minLr);
      optimizer.learningRate = next;
      if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${next}.`);
      this.cooldownLeft = this.cooldown;
      this.wait = 0;
    }
  }
}

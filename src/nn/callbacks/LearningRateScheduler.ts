import { ConfigError } from '../../errors/errors.js';
import { Callback, type Logs } from './Callback.js';

/**
 * Sets the optimizer's learning rate at the start of each epoch to `schedule(epoch, currentRate)` (Keras'
 * LearningRateScheduler; epochs count from 0). Adds "learning_rate" to the epoch logs.
 * @throws ConfigError when the schedule returns something other than a non-negative finite number.
 * @example new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))
 */
export class LearningRateScheduler extends Callback {
  readonly schedule: (epoch: number, learningRate: number) => number;
  readonly verbose: number;

  constructor(schedule: (epoch: number, learningRate: number) => number, verbose = 0) {
    super();
    this.schedule = schedule;
    this.verbose = verbose;
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.requireModel().optimizer;
    if (!optimizer) return;
    const lr = this.schedule(epoch, optimizer.currentLearningRate());
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ConfigError(
        `LearningRateScheduler: the schedule returned ${String(lr)} for epoch ${epoch}; expected a finite number >= 0.`,
        {
          epoch,
        },
      );
    }
    optimizer.learningRate = lr;
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const optimizer = this.requireModel().optimizer;
    if (optimizer) logs['learning_rate'] = optimizer.currentLearningRate();
  }
}

import { checkSpec, defined, intRange, range } from '../checks.js';
import { LearningRateSchedule } from './LearningRateSchedule.js';

/** Options of `LinearWarmup`. */
export interface LinearWarmupConfig {
  /** What follows the warm-up: a constant rate or another schedule (which then starts at its own step 0). */
  after: number | LearningRateSchedule;
  /** Length of the warm-up in steps; a positive integer. */
  warmupSteps: number;
  /** Rate at step 0; default 0. */
  startLearningRate?: number;
}

/**
 * Warm-up: the rate rises linearly from `startLearningRate` to the rate `after` starts with over `warmupSteps`
 * steps (Goyal et al., 2017), then follows `after`, shifted so it starts at its own step 0.
 * @throws ConfigError for a non-positive warm-up length or a negative rate.
 */
export class LinearWarmup extends LearningRateSchedule {
  readonly after: number | LearningRateSchedule;
  readonly warmupSteps: number;
  readonly startLearningRate: number;

  constructor(config: LinearWarmupConfig) {
    super();
    const c = { startLearningRate: 0, ...defined(config) };
    checkSpec('LinearWarmup', c, { warmupSteps: intRange(1), startLearningRate: range(0, Infinity, '[)') });
    if (typeof c.after === 'number') checkSpec('LinearWarmup', c, { after: range(0, Infinity, '[)') });
    this.after = c.after;
    this.warmupSteps = c.warmupSteps;
    this.startLearningRate = c.startLearningRate;
  }

  private afterAt(step: number): number {
    return typeof this.after === 'number' ? this.after : this.after.at(step);
  }

  at(step: number): number {
    if (step >= this.warmupSteps) return this.afterAt(step - this.warmupSteps);
    const peak = this.afterAt(0);
    return this.startLearningRate + ((peak - this.startLearningRate) * step) / this.warmupSteps;
  }

  get className(): string {
    return 'LinearWarmup';
  }

  getConfig(): Record<string, unknown> {
    return {
      after: typeof this.after === 'number' ? this.after : this.after.serialize(),
      warmupSteps: this.warmupSteps,
      startLearningRate: this.startLearningRate,
    };
  }
}

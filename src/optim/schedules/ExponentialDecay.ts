import { bool, checkSpec, defined, range } from '../checks.js';
import { LearningRateSchedule } from './LearningRateSchedule.js';

/** Options of `ExponentialDecay`. */
export interface ExponentialDecayConfig {
  /** Rate at step 0; > 0. */
  initialLearningRate: number;
  /** Steps per decay period; > 0. */
  decaySteps: number;
  /** Factor per period; > 0. */
  decayRate: number;
  /** Decay in whole periods (a staircase) instead of continuously. Default false. */
  staircase?: boolean;
}

/**
 * `initialLearningRate · decayRate^(step / decaySteps)` (the exponent floored when `staircase`), as Keras.
 * @throws ConfigError for a non-positive rate, step count or factor.
 * @example new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 1e-3, decaySteps: 1000, decayRate: 0.9 }) })
 */
export class ExponentialDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;

  constructor(config: ExponentialDecayConfig) {
    super();
    const c = { staircase: false, ...defined(config) };
    checkSpec('ExponentialDecay', c, {
      initialLearningRate: range(0, Infinity, '()'),
      decaySteps: range(0, Infinity, '()'),
      decayRate: range(0, Infinity, '()'),
      staircase: bool,
    });
    this.initialLearningRate = c.initialLearningRate;
    this.decaySteps = c.decaySteps;
    this.decayRate = c.decayRate;
    this.staircase = c.staircase;
  }

  at(step: number): number {
    const p = step / this.decaySteps;
    return this.initialLearningRate * Math.pow(this.decayRate, this.staircase ? Math.floor(p) : p);
  }

  get className(): string {
    return 'ExponentialDecay';
  }

  getConfig(): Record<string, unknown> {
    const { initialLearningRate, decaySteps, decayRate, staircase } = this;
    return { initialLearningRate, decaySteps, decayRate, staircase };
  }
}

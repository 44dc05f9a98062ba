import { checkSpec, defined, intRange, range } from '../checks.js';
import { LearningRateSchedule } from './LearningRateSchedule.js';

/** Options of `StepDecay`. */
export interface StepDecayConfig {
  /** Rate at step 0; > 0. */
  initialLearningRate: number;
  /** Steps between two drops; a positive integer. */
  stepSize: number;
  /** Factor applied at each drop; in (0, 1]. Default 0.1. */
  gamma?: number;
}

/**
 * Drops the rate by `gamma` every `stepSize` steps: `initialLearningRate · gamma^floor(step / stepSize)`
 * (PyTorch's StepLR, counted in optimizer steps).
 * @throws ConfigError for a non-positive rate or step size, or gamma outside (0, 1].
 */
export class StepDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly stepSize: number;
  readonly gamma: number;

  constructor(config: StepDecayConfig) {
    super();
    const c = { gamma: 0.1, ...defined(config) };
    checkSpec('StepDecay', c, {
      initialLearningRate: range(0, Infinity, '()'),
      stepSize: intRange(1),
      gamma: range(0, 1, '(]'),
    });
    this.initialLearningRate = c.initialLearningRate;
    this.stepSize = c.stepSize;
    this.gamma = c.gamma;
  }

  at(step: number): number {
    return this.initialLearningRate * Math.pow(this.gamma, Math.floor(step / this.stepSize));
  }

  get className(): string {
    return 'StepDecay';
  }

  getConfig(): Record<string, unknown> {
    const { initialLearningRate, stepSize, gamma } = this;
    return { initialLearningRate, stepSize, gamma };
  }
}

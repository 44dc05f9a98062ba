import { checkSpec, defined, intRange, optional, range } from '../checks.js';
import { LearningRateSchedule } from './LearningRateSchedule.js';

/** Options of `CosineDecay`. */
export interface CosineDecayConfig {
  /** Rate at step 0; >= 0. */
  initialLearningRate: number;
  /** Steps over which the rate decays (after any warm-up); a positive integer. */
  decaySteps: number;
  /** Floor as a fraction of the start rate; in [0, 1]. Default 0. */
  alpha?: number;
  /** When set, the rate first rises linearly from `initialLearningRate` to this value over `warmupSteps`. */
  warmupTarget?: number | null;
  /** Length of the warm-up; default 0 (none). */
  warmupSteps?: number;
}

/**
 * Cosine annealing (Loshchilov & Hutter, SGDR, 2017) with Keras' optional linear warm-up:
 * after warm-up, `rate = peak · ((1 − alpha) · ½(1 + cos(π · min(s, decaySteps) / decaySteps)) + alpha)`
 * where `s` counts steps since the warm-up ended and `peak` is `warmupTarget` (or `initialLearningRate`).
 * @throws ConfigError for out-of-range options.
 */
export class CosineDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(config: CosineDecayConfig) {
    super();
    const c = { alpha: 0, warmupTarget: null, warmupSteps: 0, ...defined(config) };
    checkSpec('CosineDecay', c, {
      initialLearningRate: range(0, Infinity, '[)'),
      decaySteps: intRange(1),
      alpha: range(0, 1),
      warmupTarget: optional(range(0, Infinity, '[)')),
      warmupSteps: intRange(0),
    });
    this.initialLearningRate = c.initialLearningRate;
    this.decaySteps = c.decaySteps;
    this.alpha = c.alpha;
    this.warmupTarget = c.warmupTarget ?? null;
    this.warmupSteps = c.warmupSteps;
  }

  at(step: number): number {
    const target = this.warmupTarget;
    if (target !== null && step < this.warmupSteps) {
      return this.initialLearningRate + ((target - this.initialLearningRate) * step) / this.warmupSteps;
    }
    const peak = target ?? this.initialLearningRate;
    const s = Math.min(Math.max(step - (target === null ? 0 : this.warmupSteps), 0), this.decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * s) / this.decaySteps));
    return peak * ((1 - this.alpha) * cosine + this.alpha);
  }

  get className(): string {
    return 'CosineDecay';
  }

  getConfig(): Record<string, unknown> {
    const { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps } = this;
    return { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps };
  }
}

import { ConfigError } from '../../errors/errors.js';
import { LearningRateSchedule } from './LearningRateSchedule.js';

/** Options of `PiecewiseConstantDecay`. */
export interface PiecewiseConstantDecayConfig {
  /** Increasing step boundaries. */
  boundaries: number[];
  /** One more value than boundaries: `values[i]` applies while step <= boundaries[i] (and after the last). */
  values: number[];
}

/**
 * A step function of the step count, as Keras: `values[0]` up to and including `boundaries[0]`, then
 * `values[1]` up to `boundaries[1]`, …, and the last value after the last boundary.
 * @throws ConfigError when the lengths do not fit or the boundaries are not increasing.
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly boundaries: readonly number[];
  readonly values: readonly number[];

  constructor({ boundaries, values }: PiecewiseConstantDecayConfig) {
    super();
    const increasing = boundaries.every((b, i) => i === 0 || b > (boundaries[i - 1] as number));
    if (!Array.isArray(values) || values.length !== boundaries.length + 1 || !increasing) {
      throw new ConfigError(
        `PiecewiseConstantDecay: expected increasing "boundaries" and one more "values" than boundaries; received ${boundaries.length} boundaries ${JSON.stringify(boundaries)} and ${values?.length} values.`,
        { boundaries, values },
      );
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
  }

  at(step: number): number {
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.values.length - 1 : i] as number;
  }

  get className(): string {
    return 'PiecewiseConstantDecay';
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values] };
  }
}

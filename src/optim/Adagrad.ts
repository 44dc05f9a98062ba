import { checkSpec, range, defined } from './checks.js';
import { type FloatArray, Optimizer, type OptimizerConfig, type SlotSpec, type Slots } from './Optimizer.js';

/** Options of `Adagrad`. */
export interface AdagradConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Starting value of the squared-gradient sums; >= 0, default 0.1. */
  initialAccumulatorValue?: number;
  /** Added under the square root; default 1e-7. */
  epsilon?: number;
}

/**
 * Adagrad (Duchi et al., 2011) with Keras' update: `a ← a + g²`, `p ← p − lr·g / √(a + ε)`.
 * @throws ConfigError for a negative accumulator start or epsilon.
 */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(config: AdagradConfig = {}) {
    super(config, 0.001);
    const c = { initialAccumulatorValue: 0.1, epsilon: 1e-7, ...defined(config) };
    checkSpec('Adagrad', c, {
      initialAccumulatorValue: range(0, Infinity, '[)'),
      epsilon: range(0, Infinity, '[)'),
    });
    this.initialAccumulatorValue = c.initialAccumulatorValue;
    this.epsilon = c.epsilon;
  }

  get className(): string {
    return 'Adagrad';
  }

  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'accumulator', init: this.initialAccumulatorValue }];
  }

  protected update(p: FloatArray, g: FloatArray, slots: Slots, lr: number): void {
    const a = slots['accumulator'] as FloatArray;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      a[i] = (a[i] as number) + gi * gi;
      p[i] = (p[i] as number) - (lr * gi) / Math.sqrt((a[i] as number) + this.epsilon);
    }
  }

  protected ownConfig(): Record<string, unknown> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

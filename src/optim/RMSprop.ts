import { bool, checkSpec, range, defined } from './checks.js';
import { type FloatArray, Optimizer, type OptimizerConfig, type SlotSpec, type Slots } from './Optimizer.js';

/** Options of `RMSprop`. */
export interface RMSpropConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay of the squared-gradient average, in [0, 1); default 0.9. */
  rho?: number;
  /** Momentum factor in [0, 1); default 0. */
  momentum?: number;
  /** Added under the square root; default 1e-7. */
  epsilon?: number;
  /** Divide by the estimated variance instead of the second moment. Default false. */
  centered?: boolean;
}

/**
 * RMSprop (Hinton, lecture 6e) with Keras' update: `v ← ρv + (1 − ρ)g²`,
 * `Δ = lr·g / √(v + ε)` (with `v − ḡ²` under the root when centered, ḡ the average gradient),
 * then `p ← p − Δ`, or with momentum `m ← μm + Δ; p ← p − m`.
 * @throws ConfigError for rho or momentum outside [0, 1).
 */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(config: RMSpropConfig = {}) {
    super(config, 0.001);
    const c = { rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false, ...defined(config) };
    checkSpec('RMSprop', c, {
      rho: range(0, 1, '[)'),
      momentum: range(0, 1, '[)'),
      epsilon: range(0, Infinity, '[)'),
      centered: bool,
    });
    this.rho = c.rho;
    this.momentum = c.momentum;
    this.epsilon = c.epsilon;
    this.centered = c.centered;
  }

  get className(): string {
    return 'RMSprop';
  }

  protected slotSpecs(): SlotSpec[] {
    const s: SlotSpec[] = [{ name: 'velocity', init: 0 }];
    if (this.momentum > 0) s.push({ name: 'momentum', init: 0 });
    if (this.centered) s.push({ name: 'averageGradient', init: 0 });
    return s;
  }

  protected update(p: FloatArray, g: FloatArray, slots: Slots, lr: number): void {
    const v = slots['velocity'] as FloatArray;
    const m = slots['momentum'];
    const avg = slots['averageGradient'];
    const { rho, epsilon, momentum } = this;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      v[i] = rho * (v[i] as number) + (1 - rho) * gi * gi;
      let denominator = (v[i] as number) + epsilon;
      if (avg !== undefined) {
        avg[i] = rho * (avg[i] as number) + (1 - rho) * gi;
        denominator -= (avg[i] as number) * (avg[i] as number);
      }
      const increment = (lr * gi) / Math.sqrt(denominator);
      if (m !== undefined) {
        m[i] = momentum * (m[i] as number) + increment;
        p[i] = (p[i] as number) - (m[i] as number);
      } else {
        p[i] = (p[i] as number) - increment;
      }
    }
  }

  protected ownConfig(): Record<string, unknown> {
    const { rho, momentum, epsilon, centered } = this;
    return { rho, momentum, epsilon, centered };
  }
}

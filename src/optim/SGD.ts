import { bool, checkSpec, range, defined } from './checks.js';
import { type FloatArray, Optimizer, type OptimizerConfig, type SlotSpec, type Slots } from './Optimizer.js';

/** Options of `SGD`. */
export interface SGDConfig extends OptimizerConfig {
  /** Default 0.01. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Momentum factor in [0, 1]; default 0 (plain gradient descent). */
  momentum?: number;
  /** Use Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, with Keras' update:
 * `v ← momentum·v − lr·g`, then `p ← p + v` (or `p ← p + momentum·v − lr·g` with Nesterov); without momentum
 * `p ← p − lr·g`.
 * @throws ConfigError for a momentum outside [0, 1] or a negative rate.
 * @example const opt = new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(config: SGDConfig = {}) {
    super(config, 0.01);
    const c = { momentum: 0, nesterov: false, ...defined(config) };
    checkSpec('SGD', c, { momentum: range(0, 1), nesterov: bool });
    this.momentum = c.momentum;
    this.nesterov = c.nesterov;
  }

  get className(): string {
    return 'SGD';
  }

  protected slotSpecs(): SlotSpec[] {
    return this.momentum > 0 ? [{ name: 'momentum', init: 0 }] : [];
  }

  protected update(p: FloatArray, g: FloatArray, slots: Slots, lr: number): void {
    const mu = this.momentum;
    const v = slots['momentum'];
    if (v === undefined) {
      for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) - lr * (g[i] as number);
      return;
    }
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      v[i] = mu * (v[i] as number) - lr * gi;
      const vi = v[i] as number; // the stored (rounded) velocity, as Keras reads it back
      p[i] = (p[i] as number) + (this.nesterov ? mu * vi - lr * gi : vi);
    }
  }

  protected ownConfig(): Record<string, unknown> {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}

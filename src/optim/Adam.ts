import { bool, checkSpec, range, defined } from './checks.js';
import { type FloatArray, Optimizer, type OptimizerConfig, type SlotSpec, type Slots } from './Optimizer.js';

/** Options of `Adam`. */
export interface AdamConfig extends OptimizerConfig {
  /** Default 0.001. */
  learningRate?: OptimizerConfig['learningRate'];
  /** Decay of the first-moment average, in [0, 1); default 0.9. */
  beta1?: number;
  /** Decay of the second-moment average, in [0, 1); default 0.999. */
  beta2?: number;
  /** Added to √v; default 1e-7 (Keras). */
  epsilon?: number;
  /** Use the running maximum of v (Reddi et al., 2018). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam (Kingma & Ba, 2015) with Keras' formulation: `m ← m + (g − m)(1 − β1)`, `v ← v + (g² − v)(1 − β2)`,
 * `p ← p − m · lr·√(1 − β2ᵗ)/(1 − β1ᵗ) / (√v + ε)`.
 * @throws ConfigError for betas outside [0, 1) or a negative epsilon.
 * @example model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: 'sparseCategoricalCrossentropy' });
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(config: AdamConfig = {}) {
    super(config, 0.001);
    const c = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, ...defined(config) };
    checkSpec(this.className, c, {
      beta1: range(0, 1, '[)'),
      beta2: range(0, 1, '[)'),
      epsilon: range(0, Infinity, '[)'),
      amsgrad: bool,
    });
    this.beta1 = c.beta1;
    this.beta2 = c.beta2;
    this.epsilon = c.epsilon;
    this.amsgrad = c.amsgrad;
  }

  get className(): string {
    return 'Adam';
  }

  protected slotSpecs(): SlotSpec[] {
    const s = [
      { name: 'momentum', init: 0 },
      { name: 'velocity', init: 0 },
    ];
    return this.amsgrad ? [...s, { name: 'velocityHat', init: 0 }] : s;
  }

  protected update(p: FloatArray, g: FloatArray, slots: Slots, lr: number, t: number): void {
    const m = slots['momentum'] as FloatArray;
    const v = slots['velocity'] as FloatArray;
    const vHat = slots['velocityHat'];
    const { beta1, beta2, epsilon } = this;
    const alpha = (lr * Math.sqrt(1 - Math.pow(beta2, t))) / (1 - Math.pow(beta1, t));
    const a1 = 1 - beta1;
    const a2 = 1 - beta2;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      m[i] = (m[i] as number) + (gi - (m[i] as number)) * a1;
      v[i] = (v[i] as number) + (gi * gi - (v[i] as number)) * a2;
      let vi = v[i] as number;
      if (vHat !== undefined) {
        vHat[i] = Math.max(vHat[i] as number, vi);
        vi = vHat[i] as number;
      }
      p[i] = (p[i] as number) - ((m[i] as number) * alpha) / (Math.sqrt(vi) + epsilon);
    }
  }

  protected ownConfig(): Record<string, unknown> {
    const { beta1, beta2, epsilon, amsgrad } = this;
    return { beta1, beta2, epsilon, amsgrad };
  }
}

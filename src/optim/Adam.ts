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
    if (p instanceof Float32Array) {
      adamFloat32(
        p,
        g as Float32Array,
        m as Float32Array,
        v as Float32Array,
        vHat as Float32Array | undefined,
        alpha,
        a1,
        a2,
        epsilon,
      );
    } else {
      adamAny(p, g, m, v, vHat, alpha, a1, a2, epsilon);
    }
  }

  protected ownConfig(): Record<string, unknown> {
    const { beta1, beta2, epsilon, amsgrad } = this;
    return { beta1, beta2, epsilon, amsgrad };
  }
}

/**
 * Adam's element loop for float32 state: each new m and v is rounded with Math.fround exactly as storing it in the
 * Float32Array rounds it, so the result equals the generic loop's bit for bit, without reading the stores back.
 * Kept apart from the generic loop so each stays monomorphic (one array type per call site).
 */
function adamFloat32(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vHat: Float32Array | undefined,
  alpha: number,
  a1: number,
  a2: number,
  epsilon: number,
): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i] as number;
    const mi = m[i] as number;
    const vi = v[i] as number;
    const mNew = Math.fround(mi + (gi - mi) * a1);
    let vNew = Math.fround(vi + (gi * gi - vi) * a2);
    m[i] = mNew;
    v[i] = vNew;
    if (vHat !== undefined) {
      vNew = Math.max(vHat[i] as number, vNew);
      vHat[i] = vNew;
    }
    p[i] = (p[i] as number) - (mNew * alpha) / (Math.sqrt(vNew) + epsilon);
  }
}

/** Adam's element loop for any float state: m and v are read back after each store, as Keras uses the stored values. */
function adamAny(
  p: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  vHat: FloatArray | undefined,
  alpha: number,
  a1: number,
  a2: number,
  epsilon: number,
): void {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i] as number;
    const mi = m[i] as number;
    const vi = v[i] as number;
    m[i] = mi + (gi - mi) * a1;
    v[i] = vi + (gi * gi - vi) * a2;
    let vUsed = v[i] as number;
    if (vHat !== undefined) {
      vHat[i] = Math.max(vHat[i] as number, vUsed);
      vUsed = vHat[i] as number;
    }
    p[i] = (p[i] as number) - ((m[i] as number) * alpha) / (Math.sqrt(vUsed) + epsilon);
  }
}

import { checkSpec, defined, intRange, oneOf, optional, range } from '../../optim/checks.js';
import type { TypedArray } from '../../tensor/dtype.js';
import type { Random } from '../../util/random.js';
import { Initializer, computeFans, truncatedNormal } from './Initializer.js';

/** Options of `VarianceScaling`. */
export interface VarianceScalingConfig {
  /** Default 1. */
  scale?: number;
  /** Which fan divides the scale; default 'fanIn'. */
  mode?: 'fanIn' | 'fanOut' | 'fanAvg';
  /** Default 'truncatedNormal'. */
  distribution?: 'truncatedNormal' | 'untruncatedNormal' | 'uniform';
  seed?: number | null;
}

/** Standard deviation of a unit normal truncated at ±2, which truncated draws are divided by (Keras' constant). */
const TRUNCATED_STD = 0.8796256610342398;

/**
 * Draws with variance `scale / fan` (Keras' VarianceScaling): uniform in ±√(3·scale/fan), or a normal (optionally
 * truncated at 2σ and rescaled). Glorot, He and LeCun initializers are presets of it.
 */
export class VarianceScaling extends Initializer {
  readonly scale: number;
  readonly mode: 'fanIn' | 'fanOut' | 'fanAvg';
  readonly distribution: 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

  constructor(config: VarianceScalingConfig = {}) {
    super(config.seed);
    const c = { scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', ...defined(config) };
    checkSpec(this.className, c, {
      scale: range(0, Infinity, '()'),
      mode: oneOf('fanIn', 'fanOut', 'fanAvg'),
      distribution: oneOf('truncatedNormal', 'untruncatedNormal', 'uniform'),
      seed: optional(intRange(0, 2 ** 32 - 1)),
    });
    this.scale = c.scale;
    this.mode = c.mode as VarianceScaling['mode'];
    this.distribution = c.distribution as VarianceScaling['distribution'];
  }

  get className(): string {
    return 'VarianceScaling';
  }

  protected fill(out: TypedArray, shape: readonly number[], rng: Random): void {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      for (let i = 0; i < out.length; i++) out[i] = limit * (2 * rng.uniform() - 1);
    } else if (this.distribution === 'truncatedNormal') {
      const std = Math.sqrt(variance) / TRUNCATED_STD;
      for (let i = 0; i < out.length; i++) out[i] = std * truncatedNormal(rng);
    } else {
      const std = Math.sqrt(variance);
      for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
    }
  }

  getConfig(): Record<string, unknown> {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed };
  }
}

/** Options of the variance-scaling presets. */
export interface PresetConfig {
  seed?: number | null;
}

/** A VarianceScaling with fixed scale, mode and distribution; only the seed is configurable. */
abstract class Preset extends VarianceScaling {
  override getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }
}

/** Glorot/Xavier uniform (Glorot & Bengio, 2010): limit √(6 / (fanIn + fanOut)); Keras' default kernel init. */
export class GlorotUniform extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'GlorotUniform';
  }
}

/** Glorot/Xavier normal: truncated normal with std √(2 / (fanIn + fanOut)). */
export class GlorotNormal extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'GlorotNormal';
  }
}

/** He normal (He et al., 2015): truncated normal with std √(2 / fanIn); suits ReLU layers. */
export class HeNormal extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'HeNormal';
  }
}

/** He uniform: limit √(6 / fanIn). */
export class HeUniform extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'HeUniform';
  }
}

/** LeCun normal: truncated normal with std √(1 / fanIn); suits SELU. */
export class LecunNormal extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'LecunNormal';
  }
}

/** LeCun uniform: limit √(3 / fanIn). */
export class LecunUniform extends Preset {
  constructor(config: PresetConfig = {}) {
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform', seed: config.seed ?? null });
  }

  override get className(): string {
    return 'LecunUniform';
  }
}

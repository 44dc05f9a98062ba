import { checkSpec, defined, intRange, optional, range } from '../../optim/checks.js';
import type { TypedArray } from '../../tensor/dtype.js';
import type { Random } from '../../util/random.js';
import { Initializer, truncatedNormal } from './Initializer.js';

const seedSpec = { seed: optional(intRange(0, 2 ** 32 - 1)) };

/** Options of `RandomNormal` and `TruncatedNormal`. */
export interface NormalConfig {
  /** Default 0. */
  mean?: number;
  /** Default 0.05 (Keras). */
  stddev?: number;
  seed?: number | null;
}

/** Normal draws with `mean` and `stddev`. */
export class RandomNormal extends Initializer {
  readonly mean: number;
  readonly stddev: number;

  constructor(config: NormalConfig = {}) {
    super(config.seed);
    const c = { mean: 0, stddev: 0.05, ...defined(config) };
    checkSpec(this.className, c, { mean: range(-Infinity, Infinity), stddev: range(0, Infinity, '[)'), ...seedSpec });
    this.mean = c.mean;
    this.stddev = c.stddev;
  }

  get className(): string {
    return 'RandomNormal';
  }

  protected draw(rng: Random): number {
    return rng.normal();
  }

  protected fill(out: TypedArray, _shape: readonly number[], rng: Random): void {
    for (let i = 0; i < out.length; i++) out[i] = this.mean + this.stddev * this.draw(rng);
  }

  getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed };
  }
}

/** Normal draws with `mean` and `stddev`, redrawn beyond two standard deviations. */
export class TruncatedNormal extends RandomNormal {
  override get className(): string {
    return 'TruncatedNormal';
  }

  protected override draw(rng: Random): number {
    return truncatedNormal(rng);
  }
}

/** Options of `RandomUniform`. */
export interface UniformConfig {
  /** Default -0.05 (Keras). */
  minval?: number;
  /** Default 0.05. */
  maxval?: number;
  seed?: number | null;
}

/** Uniform draws in [minval, maxval) (Keras' default for embeddings). */
export class RandomUniform extends Initializer {
  readonly minval: number;
  readonly maxval: number;

  constructor(config: UniformConfig = {}) {
    super(config.seed);
    const c = { minval: -0.05, maxval: 0.05, ...defined(config) };
    checkSpec('RandomUniform', c, {
      minval: range(-Infinity, Infinity),
      maxval: range(c.minval, Infinity),
      ...seedSpec,
    });
    this.minval = c.minval;
    this.maxval = c.maxval;
  }

  get className(): string {
    return 'RandomUniform';
  }

  protected fill(out: TypedArray, _shape: readonly number[], rng: Random): void {
    const w = this.maxval - this.minval;
    for (let i = 0; i < out.length; i++) out[i] = this.minval + w * rng.uniform();
  }

  getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed };
  }
}

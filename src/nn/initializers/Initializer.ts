import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import { sizeOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { type Random, randomFor } from '../../util/random.js';

/**
 * Makes the initial values of a weight. Seeded initializers give the same values every time; unseeded ones draw
 * from the global generator (`setGlobalSeed` makes a whole model reproducible).
 */
export abstract class Initializer {
  /** The seed, or null to draw from the global generator. */
  readonly seed: number | null;

  protected constructor(seed: number | null | undefined) {
    this.seed = seed ?? null;
  }

  /** Saved class name ("GlorotUniform"). */
  abstract get className(): string;

  /** Fills `out` (a weight of `shape`) using `rng`. */
  protected abstract fill(out: TypedArray, shape: readonly number[], rng: Random): void;

  /** The options the constructor takes. */
  abstract getConfig(): Record<string, unknown>;

  /** A new leaf tensor of `shape` and `dtype` with initial values. */
  generate(shape: readonly number[], dtype: DType): Tensor {
    const out = allocate(dtype, sizeOf(shape));
    this.fill(out, shape, randomFor(this.seed ?? undefined));
    return new Tensor(out, shape);
  }

  /** `{ className, config }`. */
  serialize(): SerializedObject {
    return { className: this.className, config: this.getConfig() };
  }
}

/**
 * Keras' fan computation: a vector has fanIn = fanOut = its length; a matrix [in, out]; a convolution kernel
 * [..., in, out] multiplies both by the receptive field size.
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  const receptive = sizeOf(shape.slice(0, -2));
  return {
    fanIn: (shape[shape.length - 2] as number) * receptive,
    fanOut: (shape[shape.length - 1] as number) * receptive,
  };
}

/** A normal draw redrawn until it lies within two standard deviations (a truncated normal). */
export function truncatedNormal(rng: Random): number {
  for (;;) {
    const z = rng.normal();
    if (Math.abs(z) <= 2) return z;
  }
}

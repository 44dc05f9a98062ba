import { type DType, allocate } from '../../tensor/dtype.js';
import { sizeOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { Random, randomFor } from '../../util/random.js';

/**
 * An inverted-dropout mask: each element is 0 with probability `rate`, else 1 / (1 − rate), so the expected
 * value of `x · mask` is `x` and nothing needs rescaling at inference.
 */
export function dropoutMask(rng: Random, shape: readonly number[], rate: number, dtype: DType): Tensor {
  const data = allocate(dtype, sizeOf(shape));
  const keep = 1 / (1 - rate);
  // One 32-bit draw per element (uniform() takes two): dropped when below rate · 2³².
  const threshold = rate * 4294967296;
  for (let i = 0; i < data.length; i++) data[i] = rng.nextUint32() < threshold ? 0 : keep;
  return new Tensor(data, shape);
}

/** A generator for a stochastic layer: from `seed` when given, else seeded once from the global generator. */
export function layerRandom(seed: number | null | undefined): Random {
  return new Random(seed ?? randomFor(undefined).nextUint32());
}

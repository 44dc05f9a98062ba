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
  // One 32-bit draw per element (uniform() takes two): dropped when below rate · 2³². Multiplying by the 0/1
  // outcome (keep · 0 = +0, keep · 1 = keep) leaves no branch on random data to mispredict, unlike a select.
  const threshold = rate * 4294967296;
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = keep * Number(rng.nextUint32() >= threshold);
  return new Tensor(data, shape);
}

/** A generator for a stochastic layer: from `seed` when given, else seeded once from the global generator. */
export function layerRandom(seed: number | null | undefined): Random {
  return new Random(seed ?? randomFor(undefined).nextUint32());
}

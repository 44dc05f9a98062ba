import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { ValueError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkTensor } from './operands.js';

/**
 * Pads each axis with `paddings[d] = [before, after]` copies of `value` (default 0).
 * @throws ValueError when `paddings` does not give one non-negative pair per axis.
 */
export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  checkTensor(x, 'pad');
  const ok =
    paddings.length === x.rank &&
    paddings.every((p) => p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) {
    throw new ValueError(
      `pad: expected one [before, after] pair of non-negative integers per axis of shape ${formatShape(x.shape)}; received ${JSON.stringify(paddings)}.`,
      { op: 'pad', paddings },
    );
  }
  const begin = paddings.map((p) => p[0]);
  return record(getKernel('Pad')(x, paddings, value), 'pad', [x], (g) => [getKernel('Slice')(g, begin, x.shape)]);
}

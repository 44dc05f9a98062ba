import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { ValueError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { checkTensor } from './operands.js';

/**
 * Permutes axes: output axis i is input axis `perm[i]`. Without `perm`, reverses the axes (a matrix transpose).
 * @throws ValueError when `perm` is not a permutation of 0..rank-1.
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  checkTensor(x, 'transpose');
  const p = perm ?? x.shape.map((_, i) => x.rank - 1 - i);
  const valid = p.length === x.rank && [...p].sort((a, b) => a - b).every((v, i) => v === i);
  if (!valid) {
    throw new ValueError(
      `transpose: perm ${JSON.stringify(p)} is not a permutation of the ${x.rank} axes of shape [${x.shape.join(', ')}].`,
      {
        op: 'transpose',
        perm: p,
      },
    );
  }
  const inverse = new Array<number>(p.length);
  p.forEach((axis, i) => (inverse[axis] = i));
  return record(getKernel('Transpose')(x, p), 'transpose', [x], (g) => [getKernel('Transpose')(g, inverse)]);
}

/** Alias of `transpose(x, perm)` with PyTorch's name. */
export const permute = (x: Tensor, perm: readonly number[]): Tensor => transpose(x, perm);

import { record } from '../autograd/tape.js';
import type { FusedActivation } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import { ShapeError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { checkBiasActivation } from './fusedActivation.js';
import { checkFloat, checkTensor } from './operands.js';

export type { FusedActivation } from '../backend/kernels.js';

/**
 * `activation(x + bias)` in one pass, the bias added along the last axis: what a Dense or Conv2D layer does
 * after its product. Equal to `relu(add(x, bias))` (or `add(x, bias)` for 'linear'), with one kernel forward and
 * one backward instead of several.
 * @param x float tensor of rank >= 1, [..., C]
 * @param bias [C] of x's dtype, or null for no bias
 * @param activation 'linear' or 'relu' (default 'relu')
 * @returns a tensor of x's shape
 * @throws DTypeError for non-float x or a bias of another dtype; ShapeError when bias is not [C];
 *   ValueError for another activation.
 */
export function biasActivation(x: Tensor, bias: Tensor | null, activation: FusedActivation = 'relu'): Tensor {
  checkTensor(x, 'biasActivation');
  checkFloat(x, 'biasActivation');
  if (x.rank < 1) {
    throw new ShapeError(`biasActivation: expected x of rank >= 1 [..., channels]; received a scalar.`, {
      op: 'biasActivation',
    });
  }
  checkBiasActivation('biasActivation', x.dtype, x.shape[x.rank - 1] as number, bias, activation);
  const y = getKernel('BiasActivation')(x, bias, activation);
  const inputs = bias === null ? [x] : [x, bias];
  return record(y, 'biasActivation', inputs, (g) => {
    if (bias === null || !bias.requiresGrad) {
      const dz = getKernel('ActivationGrad')(g, y, activation);
      return bias === null ? [dz] : [dz, null];
    }
    // One pass: the gradient through the activation and its sums over every axis but the last (the bias's).
    const [dz, db] = getKernel('BiasActivationGrad')(g, y, activation);
    return [x.requiresGrad ? dz : null, db];
  });
}

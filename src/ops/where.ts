import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { broadcastShapes } from '../tensor/shape.js';
import type { Tensor } from '../tensor/Tensor.js';
import { kWhere, scalarOf, unbroadcast } from './kernelMath.js';
import { type TensorLike, binaryOperands, checkTensor } from './operands.js';

/**
 * Picks `a` where `condition` is non-zero and `b` elsewhere; the three broadcast together. The gradient flows
 * to whichever operand was picked.
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  checkTensor(condition, 'where', 'condition');
  const [x, y, shape] = binaryOperands('where', a, b);
  broadcastShapes(condition.shape, shape, 'where');
  return record(getKernel('Where')(condition, x, y), 'where', [x, y], (g) => {
    const zero = scalarOf(0, g.dtype);
    return [unbroadcast(kWhere(condition, g, zero), x.shape), unbroadcast(kWhere(condition, zero, g), y.shape)];
  });
}

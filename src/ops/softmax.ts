import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor } from '../tensor/Tensor.js';
import { expandGrad, kExp, kMul, kSub, kSumKeep } from './kernelMath.js';
import { checkFloat, checkTensor } from './operands.js';

/** exp(x) / Σ exp(x) along `axis` (default last), shifted by the maximum so it never overflows. */
export function softmax(x: Tensor, axis = -1): Tensor {
  checkTensor(x, 'softmax');
  checkFloat(x, 'softmax');
  const a = normalizeAxis(axis, x.rank, 'softmax');
  const y = getKernel('Softmax')(x, a);
  // dx = y ⊙ (g − Σ g⊙y).
  return record(y, 'softmax', [x], (g) => {
    const dot = kSumKeep(kMul(g, y), [a]);
    return [kMul(y, kSub(g, expandGrad(dot, dot.shape, x.shape)))];
  });
}

/** x − log Σ exp(x) along `axis` (default last), computed stably; pairs with NLL for cross-entropy. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  checkTensor(x, 'logSoftmax');
  checkFloat(x, 'logSoftmax');
  const a = normalizeAxis(axis, x.rank, 'logSoftmax');
  const y = getKernel('LogSoftmax')(x, a);
  // dx = g − softmax(x) · Σ g.
  return record(y, 'logSoftmax', [x], (g) => {
    const total = kSumKeep(g, [a]);
    return [kSub(g, kMul(kExp(y), expandGrad(total, total.shape, x.shape)))];
  });
}

import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { type DType, checkDType, isFloat } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/Tensor.js';
import { checkTensor } from './operands.js';

/** Converts to `dtype` (float → int32 truncates toward zero). Gradients flow between float dtypes only. */
export function cast(x: Tensor, dtype: DType): Tensor {
  checkTensor(x, 'cast');
  checkDType(dtype, 'cast');
  if (x.dtype === dtype) return x;
  const out = getKernel('Cast')(x, dtype);
  if (!isFloat(dtype)) return out;
  return record(out, 'cast', [x], (g) => [getKernel('Cast')(g, x.dtype)]);
}

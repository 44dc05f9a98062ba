import { getKernel } from '../backend/registry.js';
import { DTypeError, ValueError } from '../errors/errors.js';
import { type DType, checkDType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/Tensor.js';
import { checkTensor } from './operands.js';

/** Options of `oneHot`. */
export interface OneHotOptions {
  onValue?: number;
  offValue?: number;
  /** Default float32. */
  dtype?: DType;
}

/**
 * One-hot encodes int32 class indices: shape [...indices.shape, depth]. Indices outside [0, depth) give a row
 * of `offValue`, as in TensorFlow.
 */
export function oneHot(indices: Tensor | readonly number[], depth: number, options: OneHotOptions = {}): Tensor {
  const idx = indices instanceof Tensor ? indices : new Tensor(Int32Array.from(indices), [indices.length]);
  checkTensor(idx, 'oneHot', 'indices');
  if (idx.dtype !== 'int32') {
    throw new DTypeError(`oneHot: indices must be int32; received ${idx.dtype}.`, { op: 'oneHot', dtype: idx.dtype });
  }
  if (!Number.isInteger(depth) || depth < 1) {
    throw new ValueError(`oneHot: "depth" must be a positive integer; received ${depth}.`, { op: 'oneHot', depth });
  }
  const dtype = options.dtype ?? 'float32';
  checkDType(dtype, 'oneHot');
  return getKernel('OneHot')(idx, depth, options.onValue ?? 1, options.offValue ?? 0, dtype);
}

import { getKernel } from '../backend/registry.js';
import type { BinaryKernelName } from '../backend/kernels.js';
import type { Tensor } from '../tensor/Tensor.js';
import { type TensorLike, binaryOperands } from './operands.js';

/** Element-wise comparisons with broadcasting. Each returns an int32 tensor of 0 and 1 and has no gradient. */

function compare(kernel: BinaryKernelName, op: string, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryOperands(op, a, b);
  return getKernel(kernel)(x, y);
}

/** 1 where a = b. */
export const equal = (a: TensorLike, b: TensorLike): Tensor => compare('Equal', 'equal', a, b);
/** 1 where a ≠ b. */
export const notEqual = (a: TensorLike, b: TensorLike): Tensor => compare('NotEqual', 'notEqual', a, b);
/** 1 where a < b. */
export const less = (a: TensorLike, b: TensorLike): Tensor => compare('Less', 'less', a, b);
/** 1 where a ≤ b. */
export const lessEqual = (a: TensorLike, b: TensorLike): Tensor => compare('LessEqual', 'lessEqual', a, b);
/** 1 where a > b. */
export const greater = (a: TensorLike, b: TensorLike): Tensor => compare('Greater', 'greater', a, b);
/** 1 where a ≥ b. */
export const greaterEqual = (a: TensorLike, b: TensorLike): Tensor => compare('GreaterEqual', 'greaterEqual', a, b);

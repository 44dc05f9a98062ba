import { DTypeError } from '../errors/errors.js';
import { type DType, isFloat } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';
import { scalarOf } from './kernelMath.js';

/** What a math op accepts: a tensor, or a plain number taken as a scalar of the other operand's dtype. */
export type TensorLike = Tensor | number;

/** Throws a `TypeError`-style DTypeError unless `x` is a Tensor. */
export function checkTensor(x: unknown, op: string, arg = 'x'): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    throw new DTypeError(`${op}: "${arg}" must be a Tensor; received ${x === null ? 'null' : typeof x}.`, { op, arg });
  }
}

/** Throws unless `x` holds floats (the op is not defined on integers). */
export function checkFloat(x: Tensor, op: string, arg = 'x'): void {
  if (!isFloat(x.dtype)) {
    throw new DTypeError(
      `${op}: expected "${arg}" to be float32 or float64, received ${x.dtype}; convert it with cast(x, 'float32').`,
      { op, arg, dtype: x.dtype },
    );
  }
}

/**
 * Turns two operands into tensors of one dtype whose shapes broadcast. Numbers adopt the tensor operand's
 * dtype (float32 when both are numbers). Mixed dtypes are an error, never a silent conversion.
 */
export function binaryOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, number[]] {
  const dtype: DType = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : 'float32';
  const x = toTensor(a, dtype, op, 'a');
  const y = toTensor(b, dtype, op, 'b');
  if (x.dtype !== y.dtype) {
    throw new DTypeError(
      `${op}: dtypes differ: a is ${x.dtype}, b is ${y.dtype}; convert one with cast() so both match.`,
      { op, dtypeA: x.dtype, dtypeB: y.dtype },
    );
  }
  return [x, y, broadcastShapes(x.shape, y.shape, op)];
}

/** A number becomes a scalar tensor of `dtype`; a tensor passes through. */
export function toTensor(x: TensorLike, dtype: DType, op: string, arg: string): Tensor {
  if (typeof x === 'number') return scalarOf(x, dtype);
  checkTensor(x, op, arg);
  return x;
}

import { getKernel } from '../backend/registry.js';
import { type DType, allocate } from '../tensor/dtype.js';
import { shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';

/**
 * Unrecorded math on kernels, for gradient rules. Backward runs under `noGrad`, so rules need no tape; calling
 * kernels directly keeps the op modules free of import cycles and still dispatches to the active backend.
 */

export const kAdd = (a: Tensor, b: Tensor): Tensor => getKernel('Add')(a, b);
export const kSub = (a: Tensor, b: Tensor): Tensor => getKernel('Sub')(a, b);
export const kMul = (a: Tensor, b: Tensor): Tensor => getKernel('Mul')(a, b);
export const kDiv = (a: Tensor, b: Tensor): Tensor => getKernel('Div')(a, b);
export const kNeg = (a: Tensor): Tensor => getKernel('Neg')(a);
export const kExp = (a: Tensor): Tensor => getKernel('Exp')(a);
export const kLog = (a: Tensor): Tensor => getKernel('Log')(a);
export const kWhere = (c: Tensor, a: Tensor, b: Tensor): Tensor => getKernel('Where')(c, a, b);
export const kCast = (a: Tensor, dtype: DType): Tensor => getKernel('Cast')(a, dtype);

/** A one-element tensor of `dtype` (shape `[]`). */
export function scalarOf(value: number, dtype: DType): Tensor {
  const data = allocate(dtype, 1);
  data[0] = value;
  return new Tensor(data, []);
}

/** Same values, new shape (storage is shared: tensors are never mutated in place). */
export function reshapeRaw(x: Tensor, shape: readonly number[]): Tensor {
  return shapesEqual(x.shape, shape) ? x : new Tensor(x.data, shape);
}

/** Sum over `axes`, keeping them as size 1. */
export function kSumKeep(x: Tensor, axes: readonly number[]): Tensor {
  return axes.length === 0 ? x : getKernel('Sum')(x, axes);
}

/**
 * Reduces a gradient of the broadcast output shape back to an input's `shape`: sums over the axes that
 * broadcasting added or stretched from 1.
 */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const offset = g.rank - shape.length;
  const axes: number[] = [];
  for (let d = 0; d < g.rank; d++) {
    if (d < offset || (shape[d - offset] === 1 && g.shape[d] !== 1)) axes.push(d);
  }
  return reshapeRaw(kSumKeep(g, axes), shape);
}

/** Spreads a gradient of a reduction (kept as size-1 axes) back over the input `shape`. */
export function expandGrad(g: Tensor, keptShape: readonly number[], shape: readonly number[]): Tensor {
  return getKernel('BroadcastTo')(reshapeRaw(g, keptShape), shape);
}

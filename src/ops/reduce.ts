import { noGrad, record } from '../autograd/tape.js';
import type { ReduceKernelName } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import { ValueError } from '../errors/errors.js';
import { normalizeAxes, normalizeAxis, reducedShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';
import { add, div, mul, sub } from './binary.js';
import { expandGrad, kCast, kDiv, kMul, kSumKeep, kWhere, reshapeRaw, scalarOf } from './kernelMath.js';
import { checkFloat, checkTensor } from './operands.js';
import { reshape } from './reshape.js';
import { exp, log, square } from './unary.js';

/** Axes to reduce: one axis, a list, or all when omitted. */
export type Axes = number | readonly number[];

/** Options of the reductions. */
export interface ReduceOptions {
  /** Keep reduced axes as size 1 (handy for broadcasting the result back). Default false. */
  keepDims?: boolean;
}

function reduceOp(
  kernel: ReduceKernelName,
  op: string,
  x: Tensor,
  axes: Axes | undefined,
  keepDims: boolean,
  grad: (g: Tensor, y: Tensor, axes: number[]) => Tensor,
): Tensor {
  checkTensor(x, op);
  const ax = normalizeAxes(axes, x.rank, op);
  const kept = getKernel(kernel)(x, ax);
  const out = keepDims ? kept : reshapeRaw(kept, reducedShape(x.shape, ax, false));
  return record(out, op, [x], (g) => [grad(reshapeRaw(g, kept.shape), kept, ax)]);
}

/** Sum over `axes` (all by default). */
export function sum(x: Tensor, axes?: Axes, { keepDims = false }: ReduceOptions = {}): Tensor {
  return reduceOp('Sum', 'sum', x, axes, keepDims, (g) => expandGrad(g, g.shape, x.shape));
}

/** Arithmetic mean over `axes` (all by default). */
export function mean(x: Tensor, axes?: Axes, options: ReduceOptions = {}): Tensor {
  checkTensor(x, 'mean');
  checkFloat(x, 'mean');
  const ax = normalizeAxes(axes, x.rank, 'mean');
  const n = ax.reduce((p, a) => p * (x.shape[a] as number), 1);
  return div(sum(x, ax, options), n);
}

/** Gradient of max/min: shared equally among the elements that attain the extreme. */
function extremeGrad(x: Tensor) {
  return (g: Tensor, y: Tensor, ax: number[]): Tensor => {
    const hit = kCast(getKernel('Equal')(x, y), x.dtype);
    const count = kSumKeep(hit, ax);
    return kMul(hit, expandGrad(kDiv(g, count), g.shape, x.shape));
  };
}

/** Largest value over `axes` (all by default). */
export function max(x: Tensor, axes?: Axes, { keepDims = false }: ReduceOptions = {}): Tensor {
  return reduceOp('Max', 'max', x, axes, keepDims, extremeGrad(x));
}

/** Smallest value over `axes` (all by default). */
export function min(x: Tensor, axes?: Axes, { keepDims = false }: ReduceOptions = {}): Tensor {
  return reduceOp('Min', 'min', x, axes, keepDims, extremeGrad(x));
}

/**
 * Product over `axes` (all by default). The gradient is the product of the other elements, computed without
 * dividing by zero: with one zero in a group only that element gets a gradient, with two or more none does.
 */
export function prod(x: Tensor, axes?: Axes, { keepDims = false }: ReduceOptions = {}): Tensor {
  return reduceOp('Prod', 'prod', x, axes, keepDims, (g, _y, ax) => {
    const zero = scalarOf(0, x.dtype);
    const one = scalarOf(1, x.dtype);
    const isZero = getKernel('Equal')(x, zero);
    const zeros = kSumKeep(kCast(isZero, x.dtype), ax);
    const safe = kWhere(isZero, one, x);
    const prodNonZero = expandGrad(getKernel('Prod')(safe, ax), zeros.shape, x.shape);
    const zerosFull = expandGrad(zeros, zeros.shape, x.shape);
    const others = kWhere(
      getKernel('Equal')(zerosFull, zero),
      kDiv(prodNonZero, safe),
      kWhere(kMul(getKernel('Equal')(zerosFull, one), isZero), prodNonZero, zero),
    );
    return kMul(expandGrad(g, g.shape, x.shape), others);
  });
}

function argReduce(
  kernel: 'ArgMax' | 'ArgMin',
  op: string,
  x: Tensor,
  axis: number | undefined,
  keepDims: boolean,
): Tensor {
  checkTensor(x, op);
  if (x.size === 0) throw new ValueError(`${op}: the tensor is empty.`, { op });
  if (axis === undefined) {
    const flat = getKernel(kernel)(new Tensor(x.data, [x.size]), 0);
    return reshapeRaw(flat, keepDims ? x.shape.map(() => 1) : []);
  }
  const a = normalizeAxis(axis, x.rank, op);
  const kept = getKernel(kernel)(x, a);
  return keepDims ? kept : reshapeRaw(kept, reducedShape(x.shape, [a], false));
}

/** Index (int32) of the first largest value along `axis`, or into the flattened tensor when omitted. */
export function argmax(x: Tensor, axis?: number, { keepDims = false }: ReduceOptions = {}): Tensor {
  return argReduce('ArgMax', 'argmax', x, axis, keepDims);
}

/** Index (int32) of the first smallest value along `axis`, or into the flattened tensor when omitted. */
export function argmin(x: Tensor, axis?: number, { keepDims = false }: ReduceOptions = {}): Tensor {
  return argReduce('ArgMin', 'argmin', x, axis, keepDims);
}

/** log Σ exp(x) over `axes`, computed as m + log Σ exp(x − m) with m the maximum, so it never overflows. */
export function logSumExp(x: Tensor, axes?: Axes, { keepDims = false }: ReduceOptions = {}): Tensor {
  checkTensor(x, 'logSumExp');
  checkFloat(x, 'logSumExp');
  const ax = normalizeAxes(axes, x.rank, 'logSumExp');
  // The shift is a constant for differentiation: the result does not depend on it.
  const m = noGrad(() => {
    const raw = getKernel('Max')(x, ax);
    const infinite = getKernel('Equal')(getKernel('Abs')(raw), scalarOf(Infinity, x.dtype));
    return kWhere(infinite, scalarOf(0, x.dtype), raw); // all −∞ (or a +∞) must not become ∞ − ∞
  });
  const out = add(log(sum(exp(sub(x, m)), ax, { keepDims: true })), m);
  return keepDims ? out : reshape(out, reducedShape(x.shape, ax, false));
}

/** Options of `variance` and `std`. */
export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: divide by n − ddof. Default 0 (population variance, as NumPy). */
  ddof?: number;
}

/** Mean squared deviation from the mean over `axes`, divided by n − ddof. */
export function variance(x: Tensor, axes?: Axes, { keepDims = false, ddof = 0 }: VarianceOptions = {}): Tensor {
  checkTensor(x, 'variance');
  checkFloat(x, 'variance');
  const ax = normalizeAxes(axes, x.rank, 'variance');
  const n = ax.reduce((p, a) => p * (x.shape[a] as number), 1);
  const centered = sub(x, mean(x, ax, { keepDims: true }));
  return mul(sum(square(centered), ax, { keepDims }), 1 / (n - ddof));
}

import { type DType, type TypedArray, allocate } from '../../tensor/dtype.js';
import { broadcastShapes, shapesEqual } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { BinaryKernelName, UnaryKernelName } from '../kernels.js';
import { broadcastStrides, forEachBroadcast } from './broadcast.js';

type Scalar1 = (x: number) => number;
type Scalar2 = (a: number, b: number) => number;

function stableSigmoid(x: number): number {
  // Never exponentiate a large positive number: exp(-|x|) is always in (0, 1].
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Scalar definitions of the unary kernels: the specification the fast backends must match. */
export const UNARY: Record<UnaryKernelName, Scalar1> = {
  Neg: (x) => -x,
  Abs: Math.abs,
  Sign: Math.sign,
  Exp: Math.exp,
  Log: Math.log,
  Log1p: Math.log1p,
  Sqrt: Math.sqrt,
  Square: (x) => x * x,
  Reciprocal: (x) => 1 / x,
  Tanh: Math.tanh,
  Sigmoid: stableSigmoid,
  Relu: (x) => (x > 0 ? x : 0),
  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), which never overflows.
  Softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  Sin: Math.sin,
  Cos: Math.cos,
};

/** Scalar definitions of the binary kernels. Comparisons give 1 or 0. */
export const BINARY: Record<BinaryKernelName, Scalar2> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Pow: Math.pow,
  Maximum: (a, b) => (a >= b || Number.isNaN(a) ? a : b),
  Minimum: (a, b) => (a <= b || Number.isNaN(a) ? a : b),
  Equal: (a, b) => (a === b ? 1 : 0),
  NotEqual: (a, b) => (a !== b ? 1 : 0),
  Less: (a, b) => (a < b ? 1 : 0),
  LessEqual: (a, b) => (a <= b ? 1 : 0),
  Greater: (a, b) => (a > b ? 1 : 0),
  GreaterEqual: (a, b) => (a >= b ? 1 : 0),
};

const COMPARISONS = new Set<BinaryKernelName>(['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual']);

/** Applies `f` to every element; integer division and similar results are truncated by the Int32Array store. */
export function mapUnary(x: Tensor, f: Scalar1, dtype: DType = x.dtype): Tensor {
  const out = allocate(dtype, x.size);
  const src = x.data;
  for (let i = 0; i < src.length; i++) out[i] = f(src[i] as number);
  return new Tensor(out, x.shape);
}

/** Applies `f` element-wise over the broadcast of `a` and `b`. */
export function mapBinary(a: Tensor, b: Tensor, f: Scalar2, dtype: DType): Tensor {
  const shape = broadcastShapes(a.shape, b.shape, 'binary kernel');
  const out = allocate(
    dtype,
    shape.reduce((p, d) => p * d, 1),
  );
  const ad = a.data;
  const bd = b.data;
  if (shapesEqual(a.shape, b.shape)) {
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i] as number, bd[i] as number);
  } else if (b.size === 1) {
    const bv = bd[0] as number;
    for (let i = 0; i < out.length; i++) out[i] = f(ad[i] as number, bv);
  } else if (a.size === 1) {
    const av = ad[0] as number;
    for (let i = 0; i < out.length; i++) out[i] = f(av, bd[i] as number);
  } else {
    const strides = [broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)];
    forEachBroadcast(shape, strides, (o, off) => {
      out[o] = f(ad[off[0] as number] as number, bd[off[1] as number] as number);
    });
  }
  return new Tensor(out, shape);
}

export function unaryKernel(name: UnaryKernelName): (x: Tensor) => Tensor {
  const f = UNARY[name];
  return (x) => mapUnary(x, f);
}

export function binaryKernel(name: BinaryKernelName): (a: Tensor, b: Tensor) => Tensor {
  const f = BINARY[name];
  const isComparison = COMPARISONS.has(name);
  // Integer division truncates toward zero, as C and the Int32Array store do.
  const g: Scalar2 = name === 'Div' ? (x, y) => Math.trunc(x / y) : f;
  return (a, b) => mapBinary(a, b, a.dtype === 'int32' ? g : f, isComparison ? 'int32' : a.dtype);
}

export function leakyRelu(x: Tensor, alpha: number): Tensor {
  return mapUnary(x, (v) => (v > 0 ? v : alpha * v));
}

export function elu(x: Tensor, alpha: number): Tensor {
  return mapUnary(x, (v) => (v > 0 ? v : alpha * Math.expm1(v)));
}

export function clip(x: Tensor, min: number, max: number): Tensor {
  return mapUnary(x, (v) => (v < min ? min : v > max ? max : v));
}

export function where(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes(broadcastShapes(cond.shape, a.shape, 'where'), b.shape, 'where');
  const out: TypedArray = allocate(
    a.dtype,
    shape.reduce((p, d) => p * d, 1),
  );
  const strides = [cond.shape, a.shape, b.shape].map((s) => broadcastStrides(s, shape));
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  forEachBroadcast(shape, strides, (o, off) => {
    out[o] =
      (cd[off[0] as number] as number) !== 0 ? (ad[off[1] as number] as number) : (bd[off[2] as number] as number);
  });
  return new Tensor(out, shape);
}

export function cast(x: Tensor, dtype: DType): Tensor {
  // Float to int truncates toward zero (as C casts do); the Int32Array store alone would wrap, not truncate.
  return dtype === 'int32' && x.dtype !== 'int32' ? mapUnary(x, Math.trunc, dtype) : mapUnary(x, (v) => v, dtype);
}

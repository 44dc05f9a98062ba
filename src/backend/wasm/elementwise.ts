import { broadcastShapes, sizeOf, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { BinaryKernelName, UnaryKernelName } from '../kernels.js';
import { broadcastStrides } from '../reference/broadcast.js';
import * as abi from './abi.js';
import { type Collapsed, collapse, MAX_STRIDED_RANK } from './collapse.js';
import type { WasmRuntime } from './runtime.js';

/** Operation codes of the unary kernels the wasm backend runs (every one). */
export const UNARY_OPS: Record<UnaryKernelName, number> = {
  Neg: abi.U_NEG,
  Abs: abi.U_ABS,
  Sign: abi.U_SIGN,
  Exp: abi.U_EXP,
  Log: abi.U_LOG,
  Log1p: abi.U_LOG1P,
  Sqrt: abi.U_SQRT,
  Square: abi.U_SQUARE,
  Reciprocal: abi.U_RECIPROCAL,
  Tanh: abi.U_TANH,
  Sigmoid: abi.U_SIGMOID,
  Relu: abi.U_RELU,
  Softplus: abi.U_SOFTPLUS,
  Sin: abi.U_SIN,
  Cos: abi.U_COS,
};

/** Operation codes of the binary kernels (comparisons return int32). */
export const BINARY_OPS: Record<BinaryKernelName, number> = {
  Add: abi.B_ADD,
  Sub: abi.B_SUB,
  Mul: abi.B_MUL,
  Div: abi.B_DIV,
  Pow: abi.B_POW,
  Maximum: abi.B_MAXIMUM,
  Minimum: abi.B_MINIMUM,
  Equal: abi.B_EQUAL,
  NotEqual: abi.B_NOT_EQUAL,
  Less: abi.B_LESS,
  LessEqual: abi.B_LESS_EQUAL,
  Greater: abi.B_GREATER,
  GreaterEqual: abi.B_GREATER_EQUAL,
};

/** Functions that cost tens of cycles per element: worth threads at smaller sizes. */
const HEAVY = new Set([
  abi.U_EXP,
  abi.U_LOG,
  abi.U_LOG1P,
  abi.U_TANH,
  abi.U_SIGMOID,
  abi.U_SOFTPLUS,
  abi.U_ELU,
  abi.U_SIN,
  abi.U_COS,
  abi.B_POW,
]);

/** Element counts from which element-wise work is split over the threads. */
const PARALLEL_LIGHT = 1 << 17;
const PARALLEL_HEAVY = 1 << 13;
const CHUNK = 1 << 14;

function parallelFor(op: number, n: number): boolean {
  return n >= (HEAVY.has(op) ? PARALLEL_HEAVY : PARALLEL_LIGHT);
}

/** y = op(x) for float32 x; alpha/beta carry LeakyRelu's and Elu's alpha and Clip's bounds. */
export function wasmUnary(rt: WasmRuntime, op: number, x: Tensor, alpha = 0, beta = 0): Tensor {
  const n = x.size;
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const yPtr = rt.alloc(n * 4);
  const parallel = parallelFor(op, n);
  const chunk = parallel ? CHUNK : Math.ceil(n / 4) * 4;
  const p = rt.p;
  p.fill(0);
  p[abi.U_OP] = op;
  p[abi.U_N] = n;
  p[abi.U_X] = xPtr;
  p[abi.U_Y] = yPtr;
  p[abi.U_CHUNK] = chunk;
  rt.pf[abi.U_ALPHA] = alpha;
  rt.pf[abi.U_BETA] = beta;
  rt.run(abi.K_UNARY, Math.ceil(n / chunk), parallel);
  return new Tensor(rt.readF32(yPtr, n), x.shape);
}

/** Stages a strided phase over `shape` (already collapsed) and runs it. */
function runStrided(
  rt: WasmRuntime,
  kernel: number,
  op: number,
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  inputs: readonly number[],
  out: number,
  parallel: boolean,
  flag = 0,
): void {
  const rank = shape.length;
  const inner = shape[rank - 1] as number;
  const rows = sizeOf(shape) / inner;
  const shapePtr = rt.copyInts(shape);
  const stridePtrs = strides.map((s) => rt.copyInts(s));
  const rowChunk = parallel ? Math.max(1, Math.floor(CHUNK / inner)) : rows;
  const p = rt.p;
  p.fill(0);
  p[abi.S_OP] = op;
  p[abi.S_RANK] = rank;
  p[abi.S_SHAPE] = shapePtr;
  p[abi.S_STR0] = stridePtrs[0] ?? 0;
  p[abi.S_STR1] = stridePtrs[1] ?? 0;
  p[abi.S_STR2] = stridePtrs[2] ?? 0;
  p[abi.S_IN0] = inputs[0] ?? 0;
  p[abi.S_IN1] = inputs[1] ?? 0;
  p[abi.S_IN2] = inputs[2] ?? 0;
  p[abi.S_OUT] = out;
  p[abi.S_ROWS] = rows;
  p[abi.S_ROWCHUNK] = rowChunk;
  p[abi.S_FLAG] = flag;
  rt.run(kernel, Math.ceil(rows / rowChunk), parallel);
}

/** True when the strided kernels take operands of these ranks (their broadcast has at most 8 axes). */
export function stridedRankFits(shapes: readonly (readonly number[])[]): boolean {
  return shapes.every((s) => s.length <= MAX_STRIDED_RANK);
}

/** Output shape and collapsed strides of a broadcast; the common same-shape and scalar cases skip the walk. */
function broadcastPlan(shapes: readonly (readonly number[])[]): { shape: number[]; c: Collapsed } {
  let shape = [...(shapes[0] as readonly number[])];
  for (const s of shapes.slice(1)) shape = broadcastShapes(shape, s, 'wasm kernel');
  const size = sizeOf(shape);
  if (shapes.every((s) => sizeOf(s) === size || sizeOf(s) === 1)) {
    return { shape, c: { shape: [size], strides: shapes.map((s) => [sizeOf(s) === size && size !== 1 ? 1 : 0]) } };
  }
  return {
    shape,
    c: collapse(
      shape,
      shapes.map((s) => broadcastStrides(s, shape)),
    ),
  };
}

/** Broadcasting binary op on float32 tensors; comparisons give int32 0/1. */
export function wasmBinary(rt: WasmRuntime, op: number, a: Tensor, b: Tensor): Tensor {
  const { shape, c } = broadcastPlan([a.shape, b.shape]);
  const size = sizeOf(shape);
  rt.begin();
  const aPtr = rt.copyIn(a.data as Float32Array);
  const bPtr = rt.copyIn(b.data as Float32Array);
  const out = rt.alloc(size * 4);
  runStrided(rt, abi.K_BINARY, op, c.shape, c.strides, [aPtr, bPtr], out, parallelFor(op, size));
  return op >= abi.B_EQUAL ? new Tensor(rt.readI32(out, size), shape) : new Tensor(rt.readF32(out, size), shape);
}

/** cond != 0 ? a : b over 4-byte dtypes (cond float32 or int32; a and b of one dtype), all broadcasting. */
export function wasmWhere(rt: WasmRuntime, cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const { shape, c } = broadcastPlan([cond.shape, a.shape, b.shape]);
  const size = sizeOf(shape);
  rt.begin();
  const ptrs = [cond, a, b].map((t) => rt.copyIn(t.data as Float32Array | Int32Array));
  const out = rt.alloc(size * 4);
  const parallel = size >= PARALLEL_LIGHT;
  runStrided(rt, abi.K_WHERE, 0, c.shape, c.strides, ptrs, out, parallel, cond.dtype === 'int32' ? 1 : 0);
  return a.dtype === 'int32' ? new Tensor(rt.readI32(out, size), shape) : new Tensor(rt.readF32(out, size), shape);
}

/** Strided copy of 4-byte elements: out (contiguous, or through `outStrides` from `outOffset`) ← x. */
export function wasmCopy(
  rt: WasmRuntime,
  x: Tensor,
  shape: readonly number[],
  srcStrides: readonly number[],
  srcOffset: number,
  outSize: number,
  outStrides: readonly number[] | null,
  outOffset: number,
  fill: number,
): Int32Array | Float32Array {
  const strides = outStrides ? [srcStrides, outStrides] : [srcStrides, stridesOf(shape)];
  const c = collapse(shape, strides);
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array | Int32Array);
  const out = rt.alloc(outSize * 4);
  if (outStrides) {
    if (x.dtype === 'int32') rt.i32.fill(fill, out >> 2, (out >> 2) + outSize);
    else rt.f32.fill(fill, out >> 2, (out >> 2) + outSize);
  }
  const count = sizeOf(shape);
  const parallel = count >= PARALLEL_LIGHT;
  runStridedCopy(rt, c, xPtr + 4 * srcOffset, out + 4 * outOffset, outStrides !== null, parallel);
  return x.dtype === 'int32' ? rt.readI32(out, outSize) : rt.readF32(out, outSize);
}

function runStridedCopy(
  rt: WasmRuntime,
  c: { shape: number[]; strides: number[][] },
  src: number,
  dst: number,
  strided: boolean,
  parallel: boolean,
): void {
  const rank = c.shape.length;
  const inner = c.shape[rank - 1] as number;
  const rows = sizeOf(c.shape) / inner;
  const shapePtr = rt.copyInts(c.shape);
  const s0 = rt.copyInts(c.strides[0] as number[]);
  const so = strided ? rt.copyInts(c.strides[1] as number[]) : 0;
  const rowChunk = parallel ? Math.max(1, Math.floor(CHUNK / inner)) : rows;
  const p = rt.p;
  p.fill(0);
  p[abi.S_RANK] = rank;
  p[abi.S_SHAPE] = shapePtr;
  p[abi.S_STR0] = s0;
  p[abi.S_OSTR] = so;
  p[abi.S_IN0] = src;
  p[abi.S_OUT] = dst;
  p[abi.S_ROWS] = rows;
  p[abi.S_ROWCHUNK] = rowChunk;
  rt.run(abi.K_COPY, Math.ceil(rows / rowChunk), parallel);
}

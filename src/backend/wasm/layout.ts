import { type DType, allocate } from '../../tensor/dtype.js';
import { sizeOf, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { broadcastStrides } from '../reference/broadcast.js';
import { wasmCopy } from './elementwise.js';
import type { WasmRuntime } from './runtime.js';

/** Output axis i is input axis perm[i]. */
export function wasmTranspose(rt: WasmRuntime, x: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((p) => x.shape[p] as number);
  const inStrides = stridesOf(x.shape);
  const data = wasmCopy(
    rt,
    x,
    shape,
    perm.map((p) => inStrides[p] as number),
    0,
    x.size,
    null,
    0,
    0,
  );
  return new Tensor(data, shape);
}

/** Repeats x along its size-1 (or missing) axes. */
export function wasmBroadcastTo(rt: WasmRuntime, x: Tensor, shape: readonly number[]): Tensor {
  const data = wasmCopy(rt, x, shape, broadcastStrides(x.shape, shape), 0, sizeOf(shape), null, 0, 0);
  return new Tensor(data, shape);
}

/** The box of `size` starting at `begin`. */
export function wasmSlice(rt: WasmRuntime, x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const strides = stridesOf(x.shape);
  const start = begin.reduce((acc, b, d) => acc + b * (strides[d] as number), 0);
  return new Tensor(wasmCopy(rt, x, size, strides, start, sizeOf(size), null, 0, 0), size);
}

/** x placed in a larger tensor filled with `value`. */
export function wasmPad(
  rt: WasmRuntime,
  x: Tensor,
  paddings: readonly (readonly [number, number])[],
  value: number,
): Tensor {
  const shape = x.shape.map(
    (d, i) => d + (paddings[i] as readonly [number, number])[0] + (paddings[i] as readonly [number, number])[1],
  );
  const outStrides = stridesOf(shape);
  const start = paddings.reduce((acc, p, d) => acc + p[0] * (outStrides[d] as number), 0);
  const data = wasmCopy(rt, x, x.shape, stridesOf(x.shape), 0, sizeOf(shape), outStrides, start, value);
  return new Tensor(data, shape);
}

/**
 * Cast by a typed-array copy, which converts exactly as the reference does: to float32 by rounding, to
 * int32 by truncating toward zero then wrapping (NaN and ±∞ give 0).
 */
export function fastCast(x: Tensor, dtype: DType): Tensor {
  const out = allocate(dtype, x.size);
  out.set(x.data);
  return new Tensor(out, x.shape);
}

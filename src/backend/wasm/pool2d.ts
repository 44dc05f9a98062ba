import { Tensor } from '../../tensor/Tensor.js';
import type { Pool2DGeometry } from '../kernels.js';
import { K_AVGPOOL, K_AVGPOOL_GRAD, K_MAXPOOL, K_MAXPOOL_GRAD, P_DX, P_DY, P_X, P_Y } from './abi.js';
import { convSizes, geometrySlots } from './conv2d.js';
import type { WasmRuntime } from './runtime.js';

/** Inputs at least this large (elements) are pooled on every thread. */
export const PARALLEL_ELEMENTS = 1 << 16;

function stage(rt: WasmRuntime, xShape: readonly number[], g: Pool2DGeometry) {
  const [ph, pw] = g.poolSize;
  const c = xShape[3] as number;
  const d = convSizes(xShape, [ph, pw, c, c], { strides: g.strides, dilations: [1, 1], pads: g.pads });
  const p = rt.p;
  p.fill(0);
  for (const [slot, v] of geometrySlots(d, { strides: g.strides, dilations: [1, 1], pads: g.pads })) p[slot] = v;
  return d;
}

/**
 * In the arena: max pooling of x [n, h, w, c] at xPtr into a new arena buffer; tasks are output rows.
 * @returns the output's address and shape [n, oh, ow, c]
 */
export function maxPoolAt(
  rt: WasmRuntime,
  xShape: readonly number[],
  g: Pool2DGeometry,
  xPtr: number,
): { yPtr: number; shape: [number, number, number, number] } {
  return poolAt(rt, K_MAXPOOL, xShape, g, xPtr);
}

function poolAt(
  rt: WasmRuntime,
  kernel: number,
  xShape: readonly number[],
  g: Pool2DGeometry,
  xPtr: number,
): { yPtr: number; shape: [number, number, number, number] } {
  const d = stage(rt, xShape, g);
  const yPtr = rt.alloc(d.n * d.oh * d.ow * d.c * 4);
  rt.p[P_X] = xPtr;
  rt.p[P_Y] = yPtr;
  rt.run(kernel, d.n * d.oh, d.n * d.h * d.w * d.c >= PARALLEL_ELEMENTS);
  return { yPtr, shape: [d.n, d.oh, d.ow, d.c] };
}

/** Max (K_MAXPOOL) or average (K_AVGPOOL) pooling; tasks are output rows. */
export function wasmPool2D(rt: WasmRuntime, kernel: number, x: Tensor, g: Pool2DGeometry): Tensor {
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const { yPtr, shape } = poolAt(rt, kernel === K_MAXPOOL ? K_MAXPOOL : K_AVGPOOL, x.shape, g, xPtr);
  return new Tensor(rt.readF32(yPtr, shape[0] * shape[1] * shape[2] * shape[3]), shape);
}

/**
 * In the arena: the max-pooling gradient dx [n, h, w, c] (at dxPtr) of x at xPtr from dy at dyPtr; tasks are
 * images, so no two write the same element.
 */
export function maxPoolGradAt(
  rt: WasmRuntime,
  xShape: readonly number[],
  g: Pool2DGeometry,
  xPtr: number,
  dyPtr: number,
  dxPtr: number,
): void {
  const d = stage(rt, xShape, g);
  rt.p[P_X] = xPtr;
  rt.p[P_DY] = dyPtr;
  rt.p[P_DX] = dxPtr;
  rt.run(K_MAXPOOL_GRAD, d.n, d.n * d.h * d.w * d.c >= PARALLEL_ELEMENTS);
}

/** Max-pooling gradient: `maxPoolGradAt` on copies of x and dy. */
export function wasmMaxPool2DGrad(rt: WasmRuntime, x: Tensor, dy: Tensor, g: Pool2DGeometry): Tensor {
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const dxPtr = rt.alloc(x.size * 4);
  maxPoolGradAt(rt, x.shape, g, xPtr, dyPtr, dxPtr);
  return new Tensor(rt.readF32(dxPtr, x.size), x.shape);
}

/** Average-pooling gradient; tasks are images. */
export function wasmAvgPool2DGrad(rt: WasmRuntime, dy: Tensor, xShape: readonly number[], g: Pool2DGeometry): Tensor {
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const size = xShape.reduce((a, b) => a * b, 1);
  const dxPtr = rt.alloc(size * 4);
  const d = stage(rt, xShape, g);
  rt.p[P_DY] = dyPtr;
  rt.p[P_DX] = dxPtr;
  rt.run(K_AVGPOOL_GRAD, d.n, size >= PARALLEL_ELEMENTS);
  return new Tensor(rt.readF32(dxPtr, size), xShape);
}

import { Tensor } from '../../tensor/Tensor.js';
import type { Pool2DGeometry } from '../kernels.js';
import { K_AVGPOOL, K_AVGPOOL_GRAD, K_MAXPOOL, K_MAXPOOL_GRAD, P_DX, P_DY, P_X, P_Y } from './abi.js';
import { convSizes, geometrySlots } from './conv2d.js';
import type { WasmRuntime } from './runtime.js';

/** Inputs at least this large (elements) are pooled on every thread. */
const PARALLEL_ELEMENTS = 1 << 16;

function stage(rt: WasmRuntime, xShape: readonly number[], g: Pool2DGeometry) {
  const [ph, pw] = g.poolSize;
  const c = xShape[3] as number;
  const d = convSizes(xShape, [ph, pw, c, c], { strides: g.strides, dilations: [1, 1], pads: g.pads });
  const p = rt.p;
  p.fill(0);
  for (const [slot, v] of geometrySlots(d, { strides: g.strides, dilations: [1, 1], pads: g.pads })) p[slot] = v;
  return d;
}

/** Max (K_MAXPOOL) or average (K_AVGPOOL) pooling; tasks are output rows. */
export function wasmPool2D(rt: WasmRuntime, kernel: number, x: Tensor, g: Pool2DGeometry): Tensor {
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const d = stage(rt, x.shape, g);
  const size = d.n * d.oh * d.ow * d.c;
  const yPtr = rt.alloc(size * 4);
  rt.p[P_X] = xPtr;
  rt.p[P_Y] = yPtr;
  rt.run(kernel === K_MAXPOOL ? K_MAXPOOL : K_AVGPOOL, d.n * d.oh, x.size >= PARALLEL_ELEMENTS);
  return new Tensor(rt.readF32(yPtr, size), [d.n, d.oh, d.ow, d.c]);
}

/** Max-pooling gradient; tasks are images, so no two write the same element. */
export function wasmMaxPool2DGrad(rt: WasmRuntime, x: Tensor, dy: Tensor, g: Pool2DGeometry): Tensor {
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const dxPtr = rt.alloc(x.size * 4);
  const d = stage(rt, x.shape, g);
  rt.p[P_X] = xPtr;
  rt.p[P_DY] = dyPtr;
  rt.p[P_DX] = dxPtr;
  rt.run(K_MAXPOOL_GRAD, d.n, x.size >= PARALLEL_ELEMENTS);
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

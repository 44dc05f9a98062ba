import type { Conv2DGeometry, FusedActivation } from '../kernels.js';
import {
  DC_ACT,
  DC_B,
  DC_COLS,
  DC_COLSTRIDE,
  DC_DY,
  DC_F,
  DC_PART,
  DC_ROWS,
  DC_W,
  DC_X,
  DC_Y,
  FA_LINEAR,
  FA_RELU,
  K_DCONV,
  K_DCONV_GRAD,
} from './abi.js';
import { geometrySlots, type ConvSizes } from './conv2d.js';
import type { WasmRuntime } from './runtime.js';

/** Multiply-adds per forward task, about (a quarter of a gradient task's). */
const TASK_FLOPS = 1 << 16;

/**
 * True when the direct kernels take this convolution: one input channel, filters a multiple of 4.
 *
 * @param d - the convolution's sizes
 * @returns whether `directConvForwardAt` and `directConvFilterGradAt` apply
 */
export function directConvEligible(d: ConvSizes): boolean {
  return d.c === 1 && d.f % 4 === 0 && d.f > 0 && d.n * d.oh * d.ow > 0;
}

function stage(rt: WasmRuntime, d: ConvSizes, g: Conv2DGeometry, rowsPerTask: number) {
  const rows = d.n * d.oh;
  const tasks = Math.ceil(rows / rowsPerTask);
  // One row's tap table; the gradient's is pixel-major with the taps padded to a multiple of 8.
  const colStride = Math.ceil((Math.ceil((d.kh * d.kw) / 8) * 8 * d.ow * 4) / 64) * 64;
  const cols = rt.alloc(tasks * colStride);
  const p = rt.p;
  p.fill(0);
  for (const [slot, v] of geometrySlots(d, g)) p[slot] = v;
  p[DC_F] = d.f;
  p[DC_ROWS] = rowsPerTask;
  p[DC_COLS] = cols;
  p[DC_COLSTRIDE] = colStride;
  return tasks;
}

/**
 * In the arena: y = act(conv(x, w) + b) of a single-channel convolution, directly (no im2col GEMM).
 *
 * @param rt - the runtime (arena already begun)
 * @param d - sizes; `directConvEligible(d)` must hold
 * @param g - strides, dilations and pads
 * @param act - fused activation
 * @param xPtr - input [n, h, w, 1]
 * @param fPtr - filter [kh, kw, 1, f]
 * @param bPtr - bias [f], or 0 for none
 * @param yPtr - output [n, oh, ow, f]
 */
export function directConvForwardAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  act: FusedActivation,
  xPtr: number,
  fPtr: number,
  bPtr: number,
  yPtr: number,
): void {
  const perRow = d.ow * d.kh * d.kw * d.f;
  const rowsPerTask = Math.max(1, Math.floor(TASK_FLOPS / perRow));
  const tasks = stage(rt, d, g, rowsPerTask);
  const p = rt.p;
  p[DC_X] = xPtr;
  p[DC_W] = fPtr;
  p[DC_B] = bPtr;
  p[DC_Y] = yPtr;
  p[DC_ACT] = act === 'relu' ? FA_RELU : FA_LINEAR;
  rt.run(K_DCONV, tasks, tasks > 1);
}

/**
 * In the arena: the filter gradient Σ x(pixel, tap)·dz and the bias gradient Σ dz of a single-channel
 * convolution, where dz = dy · act'(y), without materialising dz. Partial sums per task are added here in task
 * order (float64), so the result does not depend on the thread count.
 *
 * @param rt - the runtime (arena already begun)
 * @param d - sizes; `directConvEligible(d)` must hold
 * @param g - strides, dilations and pads
 * @param act - the forward's fused activation
 * @param xPtr - input [n, h, w, 1]
 * @param dyPtr - output gradient [n, oh, ow, f]
 * @param yPtr - forward output (act' is taken from it; ignored when linear)
 * @returns the filter gradient [kh·kw·f] and the bias gradient [f], float64
 */
export function directConvFilterGradAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  act: FusedActivation,
  xPtr: number,
  dyPtr: number,
  yPtr: number,
): { dw: Float64Array; db: Float64Array } {
  const taps = d.kh * d.kw;
  const perRow = d.ow * taps * d.f;
  // Enough rows per task to amortise the partial block, few enough that the tap tables stay small.
  const rowsPerTask = Math.max(1, Math.min(64, Math.floor((4 * TASK_FLOPS) / perRow)));
  const tasks = stage(rt, d, g, rowsPerTask);
  const block = (taps + 1) * d.f;
  const part = rt.alloc(tasks * block * 4);
  const p = rt.p;
  p[DC_X] = xPtr;
  p[DC_DY] = dyPtr;
  p[DC_Y] = act === 'relu' ? yPtr : 0;
  p[DC_ACT] = act === 'relu' ? FA_RELU : FA_LINEAR;
  p[DC_PART] = part;
  rt.run(K_DCONV_GRAD, tasks, tasks > 1);
  const partial = rt.f32.subarray(part >> 2, (part >> 2) + tasks * block);
  const sums = new Float64Array(block);
  for (let t = 0; t < tasks; t++) {
    const o = t * block;
    for (let i = 0; i < block; i++) sums[i] += partial[o + i] as number;
  }
  return { dw: sums.subarray(0, taps * d.f), db: sums.subarray(taps * d.f) };
}

import { Tensor } from '../../tensor/Tensor.js';
import type { Conv2DGeometry, FusedActivation } from '../kernels.js';
import { type ConvSizes, convFilterGradAt, convForwardAt, convInputGradAt, convSizes } from './conv2d.js';
import { directConvEligible, directConvFilterGradAt, directConvForwardAt } from './directConv.js';
import { biasActivationAt, biasActivationGradAt } from './fused.js';
import type { WasmRuntime } from './runtime.js';

/**
 * In the arena: y = act(conv(x, filter) + bias) at yPtr. Single-channel inputs (a first layer) take the direct
 * kernel, which applies bias and activation as it stores; others the im2col GEMM, then bias and activation in place.
 *
 * @param d - the convolution's sizes
 * @param bPtr - bias [f], or 0 for none
 */
export function conv2DBiasActivationAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  activation: FusedActivation,
  xPtr: number,
  fPtr: number,
  bPtr: number,
  yPtr: number,
): void {
  if (directConvEligible(d)) {
    directConvForwardAt(rt, d, g, activation, xPtr, fPtr, bPtr, yPtr);
    return;
  }
  convForwardAt(rt, d, g, xPtr, fPtr, yPtr);
  const size = d.n * d.oh * d.ow * d.f;
  if (bPtr !== 0 || activation !== 'linear') biasActivationAt(rt, activation, size / d.f, d.f, yPtr, bPtr, yPtr);
}

/**
 * A Conv2D layer's forward in one call: the convolution's output stays in the arena while the bias and the
 * activation are applied in place, so it is copied out once instead of crossing the boundary three times.
 */
export function wasmConv2DBiasActivation(
  rt: WasmRuntime,
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  g: Conv2DGeometry,
): Tensor {
  const d = convSizes(x.shape, filter.shape, g);
  const size = d.n * d.oh * d.ow * d.f;
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const fPtr = rt.copyIn(filter.data as Float32Array);
  const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
  const yPtr = rt.alloc(size * 4);
  conv2DBiasActivationAt(rt, d, g, activation, xPtr, fPtr, bPtr, yPtr);
  return new Tensor(rt.readF32(yPtr, size), [d.n, d.oh, d.ow, d.f]);
}

/**
 * The gradients of act(conv(x, filter) + bias) from the output gradient dy and the output y, both already in the
 * arena (the arena begun): dz = dy · act'(y) and the bias gradient in one pass, then the filter and input gradients
 * from dz while it stays in the arena. Without an input gradient, a single-channel input takes the direct kernel:
 * filter and bias gradients in one pass, dz never stored. x and the filter are copied in as needed.
 *
 * @param yPtr - the forward output (ignored when linear)
 * @param inPlace - dz may overwrite dy (default false)
 * @returns [dx, dfilter, dbias], each only where `wanted` says so (else null)
 */
export function conv2DBiasActivationGradFrom(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  activation: FusedActivation,
  x: Tensor,
  filter: Tensor,
  dyPtr: number,
  yPtr: number,
  wanted: readonly [boolean, boolean, boolean],
  inPlace = false,
): [Tensor | null, Tensor | null, Tensor | null] {
  const ySize = d.n * d.oh * d.ow * d.f;
  if (!wanted[0] && directConvEligible(d)) {
    // No input gradient (a first layer): the filter and bias gradients in one pass, dz never stored.
    const xPtr = rt.copyIn(x.data as Float32Array);
    const { dw, db } = directConvFilterGradAt(rt, d, g, activation, xPtr, dyPtr, yPtr);
    return [
      null,
      wanted[1] ? new Tensor(Float32Array.from(dw), filter.shape) : null,
      wanted[2] ? new Tensor(Float32Array.from(db), [d.f]) : null,
    ];
  }
  const dzPtr = inPlace ? dyPtr : rt.alloc(ySize * 4);
  const sums = biasActivationGradAt(rt, activation, ySize / d.f, d.f, dyPtr, yPtr, dzPtr);
  let dwPtr = 0;
  if (wanted[1]) {
    const xPtr = rt.copyIn(x.data as Float32Array);
    dwPtr = rt.alloc(filter.size * 4);
    convFilterGradAt(rt, d, g, xPtr, dzPtr, dwPtr);
  }
  let dxPtr = 0;
  if (wanted[0]) {
    const fPtr = rt.copyIn(filter.data as Float32Array);
    dxPtr = rt.alloc(x.size * 4);
    convInputGradAt(rt, d, g, dzPtr, fPtr, dxPtr);
  }
  return [
    wanted[0] ? new Tensor(rt.readF32(dxPtr, x.size), x.shape) : null,
    wanted[1] ? new Tensor(rt.readF32(dwPtr, filter.size), filter.shape) : null,
    wanted[2] ? new Tensor(Float32Array.from(sums), [d.f]) : null,
  ];
}

/** The backward of `wasmConv2DBiasActivation` in one call: `conv2DBiasActivationGradFrom` on copies of dy and y. */
export function wasmConv2DBiasActivationGrad(
  rt: WasmRuntime,
  x: Tensor,
  filter: Tensor,
  y: Tensor,
  dy: Tensor,
  activation: FusedActivation,
  g: Conv2DGeometry,
  wanted: readonly [boolean, boolean, boolean],
): [Tensor | null, Tensor | null, Tensor | null] {
  const d = convSizes(x.shape, filter.shape, g);
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const yPtr = activation === 'linear' ? dyPtr : rt.copyIn(y.data as Float32Array);
  return conv2DBiasActivationGradFrom(rt, d, g, activation, x, filter, dyPtr, yPtr, wanted);
}

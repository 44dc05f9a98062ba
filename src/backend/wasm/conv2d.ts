import { Tensor } from '../../tensor/Tensor.js';
import type { Conv2DGeometry } from '../kernels.js';
import { convOutSize } from '../reference/conv.js';
import {
  A_IM2COL,
  A_IM2COL_T,
  A_MATRIX,
  GEO_C,
  GEO_DH,
  GEO_DW,
  GEO_H,
  GEO_KH,
  GEO_KW,
  GEO_N,
  GEO_OH,
  GEO_OW,
  GEO_PL,
  GEO_PT,
  GEO_SH,
  GEO_SW,
  GEO_W,
  K_COL2IM,
  P_COLS,
  P_DX,
} from './abi.js';
import { gemm } from './gemm.js';
import type { WasmRuntime } from './runtime.js';
import {
  type WinogradSizes,
  winogradConvAt,
  winogradEligible,
  winogradFilterGradAt,
  winogradFilterGradEligible,
} from './winograd.js';

/** Sizes of a convolution: input [n, h, w, c], filter [kh, kw, c, f], output [n, oh, ow, f]. */
export interface ConvSizes {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  f: number;
  oh: number;
  ow: number;
}

/** The sizes of a convolution of an input of `xShape` with a filter of `fShape`. */
export function convSizes(xShape: readonly number[], fShape: readonly number[], g: Conv2DGeometry): ConvSizes {
  const [n, h, w, c] = xShape as [number, number, number, number];
  const [kh, kw, , f] = fShape as [number, number, number, number];
  const oh = convOutSize(h, kh, g.strides[0], g.dilations[0], g.pads[0], g.pads[1]);
  const ow = convOutSize(w, kw, g.strides[1], g.dilations[1], g.pads[2], g.pads[3]);
  return { n, h, w, c, kh, kw, f, oh, ow };
}

/** Parameter slots of the geometry, for the im2col packers, col2im and pooling. */
export function geometrySlots(d: ConvSizes, g: Conv2DGeometry): Map<number, number> {
  return new Map([
    [GEO_N, d.n],
    [GEO_H, d.h],
    [GEO_W, d.w],
    [GEO_C, d.c],
    [GEO_KH, d.kh],
    [GEO_KW, d.kw],
    [GEO_SH, g.strides[0]],
    [GEO_SW, g.strides[1]],
    [GEO_DH, g.dilations[0]],
    [GEO_DW, g.dilations[1]],
    [GEO_PT, g.pads[0]],
    [GEO_PL, g.pads[2]],
    [GEO_OH, d.oh],
    [GEO_OW, d.ow],
  ]);
}

/** 2×2 output tiles over `n` images of oh × ow outputs (partial tiles at the edges counted). */
function tiles2x2(n: number, oh: number, ow: number): number {
  return n * Math.ceil(oh / 2) * Math.ceil(ow / 2);
}

/** The Winograd sizes of the forward convolution `d` (also those of its filter gradient). */
function forwardSizes(d: ConvSizes, g: Conv2DGeometry): WinogradSizes {
  return { n: d.n, h: d.h, w: d.w, cin: d.c, cout: d.f, oh: d.oh, ow: d.ow, pt: g.pads[0], pl: g.pads[2] };
}

/**
 * Forward convolution into the arena: y [pixels × f] = implicit im2col(x) [pixels × taps] · filter [taps × f], or
 * Winograd F(2×2, 3×3) where `winogradEligible` takes it (3×3, stride 1, enough channels and tiles).
 */
export function convForwardAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  xPtr: number,
  fPtr: number,
  yPtr: number,
): void {
  if (winogradEligible(d.kh, d.kw, d.c, d.f, tiles2x2(d.n, d.oh, d.ow), g)) {
    winogradConvAt(rt, forwardSizes(d, g), xPtr, fPtr, false, yPtr);
    return;
  }
  gemm(rt, {
    nb: 1,
    m: d.n * d.oh * d.ow,
    n: d.f,
    k: d.kh * d.kw * d.c,
    a: { mode: A_IM2COL, rs: 0, cs: 0, addrs: [xPtr] },
    b: { rs: d.f, cs: 1, addrs: [fPtr] },
    c: yPtr,
    ldc: d.f,
    cStride: 0,
    extra: geometrySlots(d, g),
  });
}

/** Forward convolution as one GEMM: [pixels × taps] (implicit im2col of x) · [taps × f]. */
export function wasmConv2D(rt: WasmRuntime, x: Tensor, filter: Tensor, g: Conv2DGeometry): Tensor {
  const d = convSizes(x.shape, filter.shape, g);
  const size = d.n * d.oh * d.ow * d.f;
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const fPtr = rt.copyIn(filter.data as Float32Array);
  const yPtr = rt.alloc(size * 4);
  convForwardAt(rt, d, g, xPtr, fPtr, yPtr);
  return new Tensor(rt.readF32(yPtr, size), [d.n, d.oh, d.ow, d.f]);
}

/**
 * Filter gradient into the arena: dw [taps × f] = im2col(x)ᵀ [taps × pixels] · dy [pixels × f], or Winograd
 * F(3×3, 2×2) where `winogradFilterGradEligible` takes it.
 */
export function convFilterGradAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  xPtr: number,
  dyPtr: number,
  dwPtr: number,
): void {
  if (winogradFilterGradEligible(d.kh, d.kw, d.c, d.f, tiles2x2(d.n, d.oh, d.ow), g)) {
    winogradFilterGradAt(rt, forwardSizes(d, g), xPtr, dyPtr, dwPtr);
    return;
  }
  gemm(rt, {
    nb: 1,
    m: d.kh * d.kw * d.c,
    n: d.f,
    k: d.n * d.oh * d.ow,
    a: { mode: A_IM2COL_T, rs: 0, cs: 0, addrs: [xPtr] },
    b: { rs: d.f, cs: 1, addrs: [dyPtr] },
    c: dwPtr,
    ldc: d.f,
    cStride: 0,
    extra: geometrySlots(d, g),
  });
}

/** Filter gradient as one GEMM: [taps × pixels] (transposed implicit im2col of x) · dy [pixels × f]. */
export function wasmConv2DBackpropFilter(
  rt: WasmRuntime,
  x: Tensor,
  dy: Tensor,
  filterShape: readonly number[],
  g: Conv2DGeometry,
): Tensor {
  const d = convSizes(x.shape, filterShape, g);
  const size = d.kh * d.kw * d.c * d.f;
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const dwPtr = rt.alloc(size * 4);
  convFilterGradAt(rt, d, g, xPtr, dyPtr, dwPtr);
  return new Tensor(rt.readF32(dwPtr, size), filterShape);
}

/**
 * Input gradient into the arena: the column gradient dy [pixels × f] · filterᵀ [f × taps] by GEMM, then col2im
 * gathers, for each input pixel, the columns of the windows that cover it (tasks are image rows, so none race).
 * A 3×3 stride-1 convolution with enough channels and tiles takes Winograd F(2×2, 3×3) (see `winogradEligible`).
 */
export function convInputGradAt(
  rt: WasmRuntime,
  d: ConvSizes,
  g: Conv2DGeometry,
  dyPtr: number,
  fPtr: number,
  dxPtr: number,
): void {
  if (winogradEligible(d.kh, d.kw, d.f, d.c, tiles2x2(d.n, d.h, d.w), g)) {
    // A full correlation of dy with the filter rotated by 180°, channels swapped: again a 3×3 stride-1 conv.
    const s = { n: d.n, h: d.oh, w: d.ow, cin: d.f, cout: d.c, oh: d.h, ow: d.w, pt: 2 - g.pads[0], pl: 2 - g.pads[2] };
    winogradConvAt(rt, s, dyPtr, fPtr, true, dxPtr);
    return;
  }
  const pixels = d.n * d.oh * d.ow;
  const taps = d.kh * d.kw * d.c;
  const cols = rt.alloc(pixels * taps * 4);
  gemm(rt, {
    nb: 1,
    m: pixels,
    n: taps,
    k: d.f,
    a: { mode: A_MATRIX, rs: d.f, cs: 1, addrs: [dyPtr] },
    b: { rs: 1, cs: d.f, addrs: [fPtr] },
    c: cols,
    ldc: taps,
    cStride: 0,
  });
  const p = rt.p;
  p.fill(0);
  for (const [slot, v] of geometrySlots(d, g)) p[slot] = v;
  p[P_COLS] = cols;
  p[P_DX] = dxPtr;
  const dxSize = d.n * d.h * d.w * d.c;
  rt.run(K_COL2IM, d.n * d.h, dxSize * 9 >= 1 << 18);
}

/** Input gradient: `convInputGradAt` on copies of dy and the filter. */
export function wasmConv2DBackpropInput(
  rt: WasmRuntime,
  dy: Tensor,
  filter: Tensor,
  xShape: readonly number[],
  g: Conv2DGeometry,
): Tensor {
  const d = convSizes(xShape, filter.shape, g);
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const fPtr = rt.copyIn(filter.data as Float32Array);
  const dxSize = d.n * d.h * d.w * d.c;
  const dxPtr = rt.alloc(dxSize * 4);
  convInputGradAt(rt, d, g, dyPtr, fPtr, dxPtr);
  return new Tensor(rt.readF32(dxPtr, dxSize), xShape);
}

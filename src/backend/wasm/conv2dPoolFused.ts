import { BackendError } from '../../errors/errors.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { ConvPoolState, Conv2DGeometry, FusedActivation, KernelMap, Pool2DGeometry } from '../kernels.js';
import { referenceBackend } from '../reference/index.js';
import {
  CP_C,
  CP_CODE,
  CP_DX,
  CP_DY,
  CP_H,
  CP_PKH,
  CP_PKW,
  CP_POH,
  CP_POW,
  CP_RELU,
  CP_W,
  CP_X,
  CP_Y,
  DC_COLS,
  DC_COLSTRIDE,
  DC_F,
  DC_PART,
  DC_ROWS,
  DC_X,
  K_CP_GRAD,
  K_CP_POOL,
  K_CP_UNPOOL,
} from './abi.js';
import { type ConvSizes, convSizes, geometrySlots } from './conv2d.js';
import { conv2DBiasActivationAt, conv2DBiasActivationGradFrom } from './conv2dFused.js';
import { directConvEligible } from './directConv.js';
import { PARALLEL_ELEMENTS, maxPoolAt, maxPoolGradAt } from './pool2d.js';
import { RetainedState } from './RetainedState.js';
import type { RetainedBlock, WasmRuntime } from './runtime.js';

/** Multiply-adds per forward task of the direct convolution, as its driver (directConv.ts) sizes its gradient tasks. */
const TASK_FLOPS = 1 << 16;

/**
 * A fused convolution + max-pooling forward state kept in a retained block of the runtime's memory for the
 * backward of the same pass: only the pooled output crossed to JavaScript. The block holds either the convolution
 * output itself (`codes` false) or, when the pooling windows tile the output (stride = window, no padding), just
 * the position code of each pooled maximum (`codes` true; a quarter of the size for 2×2 pooling, and the backward
 * needs nothing else). Valid until `release` (the op calls it once backward has run; the garbage collector, if the
 * state is dropped before).
 */
export class RetainedConvPoolState extends RetainedState implements ConvPoolState {
  /** Address of the convolution output [N, outH, outW, F], or of the codes [N, pooledH, pooledW, F], in the block. */
  readonly at: number;
  private recomputed: Tensor | null = null;

  /**
   * @param rt The runtime that holds `block`.
   * @param block Holds the convolution output or the codes at its start.
   * @param convShape [N, outH, outW, F].
   * @param y The pooled output, copied out.
   * @param codes Whether the block holds codes rather than the convolution output.
   * @param recompute Computes the convolution output again (read through `conv` when only codes are kept).
   */
  constructor(
    rt: WasmRuntime,
    block: RetainedBlock,
    readonly convShape: readonly [number, number, number, number],
    readonly y: Tensor,
    readonly codes: boolean,
    private readonly recompute: () => Tensor,
  ) {
    super(rt, block, 'Conv2DBiasActivationMaxPool');
    this.at = block.at;
  }

  /**
   * The convolution output: a view of the retained block, or, when only codes are kept, computed again (for a
   * backward that does not run on this runtime). @throws BackendError after `release`.
   */
  get conv(): Tensor {
    this.checkLive();
    if (this.codes) return (this.recomputed ??= this.recompute());
    const n = this.convShape.reduce((a, b) => a * b, 1);
    return new Tensor(this.rt.f32.subarray(this.at >> 2, (this.at >> 2) + n), this.convShape);
  }

  protected override onRelease(): void {
    this.recomputed = null;
  }
}

/** The pooling's window when the codes path takes it: windows that tile the output, channels a multiple of 4. */
function tiling(d: ConvSizes, pool: Pool2DGeometry): [number, number] | null {
  const [kh, kw] = pool.poolSize;
  const tiles = pool.strides[0] === kh && pool.strides[1] === kw && pool.pads.every((v) => v === 0);
  return tiles && d.f % 4 === 0 && d.oh >= kh && d.ow >= kw ? [kh, kw] : null;
}

/** Stages the CP_* slots of the codes kernels (after `p.fill(0)` and any other slots). */
function stagePooling(rt: WasmRuntime, d: ConvSizes, window: [number, number]): [number, number] {
  const [kh, kw] = window;
  const poh = Math.floor(d.oh / kh);
  const pw = Math.floor(d.ow / kw);
  const p = rt.p;
  p[CP_PKH] = kh;
  p[CP_PKW] = kw;
  p[CP_POH] = poh;
  p[CP_POW] = pw;
  p[CP_H] = d.oh;
  p[CP_W] = d.ow;
  p[CP_C] = d.f;
  return [poh, pw];
}

/**
 * MaxPool2D(Conv2DBiasActivation(…)) on float32 in one wasm call (see KernelMap.Conv2DBiasActivationMaxPool): the
 * convolution's output is written where the pooling reads it, and only the pooled output is copied out. With
 * `keep`, the convolution's output goes to a retained block that the backward reads in place; where the runtime
 * declines to retain (its cap), it is copied out instead.
 */
export function wasmConv2DBiasActivationMaxPool(
  rt: WasmRuntime,
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  g: Conv2DGeometry,
  pool: Pool2DGeometry,
  keep: boolean,
): ConvPoolState {
  const d = convSizes(x.shape, filter.shape, g);
  const convShape: [number, number, number, number] = [d.n, d.oh, d.ow, d.f];
  const size = d.n * d.oh * d.ow * d.f;
  const window = keep ? tiling(d, pool) : null;
  if (window) {
    const [kh, kw] = window;
    const block = rt.retain(d.n * Math.floor(d.oh / kh) * Math.floor(d.ow / kw) * d.f * 4);
    if (block) return withCodes(rt, block, d, window, x, filter, bias, activation, g);
  }
  const block = keep ? rt.retain(size * 4) : null;
  let y: Tensor;
  let convPtr: number;
  rt.begin();
  try {
    const xPtr = rt.copyIn(x.data as Float32Array);
    const fPtr = rt.copyIn(filter.data as Float32Array);
    const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
    convPtr = block ? block.at : rt.alloc(size * 4);
    conv2DBiasActivationAt(rt, d, g, activation, xPtr, fPtr, bPtr, convPtr);
    const { yPtr, shape } = maxPoolAt(rt, convShape, pool, convPtr);
    y = new Tensor(rt.readF32(yPtr, shape[0] * shape[1] * shape[2] * shape[3]), shape);
  } catch (err) {
    if (block) rt.release(block);
    throw err;
  }
  const recompute = (): Tensor => ref.Conv2DBiasActivation(x, filter, bias, activation, g);
  if (block) return new RetainedConvPoolState(rt, block, convShape, y, false, recompute);
  return { y, conv: keep ? new Tensor(rt.readF32(convPtr, size), convShape) : null };
}

const ref = referenceBackend.kernels as KernelMap;

/** The forward's codes path: the convolution output stays in the arena; the block keeps the codes of the pooling. */
function withCodes(
  rt: WasmRuntime,
  block: RetainedBlock,
  d: ConvSizes,
  window: [number, number],
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  g: Conv2DGeometry,
): ConvPoolState {
  const size = d.n * d.oh * d.ow * d.f;
  let y: Tensor;
  rt.begin();
  try {
    const xPtr = rt.copyIn(x.data as Float32Array);
    const fPtr = rt.copyIn(filter.data as Float32Array);
    const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
    const convPtr = rt.alloc(size * 4);
    conv2DBiasActivationAt(rt, d, g, activation, xPtr, fPtr, bPtr, convPtr);
    rt.p.fill(0);
    const [poh, pw] = stagePooling(rt, d, window);
    const pooled = d.n * poh * pw * d.f;
    const yPtr = rt.alloc(pooled * 4);
    const p = rt.p;
    p[CP_X] = convPtr;
    p[CP_Y] = yPtr;
    p[CP_CODE] = block.at;
    p[CP_RELU] = activation === 'relu' ? 1 : 0;
    rt.run(K_CP_POOL, d.n * poh, size >= PARALLEL_ELEMENTS);
    y = new Tensor(rt.readF32(yPtr, pooled), [d.n, poh, pw, d.f]);
  } catch (err) {
    rt.release(block);
    throw err;
  }
  const recompute = (): Tensor => ref.Conv2DBiasActivation(x, filter, bias, activation, g);
  return new RetainedConvPoolState(rt, block, [d.n, d.oh, d.ow, d.f], y, true, recompute);
}

/**
 * The backward of `wasmConv2DBiasActivationMaxPool` in one call: dy (pooled size) is copied in, the pooling's
 * gradient is routed to the convolution's output read in place from the retained block (copied in when the state
 * is not one this runtime retains), then the convolution's gradients as Conv2DBiasActivationGrad computes them.
 * The gradient of the convolution's output never leaves wasm memory.
 * @throws BackendError when the state holds no convolution output.
 */
export function wasmConv2DBiasActivationMaxPoolGrad(
  rt: WasmRuntime,
  x: Tensor,
  filter: Tensor,
  dy: Tensor,
  activation: FusedActivation,
  g: Conv2DGeometry,
  pool: Pool2DGeometry,
  wanted: readonly [boolean, boolean, boolean],
  saved: ConvPoolState,
): [Tensor | null, Tensor | null, Tensor | null] {
  const d = convSizes(x.shape, filter.shape, g);
  const convShape = [d.n, d.oh, d.ow, d.f];
  const kept = saved instanceof RetainedConvPoolState && saved.rt === rt && !saved.released ? saved : null;
  const copied = kept ? null : saved.released === true ? null : saved.conv;
  if (!kept && copied === null) {
    throw new BackendError(
      `Conv2DBiasActivationMaxPoolGrad: the forward state holds no convolution output (${saved.released === true ? 'it was released after an earlier backward' : 'the forward ran without keep'}); run the forward again with keep = true.`,
      { backend: 'wasm' },
    );
  }
  if (kept?.codes) return gradFromCodes(rt, d, x, filter, dy, g, pool, wanted, kept);
  rt.begin();
  const convPtr = kept ? kept.at : rt.copyIn((copied as Tensor).data as Float32Array);
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const dConvPtr = rt.alloc(d.n * d.oh * d.ow * d.f * 4);
  maxPoolGradAt(rt, convShape, pool, convPtr, dyPtr, dConvPtr);
  return conv2DBiasActivationGradFrom(rt, d, g, activation, x, filter, dConvPtr, convPtr, wanted, true);
}

/**
 * The backward from kept codes: for a single-channel convolution without an input gradient, the direct filter
 * gradient forms dz from the pooled dy and the codes as it goes (no dz, no convolution output read); otherwise dz is
 * unpooled into the arena first and the convolution's gradients run as usual (dz already carries the relu mask, so
 * as 'linear').
 */
function gradFromCodes(
  rt: WasmRuntime,
  d: ConvSizes,
  x: Tensor,
  filter: Tensor,
  dy: Tensor,
  g: Conv2DGeometry,
  pool: Pool2DGeometry,
  wanted: readonly [boolean, boolean, boolean],
  kept: RetainedConvPoolState,
): [Tensor | null, Tensor | null, Tensor | null] {
  const window = pool.poolSize;
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  if (wanted[0] || !directConvEligible(d)) {
    const dzPtr = rt.alloc(d.n * d.oh * d.ow * d.f * 4);
    const p = rt.p;
    p.fill(0);
    stagePooling(rt, d, window);
    p[CP_DY] = dyPtr;
    p[CP_CODE] = kept.at;
    p[CP_DX] = dzPtr;
    rt.run(K_CP_UNPOOL, d.n, d.n * d.oh * d.ow * d.f >= PARALLEL_ELEMENTS);
    return conv2DBiasActivationGradFrom(rt, d, g, 'linear', x, filter, dzPtr, dzPtr, wanted, true);
  }
  const xPtr = rt.copyIn(x.data as Float32Array);
  // Tasks, tap tables and partial sums exactly as the direct filter gradient (directConvFilterGradAt) lays them out.
  const taps = d.kh * d.kw;
  const rowsPerTask = Math.max(1, Math.min(64, Math.floor((4 * TASK_FLOPS) / (d.ow * taps * d.f))));
  const tasks = Math.ceil((d.n * d.oh) / rowsPerTask);
  const colStride = Math.ceil((Math.ceil(taps / 8) * 8 * d.ow * 4) / 64) * 64;
  const cols = rt.alloc(tasks * colStride);
  const block = (taps + 1) * d.f;
  const part = rt.alloc(tasks * block * 4);
  const p = rt.p;
  p.fill(0);
  for (const [slot, v] of geometrySlots(d, g)) p[slot] = v;
  p[DC_F] = d.f;
  p[DC_ROWS] = rowsPerTask;
  p[DC_COLS] = cols;
  p[DC_COLSTRIDE] = colStride;
  p[DC_X] = xPtr;
  p[DC_PART] = part;
  stagePooling(rt, d, window);
  p[CP_DY] = dyPtr;
  p[CP_CODE] = kept.at;
  rt.run(K_CP_GRAD, tasks, tasks > 1);
  const partial = rt.f32.subarray(part >> 2, (part >> 2) + tasks * block);
  const sums = new Float64Array(block);
  for (let t = 0; t < tasks; t++) {
    const o = t * block;
    for (let i = 0; i < block; i++) sums[i] += partial[o + i] as number;
  }
  return [
    null,
    wanted[1] ? new Tensor(Float32Array.from(sums.subarray(0, taps * d.f)), filter.shape) : null,
    wanted[2] ? new Tensor(Float32Array.from(sums.subarray(taps * d.f)), [d.f]) : null,
  ];
}

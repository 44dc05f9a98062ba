import { sizeOf } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type {
  Backend,
  BinaryKernelName,
  KernelMap,
  KernelName,
  ReduceKernelName,
  UnaryKernelName,
} from '../kernels.js';
import { referenceBackend } from '../reference/index.js';
import * as abi from './abi.js';
import { wasmConv2D, wasmConv2DBackpropFilter, wasmConv2DBackpropInput } from './conv2d.js';
import { BINARY_OPS, UNARY_OPS, stridedRankFits, wasmBinary, wasmUnary, wasmWhere } from './elementwise.js';
import { fastCast, wasmBroadcastTo, wasmPad, wasmSlice, wasmTranspose } from './layout.js';
import { wasmActivationGrad, wasmBiasActivation, wasmBiasActivationGrad } from './fused.js';
import { wasmConv2DBiasActivation, wasmConv2DBiasActivationGrad } from './conv2dFused.js';
import { wasmConv2DBiasActivationMaxPool, wasmConv2DBiasActivationMaxPoolGrad } from './conv2dPoolFused.js';
import { wasmLstmSequence, wasmLstmSequenceGrad } from './lstm.js';
import { wasmMatMul } from './matMul.js';
import { wasmAvgPool2DGrad, wasmMaxPool2DGrad, wasmPool2D } from './pool2d.js';
import { reducePlan, wasmReduce } from './reduce.js';
import { ArenaFullError, WasmRuntime } from './runtime.js';
import { wasmSoftmax } from './softmax.js';

const ref = referenceBackend.kernels as KernelMap;

let runtime: WasmRuntime | null | undefined;
let unavailable: string | null = null;

/** The runtime, created on first use; null where WebAssembly SIMD is missing or after a kernel failed. */
function getRuntime(): WasmRuntime | null {
  if (runtime === undefined) {
    try {
      runtime = new WasmRuntime();
    } catch (err) {
      runtime = null;
      unavailable = err instanceof Error ? err.message : String(err);
    }
  }
  return runtime && runtime.disabledReason === null ? runtime : null;
}

/**
 * Routing thresholds. A wasm kernel call costs about 2 µs of fixed overhead (copies, parameter setup), more
 * than the reference needs for a few hundred elements of element-wise work, so tensors below `minElements`
 * take the reference path for element-wise, layout, reduction and softmax kernels (GEMM, convolution and
 * pooling always run in wasm). Tests set it to 0 to cover the wasm kernels at every size.
 */
export const wasmRouting = { minElements: 256 };

const isF32 = (t: Tensor): boolean => t.dtype === 'float32' && t.size > 0;
const is4Byte = (t: Tensor): boolean => t.dtype !== 'float64' && t.size > 0;
/** Element-wise work big enough to pay for a wasm call: the broadcast of the operands' shapes. */
function big(...ts: Tensor[]): boolean {
  const rank = Math.max(...ts.map((t) => t.rank));
  let size = 1;
  for (let d = 1; d <= rank; d++) size *= Math.max(...ts.map((t) => (t.shape[t.rank - d] as number | undefined) ?? 1));
  return size >= wasmRouting.minElements;
}

/**
 * Runs `fast` on the wasm runtime when `eligible`, else (float64, int32, empty tensors, shapes the kernels do
 * not take, no SIMD) the reference kernel, so every kernel and dtype works with this backend active.
 */
function route<K extends KernelName>(
  name: K,
  eligible: (...args: Parameters<KernelMap[K]>) => boolean,
  fast: (rt: WasmRuntime, ...args: Parameters<KernelMap[K]>) => ReturnType<KernelMap[K]>,
): KernelMap[K] {
  const fallback = ref[name] as unknown as (...args: Parameters<KernelMap[K]>) => ReturnType<KernelMap[K]>;
  const kernel = (...args: Parameters<KernelMap[K]>): ReturnType<KernelMap[K]> => {
    const rt = eligible(...args) ? getRuntime() : null;
    if (!rt) return fallback(...args);
    try {
      return fast(rt, ...args);
    } catch (err) {
      if (err instanceof ArenaFullError) return fallback(...args);
      throw err;
    }
  };
  return kernel as unknown as KernelMap[K];
}

function unary(name: UnaryKernelName): (x: Tensor) => Tensor {
  const op = UNARY_OPS[name];
  return route(
    name,
    (x) => isF32(x) && big(x),
    (rt, x) => wasmUnary(rt, op, x),
  );
}

function binary(name: BinaryKernelName): (a: Tensor, b: Tensor) => Tensor {
  const op = BINARY_OPS[name];
  return route(
    name,
    (a, b) => isF32(a) && isF32(b) && big(a, b) && stridedRankFits([a.shape, b.shape]),
    (rt, a, b) => wasmBinary(rt, op, a, b),
  );
}

const REDUCE_OPS: Partial<Record<ReduceKernelName, number>> = { Sum: abi.RD_SUM, Max: abi.RD_MAX, Min: abi.RD_MIN };

function reduce(name: ReduceKernelName): (x: Tensor, axes: readonly number[]) => Tensor {
  const op = REDUCE_OPS[name];
  if (op === undefined) return ref[name];
  return route(
    name,
    (x, axes) => isF32(x) && big(x) && reducePlan(x.shape, axes) !== null,
    (rt, x, axes) => wasmReduce(rt, op, x, axes),
  );
}

function kernelsFor<N extends string, K>(names: readonly N[], make: (name: N) => K): Record<N, K> {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as Record<N, K>;
}

const kernels: KernelMap = {
  ...ref,
  ...kernelsFor(Object.keys(UNARY_OPS) as UnaryKernelName[], unary),
  ...kernelsFor(Object.keys(BINARY_OPS) as BinaryKernelName[], binary),
  ...kernelsFor(['Sum', 'Prod', 'Max', 'Min'] as const, reduce),
  LeakyRelu: route(
    'LeakyRelu',
    (x) => isF32(x) && big(x),
    (rt, x, alpha) => wasmUnary(rt, abi.U_LEAKY_RELU, x, alpha),
  ),
  Elu: route(
    'Elu',
    (x) => isF32(x) && big(x),
    (rt, x, alpha) => wasmUnary(rt, abi.U_ELU, x, alpha),
  ),
  Clip: route(
    'Clip',
    (x) => isF32(x) && big(x),
    (rt, x, min, max) => wasmUnary(rt, abi.U_CLIP, x, min, max),
  ),
  Where: route(
    'Where',
    (c, a, b) =>
      is4Byte(c) &&
      is4Byte(a) &&
      a.dtype === b.dtype &&
      b.size > 0 &&
      big(c, a, b) &&
      stridedRankFits([c.shape, a.shape, b.shape]),
    wasmWhere,
  ),
  Cast: fastCast,
  BroadcastTo: route(
    'BroadcastTo',
    (x, shape) =>
      is4Byte(x) &&
      shape.every((d) => d > 0) &&
      sizeOf(shape) >= wasmRouting.minElements &&
      stridedRankFits([x.shape, shape]),
    wasmBroadcastTo,
  ),
  Transpose: route('Transpose', (x, perm) => is4Byte(x) && big(x) && perm.length <= 8, wasmTranspose),
  Slice: route(
    'Slice',
    (x, _begin, size) =>
      is4Byte(x) && size.length <= 8 && size.every((d) => d > 0) && sizeOf(size) >= wasmRouting.minElements,
    wasmSlice,
  ),
  Pad: route('Pad', (x, paddings) => is4Byte(x) && big(x) && paddings.length <= 8, wasmPad),
  MatMul: route('MatMul', (a, b) => isF32(a) && isF32(b), wasmMatMul),
  Softmax: route(
    'Softmax',
    (x) => isF32(x) && big(x),
    (rt, x, axis) => wasmSoftmax(rt, x, axis, false),
  ),
  LogSoftmax: route(
    'LogSoftmax',
    (x) => isF32(x) && big(x),
    (rt, x, axis) => wasmSoftmax(rt, x, axis, true),
  ),
  LSTMSequence: route(
    'LSTMSequence',
    (x, w, u, b, mask) =>
      isF32(x) && isF32(w) && isF32(u) && (b === null || isF32(b)) && (mask === null || isF32(mask)),
    wasmLstmSequence,
  ),
  LSTMSequenceGrad: route(
    'LSTMSequenceGrad',
    (dh, x, w, u, _b, mask, saved) =>
      isF32(dh) && isF32(x) && isF32(w) && isF32(u) && (mask === null || isF32(mask)) && isF32(saved.gates),
    wasmLstmSequenceGrad,
  ),
  Conv2D: route('Conv2D', (x, f) => isF32(x) && isF32(f), wasmConv2D),
  Conv2DBackpropInput: route('Conv2DBackpropInput', (dy, f) => isF32(dy) && isF32(f), wasmConv2DBackpropInput),
  Conv2DBackpropFilter: route('Conv2DBackpropFilter', (x, dy) => isF32(x) && isF32(dy), wasmConv2DBackpropFilter),
  MaxPool2D: route('MaxPool2D', isF32, (rt, x, g) => wasmPool2D(rt, abi.K_MAXPOOL, x, g)),
  MaxPool2DGrad: route('MaxPool2DGrad', (x, dy) => isF32(x) && isF32(dy), wasmMaxPool2DGrad),
  AvgPool2D: route('AvgPool2D', isF32, (rt, x, g) => wasmPool2D(rt, abi.K_AVGPOOL, x, g)),
  AvgPool2DGrad: route('AvgPool2DGrad', (dy) => isF32(dy), wasmAvgPool2DGrad),
  BiasActivation: route('BiasActivation', (x, b) => isF32(x) && (b === null || isF32(b)) && big(x), wasmBiasActivation),
  ActivationGrad: route('ActivationGrad', (dy, y) => isF32(dy) && isF32(y) && big(dy), wasmActivationGrad),
  Conv2DBiasActivation: route(
    'Conv2DBiasActivation',
    (x, f, b) => isF32(x) && isF32(f) && (b === null || isF32(b)),
    wasmConv2DBiasActivation,
  ),
  Conv2DBiasActivationGrad: route(
    'Conv2DBiasActivationGrad',
    (x, f, y, dy) => isF32(x) && isF32(f) && isF32(y) && isF32(dy),
    wasmConv2DBiasActivationGrad,
  ),
  Conv2DBiasActivationMaxPool: route(
    'Conv2DBiasActivationMaxPool',
    (x, f, b) => isF32(x) && isF32(f) && (b === null || isF32(b)),
    wasmConv2DBiasActivationMaxPool,
  ),
  Conv2DBiasActivationMaxPoolGrad: route(
    'Conv2DBiasActivationMaxPoolGrad',
    (x, f, dy) => isF32(x) && isF32(f) && isF32(dy),
    wasmConv2DBiasActivationMaxPoolGrad,
  ),
  BiasActivationGrad: route('BiasActivationGrad', (dy, y) => isF32(dy) && isF32(y) && big(dy), wasmBiasActivationGrad),
};

/**
 * The wasm backend: WebAssembly SIMD kernels on every core (see docs/backends.md). float32 work runs in
 * WebAssembly; float64, int32 arithmetic and the rarer kernels run the reference kernels, so every kernel
 * exists. Nothing to dispose: the backend owns its memory and reuses it across calls.
 */
export const wasmBackend: Backend = { name: 'wasm', kernels };

/** State of the wasm backend, for diagnostics and benchmarks. */
export interface WasmBackendInfo {
  /** False where WebAssembly SIMD is missing or a kernel failed (kernels then run the reference code). */
  available: boolean;
  /** Why it is unavailable, or null. */
  reason: string | null;
  /** 'relaxed' (fused multiply-add) or 'simd'. */
  variant: string | null;
  /** Threads parallel kernels use, the calling one included (LSML_THREADS, else the available cores). */
  threads: number;
  /** Worker threads started so far (they start with the first large kernel). */
  workersReady: number;
  /** Size of the WebAssembly memory, bytes. */
  memoryBytes: number;
}

/**
 * Prepares the wasm backend asynchronously. Only needed on a browser's main thread, which refuses to compile
 * large WebAssembly modules synchronously (there the kernels run on one thread: the main thread may not
 * block, so train in a Web Worker to use every core). Elsewhere the backend starts by itself on first use.
 * @returns the backend's state once ready (`available: false` with a reason where it cannot run).
 */
export async function initWasmBackend(): Promise<WasmBackendInfo> {
  if (!runtime) {
    try {
      runtime = await WasmRuntime.create();
      unavailable = null;
    } catch (err) {
      runtime = null;
      unavailable = err instanceof Error ? err.message : String(err);
    }
  }
  return wasmBackendInfo();
}

/** Describes the wasm backend, starting its runtime if needed. */
export function wasmBackendInfo(): WasmBackendInfo {
  const rt = getRuntime();
  return {
    available: rt !== null,
    reason: rt ? null : (runtime?.disabledReason ?? unavailable),
    variant: rt?.variant ?? null,
    threads: rt?.threads ?? 1,
    workersReady: rt?.workersReady ?? 0,
    memoryBytes: rt?.memoryBytes ?? 0,
  };
}

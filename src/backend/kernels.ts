import type { DType } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/Tensor.js';

/**
 * The kernel interface every backend implements, by name. Kernels trust their inputs: the ops layer has
 * already checked shapes, dtypes and ranges, and resolved defaults (axes sorted, pads explicit).
 * Kernels never record gradients and never mutate their inputs; each returns a fresh tensor.
 */

/** Element-wise functions of one tensor. */
export type UnaryKernelName =
  | 'Neg'
  | 'Abs'
  | 'Sign'
  | 'Exp'
  | 'Log'
  | 'Log1p'
  | 'Sqrt'
  | 'Square'
  | 'Reciprocal'
  | 'Tanh'
  | 'Sigmoid'
  | 'Relu'
  | 'Softplus'
  | 'Sin'
  | 'Cos';

/** Broadcasting functions of two tensors of the same dtype; comparisons return int32 0/1. */
export type BinaryKernelName =
  | 'Add'
  | 'Sub'
  | 'Mul'
  | 'Div'
  | 'Pow'
  | 'Maximum'
  | 'Minimum'
  | 'Equal'
  | 'NotEqual'
  | 'Less'
  | 'LessEqual'
  | 'Greater'
  | 'GreaterEqual';

/** Reductions over a set of axes; the result keeps the reduced axes as size 1. */
export type ReduceKernelName = 'Sum' | 'Prod' | 'Max' | 'Min';

/** Window geometry of a 2-D convolution or pooling over NHWC tensors, with padding already resolved. */
export interface Conv2DGeometry {
  strides: [number, number];
  dilations: [number, number];
  /** Zero padding before and after: [top, bottom, left, right]. */
  pads: [number, number, number, number];
}

/** Pooling geometry: window size plus the convolution geometry (dilations are always 1). */
export interface Pool2DGeometry extends Conv2DGeometry {
  poolSize: [number, number];
}

/**
 * What the fused LSTM recurrence keeps for its gradient, all [batch, steps, …] in processing order: `h` every
 * step's state [B, T, H], `c` every step's cell [B, T, H], `gates` the activations i, f, g, o [B, T, 4H].
 */
export interface LSTMSequenceState {
  h: Tensor;
  c: Tensor;
  gates: Tensor;
  /**
   * Present when the backend keeps c and gates in its own memory for backward instead of copying them out: frees
   * that memory (c and gates must not be read afterwards; again: no effect). Otherwise the garbage collector does.
   */
  release?: () => void;
  /** True once `release` ran: the state is gone, and a backward must compute it again. */
  readonly released?: boolean;
  /** The last step's state [B, H], present where it is cheaper than reading all of `h` (a backend's own memory). */
  lastStep?: () => Tensor;
}

/**
 * What the fused convolution + max-pooling forward (Conv2DBiasActivationMaxPool) returns: the pooled output and,
 * when asked to keep it, the convolution's activated output for the gradient.
 */
export interface ConvPoolState {
  /** The pooled output [N, pooledH, pooledW, F]. */
  y: Tensor;
  /** act(conv(x) + bias) [N, outH, outW, F] (the pooling's input), or null when the forward was not asked to keep it. */
  readonly conv: Tensor | null;
  /**
   * Present when the backend keeps `conv` in its own memory instead of copying it out: frees that memory (`conv`
   * must not be read afterwards; again: no effect). Otherwise the garbage collector does.
   */
  release?: () => void;
  /** True once `release` ran: the state is gone, and a backward must compute it again. */
  readonly released?: boolean;
}

/** Gradients of the fused LSTM layer: of x [B, T, D], the kernel [D, 4H], the recurrent kernel [H, 4H], the bias [4H]. */
export interface LSTMSequenceGrads {
  dx: Tensor;
  dKernel: Tensor;
  dRecurrentKernel: Tensor;
  /** null when the layer has no bias. */
  dBias: Tensor | null;
}

type UnaryKernels = { [K in UnaryKernelName]: (x: Tensor) => Tensor };
type BinaryKernels = { [K in BinaryKernelName]: (a: Tensor, b: Tensor) => Tensor };
type ReduceKernels = { [K in ReduceKernelName]: (x: Tensor, axes: readonly number[]) => Tensor };
/** Index of the largest (ArgMax) or smallest (ArgMin) value along `axis` (first on ties); int32, axis kept as 1. */
type ArgReduceKernels = { [K in 'ArgMax' | 'ArgMin']: (x: Tensor, axis: number) => Tensor };

/** Activations the fused bias-activation kernels take; their derivative is a function of the output. */
export type FusedActivation = 'linear' | 'relu';

/** Signatures of every kernel, by name. */
export interface KernelMap extends UnaryKernels, BinaryKernels, ReduceKernels, ArgReduceKernels {
  LeakyRelu: (x: Tensor, alpha: number) => Tensor;
  Elu: (x: Tensor, alpha: number) => Tensor;
  Clip: (x: Tensor, min: number, max: number) => Tensor;
  /** Picks `a` where `cond` is non-zero, else `b`; all three broadcast. */
  Where: (cond: Tensor, a: Tensor, b: Tensor) => Tensor;
  Cast: (x: Tensor, dtype: DType) => Tensor;
  BroadcastTo: (x: Tensor, shape: readonly number[]) => Tensor;
  Transpose: (x: Tensor, perm: readonly number[]) => Tensor;
  Slice: (x: Tensor, begin: readonly number[], size: readonly number[]) => Tensor;
  Concat: (xs: readonly Tensor[], axis: number) => Tensor;
  Pad: (x: Tensor, paddings: readonly (readonly [number, number])[], value: number) => Tensor;
  /** Selects slices of `x` along `axis` at int32 `indices` (already range-checked). */
  Gather: (x: Tensor, indices: Tensor, axis: number) => Tensor;
  /** Inverse of Gather: sums slices of `updates` into a zero tensor of `shape` along `axis` at `indices`. */
  ScatterAdd: (updates: Tensor, indices: Tensor, axis: number, shape: readonly number[]) => Tensor;
  OneHot: (indices: Tensor, depth: number, onValue: number, offValue: number, dtype: DType) => Tensor;
  /** Batched matrix product over the last two axes; batch axes broadcast. */
  MatMul: (a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean) => Tensor;
  Softmax: (x: Tensor, axis: number) => Tensor;
  LogSoftmax: (x: Tensor, axis: number) => Tensor;
  /**
   * An LSTM layer over a whole sequence (Keras gate order i, f, g, o; σ gates, tanh candidate and output): the
   * projection x [B, T, D] · kernel [D, 4H] + bias [4H] (or null) of every step, then the recurrence with
   * recurrent kernel [H, 4H], state starting at zero; `mask` [B, H] (or null) multiplies the state before each
   * recurrent product.
   */
  LSTMSequence: (
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    bias: Tensor | null,
    mask: Tensor | null,
  ) => LSTMSequenceState;
  /**
   * Backpropagation through time of LSTMSequence, given the gradient of every step's state dh [B, T, H], or of
   * the last step's state only, [B, H] (the other steps' gradients are zero).
   */
  LSTMSequenceGrad: (
    dh: Tensor,
    x: Tensor,
    kernel: Tensor,
    recurrentKernel: Tensor,
    hasBias: boolean,
    mask: Tensor | null,
    saved: LSTMSequenceState,
  ) => LSTMSequenceGrads;
  /** x: [N, H, W, Cin], filter: [kh, kw, Cin, Cout] → [N, outH, outW, Cout]. */
  Conv2D: (x: Tensor, filter: Tensor, geometry: Conv2DGeometry) => Tensor;
  Conv2DBackpropInput: (dy: Tensor, filter: Tensor, xShape: readonly number[], geometry: Conv2DGeometry) => Tensor;
  Conv2DBackpropFilter: (x: Tensor, dy: Tensor, filterShape: readonly number[], geometry: Conv2DGeometry) => Tensor;
  MaxPool2D: (x: Tensor, geometry: Pool2DGeometry) => Tensor;
  /** Routes each output gradient to the first maximum of its window. */
  MaxPool2DGrad: (x: Tensor, dy: Tensor, geometry: Pool2DGeometry) => Tensor;
  /** Averages over the window's positions inside the input (padding is not counted). */
  AvgPool2D: (x: Tensor, geometry: Pool2DGeometry) => Tensor;
  AvgPool2DGrad: (dy: Tensor, xShape: readonly number[], geometry: Pool2DGeometry) => Tensor;
  /** y = act(x + bias): float32/float64 x, `bias` [C] added along the last axis (null: none). */
  BiasActivation: (x: Tensor, bias: Tensor | null, activation: FusedActivation) => Tensor;
  /** Gradient through the activation from its output y: dy · act'(y) (relu: dy where y > 0, else 0). */
  ActivationGrad: (dy: Tensor, y: Tensor, activation: FusedActivation) => Tensor;
  /** ActivationGrad and the bias gradient in one pass: [dx, dbias], dbias [C] the sums of dx over all but the last axis. */
  BiasActivationGrad: (dy: Tensor, y: Tensor, activation: FusedActivation) => [Tensor, Tensor];
  /** act(Conv2D(x, filter) + bias) in one call: a Conv2D layer's forward (bias null: none). */
  Conv2DBiasActivation: (
    x: Tensor,
    filter: Tensor,
    bias: Tensor | null,
    activation: FusedActivation,
    geometry: Conv2DGeometry,
  ) => Tensor;
  /**
   * Gradients of Conv2DBiasActivation from its output y and the output gradient dy: [dx, dfilter, dbias], each
   * computed only where `wanted` says so (else null).
   */
  Conv2DBiasActivationGrad: (
    x: Tensor,
    filter: Tensor,
    y: Tensor,
    dy: Tensor,
    activation: FusedActivation,
    geometry: Conv2DGeometry,
    wanted: readonly [boolean, boolean, boolean],
  ) => [Tensor | null, Tensor | null, Tensor | null];
  /**
   * MaxPool2D(Conv2DBiasActivation(x, filter, bias, activation, geometry), pool) in one call: a Conv2D layer
   * followed by a MaxPooling2D layer. With `keep`, the state holds the convolution's output for the gradient.
   */
  Conv2DBiasActivationMaxPool: (
    x: Tensor,
    filter: Tensor,
    bias: Tensor | null,
    activation: FusedActivation,
    geometry: Conv2DGeometry,
    pool: Pool2DGeometry,
    keep: boolean,
  ) => ConvPoolState;
  /**
   * Gradients of Conv2DBiasActivationMaxPool from the pooled output's gradient dy and a kept forward state:
   * [dx, dfilter, dbias], each only where `wanted` says so (else null).
   */
  Conv2DBiasActivationMaxPoolGrad: (
    x: Tensor,
    filter: Tensor,
    dy: Tensor,
    activation: FusedActivation,
    geometry: Conv2DGeometry,
    pool: Pool2DGeometry,
    wanted: readonly [boolean, boolean, boolean],
    saved: ConvPoolState,
  ) => [Tensor | null, Tensor | null, Tensor | null];
}

/** Every kernel name. */
export type KernelName = keyof KernelMap;

/** A set of kernels under one name. Backends may implement a subset; a missing kernel throws when used. */
export interface Backend {
  readonly name: string;
  readonly kernels: Partial<KernelMap>;
}

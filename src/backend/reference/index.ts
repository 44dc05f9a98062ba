import type { Backend, KernelMap } from '../kernels.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import { BINARY, UNARY, binaryKernel, cast, clip, elu, leakyRelu, unaryKernel, where } from './elementwise.js';
import { broadcastTo, concat, gather, oneHot, pad, scatterAdd, slice, transpose } from './layout.js';
import {
  activationGrad,
  biasActivation,
  biasActivationGrad,
  conv2dBiasActivation,
  conv2dBiasActivationGrad,
} from './fused.js';
import { conv2dBiasActivationMaxPool, conv2dBiasActivationMaxPoolGrad } from './convPool.js';
import { lstmSequence, lstmSequenceGrad } from './lstm.js';
import { matMul } from './matmul.js';
import { avgPool2d, avgPool2dGrad, maxPool2d, maxPool2dGrad } from './pool.js';
import { argReduceKernel, reduceKernel } from './reduce.js';
import { logSoftmax, softmax } from './softmax.js';

function kernelsFor<N extends string, K>(names: readonly N[], make: (name: N) => K): Record<N, K> {
  return Object.fromEntries(names.map((n) => [n, make(n)])) as Record<N, K>;
}

const kernels: KernelMap = {
  ...kernelsFor(Object.keys(UNARY) as (keyof typeof UNARY)[], unaryKernel),
  ...kernelsFor(Object.keys(BINARY) as (keyof typeof BINARY)[], binaryKernel),
  ...kernelsFor(['Sum', 'Prod', 'Max', 'Min'] as const, reduceKernel),
  ...kernelsFor(['ArgMax', 'ArgMin'] as const, argReduceKernel),
  LeakyRelu: leakyRelu,
  Elu: elu,
  Clip: clip,
  Where: where,
  Cast: cast,
  BroadcastTo: broadcastTo,
  Transpose: transpose,
  Slice: slice,
  Concat: concat,
  Pad: pad,
  Gather: gather,
  ScatterAdd: scatterAdd,
  OneHot: oneHot,
  MatMul: matMul,
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  LSTMSequence: lstmSequence,
  LSTMSequenceGrad: lstmSequenceGrad,
  Conv2D: conv2d,
  Conv2DBackpropInput: conv2dBackpropInput,
  Conv2DBackpropFilter: conv2dBackpropFilter,
  MaxPool2D: maxPool2d,
  MaxPool2DGrad: maxPool2dGrad,
  AvgPool2D: avgPool2d,
  AvgPool2DGrad: avgPool2dGrad,
  BiasActivation: biasActivation,
  ActivationGrad: activationGrad,
  BiasActivationGrad: biasActivationGrad,
  Conv2DBiasActivation: conv2dBiasActivation,
  Conv2DBiasActivationGrad: conv2dBiasActivationGrad,
  Conv2DBiasActivationMaxPool: conv2dBiasActivationMaxPool,
  Conv2DBiasActivationMaxPoolGrad: conv2dBiasActivationMaxPoolGrad,
};

/**
 * The reference backend: plain TypeScript loops, float64 accumulation, every kernel. It is the specification
 * and the oracle that faster backends are tested against.
 */
export const referenceBackend: Backend = { name: 'reference', kernels };

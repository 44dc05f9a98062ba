import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import type { Tensor } from '../tensor/Tensor.js';
import type { FusedActivation } from '../backend/kernels.js';
import { checkBiasActivation } from './fusedActivation.js';
import { type Conv2DOptions, conv2dGeometry } from './conv2d.js';

/**
 * `activation(conv2d(x, filter) + bias)` as one op: what a Conv2D layer computes. Equal to
 * `biasActivation(conv2d(x, filter, options), bias, activation)`, but each direction is one kernel call, so the
 * wasm backend keeps the convolution's output (forward) and the activation's gradient (backward) in its memory
 * instead of copying them out and back in.
 * @param x [batch, height, width, inChannels]
 * @param filter [kernelHeight, kernelWidth, inChannels, outChannels]
 * @param bias [outChannels] or null
 * @param activation 'linear' or 'relu' (default 'relu')
 * @param options strides, padding, dilations as `conv2d`
 * @returns [batch, outHeight, outWidth, outChannels]
 * @throws as `conv2d` and `biasActivation`.
 */
export function conv2dBiasActivation(
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation = 'relu',
  options: Conv2DOptions = {},
): Tensor {
  const op = 'conv2dBiasActivation';
  const geometry = conv2dGeometry(x, filter, options, op);
  checkBiasActivation(op, filter.dtype, filter.shape[3] as number, bias, activation);
  const y = getKernel('Conv2DBiasActivation')(x, filter, bias, activation, geometry);
  const inputs = bias === null ? [x, filter] : [x, filter, bias];
  return record(y, op, inputs, (g) => {
    const wanted = [x.requiresGrad, filter.requiresGrad, bias?.requiresGrad ?? false] as const;
    const [dx, dw, db] = getKernel('Conv2DBiasActivationGrad')(x, filter, y, g, activation, geometry, wanted);
    return bias === null ? [dx, dw] : [dx, dw, db];
  });
}

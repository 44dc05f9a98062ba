import { needsGrad, record } from '../autograd/tape.js';
import type { ConvPoolState, FusedActivation } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import type { Tensor } from '../tensor/Tensor.js';
import { type Conv2DOptions, conv2dGeometry } from './conv2d.js';
import { outputSize, poolGeometry } from './convGeometry.js';
import { checkBiasActivation } from './fusedActivation.js';
import type { Pool2DOptions } from './pool2d.js';

/**
 * `maxPool2d(conv2dBiasActivation(x, filter, bias, activation, convOptions), poolOptions)` as one op: a Conv2D
 * layer followed by a MaxPooling2D layer. It computes exactly what the composition computes (the same kernels'
 * arithmetic on the wasm backend, so bit for bit), but only the pooled output leaves the backend: the wasm backend
 * keeps the convolution's output in its memory for the gradient, which needs only the pooled gradient in and gives
 * the weight (and input) gradients out. Nothing is kept when no gradient is recorded.
 * @param x [batch, height, width, inChannels]
 * @param filter [kernelHeight, kernelWidth, inChannels, outChannels]
 * @param bias [outChannels] or null
 * @param activation 'linear' or 'relu' (default 'relu')
 * @param convOptions strides, padding, dilations as `conv2d`
 * @param poolOptions poolSize (default 2), strides (default the pool size), padding (default 'valid') as `maxPool2d`
 * @returns [batch, pooledHeight, pooledWidth, outChannels]
 * @throws as `conv2d`, `biasActivation` and `maxPool2d` (messages name conv2dBiasActivationMaxPool).
 * @example conv2dBiasActivationMaxPool(images, kernel, bias, 'relu', {}, { poolSize: 2 })
 */
export function conv2dBiasActivationMaxPool(
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation = 'relu',
  convOptions: Conv2DOptions = {},
  poolOptions: Pool2DOptions = {},
): Tensor {
  const op = 'conv2dBiasActivationMaxPool';
  const geometry = conv2dGeometry(x, filter, convOptions, op);
  checkBiasActivation(op, filter.dtype, filter.shape[3] as number, bias, activation);
  const window: [number, number] = [filter.shape[0] as number, filter.shape[1] as number];
  const [oh, ow] = outputSize(op, x.shape, window, geometry);
  const pool = poolGeometry(op, [x.shape[0] as number, oh, ow, filter.shape[3] as number], poolOptions);
  const inputs = bias === null ? [x, filter] : [x, filter, bias];
  const forward = (keep: boolean): ConvPoolState =>
    getKernel('Conv2DBiasActivationMaxPool')(x, filter, bias, activation, geometry, pool, keep);
  if (!needsGrad(inputs)) return forward(false).y;
  let saved = forward(true);
  return record(saved.y, op, inputs, (dy) => {
    // A backend may free the kept state after its first backward; a second one (retainGraph) recomputes it.
    if (saved.released === true) saved = forward(true);
    const wanted = [x.requiresGrad, filter.requiresGrad, bias?.requiresGrad ?? false] as const;
    const kernel = getKernel('Conv2DBiasActivationMaxPoolGrad');
    const [dx, dw, db] = kernel(x, filter, dy, activation, geometry, pool, wanted, saved);
    saved.release?.();
    return bias === null ? [dx, dw] : [dx, dw, db];
  });
}

import { BackendError } from '../../errors/errors.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { ConvPoolState, Conv2DGeometry, FusedActivation, Pool2DGeometry } from '../kernels.js';
import { conv2dBiasActivation, conv2dBiasActivationGrad } from './fused.js';
import { maxPool2d, maxPool2dGrad } from './pool.js';

/** maxPool2d(conv2dBiasActivation(…)): the reference composes the two kernels; `keep` keeps the convolution's output. */
export function conv2dBiasActivationMaxPool(
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  geometry: Conv2DGeometry,
  pool: Pool2DGeometry,
  keep: boolean,
): ConvPoolState {
  const conv = conv2dBiasActivation(x, filter, bias, activation, geometry);
  return { y: maxPool2d(conv, pool), conv: keep ? conv : null };
}

/**
 * [dx, dfilter, dbias] of `conv2dBiasActivationMaxPool`: the pooling's gradient routes dy to the convolution's
 * output, then the convolution's gradient, each only where wanted.
 * @throws BackendError when the forward state holds no convolution output (it was not kept, or was released).
 */
export function conv2dBiasActivationMaxPoolGrad(
  x: Tensor,
  filter: Tensor,
  dy: Tensor,
  activation: FusedActivation,
  geometry: Conv2DGeometry,
  pool: Pool2DGeometry,
  wanted: readonly [boolean, boolean, boolean],
  saved: ConvPoolState,
): [Tensor | null, Tensor | null, Tensor | null] {
  const conv = saved.released === true ? null : saved.conv;
  if (conv === null) {
    throw new BackendError(
      `Conv2DBiasActivationMaxPoolGrad: the forward state holds no convolution output (${saved.released === true ? 'it was released after an earlier backward' : 'the forward ran without keep'}); run the forward again with keep = true.`,
    );
  }
  const dConv = maxPool2dGrad(conv, dy, pool);
  return conv2dBiasActivationGrad(x, filter, conv, dConv, activation, geometry, wanted);
}

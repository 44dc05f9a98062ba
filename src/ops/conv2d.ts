import { record } from '../autograd/tape.js';
import type { Conv2DGeometry } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import { DTypeError, ShapeError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { type Padding, type Size2, outputSize, pair, resolvePads } from './convGeometry.js';
import { checkFloat, checkTensor } from './operands.js';

/** Options of `conv2d`. */
export interface Conv2DOptions {
  /** Default 1. */
  strides?: Size2;
  /** Default 'valid'. */
  padding?: Padding;
  /** Dilation rate (atrous convolution); default 1. */
  dilations?: Size2;
}

/**
 * 2-D convolution (cross-correlation, as every DL framework) over NHWC input.
 * @param x [batch, height, width, inChannels]
 * @param filter [kernelHeight, kernelWidth, inChannels, outChannels]
 * @returns [batch, outHeight, outWidth, outChannels]
 * @throws ShapeError when ranks or channel counts do not match, or the window does not fit.
 */
export function conv2d(x: Tensor, filter: Tensor, options: Conv2DOptions = {}): Tensor {
  const geometry = conv2dGeometry(x, filter, options);
  return record(getKernel('Conv2D')(x, filter, geometry), 'conv2d', [x, filter], (g) => [
    x.requiresGrad ? getKernel('Conv2DBackpropInput')(g, filter, x.shape, geometry) : null,
    filter.requiresGrad ? getKernel('Conv2DBackpropFilter')(x, g, filter.shape, geometry) : null,
  ]);
}

/**
 * Checks the operands of a 2-D convolution and resolves its geometry (explicit pads).
 * @param op the op named in errors (default 'conv2d')
 * @throws DTypeError / ShapeError as `conv2d` documents.
 */
export function conv2dGeometry(x: Tensor, filter: Tensor, options: Conv2DOptions = {}, op = 'conv2d'): Conv2DGeometry {
  checkTensor(x, op, 'x');
  checkTensor(filter, op, 'filter');
  checkFloat(x, op, 'x');
  if (x.dtype !== filter.dtype) {
    throw new DTypeError(`${op}: dtypes differ: x is ${x.dtype}, filter is ${filter.dtype}.`, { op });
  }
  if (x.rank !== 4) {
    throw new ShapeError(
      `${op}: expected x of rank 4 [batch, height, width, channels]; received shape ${formatShape(x.shape)}.`,
      {
        op,
        shape: [...x.shape],
      },
    );
  }
  if (filter.rank !== 4) {
    throw new ShapeError(
      `${op}: expected filter of rank 4 [kernelHeight, kernelWidth, inChannels, outChannels]; received shape ${formatShape(filter.shape)}.`,
      { op, shape: [...filter.shape] },
    );
  }
  if (x.shape[3] !== filter.shape[2]) {
    throw new ShapeError(
      `${op}: x has ${x.shape[3]} channels (shape ${formatShape(x.shape)}) but the filter expects ${filter.shape[2]} (shape ${formatShape(filter.shape)}).`,
      { op, shapeX: [...x.shape], shapeFilter: [...filter.shape] },
    );
  }
  const strides = pair(options.strides ?? 1, op, 'strides');
  const dilations = pair(options.dilations ?? 1, op, 'dilations');
  const window: [number, number] = [filter.shape[0] as number, filter.shape[1] as number];
  const pads = resolvePads(
    options.padding ?? 'valid',
    [x.shape[1] as number, x.shape[2] as number],
    window,
    strides,
    dilations,
    op,
  );
  const geometry: Conv2DGeometry = { strides, dilations, pads };
  outputSize(op, x.shape, window, geometry);
  return geometry;
}

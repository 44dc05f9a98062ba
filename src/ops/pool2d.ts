import { record } from '../autograd/tape.js';
import type { Pool2DGeometry } from '../backend/kernels.js';
import { getKernel } from '../backend/registry.js';
import { ShapeError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { type Padding, type Size2, poolGeometry } from './convGeometry.js';
import { checkFloat, checkTensor } from './operands.js';

/** Options of `maxPool2d` and `avgPool2d`. */
export interface Pool2DOptions {
  /** Window size; default 2. */
  poolSize?: Size2;
  /** Default: the pool size. */
  strides?: Size2;
  /** Default 'valid'. */
  padding?: Padding;
}

function geometry(op: string, x: Tensor, options: Pool2DOptions): Pool2DGeometry {
  checkTensor(x, op);
  checkFloat(x, op);
  if (x.rank !== 4) {
    throw new ShapeError(
      `${op}: expected x of rank 4 [batch, height, width, channels]; received shape ${formatShape(x.shape)}.`,
      {
        op,
        shape: [...x.shape],
      },
    );
  }
  return poolGeometry(op, x.shape, options);
}

/** Maximum over each window of NHWC input (padding never wins). The gradient goes to the first maximum. */
export function maxPool2d(x: Tensor, options: Pool2DOptions = {}): Tensor {
  const g = geometry('maxPool2d', x, options);
  return record(getKernel('MaxPool2D')(x, g), 'maxPool2d', [x], (dy) => [getKernel('MaxPool2DGrad')(x, dy, g)]);
}

/** Mean over each window of NHWC input; padded positions are not counted (TensorFlow's convention). */
export function avgPool2d(x: Tensor, options: Pool2DOptions = {}): Tensor {
  const g = geometry('avgPool2d', x, options);
  return record(getKernel('AvgPool2D')(x, g), 'avgPool2d', [x], (dy) => [getKernel('AvgPool2DGrad')(dy, x.shape, g)]);
}

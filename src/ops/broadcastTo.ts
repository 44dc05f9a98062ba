import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { ShapeError } from '../errors/errors.js';
import { broadcastShapes, checkShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { unbroadcast } from './kernelMath.js';
import { checkTensor } from './operands.js';

/** Repeats `x` along size-1 and missing leading axes to reach `shape` (NumPy's broadcast_to). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'broadcastTo');
  checkShape(shape, 'broadcastTo');
  if (shape.length < x.rank || !shapesEqual(broadcastShapes(x.shape, shape, 'broadcastTo'), shape)) {
    throw new ShapeError(`broadcastTo: shape ${formatShape(x.shape)} cannot be broadcast to ${formatShape(shape)}.`, {
      op: 'broadcastTo',
      from: [...x.shape],
      to: [...shape],
    });
  }
  if (shapesEqual(x.shape, shape)) return x;
  return record(getKernel('BroadcastTo')(x, shape), 'broadcastTo', [x], (g) => [unbroadcast(g, x.shape)]);
}

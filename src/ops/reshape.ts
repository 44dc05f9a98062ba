import { record } from '../autograd/tape.js';
import { ShapeError } from '../errors/errors.js';
import { normalizeAxis, sizeOf } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { reshapeRaw } from './kernelMath.js';
import { checkTensor } from './operands.js';

/**
 * Same values in a new shape (no copy). One dimension may be -1 and is inferred.
 * @throws ShapeError when the sizes differ or more than one dimension is -1.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'reshape');
  const target = [...shape];
  const unknown = target.indexOf(-1);
  if (target.filter((d) => d === -1).length > 1 || target.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(
      `reshape: invalid target shape ${formatShape(shape)}; use non-negative integers and at most one -1.`,
      {
        op: 'reshape',
        shape: target,
      },
    );
  }
  if (unknown >= 0) {
    const known = sizeOf(target.filter((d) => d !== -1));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}.`,
        {
          op: 'reshape',
          from: [...x.shape],
          to: target,
        },
      );
    }
    target[unknown] = x.size / known;
  }
  if (sizeOf(target) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape shape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)} (${sizeOf(target)} elements).`,
      { op: 'reshape', from: [...x.shape], to: target },
    );
  }
  const out = new Tensor(x.data, target);
  return record(out, 'reshape', [x], (g) => [reshapeRaw(g, x.shape)]);
}

/** Collapses all axes after the first into one: [N, ...] → [N, prod(...)]; a 0-D or 1-D tensor becomes 1-D. */
export function flatten(x: Tensor): Tensor {
  checkTensor(x, 'flatten');
  return reshape(x, x.rank <= 1 ? [x.size] : [x.shape[0] as number, -1]);
}

/** Removes size-1 axes (all of them, or those listed; listing an axis whose size is not 1 throws). */
export function squeeze(x: Tensor, axes?: number | readonly number[]): Tensor {
  checkTensor(x, 'squeeze');
  const list =
    axes === undefined
      ? null
      : (typeof axes === 'number' ? [axes] : axes).map((a) => normalizeAxis(a, x.rank, 'squeeze'));
  list?.forEach((a) => {
    if (x.shape[a] !== 1) {
      throw new ShapeError(`squeeze: axis ${a} has size ${x.shape[a]}, not 1 (shape ${formatShape(x.shape)}).`, {
        op: 'squeeze',
        axis: a,
        shape: [...x.shape],
      });
    }
  });
  return reshape(
    x,
    x.shape.filter((d, i) => (list === null ? d !== 1 : !list.includes(i))),
  );
}

/** Inserts a size-1 axis at `axis` (negative counts from the end of the result). */
export function expandDims(x: Tensor, axis = 0): Tensor {
  checkTensor(x, 'expandDims');
  const a = normalizeAxis(axis, x.rank + 1, 'expandDims');
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

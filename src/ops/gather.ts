import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { DTypeError, ShapeError, ValueError } from '../errors/errors.js';
import { normalizeAxis } from '../tensor/shape.js';
import { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkTensor } from './operands.js';

/** Accepts an int32 tensor or a plain array of integers as indices. */
function toIndices(indices: Tensor | readonly number[], op: string): Tensor {
  if (indices instanceof Tensor) {
    if (indices.dtype !== 'int32') {
      throw new DTypeError(
        `${op}: indices must be int32; received ${indices.dtype}. Convert with cast(indices, 'int32').`,
        {
          op,
          dtype: indices.dtype,
        },
      );
    }
    return indices;
  }
  if (!indices.every((v) => Number.isInteger(v))) {
    throw new ValueError(`${op}: indices must be integers; received ${JSON.stringify(indices)}.`, { op });
  }
  return new Tensor(Int32Array.from(indices), [indices.length]);
}

function checkRange(idx: Tensor, n: number, axis: number, op: string): void {
  const data = idx.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v < 0 || v >= n) {
      throw new ValueError(`${op}: index ${v} (at position ${i}) is out of range [0, ${n}) for axis ${axis}.`, {
        op,
        index: v,
        size: n,
      });
    }
  }
}

/**
 * Picks slices of `x` along `axis` (default 0) at `indices`: the result's shape is
 * x.shape[:axis] + indices.shape + x.shape[axis+1:]. This is an embedding lookup when `x` is a table. The gradient
 * scatters back and adds up where an index repeats.
 * @throws ValueError for an index outside [0, x.shape[axis]).
 */
export function gather(x: Tensor, indices: Tensor | readonly number[], axis = 0): Tensor {
  checkTensor(x, 'gather');
  const idx = toIndices(indices, 'gather');
  const a = normalizeAxis(axis, x.rank, 'gather');
  checkRange(idx, x.shape[a] as number, a, 'gather');
  return record(getKernel('Gather')(x, idx, a), 'gather', [x], (g) => [getKernel('ScatterAdd')(g, idx, a, x.shape)]);
}

/**
 * The adjoint of `gather`: a zero tensor of `shape` into which the slices of `updates` are added at `indices`
 * along `axis` (repeated indices add up).
 * @throws ShapeError when `updates` does not have the shape gather would produce.
 */
export function scatterAdd(
  updates: Tensor,
  indices: Tensor | readonly number[],
  axis: number,
  shape: readonly number[],
): Tensor {
  checkTensor(updates, 'scatterAdd', 'updates');
  const idx = toIndices(indices, 'scatterAdd');
  const a = normalizeAxis(axis, shape.length, 'scatterAdd');
  checkRange(idx, shape[a] as number, a, 'scatterAdd');
  const expected = [...shape.slice(0, a), ...idx.shape, ...shape.slice(a + 1)];
  if (expected.length !== updates.rank || expected.some((d, i) => d !== updates.shape[i])) {
    throw new ShapeError(
      `scatterAdd: updates have shape ${formatShape(updates.shape)}; expected ${formatShape(expected)} for indices ${formatShape(idx.shape)} into ${formatShape(shape)} along axis ${a}.`,
      { op: 'scatterAdd' },
    );
  }
  return record(getKernel('ScatterAdd')(updates, idx, a, shape), 'scatterAdd', [updates], (g) => [
    getKernel('Gather')(g, idx, a),
  ]);
}

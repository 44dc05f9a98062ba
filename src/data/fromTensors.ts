import { ShapeError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import type { DenseExample } from './Batch.js';
import { Dataset } from './Dataset.js';

/**
 * A dataset of examples from tensors sliced along the first axis: example i has the features `x[i]` flattened
 * to a Float32Array and the target `y[i]` (a tensor of shape [n]).
 * @throws ShapeError when `x` is a scalar or the first dimensions of `x` and `y` differ.
 */
export function fromTensors(x: Tensor, y?: Tensor): Dataset<DenseExample> {
  if (x.rank < 1) throw new ShapeError(`fromTensors: x must have at least one dimension; received a scalar.`);
  const n = x.shape[0] as number;
  if (y !== undefined && (y.rank !== 1 || y.shape[0] !== n)) {
    throw new ShapeError(
      `fromTensors: y must have shape [${n}] to match x ${formatShape(x.shape)}; received ${formatShape(y.shape)}.`,
      {
        x: [...x.shape],
        y: [...y.shape],
      },
    );
  }
  const per = n === 0 ? 0 : x.size / n;
  const data = x.data;
  return new Dataset<DenseExample>(function* () {
    for (let i = 0; i < n; i++) {
      const v = Float32Array.from(data.subarray(i * per, (i + 1) * per));
      yield y === undefined ? { x: v } : { x: v, y: y.data[i] as number };
    }
  });
}

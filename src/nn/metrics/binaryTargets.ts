import { ShapeError } from '../../errors/errors.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';
import { rowsOf } from './Metric.js';

/**
 * Visits (target ∈ {0, 1}, prediction, weight) pairs for the confusion-based metrics. Targets the size of the
 * predictions are compared element-wise (binary or multi-label, Keras' convention); integer labels against
 * several columns are one-hot encoded on the fly. With `classId`, only that column counts.
 * @throws ShapeError when targets fit neither layout or `classId` is out of range.
 */
export function forEachBinary(
  where: string,
  yTrue: Tensor,
  yPred: Tensor,
  sampleWeight: Tensor | null | undefined,
  classId: number | null,
  visit: (positive: boolean, score: number, weight: number) => void,
): void {
  const { rows, width, weight } = rowsOf(where, yPred, sampleWeight);
  const p = yPred.data;
  const t = yTrue.data;
  const sparse = yTrue.size === rows && width > 1;
  if (!sparse && yTrue.size !== yPred.size) {
    throw new ShapeError(
      `${where}: targets have shape ${formatShape(yTrue.shape)} but predictions have shape ${formatShape(yPred.shape)}.`,
      { metric: where },
    );
  }
  if (classId !== null && classId >= width) {
    throw new ShapeError(`${where}: classId ${classId} is out of range for ${width} output columns.`, {
      metric: where,
    });
  }
  for (let r = 0; r < rows; r++) {
    const w = weight(r);
    for (let k = classId ?? 0; k < (classId === null ? width : classId + 1); k++) {
      const positive = sparse ? Math.round(t[r] as number) === k : (t[r * width + k] as number) > 0.5;
      visit(positive, p[r * width + k] as number, w);
    }
  }
}

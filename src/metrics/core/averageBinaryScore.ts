import { average as npAverage } from './average.js';
import type { NumericData } from './input.js';
import { pairwiseSum, sumAxis0 } from '../../util/pairwiseSum.js';
import type { Label } from './types.js';

/** A score of one binary problem: labels, scores and optional weights. */
export type BinaryMetric = (
  yTrue: readonly Label[],
  yScore: Float64Array,
  sampleWeight: Float64Array | undefined,
) => number;

/**
 * Applies a binary metric to every column (or, for 'samples', every row) of a multi-label problem and
 * averages, as scikit-learn's `_average_binary_score` does: 'micro' pools all cells, 'macro' is the plain mean,
 * 'weighted' weighs columns by their (weighted) positives, null returns one score per column.
 */
export function averageBinaryScore(
  fn: string,
  metric: BinaryMetric,
  yTrue: NumericData,
  yScore: NumericData,
  average: 'micro' | 'macro' | 'weighted' | 'samples' | null,
  sampleWeight: Float64Array | undefined,
): number | Float64Array {
  const { rows, cols } = yTrue;
  if (average === 'micro') {
    const w = sampleWeight === undefined ? undefined : new Float64Array(rows * cols);
    if (w !== undefined && sampleWeight !== undefined) {
      for (let i = 0; i < rows; i++) w.fill(sampleWeight[i] as number, i * cols, (i + 1) * cols);
    }
    return metric(Array.from(yTrue.data), yScore.data, w);
  }
  let averageWeight: Float64Array | undefined;
  if (average === 'weighted') {
    if (sampleWeight === undefined) {
      averageWeight = sumAxis0(yTrue.data, rows, cols);
    } else {
      const prod = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++)
          prod[i * cols + j] = (yTrue.data[i * cols + j] as number) * (sampleWeight[i] as number);
      }
      averageWeight = sumAxis0(prod, rows, cols);
    }
    if (Math.abs(pairwiseSum(averageWeight)) <= 1e-8) return 0; // np.isclose(sum, 0)
  }
  const bySample = average === 'samples';
  if (bySample) averageWeight = sampleWeight;
  const scoreWeight = bySample ? undefined : sampleWeight;
  const count = bySample ? rows : cols;
  const length = bySample ? cols : rows;
  const score = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const t: Label[] = new Array<Label>(length);
    const s = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      const at = bySample ? c * cols + i : i * cols + c;
      t[i] = yTrue.data[at] as number;
      s[i] = yScore.data[at] as number;
    }
    score[c] = metric(t, s, scoreWeight);
  }
  if (average === null) return score;
  if (averageWeight !== undefined) {
    // Scores of zero-weight columns are forced to 0 so that their NaN cannot spoil the average.
    for (let c = 0; c < count; c++) if (averageWeight[c] === 0) score[c] = 0;
  }
  return npAverage(fn, score, averageWeight);
}

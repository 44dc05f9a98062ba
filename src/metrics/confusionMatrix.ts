import { confusionCounts } from './core/confusion.js';
import { checkNotEmpty } from './core/input.js';
import { oneOf } from './core/options.js';
import { pairwiseSum, sumAxis0, sumAxis1 } from '../util/pairwiseSum.js';
import type { Label, LabelInput, SampleWeight } from './core/types.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** Labels indexing the rows and columns, in this order (default: all labels present, sorted). */
  labels?: readonly Label[] | null;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Divide by row sums ('true'), column sums ('pred') or the total ('all'); default null: raw counts. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/**
 * Confusion matrix C where C[i][j] is the (weighted) number of samples of true label i predicted as label j,
 * as scikit-learn's `confusion_matrix` computes it (0/0 after normalising becomes 0).
 *
 * @param yTrue true labels
 * @param yPred predicted labels
 * @param options `labels`, `sampleWeight`, `normalize` (null)
 * @returns a `k × k` matrix of counts (or fractions when normalised)
 * @throws ValueError for multi-label targets or `labels` none of which occurs in `yTrue`; ConfigError for an
 *   unknown `normalize`; ShapeError for length mismatches
 * @example
 * confusionMatrix(['cat', 'ant', 'cat'], ['ant', 'ant', 'cat']); // [[1, 0], [1, 1]]
 */
export function confusionMatrix(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: ConfusionMatrixOptions = {},
): number[][] {
  const fn = 'confusionMatrix';
  const normalize = oneOf(fn, 'normalize', options.normalize ?? null, ['true', 'pred', 'all', null] as const);
  const { counts, k } = confusionCounts(fn, yTrue, yPred, options.labels, options.sampleWeight);
  if (k === 0) checkNotEmpty(fn, 'yTrue', 0); // no labels given and no samples
  let values = counts;
  if (normalize !== null) {
    values = new Float64Array(k * k);
    const rowSums = normalize === 'true' ? sumAxis1(counts, k, k) : null;
    const colSums = normalize === 'pred' ? sumAxis0(counts, k, k) : null;
    const total = normalize === 'all' ? pairwiseSum(counts) : 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const d = rowSums ? (rowSums[i] as number) : colSums ? (colSums[j] as number) : total;
        let v = (counts[i * k + j] as number) / d;
        // np.nan_to_num: NaN → 0, ±Infinity → ±largest double.
        if (Number.isNaN(v)) v = 0;
        else if (v === Infinity) v = Number.MAX_VALUE;
        else if (v === -Infinity) v = -Number.MAX_VALUE;
        values[i * k + j] = v;
      }
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < k; i++) out.push(Array.from(values.subarray(i * k, (i + 1) * k)));
  return out;
}
